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
