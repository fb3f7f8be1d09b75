/**
 * Reads a compiled plan into the oracle's plain scenario, on its own (not through the proof's plan
 * readers): security-group rules, NetworkPolicies, AdminNetworkPolicies and rule bases, so the oracle can
 * judge what a plan the compilers produced lets through.
 */
import type { Plan } from "../../offline/planTypes";
import type { RuleBase } from "../../compilers/firewall/ruleBaseTypes";
import type { AdminSpec, NpPeer, NpSpec, Scenario, Selector, SgRule, SHost, Zone } from "./oracle";

const SG_RULE = "openstack:networking/secGroupRule:SecGroupRule";
const NP = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const RULE_BASE = "hatang:firewall:RuleBase";
const NS = "kubernetes:core/v1:Namespace";

function selector(v: unknown): Selector {
  const o = (v ?? {}) as { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string }> };
  const exists = o.matchExpressions?.find((e) => e.operator === "Exists")?.key;
  if ((o.matchExpressions ?? []).some((e) => e.operator !== "Exists")) throw new Error("the oracle reads Exists expressions only");
  return { ...(o.matchLabels && Object.keys(o.matchLabels).length > 0 ? { labels: o.matchLabels } : {}), ...(exists ? { exists } : {}) };
}

function peers(list: unknown): NpPeer[] | undefined {
  if (!Array.isArray(list)) return undefined;
  return list.map((p: Record<string, unknown>) => {
    const ib = p["ipBlock"] as { cidr: string; except?: string[] } | undefined;
    if (ib) return { ipBlock: { cidr: ib.cidr, except: ib.except ?? [] } };
    return { ...(p["namespaceSelector"] ? { namespace: selector(p["namespaceSelector"]) } : {}), ...(p["podSelector"] ? { pod: selector(p["podSelector"]) } : {}) };
  });
}

/**
 * The scenario of a plan.
 * @param plan the plan
 * @param zones the site's zones
 * @param hosts the hosts to judge (security groups named by their ids in the plan)
 */
export function scenarioOfPlan(plan: Plan, zones: Zone[], hosts: SHost[]): Scenario {
  const sg: SgRule[] = [];
  const networkPolicies: NpSpec[] = [];
  const namespaces: Record<string, Record<string, string>> = {};
  const ruleBases: Scenario["ruleBases"] = [];
  const admin: AdminSpec[] = [];
  for (const r of plan.resources) {
    const i = r.inputs;
    if (r.type === SG_RULE) {
      const protocol = i["protocol"] as string | undefined;
      sg.push({
        group: i["securityGroupId"] as string,
        direction: i["direction"] as "ingress" | "egress",
        family: i["ethertype"] === "IPv6" ? "ipv6" : "ipv4",
        protocol: protocol === undefined ? undefined : protocol === "ipv6-icmp" ? "icmp" : (protocol as SgRule["protocol"]),
        min: i["portRangeMin"] as number | undefined,
        max: i["portRangeMax"] as number | undefined,
        prefix: i["remoteIpPrefix"] as string | undefined,
        remoteGroup: i["remoteGroupId"] as string | undefined,
      });
    } else if (r.type === NS) {
      const meta = i["metadata"] as { name: string; labels?: Record<string, string> };
      namespaces[meta.name] = meta.labels ?? {};
    } else if (r.type === NP) {
      const meta = i["metadata"] as { name: string; namespace: string };
      const spec = i["spec"] as { podSelector?: unknown; policyTypes?: Array<"Ingress" | "Egress">; ingress?: Array<Record<string, unknown>>; egress?: Array<Record<string, unknown>> };
      networkPolicies.push({
        namespace: meta.namespace,
        name: meta.name,
        podSelector: selector(spec.podSelector),
        policyTypes: spec.policyTypes,
        ingress: (spec.ingress ?? []).map((x) => ({ from: peers(x["from"]), ports: x["ports"] as NpSpec["ingress"][number]["ports"] })),
        egress: (spec.egress ?? []).map((x) => ({ to: peers(x["to"]), ports: x["ports"] as NpSpec["ingress"][number]["ports"] })),
      });
    } else if (r.type === RULE_BASE) {
      const rb = i["ruleBase"] as RuleBase;
      ruleBases.push({
        device: rb.device,
        objects: Object.fromEntries(rb.addresses.map((a) => [a.name, [...a.ipv4, ...a.ipv6]])),
        services: Object.fromEntries(rb.services.map((s) => [s.name, { protocol: s.protocol, min: s.portMin, max: s.portMax }])),
        rules: rb.rules.map((x) => ({ action: x.action, families: x.families, sources: x.sources, destinations: x.destinations, services: x.services })),
      });
    }
  }
  return { zones, hosts, sg, routed: [], ruleBases, namespaces, networkPolicies, admin };
}
