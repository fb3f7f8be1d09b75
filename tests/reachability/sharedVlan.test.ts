/**
 * A province where tiers of two systems share VLANs: two DMZ web VM tiers on one VLAN, each calling its own
 * container tier on one cluster (the pods of both share the nodes' VLAN). Whatever the compilers make of it,
 * the proof's verdict on the compiled plan must be the truth: every opening between them that no flow
 * declares is reported (and only those), checked against the brute-force oracle reading the same plan on
 * its own. A plan that separates the two systems per tier (per-address peers) is accepted.
 */
import { Inventory } from "../../inventory/model";
import type { Plan } from "../../offline/planTypes";
import { proveSitePlan, siteModel } from "../../reachability/siteProof";
import { resolveIntent } from "../../reachability/intent/resolver";
import { intendedPairs } from "../../reachability/intent/pairs";
import { hasPort, type Proto } from "../../reachability/portSet";
import type { Endpoint } from "../../reachability/endpointTypes";
import { smallProvinceInput } from "../fixtures/smallProvince";
import { allocate, compiledPlan } from "./compiledPlan";
import { oracle, type Fam, type SHost } from "./oracle";
import { scenarioOfPlan } from "./oracleFromPlan";

const SITE = "tp-dc1";
const AS_OF = "2026-10-15";

function sharedVlanProvince(): Inventory {
  const input = smallProvinceInput();
  const system = (id: string) => ({
    id,
    name: `Hệ thống ${id}`,
    owner: "STTTT",
    securityLevel: 3,
    exposure: ["internet"],
    dataClass: "internal",
    backupPolicy: "daily",
    sites: [SITE],
    tiers: [
      { name: "web", zone: "dmz", form: "vm", instances: 1, image: "ubuntu-24.04-cis", flavor: "std.medium", publish: [{ protocol: "tcp", port: 443 }] },
      { name: "app", zone: "k8s", form: "container", instances: 2, cluster: "tp-k8s" },
    ],
  });
  input.systems = [system("s1"), system("s2")];
  // The pods' cluster is not the subject here (its own ports are proven in clusterProof.test.ts): one built elsewhere.
  for (const c of input.clusters as Array<Record<string, unknown>>) c.external = true;
  input.flows = ["s1", "s2"].flatMap((s) => [
    { name: `internet-to-${s}-web`, from: { external: "internet" }, to: { system: s, tier: "web" }, services: ["https"], justification: "published" },
    { name: `${s}-web-to-app`, from: { system: s, tier: "web" }, to: { system: s, tier: "app" }, services: ["app-http"], justification: "web calls its app" },
  ]);
  return Inventory.parse(input);
}

const inventory = sharedVlanProvince();
const addressPlan = allocate(inventory);
const ZONES = inventory.zones.map((z) => ({ id: z.id, kind: z.kind, enforcer: z.enforcedBy, virtualFirewall: z.virtualFirewall }));
const PROBES: Array<{ proto: Proto; port: number }> = [
  { proto: "tcp", port: 443 },
  { proto: "tcp", port: 8080 },
  { proto: "tcp", port: 22 },
  { proto: "udp", port: 53 },
  { proto: "icmp", port: 0 },
];

/** The oracle's hosts for the tiers and the Internet of a plan. */
function hostsOf(endpoints: Endpoint[]): Array<{ endpoint: Endpoint; host: SHost }> {
  return endpoints
    .filter((e) => e.kind === "tier" || e.kind === "internet")
    .map((e) => {
      const h = e.hosts.find((x) => x.address.ipv4 !== undefined) ?? e.hosts[0];
      const v6 = e.hosts.find((x) => x.address.ipv6 !== undefined)?.address.ipv6 ?? "";
      return {
        endpoint: e,
        host: {
          id: e.id,
          v4: h.address.ipv4 ?? "",
          v6,
          zone: h.location.zone,
          vlan: h.location.vlan,
          external: h.location.external,
          groups: h.port?.groupIds,
          pod: h.pod ? { namespace: h.pod.namespace, labels: h.pod.labels, ports: [] } : undefined,
        },
      };
    });
}

/** Per pair, family and probe port: what the oracle says is open but undeclared, or declared but closed. */
function truth(plan: Plan): { excess: string[]; missing: string[] } {
  const m = siteModel(inventory, addressPlan, SITE, plan);
  const intent = resolveIntent({ inventory, sitePlan: m.sitePlan, asOf: AS_OF });
  const hosts = hostsOf(m.endpoints);
  const scenario = scenarioOfPlan(plan, ZONES, hosts.map((x) => x.host));
  const excess: string[] = [];
  const missing: string[] = [];
  for (const family of ["ipv4", "ipv6"] as Fam[]) {
    const wanted = intendedPairs(intent.rules, m.endpoints, family);
    for (const a of hosts) {
      for (const b of hosts) {
        if (a === b || (a.endpoint.kind === "internet" && b.endpoint.kind === "internet")) continue;
        const ia = m.endpoints.indexOf(a.endpoint);
        const ib = m.endpoints.indexOf(b.endpoint);
        const want = wanted.get(ia * m.endpoints.length + ib)?.ports;
        for (const p of PROBES) {
          const o = oracle(scenario, a.host, b.host, { family, proto: p.proto, port: p.port });
          if (!o.enforced) continue;
          const declared = want !== undefined && hasPort(want, p.proto, p.port);
          const key = `${family} ${a.endpoint.id} -> ${b.endpoint.id} ${p.proto}/${p.port}`;
          if (o.allowed && !declared) excess.push(key);
          if (!o.allowed && declared) missing.push(key);
        }
      }
    }
  }
  return { excess: excess.sort(), missing: missing.sort() };
}

/** The proof's discrepancies at the same pairs and probe ports. */
function reported(plan: Plan): { excess: string[]; missing: string[]; holds: boolean } {
  const proof = proveSitePlan(inventory, addressPlan, SITE, plan, { asOf: AS_OF });
  const inside = (text: string, p: { proto: Proto; port: number }): boolean =>
    text.split(", ").some((part) => {
      if (part === "icmp") return p.proto === "icmp";
      const [proto, ports] = part.split("/");
      if (proto !== p.proto) return false;
      if (ports === "all") return true;
      const [lo, hi] = ports.split("-").map(Number);
      return p.port >= lo && p.port <= (hi ?? lo);
    });
  const keep = new Set(hostsOf(siteModel(inventory, addressPlan, SITE, plan).endpoints).map((x) => x.endpoint.id));
  const out = { excess: [] as string[], missing: [] as string[] };
  for (const d of proof.discrepancies) {
    if (!keep.has(d.from) || !keep.has(d.to)) continue;
    for (const p of PROBES) if (inside(d.ports, p)) out[d.kind].push(`${d.family} ${d.from} -> ${d.to} ${p.proto}/${p.port}`);
  }
  return { excess: out.excess.sort(), missing: out.missing.sort(), holds: proof.holds };
}

describe("tiers of two systems sharing VLANs", () => {
  const { plan } = compiledPlan(inventory, addressPlan, SITE);

  it("puts both web tiers on one VLAN and both apps' pods on the nodes' VLAN", () => {
    const m = siteModel(inventory, addressPlan, SITE, plan);
    const vlan = (id: string): string | undefined => m.endpoints.find((e) => e.id === id)?.vlan;
    expect(vlan("tier:s1/web")).toBe(vlan("tier:s2/web"));
    expect(vlan("tier:s1/app")).toBe(vlan("tier:s2/app"));
  });

  it("reports exactly the openings the oracle finds in the compiled plan, and holds only without them", () => {
    const want = truth(plan);
    const got = reported(plan);
    expect(got.excess).toEqual(want.excess);
    expect(got.missing).toEqual(want.missing);
    expect(got.holds).toBe(want.excess.length === 0 && want.missing.length === 0);
  });

  it("accepts the plan once each app admits only its own web tier's addresses", () => {
    const m = siteModel(inventory, addressPlan, SITE, plan);
    const ports = (tier: string) => m.endpoints.find((e) => e.id === `tier:${tier}`)?.hosts ?? [];
    const own = (sys: string): Array<{ ipBlock: { cidr: string } }> =>
      ports(`${sys}/web`).flatMap((h) => [h.address.ipv4 ? { ipBlock: { cidr: `${h.address.ipv4}/32` } } : undefined, h.address.ipv6 ? { ipBlock: { cidr: `${h.address.ipv6}/128` } } : undefined].filter((x): x is { ipBlock: { cidr: string } } => x !== undefined));
    const fixed: Plan = {
      ...plan,
      resources: plan.resources.map((r) => {
        const labels = ((r.inputs["metadata"] as { labels?: Record<string, string> } | undefined)?.labels ?? {}) as Record<string, string>;
        const flow = labels["hatang.vn/flow"];
        const spec = r.inputs["spec"] as { ingress?: Array<{ from?: unknown[] }> } | undefined;
        if (!flow || !/^s[12]-web-to-app$/.test(flow) || !spec?.ingress) return r;
        return { ...r, inputs: { ...r.inputs, spec: { ...spec, ingress: spec.ingress.map((x) => ({ ...x, from: own(flow.slice(0, 2)) })) } } };
      }),
    };
    const want = truth(fixed);
    expect(want).toEqual({ excess: [], missing: [] });
    const got = reported(fixed);
    expect(got).toEqual({ excess: [], missing: [], holds: true });
  });
});
