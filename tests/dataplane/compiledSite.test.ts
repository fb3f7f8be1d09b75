/**
 * The real dataplane agrees with the COMPILED rule bases: a province with two tiers in each of seven
 * zones (DMZ, internal servers, database, management, internal users, Wi-Fi, edge) is loaded like any
 * province, its site compiled (`compileSite(...).ruleBases`) and each enforcer's generated nftables
 * ruleset loaded into a firewall namespace that routes its zones' VLANs (OVS access ports with the
 * plan's VLAN tags). Hosts sit at their tier's planned addresses; real TCP, UDP and ICMP probes over
 * IPv4 and IPv6 for every declared flow and a sample of denied packets; the kernel's verdict must equal
 * the contract evaluator's (first match over the rule base JSON along the path), probe by probe, and
 * every declared flow must be allowed by it.
 */
import { compiledCase } from "./support/compiledCase";
import { loadZonedProvince } from "./support/zonedProvince";
import { caseUnderTest } from "./support/caseLifecycle";

const province = loadZonedProvince();
const c = compiledCase(province, "dc1");
const run = caseUnderTest(c);

test("the case covers two tiers in each of the six level-3 zone kinds, behind every enforcer", () => {
  const kinds = new Map(province.inventory.zones.map((z) => [z.id, z.kind]));
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

test("every probe's kernel verdict equals the expected verdict", async () => {
  const result = await run.probeAndReport("compiled");
  expect(result.mismatches).toEqual([]);
  for (const f of ["ipv4", "ipv6"] as const) {
    expect(result.counts[f].allow).toBeGreaterThan(0);
    expect(result.counts[f].deny).toBeGreaterThan(0);
  }
  expect(Object.keys(result.protocols).sort()).toEqual(["icmp", "tcp", "udp"]);
}, 600_000);
