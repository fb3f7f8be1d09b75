/**
 * NetBox sync benchmark (issue 13): a synthetic province of about 10,000 NetBox objects synced into the
 * NetBox fake (tests/netbox/fakeNetBox.ts, loopback HTTP, every request and response schema-validated),
 * initial sync and re-run, against a per-object baseline in the same run — one GET by natural attributes
 * then one POST (or PATCH when changed) per object, the call pattern of pynetbox scripts and the Ansible
 * NetBox modules. Both build the same bodies (the baseline drives the same mapping through a per-object port).
 * Figures: API calls, writes, wall time and CPU time of the client process, for each.
 */
import { oneSiteProvince } from "./oneSiteProvince";
import { allocateAddressPlan } from "../../inventory/addressing";
import { compileSite } from "../../compilers/site";
import { NetBoxClient } from "../../clients/netbox/client";
import { ENDPOINTS } from "../../clients/netbox/endpoints";
import { clientPort } from "../../netbox/clientPort";
import { mapSite, siteOwnership } from "../../netbox/mapping/mapSite";
import { REF_ATTRIBUTES, type Fields } from "../../netbox/objectKeys";
import { syncNetBox, type NetBoxPort } from "../../netbox/sync";
import type { DesiredObject } from "../../netbox/desired";
import { FakeNetBox } from "../../tests/netbox/fakeNetBox";
import { elapsedMs, writeBenchResult, type BenchRow } from "./result";

const SIZES = { sites: 1, agencies: 600, vlans: 900, devices: 1400, systems: 120 };

/**
 * A port that talks to NetBox one object at a time: a GET by the object's plain identifying attributes per
 * desired object instead of one listing per type, a POST per created object, a PATCH per updated one.
 */
function perObjectPort(client: NetBoxClient, desired: readonly DesiredObject[], counts: { calls: number; writes: number }): NetBoxPort {
  const base = clientPort(client);
  const http = (client as unknown as { request: (m: string, p: string, b?: unknown) => Promise<unknown> }).request.bind(client);
  return {
    async list(type) {
      const found = new Map<number, Fields>();
      for (const d of desired.filter((x) => x.type === type)) {
        const q = new URLSearchParams();
        for (const [f, nested] of Object.entries(REF_ATTRIBUTES[type])) if (nested === null && (typeof d.body[f] === "string" || typeof d.body[f] === "number")) q.append(f, String(d.body[f]));
        q.append("limit", "1000");
        const page = (await http("GET", `${ENDPOINTS[type]}?${q.toString()}`)) as { results: Fields[] };
        counts.calls++;
        for (const o of page.results) found.set(o.id as number, o);
      }
      return [...found.values()];
    },
    async create(type, items) {
      const out: Fields[] = [];
      for (const i of items) {
        out.push((await http("POST", ENDPOINTS[type], { ...i, changelog_message: "baseline" })) as Fields);
        counts.calls++;
        counts.writes++;
      }
      return out;
    },
    async update(type, items) {
      const out: Fields[] = [];
      for (const i of items) {
        out.push(...(await base.update(type, [i])));
        counts.calls++;
        counts.writes++;
      }
      return out;
    },
    async delete(type, ids) {
      for (const id of ids) {
        await base.delete(type, [id]);
        counts.calls++;
        counts.writes++;
      }
    },
  };
}

interface Run {
  calls: number;
  writes: number;
  ms: number;
  cpuMs: number;
}

async function timed(f: () => Promise<{ calls: number; writes: number }>): Promise<Run> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const r = await f();
  const c = process.cpuUsage(cpu);
  return { ...r, ms: elapsedMs(t), cpuMs: Math.round((c.user + c.system) / 1000) };
}

async function main(): Promise<void> {
  const inv = oneSiteProvince(SIZES);
  const alloc = allocateAddressPlan(inv);
  if (!alloc.ok) throw new Error(JSON.stringify(alloc.problems.slice(0, 3)));
  const site = inv.sites[0];
  const plan = alloc.plan.sites.find((p) => p.site === site.id);
  if (!plan) throw new Error("no plan");
  const desired = mapSite(inv, alloc.plan.sites, site, compileSite(inv, plan, { province: alloc.plan }));
  const ownership = siteOwnership(inv.province.code, site.id);
  console.log(`  synthetic province: ${desired.length} NetBox objects`);

  const runOurs = async (fake: FakeNetBox, url: string): Promise<{ calls: number; writes: number }> => {
    const client = new NetBoxClient({ url, token: fake.token, changelogMessage: "bench", sleep: () => Promise.resolve() });
    await syncNetBox(clientPort(client), desired, { apply: true, ownership });
    return { calls: client.totalRequests, writes: client.totalWrites };
  };
  const runBaseline = async (fake: FakeNetBox, url: string): Promise<{ calls: number; writes: number }> => {
    const client = new NetBoxClient({ url, token: fake.token, changelogMessage: "baseline", sleep: () => Promise.resolve() });
    const counts = { calls: 0, writes: 0 };
    await syncNetBox(perObjectPort(client, desired, counts), desired, { apply: true, ownership });
    return counts;
  };
  // Warm-up: the fake compiles its schema validators once per process.
  {
    const warm = new FakeNetBox();
    const url = await warm.start();
    await runOurs(warm, url);
    await warm.stop();
  }
  const results: Record<string, { initial: Run; rerun: Run; violations: number }> = {};
  // Interleaved: ours, baseline, each into a fresh fake.
  for (const [name, run] of [["hatang (bulk)", runOurs], ["per-object baseline", runBaseline]] as const) {
    const fake = new FakeNetBox();
    const url = await fake.start();
    const initial = await timed(() => run(fake, url));
    const rerun = await timed(() => run(fake, url));
    if (fake.size !== desired.length) throw new Error(`${name}: NetBox holds ${fake.size} objects, the model ${desired.length}`);
    results[name] = { initial, rerun, violations: fake.violations.length };
    console.log(`  ${name}: initial ${initial.calls} calls ${initial.ms} ms; re-run ${rerun.calls} calls, ${rerun.writes} writes ${rerun.ms} ms`);
    await fake.stop();
  }
  const ours = results["hatang (bulk)"];
  const base = results["per-object baseline"];
  const rows: BenchRow[] = [{ metric: "NetBox objects", value: desired.length, unit: "objects", note: `${Object.keys(SIZES).map((k) => `${k} ${SIZES[k as keyof typeof SIZES]}`).join(", ")}` }];
  for (const [name, r] of Object.entries(results)) {
    rows.push(
      { metric: `${name}: initial sync API calls`, value: r.initial.calls, unit: "calls", note: `${r.initial.writes} writes` },
      { metric: `${name}: initial sync time`, value: r.initial.ms, unit: "ms", note: `client CPU ${r.initial.cpuMs} ms (fake in the same process)` },
      { metric: `${name}: re-run API calls`, value: r.rerun.calls, unit: "calls", note: `${r.rerun.writes} writes` },
      { metric: `${name}: re-run time`, value: r.rerun.ms, unit: "ms" },
    );
  }
  rows.push(
    { metric: "calls, baseline / ours (initial)", value: Math.round((base.initial.calls / ours.initial.calls) * 10) / 10, unit: "×", note: "target ≥ 50" },
    { metric: "calls, baseline / ours (re-run)", value: Math.round((base.rerun.calls / ours.rerun.calls) * 10) / 10, unit: "×" },
    { metric: "writes on re-run (ours)", value: ours.rerun.writes, unit: "writes", note: "target 0" },
    { metric: "schema violations seen by the fake", value: ours.violations + base.violations, unit: "violations" },
  );
  writeBenchResult("netbox", "NetBox sync of a synthetic province into the fake: bulk vs per-object (issue 13)", rows);
  if (ours.rerun.writes !== 0 || base.initial.calls / ours.initial.calls < 50) console.log("  WARNING: a target is missed");
}

main().catch((e: Error) => {
  console.error(`netbox bench: ${e.message}`);
  process.exit(1);
});
