import type { FieldPath, Problem } from "./types";

/**
 * A field path as people write it: `zones[3].vlans[0].id`.
 * @param path the path
 */
export function formatPath(path: FieldPath): string {
  let out = "";
  for (const seg of path) out += typeof seg === "number" ? `[${seg}]` : out === "" ? seg : `.${seg}`;
  return out === "" ? "(top level)" : out;
}

/**
 * One problem as a line: `file:line:col  field.path  message (found: ...)`.
 * @param p the problem
 */
export function formatProblem(p: Problem): string {
  const where = p.location ? `${p.location.file}:${p.location.line}:${p.location.column}` : "(no file)";
  return `${where}  ${formatPath(p.path)}  ${p.message}${p.found === undefined ? "" : ` (found: ${p.found})`}`;
}

/** Problems of one kind listed before the rest are counted: one root cause often repeats down a long list. */
export const MAX_PER_KIND = 10;

/** Problems listed in all. */
export const MAX_LISTED = 200;

/**
 * What makes two problems "the same kind": the field path without its indexes and the message without
 * the values it quotes or counts (`zones[].vlans[].id  expected a VLAN id from 1 to 4094`).
 * @param p the problem
 */
export function problemKind(p: Problem): string {
  const path = formatPath(p.path.map((s) => (typeof s === "number" ? -1 : s))).replace(/\[-1\]/g, "[]");
  return `${path}  ${p.message.replace(/"[^"]*"/g, '"…"').replace(/\d+/g, "#")}`;
}

/**
 * Every problem as a line, capped: at most `MAX_PER_KIND` of a kind and `MAX_LISTED` in all, each cap
 * saying how many it left out, so a file of ten thousand bad entries prints a page, not ten thousand lines.
 * @param problems the problems, in order
 */
export function formatProblems(problems: readonly Problem[]): string[] {
  const perKind = new Map<string, number>();
  const lines: string[] = [];
  const left = new Map<string, number>();
  let listed = 0;
  for (const p of problems) {
    const kind = problemKind(p);
    const n = (perKind.get(kind) ?? 0) + 1;
    perKind.set(kind, n);
    if (n > MAX_PER_KIND || listed >= MAX_LISTED) {
      left.set(kind, (left.get(kind) ?? 0) + 1);
      continue;
    }
    lines.push(formatProblem(p));
    listed++;
  }
  const omitted = [...left.values()].reduce((a, b) => a + b, 0);
  if (omitted > 0) {
    lines.push(`… and ${omitted} more problem${omitted === 1 ? "" : "s"} not listed (${problems.length} in all; at most ${MAX_PER_KIND} of a kind and ${MAX_LISTED} in all are listed):`);
    for (const [kind, n] of [...left].sort((a, b) => b[1] - a[1]).slice(0, 20)) lines.push(`  ${n} more like: ${kind}`);
    if (left.size > 20) lines.push(`  … and ${left.size - 20} more kinds`);
  }
  return lines;
}
