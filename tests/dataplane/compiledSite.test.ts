/**
 * The real dataplane agrees with the COMPILED rule bases and with the reachability proof: a province with
 * two tiers in each of seven zones (DMZ, internal servers, database, management, internal users, Wi-Fi,
 * edge) and a second site hosting a system that flows cross the interconnect to and from, is loaded like any
 * province, its first site compiled (`compileSite(...).ruleBases`) and each enforcer's
 * generated nftables ruleset loaded into a firewall namespace that routes its zones' VLANs (OVS access
 * ports with the plan's VLAN tags). Hosts sit at their tier's planned addresses; real TCP, UDP and ICMP
 * probes over IPv4 and IPv6 for every declared flow, the published services from the Internet (IPv4 by
 * destination NAT, IPv6 routed), the Internet towards every internal zone, and a sample of denied packets.
 * The kernel's verdict must equal, probe by probe, the contract evaluator's (first match over the rule
 * base JSON along the path) and the proof's, read through its probe API from the site's real offline plan.
 */
import type { RuleBase } from "../../compilers/firewall/ruleBaseTypes";
import type { Plan } from "../../offline/planTypes";
import { RULE_BASE_TYPE } from "../../compilers/firewall/ruleBaseTypes";
import { compiledCase, OTHER_SITES, OUTWARD_KINDS, pathBetween } from "./support/compiledCase";
import { loadZonedProvince, ZONED_OTHER_SITE } from "./support/zonedProvince";
import { caseUnderTest } from "./support/caseLifecycle";
import { planFirstSite, proofProber, type ProofAnswer } from "./support/proofReferee";
import type { Comparison, Referee } from "./support/report";

const SITE = "dc1";
const province = loadZonedProvince();
const c = compiledCase(province, SITE);
const hosts = new Map(c.hosts.map((h) => [h.name, h]));
const kinds = new Map(province.inventory.zones.map((z) => [z.id, z.kind]));
const sourceOf = (i: number): string => hosts.get(c.probes[i].from)![c.probes[i].family].split("/")[0];

// The plan (a child process, ~10 s) is made while the namespaces are built: started first, awaited after.
let planning: Promise<Plan> | undefined;
beforeAll(() => {
  planning = planFirstSite(province.inventory, province.asOf);
  planning.catch(() => undefined); // awaited (and reported) below
});
const run = caseUnderTest(c);
let plan: Plan;
let answers: ProofAnswer[] = [];
beforeAll(async () => {
  plan = await planning!;
  const prober = proofProber(province, SITE, plan);
  answers = c.probes.map((p, i) => prober.answer(p, sourceOf(i)));
}, 300_000);

/**
 * The proof's verdict at the zone-firewall layer, as the referee. The namespaces reproduce the zone
 * firewalls (rule bases, routing, NAT) but no Neutron port (so no security group), no FWaaS and no pod:
 * comparing the kernel with the proof's whole verdict would blame the kernel for layers it does not run.
 * The whole verdict is checked apart (declared flows pass every layer).
 */
const proof: Referee = { name: "the reachability proof (zone firewall layer)", verdict: (_, i) => answers[i] };
let probed: Promise<Comparison> | undefined;
const probeOnce = (): Promise<Comparison> => (probed ??= run.probeAndReport("compiled", [proof]));

test("the case covers two tiers in each of the six level-3 zone kinds, behind every enforcer", () => {
  const tiersByKind = new Map<string, Set<string>>();
  for (const h of c.hosts) if (h.tier !== "internet") tiersByKind.set(kinds.get(h.zone)!, (tiersByKind.get(kinds.get(h.zone)!) ?? new Set()).add(h.tier));
  for (const kind of ["dmz", "internal-server", "db-server", "management", "internal", "wireless"]) expect([kind, (tiersByKind.get(kind)?.size ?? 0) >= 2]).toEqual([kind, true]);
  expect(c.ruleBases.length).toBeGreaterThanOrEqual(3);
  expect(c.ruleBases.some((rb) => rb.nat.length > 0)).toBe(true);
});

test("the compiled rule bases allow every declared flow (the evaluator, before the kernel)", () => {
  expect(c.probes.filter((p) => p.why.startsWith("flow ") && p.expected !== "allow").map((p) => `${p.family} ${p.protocol}/${p.port ?? ""} ${p.from} → ${p.to} [${p.why}]`)).toEqual([]);
  const flows = new Set(c.probes.filter((p) => p.why.startsWith("flow ")).map((p) => p.why.slice(5)));
  expect([...flows].sort()).toEqual(province.inventory.flows.map((f) => f.name).sort());
});

test("the Internet reaches every published port of every published instance over IPv4 (NAT) and IPv6, and no internal zone in either family", () => {
  const fromInternet = c.probes.filter((p) => p.from === "internet");
  const nat = c.ruleBases.flatMap((rb) => rb.nat);
  const missing: string[] = [];
  for (const s of province.inventory.systems) {
    for (const t of s.tiers) {
      for (const b of c.hosts.filter((h) => h.tier === `${s.id}/${t.name}` && !h.impostor)) {
        for (const pub of t.publish) {
          for (const family of ["ipv4", "ipv6"] as const) {
            const p = fromInternet.find((x) => x.to === b.name && x.family === family && x.protocol === pub.protocol && x.port === pub.port);
            const natted = family === "ipv4" && nat.some((n) => n.system === s.id && n.tier === t.name && n.port === pub.port);
            const want = natted ? nat.find((n) => n.system === s.id && n.tier === t.name && n.port === pub.port)!.publicAddress : b[family].split("/")[0];
            if (p?.expected !== "allow" || p.target !== want) missing.push(`${family} ${pub.protocol}/${pub.port} → ${b.name} at ${want}: ${p ? `${p.expected} at ${p.target}` : "no probe"}`);
          }
        }
      }
    }
  }
  expect(missing).toEqual([]);
  expect(nat.length).toBeGreaterThan(0);
  const inward = fromInternet.filter((p) => !OUTWARD_KINDS.has(kinds.get(hosts.get(p.to)!.zone) ?? ""));
  expect(inward.filter((p) => p.expected !== "deny").map((p) => `${p.family} ${p.protocol}/${p.port} → ${p.to}`)).toEqual([]);
  for (const family of ["ipv4", "ipv6"] as const) expect([family, inward.filter((p) => p.family === family).length > 0]).toEqual([family, true]);
});

test("the other site's system is reached over the interconnect as declared, both ways, and on nothing else", () => {
  const remote = c.hosts.filter((h) => h.zone === OTHER_SITES);
  expect(remote.map((h) => `${h.name} behind ${h.enforcer}`)).toEqual([`archive/db@${ZONED_OTHER_SITE} behind ${province.inventory.zones.find((z) => z.site === SITE && z.kind === "edge")!.enforcedBy}`]);
  const crossing = c.probes.filter((p) => remote.some((h) => h.name === p.from || h.name === p.to));
  expect([...new Set(crossing.filter((p) => p.expected === "allow").map((p) => p.why))].sort()).toEqual(["flow archive-dns", "flow portal-archive"]);
  for (const family of ["ipv4", "ipv6"] as const) {
    expect([family, crossing.filter((p) => p.family === family && p.expected === "allow").length > 0]).toEqual([family, true]);
    expect([family, crossing.filter((p) => p.family === family && p.expected === "deny").length > 0]).toEqual([family, true]);
  }
  // The enforcer the interconnect enters at says so.
  expect(c.ruleBases.filter((rb) => rb.externals.includes("interconnect")).map((rb) => rb.device)).toEqual([remote[0].enforcer]);
});

test("the plan the proof reads carries exactly the rule bases the namespaces load", () => {
  const planned = plan.resources.filter((r) => r.type === RULE_BASE_TYPE).map((r) => r.inputs.ruleBase as RuleBase);
  const byDevice = (a: RuleBase, b: RuleBase): number => a.device.localeCompare(b.device);
  expect([...planned].sort(byDevice)).toEqual([...c.ruleBases].sort(byDevice));
});

test("the proof crosses, for every probe, the zone firewalls the namespaces route it through, each with its rule base", () => {
  const wrong: string[] = [];
  c.probes.forEach((p, i) => {
    const r = answers[i].result;
    const want = pathBetween(hosts.get(p.from)!, hosts.get(p.to)!).map((d) => `zone firewall ${d} (site ${SITE})`);
    const got = r.layers.filter((l) => l.layer === "zone-firewall").map((l) => l.point);
    if (JSON.stringify(got) !== JSON.stringify(want) || r.missingRuleBases.length > 0) wrong.push(`${p.family} ${p.from} → ${p.to}: proof ${JSON.stringify(got)} (missing ${r.missingRuleBases.join(", ") || "none"}), namespaces ${JSON.stringify(want)}`);
    // A public IPv4 address is translated by the proof as by the edge: to an instance of the probed tier.
    if (p.target !== hosts.get(p.to)![p.family].split("/")[0] && r.to.endpoint !== `tier:${hosts.get(p.to)!.tier}`) wrong.push(`${p.target} → ${p.to}: the proof translated it to ${JSON.stringify(r.translated)} (${r.to.endpoint})`);
  });
  expect(wrong).toEqual([]);
});

test("declared flows pass every layer of the proof, not only the zone firewalls", () => {
  const blocked = c.probes.flatMap((p, i) => (p.why.startsWith("flow ") && answers[i].all !== "allow" ? [`${p.why}: ${answers[i].explanation}`] : []));
  expect(blocked).toEqual([]);
});

test("every probe's kernel verdict equals the contract evaluator's", async () => {
  const result = await probeOnce();
  expect(result.mismatches).toEqual([]);
  for (const f of ["ipv4", "ipv6"] as const) {
    expect(result.counts[f].allow).toBeGreaterThan(0);
    expect(result.counts[f].deny).toBeGreaterThan(0);
  }
  expect(Object.keys(result.protocols).sort()).toEqual(["icmp", "tcp", "udp"]);
}, 600_000);

test("every probe's kernel verdict equals the reachability proof's, probe by probe", async () => {
  const result = await probeOnce();
  expect(result.disagreements[proof.name]).toEqual([]);
  expect(answers.length).toBe(c.probes.length);
}, 600_000);
