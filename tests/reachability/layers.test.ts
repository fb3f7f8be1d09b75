/**
 * Each layer on small hand-made plans, asserted on exact port sets: security groups, FWaaS on a zone's
 * own router, and the zone firewalls' rule bases on the path the contract defines
 * (compilers/firewall/ruleBaseTypes.ts): none within a VLAN, the zone's enforcer once between its VLANs,
 * the source's then the destination's enforcer between zones (once when one device), the Internet at the
 * edge, TSLCD at the TSLCD zone; first match; a zone whose enforcer has no rule base is reported.
 */
import { dataplaneModel } from "../../reachability/dataplane";
import { evaluateHostPair, type EvalContext } from "../../reachability/evaluate";
import { devicePath } from "../../reachability/topology";
import { formatSet } from "../../reachability/portSet";
import { proveSite } from "../../reachability/proof";
import { probe, probeModel } from "../../reachability/probe";
import type { Endpoint, Host } from "../../reachability/endpointTypes";
import type { SiteModel } from "../../reachability/siteProof";
import type { SiteIntent } from "../../reachability/intent/resolver";
import { singleSet } from "../../reachability/portSet";
import { PlanBuilder } from "./planBuilder";
import { obj, plainHost, rule, ruleBase, svc, topology } from "./handSite";

const topo = topology(
  [
    { id: "edge", kind: "edge", enforcedBy: "fw-edge" },
    { id: "dmz", kind: "dmz", enforcedBy: "fw-edge" },
    { id: "app", kind: "internal-server", enforcedBy: "fw-core" },
    { id: "db", kind: "db-server", enforcedBy: "fw-db" },
    { id: "vf", kind: "internal-server", enforcedBy: "fw-core", virtualFirewall: true },
  ],
  { "10.0.1.0/24": "app/a1", "10.0.2.0/24": "app/a2", "10.0.3.0/24": "db/d1", "10.0.4.0/24": "dmz/w", "10.0.5.0/24": "vf/v1", "10.0.6.0/24": "vf/v2" },
);

const app1 = plainHost("app1", "10.0.1.10", { zone: "app", vlan: "app/a1" });
const app1b = plainHost("app1b", "10.0.1.11", { zone: "app", vlan: "app/a1" });
const app2 = plainHost("app2", "10.0.2.10", { zone: "app", vlan: "app/a2" });
const db = plainHost("db", "10.0.3.10", { zone: "db", vlan: "db/d1" });
const web = plainHost("web", "10.0.4.10", { zone: "dmz", vlan: "dmz/w" });
const inet = plainHost("inet", "198.51.100.10", { external: "internet" });

/** Rule bases accepting exactly what each test says, on all three devices. */
function withRuleBases(rules: Record<string, Parameters<typeof ruleBase>[1]>): EvalContext {
  const b = new PlanBuilder("t");
  for (const [device, parts] of Object.entries(rules)) b.ruleBase(ruleBase(device, parts));
  const dp = dataplaneModel(b.plan());
  return { dp, topo, oracle: dp.direct };
}

const OBJECTS = [obj("app", ["10.0.1.0/24", "10.0.2.0/24"]), obj("db", ["10.0.3.0/24"]), obj("web", ["10.0.4.0/24"]), obj("internet", ["0.0.0.0/5", "198.0.0.0/8"])];
const SERVICES = [svc("pg", "tcp", 5432), svc("https", "tcp", 443), svc("ping", "icmp"), svc("all", "any"), svc("udp-all", "udp")];

describe("the path through the zone firewalls", () => {
  it("crosses nothing within a VLAN, the zone's enforcer once between its VLANs, both enforcers between zones", () => {
    expect(devicePath(topo, app1.location, app1b.location)).toEqual([]);
    expect(devicePath(topo, app1.location, app2.location)).toEqual(["fw-core"]);
    expect(devicePath(topo, app1.location, db.location)).toEqual(["fw-core", "fw-db"]);
    expect(devicePath(topo, web.location, db.location)).toEqual(["fw-edge", "fw-db"]);
    // The edge and the DMZ share a device: once.
    expect(devicePath(topo, { zone: "edge", vlan: "edge/e" }, web.location)).toEqual(["fw-edge"]);
    expect(devicePath(topo, inet.location, web.location)).toEqual(["fw-edge"]);
    expect(devicePath(topo, inet.location, app1.location)).toEqual(["fw-edge", "fw-core"]);
    // A virtual-firewall zone: FWaaS only between its VLANs, its enforcer to other zones.
    expect(devicePath(topo, { zone: "vf", vlan: "vf/v1" }, { zone: "vf", vlan: "vf/v2" })).toEqual([]);
    expect(devicePath(topo, { zone: "vf", vlan: "vf/v1" }, db.location)).toEqual(["fw-core", "fw-db"]);
    // Two places outside: the DC is not on the path; pods of one cluster: their own network.
    expect(devicePath(topo, inet.location, { external: "tslcd" })).toEqual([]);
    expect(devicePath(topo, { zone: "app", vlan: "app/a1", cluster: "k" }, { zone: "db", vlan: "db/d1", cluster: "k" })).toEqual([]);
  });

  it("enters TSLCD at the TSLCD zone's enforcer, the edge's when there is none", () => {
    const withTslcd = topology([...topo.zones.values(), { id: "wan", kind: "tslcd", enforcedBy: "fw-wan" }]);
    expect(devicePath(withTslcd, { external: "tslcd" }, app1.location)).toEqual(["fw-wan", "fw-core"]);
    expect(devicePath(topo, { external: "tslcd" }, app1.location)).toEqual(["fw-edge", "fw-core"]);
  });

  it("lets through only what every device on the path accepts", () => {
    const ctx = withRuleBases({
      "fw-core": { addresses: OBJECTS, services: SERVICES, rules: [rule("app-db", "accept", ["app"], ["db"], ["pg"])] },
      "fw-db": { addresses: OBJECTS, services: SERVICES, rules: [rule("app-db", "accept", ["app"], ["db"], ["pg", "ping"])] },
      "fw-edge": { addresses: OBJECTS, services: SERVICES, rules: [] },
    });
    const v = evaluateHostPair(ctx, app1, db, "ipv4");
    expect(formatSet(v.allowed)).toBe("tcp/5432");
    expect(v.points.map((p) => p.point)).toEqual(["zone firewall fw-core (site t)", "zone firewall fw-db (site t)"]);
    // Within the VLAN nothing is consulted; between app's VLANs fw-core denies (no rule).
    expect(formatSet(evaluateHostPair(ctx, app1, app1b, "ipv4").allowed)).toBe("tcp/all, udp/all, sctp/all, icmp");
    expect(evaluateHostPair(ctx, app1, app1b, "ipv4").enforced).toBe(false);
    expect(formatSet(evaluateHostPair(ctx, app1, app2, "ipv4").allowed)).toBe("(none)");
    // The reverse direction has no rule.
    expect(formatSet(evaluateHostPair(ctx, db, app1, "ipv4").allowed)).toBe("(none)");
  });

  it("decides by the first matching rule, per family, service and object", () => {
    const ctx = withRuleBases({
      "fw-edge": {
        addresses: OBJECTS,
        services: SERVICES,
        rules: [
          rule("no-ping", "deny", [], ["web"], ["ping"]),
          rule("web-any-v6", "accept", ["internet"], ["web"], ["all"], ["ipv6"]),
          rule("web-https", "accept", ["internet"], ["web"], ["https", "ping"]),
          rule("late-deny", "deny", ["internet"], ["web"], ["https"]),
          rule("udp", "accept", [], ["web"], ["udp-all"]),
        ],
      },
    });
    const v = evaluateHostPair(ctx, inet, web, "ipv4");
    expect(formatSet(v.allowed)).toBe("tcp/443, udp/all");
    expect(v.points[0].contributions.map((c) => `${c.action} ${formatSet(c.ports)}`)).toEqual(["deny icmp", "allow tcp/443", "allow udp/all"]);
    // An address outside every object matches only rules with no sources.
    const other = plainHost("other", "203.0.113.9", { external: "internet" });
    expect(formatSet(evaluateHostPair(ctx, other, web, "ipv4").allowed)).toBe("udp/all");
  });

  it("reports a zone whose enforcer has no rule base, and treats the device as deciding nothing", () => {
    const ctx = withRuleBases({ "fw-core": { addresses: OBJECTS, services: SERVICES, rules: [rule("app-db", "accept", ["app"], ["db"], ["pg"])] } });
    const v = evaluateHostPair(ctx, app1, db, "ipv4");
    expect(v.missingRuleBases).toEqual(["fw-db"]);
    expect(formatSet(v.allowed)).toBe("tcp/5432");
    const ep = (id: string, h: Host, zone: string): Endpoint => ({ id, label: id, kind: "zone", column: zone, zone, hosts: [h] });
    const intent: SiteIntent = { rules: [{ flow: "app-db", family: "ipv4", ports: singleSet("tcp", 5432), from: { kind: "zone", zone: "app" }, to: { kind: "zone", zone: "db" } }], expired: [], locations: new Map() };
    const proof = proveSite({ site: "t", asOf: "2026-01-01", zones: ["app", "db"], endpoints: [ep("zone:app", app1, "app"), ep("zone:db", db, "db")], intent, dp: ctx.dp, topo, catalog: [] });
    expect(proof.discrepancies).toEqual([]);
    expect(proof.missingRuleBases.map((m) => `${m.zone}:${m.device}`).sort()).toEqual(["db:fw-db", "dmz:fw-edge", "edge:fw-edge"]);
    expect(proof.holds).toBe(false);
  });

  it("refuses a malformed rule base with the reason, and the zone counts as having none", () => {
    const b = new PlanBuilder("t");
    b.ruleBase(ruleBase("fw-core", { addresses: OBJECTS, services: SERVICES, rules: [rule("x", "accept", ["nope"], ["db"], ["pg"])] }));
    const dp = dataplaneModel(b.plan());
    expect(dp.ruleBases.problems.map((p) => p.message)).toEqual(['ruleBase.rules[0] (x) names address object "nope", which the rule base does not define']);
    expect(dp.compiledRuleBases.size).toBe(0);
  });
});

describe("security groups and FWaaS", () => {
  it("allow exactly what both the egress and the ingress rule open; remote groups match members", () => {
    const b = new PlanBuilder("t");
    const s1 = b.subnet("app-v4", "10.0.1.0/24", false);
    const s3 = b.subnet("db-v4", "10.0.3.0/24", false);
    const gApp = b.group("g-app");
    const gDb = b.group("g-db");
    b.rule("e1", gApp, { direction: "egress", protocol: "tcp", min: 5432, remoteGroup: gDb });
    b.rule("e2", gApp, { direction: "egress", protocol: "sctp", min: 9000, max: 9010, prefix: "10.0.3.0/24" });
    b.rule("i1", gDb, { direction: "ingress", protocol: "tcp", min: 5000, max: 6000, prefix: "10.0.1.0/24" });
    b.rule("i2", gDb, { direction: "ingress", protocol: "sctp", remoteGroup: gApp });
    const pa = b.port("app-1", "s", "app", [{ subnet: s1, address: "10.0.1.10" }], [gApp]);
    const pd = b.port("db-1", "s", "db", [{ subnet: s3, address: "10.0.3.10" }], [gDb]);
    const dp = dataplaneModel(b.plan());
    const h = (p: typeof pa, address: string, subnet: typeof s1, zone: string): Host => ({
      id: p.urn,
      address: { ipv4: address },
      subnetId: { ipv4: PlanBuilder.id(subnet) },
      location: { zone, vlan: `${zone}/x` },
      port: { urn: p.urn, name: p.name, groupIds: p.inputs["securityGroupIds"] as string[] },
    });
    const ctx: EvalContext = { dp, topo, oracle: dp.direct };
    const v = evaluateHostPair(ctx, h(pa, "10.0.1.10", s1, "app"), h(pd, "10.0.3.10", s3, "db"), "ipv4");
    expect(formatSet(v.allowed)).toBe("tcp/5432, sctp/9000-9010");
    expect(v.missingRuleBases).toEqual(["fw-core", "fw-db"]);
  });

  it("filter on a virtual-firewall zone's router: ingress where a packet enters, egress where it leaves, nothing within a subnet", () => {
    const b = new PlanBuilder("t");
    const v1 = b.subnet("vf-v1", "10.0.5.0/24", "id-of:vf-router");
    const v2 = b.subnet("vf-v2", "10.0.6.0/24", "id-of:vf-router");
    b.firewall("fw-vf", [v1, v2], [{ protocol: "tcp", destinationPort: "443", sourceIpAddress: "10.0.5.0/24" }, { protocol: "udp" }], [{ protocol: "tcp", destinationPort: "400:500" }]);
    const dp = dataplaneModel(b.plan());
    const ctx: EvalContext = { dp, topo, oracle: dp.direct };
    const h1 = plainHost("h1", "10.0.5.10", { zone: "vf", vlan: "vf/v1" }, PlanBuilder.id(v1));
    const h1b = plainHost("h1b", "10.0.5.11", { zone: "vf", vlan: "vf/v1" }, PlanBuilder.id(v1));
    const h2 = plainHost("h2", "10.0.6.10", { zone: "vf", vlan: "vf/v2" }, PlanBuilder.id(v2));
    expect(formatSet(evaluateHostPair(ctx, h1, h2, "ipv4").allowed)).toBe("tcp/443");
    expect(evaluateHostPair(ctx, h1, h2, "ipv4").points.map((p) => p.layer)).toEqual(["fwaas", "fwaas"]);
    expect(formatSet(evaluateHostPair(ctx, h2, h1, "ipv4").allowed)).toBe("(none)");
    expect(evaluateHostPair(ctx, h1, h1b, "ipv4").enforced).toBe(false);
  });
});

describe("probes", () => {
  it("answer one packet with the deciding rule per layer, through destination NAT", () => {
    const b = new PlanBuilder("t");
    b.ruleBase(
      ruleBase("fw-edge", {
        addresses: OBJECTS,
        services: SERVICES,
        rules: [rule("pub", "accept", ["internet"], ["web"], ["https"], ["ipv4"], ["internet-to-web"])],
        nat: [{ id: "n1", publicAddress: "192.0.2.80", protocol: "tcp", port: 443, translatedTo: ["10.0.4.10"], system: "s", tier: "web", waf: true }],
      }),
    );
    const dp = dataplaneModel(b.plan());
    const webEp: Endpoint = { id: "tier:s/web", label: "s/web", kind: "tier", column: "dmz", zone: "dmz", hosts: [web] };
    const inetEp: Endpoint = { id: "internet", label: "Internet", kind: "internet", column: "(Internet)", hosts: [inet] };
    const site = { site: "t", dp, topo, endpoints: [webEp, inetEp], sitePlan: { site: "t", ipv4Aggregates: ["10.0.0.0/8"], ipv6Aggregates: [], zones: [], subnets: [], links: [], loopbacks: [], clusters: [], tslcd: [] }, addressPlan: { province: "p", sites: [] } } as unknown as SiteModel;
    const m = probeModel(site);
    const r = probe(m, { from: "198.51.100.10", to: "192.0.2.80", protocol: "tcp", port: 443 });
    expect(r.allowed).toBe(true);
    expect(r.translated).toEqual({ from: "192.0.2.80", to: "10.0.4.10" });
    expect(r.layers).toEqual([{ layer: "zone-firewall", point: "zone firewall fw-edge (site t)", verdict: "allow", rule: "rule #1 pub (a → b: pub)", ref: expect.stringContaining("#pub"), flows: [{ flow: "internet-to-web" }] }]);
    const denied = probe(m, { from: "internet", to: "tier:s/web", protocol: "tcp", port: 80 });
    expect(denied.allowed).toBe(false);
    expect(denied.layers[0]).toMatchObject({ verdict: "deny", because: "no rule matches: denied by default" });
  });
});
