/**
 * Read-back from the real Neutron: ≥500 networks, 1,000 subnets and 3,000 security group rules, read
 * serially (page after page) and with bounded parallelism (shards under a limiter), in the same run.
 * Starts the local cloud (scripts/services/up) when it is not running and stops it again afterwards;
 * on a cloud that was already running, the bench objects are created once and reused.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { OpenStackClient } from "../../clients/openstack/client";
import { readLocalCloud } from "../../asbuilt/localCloud";
import { mapLimit } from "../../clients/openstack/limiter";
import { Neutron } from "../../clients/openstack/neutron";
import { elapsedMs, writeBenchResult } from "./result";

const ROOT = path.resolve(__dirname, "../..");
const NETWORKS = 500;
const SUBNETS_PER_NETWORK = 2;
const GROUPS = 30;
const RULES_PER_GROUP = 100;
const SHARDS = 8;
/** Bench VLANs 2000–2499 on physnet-dc: clear of the example plan's (100–1201), so both can share a cloud. */
const VLAN_BASE = 2000;
const PARALLEL = 8;
/** Page size: Neutron's default has no cap (pagination_max_limit -1); bigger pages, fewer round trips. */
const PAGE = 500;
/** Bench objects are found by description (tags cannot be set in Zed's bulk POST). */
const desc = (shard: number): string => `hatang-bench shard ${shard}`;

function chunks<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** Creates the bench objects unless a previous run left them; returns the ms it took (0 when reused). */
async function setup(neutron: Neutron): Promise<number> {
  const rules = await neutron.list("security_group_rules", { description: "bench", fields: ["id"] });
  if (rules.length >= GROUPS * RULES_PER_GROUP) return 0;
  const partial = await neutron.list("networks", { description: Array.from({ length: SHARDS }, (_, i) => desc(i)), fields: ["id"] });
  if (partial.length > 0) throw new Error("partial bench data from an interrupted run: restart the local cloud (scripts/services/down; scripts/services/up)");
  console.log("  setup: creating the bench networks, subnets, groups and rules (bulk)…");
  const started = performance.now();
  const nets = (await mapLimit(chunks(Array.from({ length: NETWORKS }, (_, i) => i), 50), 2, (idx) =>
    neutron.createMany("networks", idx.map((i) => ({ name: `bench-net-${i}`, description: desc(i % SHARDS), "provider:network_type": "vlan", "provider:physical_network": "physnet-dc", "provider:segmentation_id": VLAN_BASE + i }))),
  )).flat();
  const subnetBodies = nets.flatMap((n, i) => [
    { network_id: n.id, name: `bench-sub-${i}-v4`, description: desc(i % SHARDS), ip_version: 4, cidr: `10.${100 + Math.floor(i / 256)}.${i % 256}.0/24` },
    { network_id: n.id, name: `bench-sub-${i}-v6`, description: desc(i % SHARDS), ip_version: 6, cidr: `2001:db8:b:${i.toString(16)}::/64`, ipv6_ra_mode: "slaac", ipv6_address_mode: "slaac" },
  ].slice(0, SUBNETS_PER_NETWORK));
  await mapLimit(chunks(subnetBodies, 50), 2, (b) => neutron.createMany("subnets", b));
  const groups = await neutron.createMany("security_groups", Array.from({ length: GROUPS }, (_, g) => ({ name: `bench-sg-${g}`, description: desc(g % SHARDS) })));
  const ruleBodies = groups.flatMap((g) => Array.from({ length: RULES_PER_GROUP }, (_, r) => ({ security_group_id: g.id, direction: "ingress", ethertype: "IPv4", protocol: "tcp", port_range_min: 1000 + r, port_range_max: 1000 + r, remote_ip_prefix: "10.0.0.0/8", description: "bench" })));
  await mapLimit(chunks(ruleBodies, 100), 2, (b) => neutron.createMany("security_group_rules", b));
  const ms = elapsedMs(started);
  console.log(`  setup: ${(ms / 1000).toFixed(1)} s`);
  return ms;
}

interface Counts {
  networks: number;
  subnets: number;
  rules: number;
}

/** Serial: one listing after the other, page after page. */
async function readSerial(neutron: Neutron): Promise<Counts> {
  const descriptions = Array.from({ length: SHARDS }, (_, i) => desc(i));
  const networks = await neutron.list("networks", { description: descriptions, limit: PAGE });
  const subnets = await neutron.list("subnets", { description: descriptions, limit: PAGE });
  const groups = await neutron.list("security_groups", { description: descriptions, limit: PAGE, fields: ["id"] });
  let rules = 0;
  for (const g of groups) rules += (await neutron.list("security_group_rules", { security_group_id: g.id, limit: PAGE, description: "bench" })).length;
  return { networks: networks.length, subnets: subnets.length, rules };
}

/** Parallel: every shard and group listed at once, at most PARALLEL requests in flight. */
async function readParallel(neutron: Neutron): Promise<Counts> {
  const shards = Array.from({ length: SHARDS }, (_, i) => desc(i));
  const [nets, subs, groups] = await Promise.all([
    mapLimit(shards, PARALLEL, (d) => neutron.list("networks", { description: d, limit: PAGE })),
    mapLimit(shards, PARALLEL, (d) => neutron.list("subnets", { description: d, limit: PAGE })),
    neutron.list("security_groups", { description: shards, fields: ["id"] }),
  ]);
  const rules = await mapLimit(groups, PARALLEL, (g) => neutron.list("security_group_rules", { security_group_id: g.id, limit: PAGE, description: "bench" }));
  return { networks: nets.flat().length, subnets: subs.flat().length, rules: rules.flat().length };
}

async function main(): Promise<void> {
  const up = execFileSync("bash", [path.join(ROOT, "scripts/services/up")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const startedHere = !/already running/.test(up);
  try {
    const credentials = readLocalCloud(ROOT);
    // The client's own limiter is the bound: PARALLEL requests in flight at most.
    const neutron = new Neutron(await OpenStackClient.connect({ credentials, concurrency: PARALLEL, timeoutMs: 120_000 }));
    const setupMs = await setup(neutron);
    await readParallel(neutron); // warm-up: Neutron's first listings load policies and caches
    let t = performance.now();
    const serial = await readSerial(neutron);
    const serialMs = elapsedMs(t);
    t = performance.now();
    const parallel = await readParallel(neutron);
    const parallelMs = elapsedMs(t);
    if (JSON.stringify(serial) !== JSON.stringify(parallel) || serial.networks < NETWORKS || serial.subnets < NETWORKS * SUBNETS_PER_NETWORK || serial.rules < GROUPS * RULES_PER_GROUP) {
      throw new Error(`read-backs disagree or are short: serial ${JSON.stringify(serial)}, parallel ${JSON.stringify(parallel)}`);
    }
    const objects = serial.networks + serial.subnets + serial.rules;
    writeBenchResult("openstack", "OpenStack read-back (real Neutron, Zed)", [
      { metric: "objects read back", value: objects, unit: "objects", note: `${serial.networks} networks, ${serial.subnets} subnets, ${serial.rules} rules` },
      { metric: "serial read-back", value: serialMs, unit: "ms", note: `pages of ${PAGE}, one request at a time` },
      { metric: "parallel read-back", value: parallelMs, unit: "ms", note: `${PARALLEL} requests in flight; target ≤ 10000 ms` },
      { metric: "serial / parallel", value: Math.round((serialMs / parallelMs) * 100) / 100, unit: "×" },
      { metric: "setup (not part of the read-back)", value: setupMs, unit: "ms", note: setupMs === 0 ? "bench objects reused from a running cloud" : "bulk creates into a fresh cloud" },
    ]);
    if (parallelMs > 10_000) console.log("  WARNING: parallel read-back above the 10 s target");
  } finally {
    if (startedHere) execFileSync("bash", [path.join(ROOT, "scripts/services/down")], { stdio: "inherit" });
  }
}

main().catch((e: Error) => {
  console.error(`openstack bench: ${e.message}`);
  process.exit(1);
});
