/**
 * Rules whose endpoint is a zone: the zone stands for every container tier the cluster places in it,
 * so a rule to the zone opens ingress on each of them and a rule from it opens their egress, with the
 * same peers, families, port ranges, `anywhere` and ICMP handling as a rule naming the tier.
 */
import { compileKubernetes } from "../../compilers/kubernetes/compile";
import { localTiers, zoneOfEndpoint } from "../../compilers/kubernetes/localTiers";
import { workloadNamespaces } from "../../compilers/kubernetes/namespaces";
import { formatIssues, validateObjects } from "../../compilers/kubernetes/validate";
import type { ClusterManifests, KubeObject } from "../../compilers/kubernetes/types";
import type { Family, ResolvedEndpoint, ResolvedRule } from "../../compilers/flows/types";
import { input, inventory } from "./fixture";
import { FIXTURE_INTERNET } from "../fixtures/internet";

const PREFIX: Record<string, Record<Family, string>> = {
  dmz: { ipv4: "10.20.1.0/24", ipv6: "2001:db8:20:1::/64" },
  app: { ipv4: "10.20.2.0/24", ipv6: "2001:db8:20:2::/64" },
  db: { ipv4: "10.20.3.0/24", ipv6: "2001:db8:20:3::/64" },
  tslcd: { ipv4: "10.250.0.0/16", ipv6: "2001:db8:250::/48" },
};
const zoneEp = (zone: string, family: Family): ResolvedEndpoint => ({ kind: "prefixes", label: `zone:${zone}`, prefixes: [PREFIX[zone][family]] });
const tslcd = (family: Family): ResolvedEndpoint => ({ kind: "prefixes", label: "tslcd", prefixes: [PREFIX.tslcd[family]] });
const dbTier = (family: Family): ResolvedEndpoint => ({ kind: "tier", label: "portal/db", system: "portal", tier: "db", zone: "db", prefixes: [PREFIX.db[family]] });
const internet: ResolvedEndpoint = FIXTURE_INTERNET;

/** One rule in both families, as the resolver makes twins. */
function twins(flow: string, from: (f: Family) => ResolvedEndpoint, to: (f: Family) => ResolvedEndpoint, ports: Pick<ResolvedRule, "protocol" | "portMin" | "portMax">): ResolvedRule[] {
  return (["ipv4", "ipv6"] as const).map((family) => ({ flow, site: "hq", family, ...ports, from: from(family), to: to(family) }));
}

function compileWith(rules: ResolvedRule[]): { hq: ClusterManifests; problems: ReturnType<typeof compileKubernetes>["problems"] } {
  const r = compileKubernetes({ ...input(), rules });
  return { hq: r.clusters.find((c) => c.site === "hq") as ClusterManifests, problems: r.problems };
}

const policiesOf = (c: ClusterManifests, flow: string): KubeObject[] => c.objects.filter((o) => o.kind === "NetworkPolicy" && o.metadata.labels?.["hatang.vn/flow"] === flow);
const where = (p: KubeObject): string => `${p.metadata.namespace}/${(p.spec as { podSelector: { matchLabels: Record<string, string> } }).podSelector.matchLabels["hatang.vn/tier"]}`;
const zonePods = (zone: string): unknown => ({ namespaceSelector: { matchLabels: { "hatang.vn/zone": zone } }, podSelector: { matchExpressions: [{ key: "hatang.vn/tier", operator: "Exists" }] } });

describe("zone endpoints", () => {
  it("read the zone from the resolver's label, and stand for every container tier the cluster places there", () => {
    const hqCluster = inventory().clusters.find((c) => c.site === "hq");
    if (!hqCluster) throw new Error("fixture changed");
    const placements = workloadNamespaces(inventory(), hqCluster).placements;
    expect(zoneOfEndpoint(zoneEp("app", "ipv4"))).toBe("app");
    expect(zoneOfEndpoint(tslcd("ipv4"))).toBeUndefined();
    expect(localTiers(zoneEp("app", "ipv4"), placements).map((l) => `${l.placement.name}/${l.tier.name}`)).toEqual(["lgsp-app/gw", "portal-app/api"]);
    expect(localTiers(zoneEp("db", "ipv4"), placements)).toEqual([]);
    expect(localTiers(dbTier("ipv4"), placements)).toEqual([]);
  });

  it("open ingress on every tier of the zone for a rule to it, per family, with endPort", () => {
    const { hq, problems } = compileWith(twins("tslcd-to-app", tslcd, (f) => zoneEp("app", f), { protocol: "tcp", portMin: 8000, portMax: 8080 }));
    expect(problems).toEqual([]);
    const policies = policiesOf(hq, "tslcd-to-app");
    expect(policies.map(where).sort()).toEqual(["lgsp-app/gw", "lgsp-app/gw", "portal-app/api", "portal-app/api"]);
    for (const p of policies) {
      const spec = p.spec as { policyTypes: string[]; ingress: Array<{ from: unknown[]; ports: unknown[] }> };
      expect(spec.policyTypes).toEqual(["Ingress"]);
      expect(spec.ingress[0].ports).toEqual([{ protocol: "TCP", port: 8000, endPort: 8080 }]);
      expect([[{ ipBlock: { cidr: PREFIX.tslcd.ipv4 } }], [{ ipBlock: { cidr: PREFIX.tslcd.ipv6 } }]]).toContainEqual(spec.ingress[0].from);
    }
  });

  it("open egress from every tier of the zone for a rule from it, to the far end's prefixes", () => {
    const { hq, problems } = compileWith(twins("app-to-db", (f) => zoneEp("app", f), dbTier, { protocol: "tcp", portMin: 5432, portMax: 5432 }));
    expect(problems).toEqual([]);
    const policies = policiesOf(hq, "app-to-db");
    expect(policies.map(where).sort()).toEqual(["lgsp-app/gw", "lgsp-app/gw", "portal-app/api", "portal-app/api"]);
    const targets = policies.map((p) => JSON.stringify((p.spec as { egress: Array<{ to: unknown[] }> }).egress[0].to)).sort();
    expect(new Set(targets)).toEqual(new Set([JSON.stringify([{ ipBlock: { cidr: PREFIX.db.ipv4 } }]), JSON.stringify([{ ipBlock: { cidr: PREFIX.db.ipv6 } }])]));
  });

  it("match a far zone's pods on this cluster by one zone selector and its other hosts by prefix", () => {
    const { hq, problems } = compileWith(twins("dmz-to-app", (f) => zoneEp("dmz", f), (f) => zoneEp("app", f), { protocol: "tcp", portMin: 8443, portMax: 8443 }));
    expect(problems).toEqual([]);
    const policies = policiesOf(hq, "dmz-to-app");
    const ingressOfApi = policies.filter((p) => where(p) === "portal-app/api").map((p) => (p.spec as { ingress: Array<{ from: unknown[] }> }).ingress[0].from);
    expect(ingressOfApi).toEqual(expect.arrayContaining([[{ ipBlock: { cidr: PREFIX.dmz.ipv4 } }, zonePods("dmz")], [{ ipBlock: { cidr: PREFIX.dmz.ipv6 } }, zonePods("dmz")]]));
    expect(ingressOfApi).toHaveLength(2);
    const egressOfWeb = policies.filter((p) => where(p) === "portal-dmz/web").map((p) => (p.spec as { egress: Array<{ to: unknown[] }> }).egress[0].to);
    expect(egressOfWeb).toEqual(
      expect.arrayContaining([
        [{ ipBlock: { cidr: PREFIX.app.ipv4 } }, zonePods("app")],
        [{ ipBlock: { cidr: PREFIX.app.ipv6 } }, zonePods("app")],
      ]),
    );
    expect(egressOfWeb).toHaveLength(2);
    // The zone's namespaces carry the label the selector reads; the platform namespaces' pods carry no tier.
    const labelled = hq.objects.filter((o) => o.kind === "Namespace" && o.metadata.labels?.["hatang.vn/zone"] === "app").map((o) => o.metadata.name);
    expect(labelled).toEqual(expect.arrayContaining(["lgsp-app", "portal-app"]));
  });

  it("keep a tier on this cluster matched by its own selector, never by its prefixes", () => {
    const api: ResolvedEndpoint = { kind: "tier", label: "portal/api", system: "portal", tier: "api", zone: "app", prefixes: [PREFIX.app.ipv4] };
    const { hq } = compileWith(twins("dmz-to-api", (f) => zoneEp("dmz", f), () => api, { protocol: "tcp", portMin: 9000, portMax: 9000 }));
    const egress = policiesOf(hq, "dmz-to-api").filter((p) => where(p) === "portal-dmz/web");
    expect(egress.map((p) => (p.spec as { egress: Array<{ to: unknown[] }> }).egress[0].to)).toEqual([[{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "portal-app" } }, podSelector: { matchLabels: { "hatang.vn/tier": "api" } } }]]);
  });

  it("open the Internet into a zone only on ports its tiers publish, refuse the rest naming the tier, and let pods out to it exactly", () => {
    const published = compileWith(twins("internet-to-dmz", () => internet, (f) => zoneEp("dmz", f), { protocol: "tcp", portMin: 443, portMax: 443 }));
    expect(published.problems).toEqual([]);
    const open = policiesOf(published.hq, "internet-to-dmz");
    expect(open.map(where)).toEqual(["portal-dmz/web", "portal-dmz/web"]);
    expect(JSON.stringify(open.map((p) => p.spec))).toContain('"cidr":"0.0.0.0/0","except":["10.0.0.0/8","192.0.2.0/24"]');
    const refused = compileWith([
      ...twins("internet-to-dmz-ssh", () => internet, (f) => zoneEp("dmz", f), { protocol: "tcp", portMin: 22, portMax: 22 }),
      ...twins("app-to-internet", (f) => zoneEp("app", f), () => internet, { protocol: "tcp", portMin: 443, portMax: 443 }),
    ]);
    expect(refused.problems.filter((p) => p.severity === "error").map((p) => `${p.path}: ${p.message.split(". ")[0]}`).sort()).toEqual([
      "flows.internet-to-dmz-ssh: the Internet may only reach ports a DMZ tier publishes; portal/web does not publish tcp/22",
    ]);
    expect(policiesOf(refused.hq, "internet-to-dmz-ssh")).toEqual([]);
    const out = policiesOf(refused.hq, "app-to-internet").map((p) => JSON.stringify(p.spec));
    expect(out.length).toBeGreaterThan(0);
    for (const text of out) expect(text).toMatch(/"cidr":"(0\.0\.0\.0\/0","except":\["10\.0\.0\.0\/8","192\.0\.2\.0\/24"\]|::\/0","except":\["2001:db8::\/32"\])/);
  });

  it("warn once for ICMP to a zone holding pods and write nothing for it; ignore zones without pods here", () => {
    const { hq, problems } = compileWith([
      ...twins("ping-app", tslcd, (f) => zoneEp("app", f), { protocol: "icmp" }),
      ...twins("tslcd-to-db-zone", tslcd, (f) => zoneEp("db", f), { protocol: "tcp", portMin: 22, portMax: 22 }),
    ]);
    expect(problems.map((p) => [p.severity, p.path])).toEqual([["warning", "flows.ping-app"]]);
    expect(problems[0].message).toContain("NetworkPolicy cannot match ICMP");
    expect(policiesOf(hq, "ping-app")).toEqual([]);
    expect(policiesOf(hq, "tslcd-to-db-zone")).toEqual([]);
  });

  it("give the same objects whatever the rule order, and every object validates", () => {
    const rules = [
      ...twins("dmz-to-app", (f) => zoneEp("dmz", f), (f) => zoneEp("app", f), { protocol: "tcp", portMin: 8443, portMax: 8443 }),
      ...twins("app-to-db", (f) => zoneEp("app", f), dbTier, { protocol: "udp", portMin: 514, portMax: 514 }),
      ...twins("any-app", tslcd, (f) => zoneEp("app", f), { protocol: "any" }),
    ];
    const forward = compileWith(rules).hq;
    const backward = compileWith([...rules].reverse()).hq;
    expect(backward.objects).toEqual(forward.objects);
    expect(formatIssues(validateObjects(forward.objects))).toBe("");
  });
});
