/**
 * Compares the kernel's verdicts with the expected ones (and with each referee's, such as the reachability
 * proof's) and writes out/dataplane/<name>.{md,json}.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { DataplaneCase, ProbeSpec } from "./caseTypes";
import type { Dataplane } from "./dataplane";

/** Probe counts per family and verdict. */
export type Counts = Record<"ipv4" | "ipv6", { allow: number; deny: number }>;

/** A verdict, with the reasoning shown when the kernel disagrees with it. */
export interface RefereeVerdict {
  verdict: "allow" | "deny";
  /** Why, for people (the layers and rules that decided). */
  explanation: string;
}

/** A second checker of every probe, compared with the kernel probe by probe like the expected verdict. */
export interface Referee {
  /** Its name in reports and failures (`the proof (zone firewall layer)`). */
  name: string;
  /**
   * Its verdict on one probe.
   * @param p the probe
   * @param index the probe's index in the case
   */
  verdict(p: ProbeSpec, index: number): RefereeVerdict;
}

/** The outcome of a run. */
export interface Comparison {
  counts: Counts;
  /** Per protocol. */
  protocols: Record<string, number>;
  /** Probes whose kernel verdict differs from the expected one (after retrying expected-allow ones once). */
  mismatches: string[];
  /** Per referee (by name): probes whose kernel verdict differs from the referee's, with both verdicts and its explanation. */
  disagreements: Record<string, string[]>;
  /** Expected-allow probes that needed the retry. */
  retried: number;
  probeMs: number;
}

const TIMEOUT_S = 2;

function describe(p: ProbeSpec): string {
  return `${p.family} ${p.protocol}${p.port ? `/${p.port}` : ""} ${p.from} → ${p.to} (${p.target}) [${p.why}]`;
}

/**
 * Probes every case probe; a probe the expected verdict or a referee allows that timed out is tried once
 * more with a longer timeout (a slow machine's first packet), never one all of them deny (a slow machine
 * cannot let a dropped packet through).
 * @param dp the built case
 * @param probes its probes
 * @param referees further checkers compared with the kernel, probe by probe
 */
export async function compareVerdicts(dp: Dataplane, probes: readonly ProbeSpec[], referees: readonly Referee[] = []): Promise<Comparison> {
  const t0 = Date.now();
  const opinions = referees.map((r) => probes.map((p, i) => r.verdict(p, i)));
  const first = await dp.probe(probes, TIMEOUT_S);
  const someoneAllows = (i: number): boolean => probes[i].expected === "allow" || opinions.some((o) => o[i].verdict === "allow");
  const retryIdx = probes.map((_, i) => i).filter((i) => someoneAllows(i) && first.get(i)?.verdict !== "allow");
  const second = retryIdx.length > 0 ? await dp.probe(retryIdx.map((i) => probes[i]), TIMEOUT_S * 3) : new Map<number, { verdict: string; detail: string }>();
  const verdicts = new Map(first);
  retryIdx.forEach((i, k) => {
    const r = second.get(k);
    if (r) verdicts.set(i, r);
  });
  const counts: Counts = { ipv4: { allow: 0, deny: 0 }, ipv6: { allow: 0, deny: 0 } };
  const protocols: Record<string, number> = {};
  const mismatches: string[] = [];
  const disagreements: Record<string, string[]> = Object.fromEntries(referees.map((r) => [r.name, []]));
  probes.forEach((p, i) => {
    counts[p.family][p.expected]++;
    protocols[p.protocol] = (protocols[p.protocol] ?? 0) + 1;
    const got = verdicts.get(i);
    const kernel = `kernel ${got?.verdict ?? "no answer"} (${got?.detail ?? "-"})`;
    if (!got || got.verdict !== p.expected) mismatches.push(`${describe(p)}: expected ${p.expected}, ${kernel}`);
    referees.forEach((r, k) => {
      const o = opinions[k][i];
      if (got?.verdict !== o.verdict) disagreements[r.name].push(`${describe(p)}: ${kernel}, ${r.name} ${o.verdict} (expected ${p.expected})\n${o.explanation.trimEnd()}`);
    });
  });
  return { counts, protocols, mismatches, disagreements, retried: retryIdx.length, probeMs: Date.now() - t0 };
}

/** Writes the run's report and prints its summary (duration and probe counts per family). */
export function writeDataplaneReport(name: string, c: DataplaneCase, r: Comparison, times: { buildMs: number; totalMs: number }): void {
  const dir = path.resolve("out/dataplane");
  fs.mkdirSync(dir, { recursive: true });
  const total = r.counts.ipv4.allow + r.counts.ipv4.deny + r.counts.ipv6.allow + r.counts.ipv6.deny;
  const md = [
    `# Dataplane: ${c.label}`,
    "",
    `${c.enforcers.length} enforcers, ${c.hosts.length} hosts, ${total} probes (${Object.entries(r.protocols).map(([k, v]) => `${k} ${v}`).join(", ")}); build ${(times.buildMs / 1000).toFixed(1)} s, probes ${(r.probeMs / 1000).toFixed(1)} s, total ${(times.totalMs / 1000).toFixed(1)} s; ${r.retried} expected-allow probe(s) retried.`,
    "",
    "| family | allowed | denied |",
    "|---|---:|---:|",
    `| IPv4 | ${r.counts.ipv4.allow} | ${r.counts.ipv4.deny} |`,
    `| IPv6 | ${r.counts.ipv6.allow} | ${r.counts.ipv6.deny} |`,
    "",
    r.mismatches.length === 0 ? "Every kernel verdict equals the expected one." : `## ${r.mismatches.length} mismatch(es)\n\n${r.mismatches.map((m) => `- ${m}`).join("\n")}`,
    ...Object.entries(r.disagreements).map(([name, list]) =>
      list.length === 0 ? `\nKernel = ${name}: all ${total} probes agree.` : `\n## ${list.length} disagreement(s) with ${name}\n\n${list.map((m) => `- ${m.replace(/\n/g, "\n  ")}`).join("\n")}`,
    ),
    "",
  ].join("\n");
  fs.writeFileSync(path.join(dir, `${name}.md`), md);
  fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({ label: c.label, enforcers: c.enforcers.length, hosts: c.hosts.length, ...r, ...times }, null, 2) + "\n");
  console.log(md);
}
