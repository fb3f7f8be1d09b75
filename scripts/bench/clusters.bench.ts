/**
 * Kubernetes clusters built by the program (issue 17), what a user waits for: the offline plan of a
 * one-site province with 1, 2, 5 and 10 clusters of 50 nodes (node ports and servers, server groups,
 * API VIPs, the clusters' own security groups, the kubeconfig reads) and the reachability proof of that
 * plan (every node an endpoint, the clusters' own flows). The baseline is the same province with one
 * cluster of 50, in the same run. Every size runs twice, in the order 1, 2, 5, 10 then 10, 5, 2, 1 (so
 * neither end of the run is favoured by the machine's load); each run is its own process, the plan
 * warmed up by nothing but the same start for every size, the proof with one warm-up proof before the
 * measured one (scripts/bench/reachabilityChild.ts). Reported: the faster of the two runs in CPU time
 * (user + system), wall time, peak RSS, growth exponents over the clusters and the ratio to the baseline.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { $ } from "zx";
import { exponent } from "./measure";
import { writeBenchResult, type BenchRow } from "./result";
import { writeInventoryStack, type SyntheticStack } from "./syntheticStack";
import { clusterProvince } from "./clusterProvince";

const NODES = 50;
const CLUSTERS = [1, 2, 5, 10];
const NODE = ["--stack-trace-limit=0", "--max-old-space-size=4096", "--import", "tsx"];

interface PlanRun {
  cpuMs: number;
  wallMs: number;
  maxRssKiB: number;
  resources: number;
}
interface ProofRun {
  cpuMs: number;
  wallMs: number;
  maxRssKiB: number;
  resources: number;
  classes: number;
  discrepancies: number;
  holds: boolean;
}

/** A child process's CPU (its own user + system, from bash's `time`) and wall time, and its last JSON line. */
async function timed<T>(args: string[]): Promise<{ cpuMs: number; wallMs: number; out: T }> {
  const script = `TIMEFORMAT='%R %U %S'; time node ${NODE.join(" ")} ${args.map((a) => `'${a}'`).join(" ")}`;
  const r = await $({ quiet: true })`bash -c ${script}`;
  const [real, user, sys] = (r.stderr.trim().split("\n").pop() ?? "0 0 0").split(" ").map(Number);
  return { cpuMs: Math.round((user + sys) * 1000), wallMs: Math.round(real * 1000), out: JSON.parse(r.stdout.trim().split("\n").pop() as string) as T };
}

async function planOnce(stack: SyntheticStack): Promise<PlanRun> {
  const out = path.join(stack.root, "out");
  const r = await timed<{ all: number; maxRssKiB: number }>([path.resolve("offline/planStack.ts"), stack.root, stack.site, out]);
  return { cpuMs: r.cpuMs, wallMs: r.wallMs, maxRssKiB: r.out.maxRssKiB, resources: r.out.all };
}

async function proofOnce(stack: SyntheticStack): Promise<ProofRun> {
  const r = await $({ quiet: true })`node ${NODE} ${path.resolve("scripts/bench/reachabilityChild.ts")} ${stack.provinceDir} ${stack.site} ${path.join(stack.root, "out", stack.site, "plan.json")}`;
  return JSON.parse(r.stdout.trim().split("\n").pop() as string) as ProofRun;
}

const best = <T extends { cpuMs: number }>(runs: T[]): T => runs.reduce((a, b) => (b.cpuMs < a.cpuMs ? b : a));

async function main(): Promise<void> {
  const stacks = new Map(CLUSTERS.map((n) => [n, writeInventoryStack(clusterProvince(n, NODES), `hatang-clusters-bench-${n}-`)]));
  const plans = new Map<number, PlanRun[]>(CLUSTERS.map((n) => [n, []]));
  const proofs = new Map<number, ProofRun[]>(CLUSTERS.map((n) => [n, []]));
  try {
    for (const order of [CLUSTERS, [...CLUSTERS].reverse()]) {
      for (const n of order) {
        const stack = stacks.get(n) as SyntheticStack;
        const p = await planOnce(stack);
        plans.get(n)?.push(p);
        const q = await proofOnce(stack);
        proofs.get(n)?.push(q);
        console.log(`  ${n} × ${NODES} nodes: plan ${p.resources} resources in ${p.cpuMs} ms CPU (${p.wallMs} ms wall, ${Math.round(p.maxRssKiB / 1024)} MiB); proof ${q.cpuMs} ms CPU (${q.wallMs} ms wall, ${Math.round(q.maxRssKiB / 1024)} MiB), ${q.discrepancies} discrepancies, ${q.holds ? "holds" : "does not hold"}`);
      }
    }
  } finally {
    for (const s of stacks.values()) fs.rmSync(s.root, { recursive: true, force: true });
  }
  const rows: BenchRow[] = [];
  const bestPlans = CLUSTERS.map((n) => best(plans.get(n) as PlanRun[]));
  const bestProofs = CLUSTERS.map((n) => best(proofs.get(n) as ProofRun[]));
  CLUSTERS.forEach((n, i) => {
    const p = bestPlans[i];
    const q = bestProofs[i];
    const what = `${n} cluster(s) × ${NODES} nodes${n === 1 ? " (baseline)" : ""}`;
    rows.push({ metric: `plan, ${what}: ${p.resources} resources, CPU`, value: p.cpuMs, unit: "ms", note: `faster of ${plans.get(n)?.map((r) => r.cpuMs).join(", ")} ms; wall ${p.wallMs} ms${n === 1 ? "" : `; ${Math.round((p.cpuMs / bestPlans[0].cpuMs) * 100) / 100}× the baseline`}` });
    rows.push({ metric: `plan, ${what}: peak RSS`, value: Math.round(p.maxRssKiB / 1024), unit: "MiB" });
    rows.push({ metric: `proof, ${what}: CPU`, value: q.cpuMs, unit: "ms", note: `faster of ${proofs.get(n)?.map((r) => r.cpuMs).join(", ")} ms; wall ${q.wallMs} ms; ${q.classes} classes; ${q.discrepancies} discrepancies (${q.holds ? "holds" : "does not hold"})${n === 1 ? "" : `; ${Math.round((q.cpuMs / bestProofs[0].cpuMs) * 100) / 100}× the baseline`}` });
    rows.push({ metric: `proof, ${what}: peak RSS`, value: Math.round(q.maxRssKiB / 1024), unit: "MiB", note: "the whole process (province, plan and proof)" });
  });
  rows.push({ metric: "growth exponent, plan CPU over clusters", value: exponent(CLUSTERS, bestPlans.map((p) => p.cpuMs)), unit: "", note: "CPU ~ clusters^k (the province's fixed part included); 1 = linear" });
  rows.push({ metric: "growth exponent, plan CPU over resources", value: exponent(bestPlans.map((p) => p.resources), bestPlans.map((p) => p.cpuMs)), unit: "" });
  rows.push({ metric: "growth exponent, proof CPU over clusters", value: exponent(CLUSTERS, bestProofs.map((p) => p.cpuMs)), unit: "", note: "every node is an endpoint: pairs grow with the square of the nodes unless classes merge them" });
  rows.push({ metric: "growth exponent, proof peak RSS over clusters", value: exponent(CLUSTERS, bestProofs.map((p) => p.maxRssKiB)), unit: "" });
  writeBenchResult("clusters", `Built Kubernetes clusters: plan and proof of a province with 1, 2, 5 and 10 clusters of ${NODES} nodes (issue 17)`, rows);
}

void main();
