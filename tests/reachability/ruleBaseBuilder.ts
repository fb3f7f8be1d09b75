/**
 * Hand-built zone firewall rule bases (the `hatang:firewall:RuleBase` contract of
 * compilers/firewall/ruleBaseTypes.ts), for proving the firewall layer before the compiler that emits
 * them lands: from resolved rules, one accept rule per rule on every enforcing device its path crosses,
 * then a closing deny. Small and literal on purpose; tests also build rule bases rule by rule.
 */
import type { Inventory } from "../../inventory/model";
import type { ResolvedEndpoint, ResolvedRule } from "../../compilers/flows/types";
import { RULE_BASE_TYPE, type AddressObject, type FirewallRule, type RuleBase, type ServiceObject } from "../../compilers/firewall/ruleBaseTypes";
import type { Plan } from "../../offline/planTypes";

/** Where a resolved endpoint sits: a zone, or outside (the Internet, TSLCD). */
function placeOf(ep: ResolvedEndpoint): { zone?: string; external?: "internet" | "tslcd" } {
  if (ep.kind === "tier") return { zone: ep.zone };
  if (ep.kind === "internet") return { external: "internet" };
  // The province's other sites enter where the TSLCD does.
  if (ep.kind === "remote") return { external: "tslcd" };
  if (ep.label.startsWith("zone:")) return { zone: ep.label.slice(5) };
  // Hosts of one zone (a cluster's nodes, the backup jobs' source).
  if (ep.zone !== undefined) return { zone: ep.zone };
  return { external: "tslcd" };
}

function objectName(ep: ResolvedEndpoint): string {
  if (ep.kind === "tier") return `tier:${ep.system}/${ep.tier}`;
  if (ep.kind === "internet") return "internet";
  return ep.label;
}

/**
 * Rule bases for every enforcer of a site, from resolved rules.
 * @param inventory the inventory
 * @param site the site
 * @param rules the site's resolved rules
 */
export function ruleBasesFromRules(inventory: Inventory, site: string, rules: readonly ResolvedRule[]): RuleBase[] {
  const zones = inventory.zones.filter((z) => z.site === site);
  const enforcer = new Map(zones.map((z) => [z.id, z.enforcedBy]));
  const edge = [...zones].sort((a, b) => a.id.localeCompare(b.id)).find((z) => z.kind === "edge");
  const tslcd = [...zones].sort((a, b) => a.id.localeCompare(b.id)).find((z) => z.kind === "tslcd") ?? edge;
  const at = (p: { zone?: string; external?: string }): string | undefined =>
    p.external === "internet" ? edge?.enforcedBy : p.external === "tslcd" ? tslcd?.enforcedBy : p.zone !== undefined ? enforcer.get(p.zone) : undefined;
  const bases = new Map<string, { objects: Map<string, AddressObject>; services: Map<string, ServiceObject>; rules: FirewallRule[]; zones: Set<string> }>();
  const base = (device: string) => {
    let b = bases.get(device);
    if (!b) bases.set(device, (b = { objects: new Map(), services: new Map(), rules: [], zones: new Set() }));
    return b;
  };
  for (const z of zones) base(z.enforcedBy).zones.add(z.id);
  const addObject = (b: ReturnType<typeof base>, ep: ResolvedEndpoint, family: "ipv4" | "ipv6"): string => {
    const name = objectName(ep);
    let o = b.objects.get(name);
    if (!o) b.objects.set(name, (o = { name, kind: ep.kind === "tier" ? "tier" : ep.kind === "internet" ? "internet" : name.startsWith("zone:") ? "zone" : "tslcd", description: name, ipv4: [], ipv6: [] }));
    for (const p of ep.prefixes) if (!o[family].includes(p)) o[family].push(p);
    return name;
  };
  for (const r of rules) {
    const from = placeOf(r.from);
    const to = placeOf(r.to);
    let devices: string[];
    if (from.external && to.external) devices = [];
    else if (from.zone !== undefined && from.zone === to.zone) {
      const z = zones.find((x) => x.id === from.zone);
      devices = z && !z.virtualFirewall ? [z.enforcedBy] : [];
    } else devices = [...new Set([at(from), at(to)].filter((d): d is string => d !== undefined))];
    for (const device of devices) {
      const b = base(device);
      const svcName = r.protocol === "any" ? "any" : r.protocol === "icmp" ? "icmp" : `${r.protocol}-${r.portMin}-${r.portMax ?? r.portMin}`;
      if (!b.services.has(svcName)) b.services.set(svcName, r.protocol === "any" || r.protocol === "icmp" ? { name: svcName, protocol: r.protocol } : { name: svcName, protocol: r.protocol, portMin: r.portMin, portMax: r.portMax ?? r.portMin });
      const src = addObject(b, r.from, r.family);
      const dst = addObject(b, r.to, r.family);
      b.rules.push({
        id: `${r.flow}-${r.family}-${b.rules.length}`,
        section: { from: from.zone ?? from.external ?? "", to: to.zone ?? to.external ?? "" },
        action: "accept",
        families: [r.family],
        sources: [src],
        destinations: [dst],
        services: [svcName],
        ips: "default",
        log: true,
        flows: [{ flow: r.flow }],
        comment: r.flow,
      });
    }
  }
  return [...bases.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([device, b]) => ({
      schema: "hatang.rulebase/v1",
      site,
      device,
      members: [device],
      platform: "nftables",
      zones: [...b.zones].sort(),
      externals: [],
      ipsProfile: "default",
      addresses: [...b.objects.values()].sort((x, y) => x.name.localeCompare(y.name)),
      services: [...b.services.values()].sort((x, y) => x.name.localeCompare(y.name)),
      rules: [...b.rules, { id: "deny-all", section: { from: "*", to: "*" }, action: "deny", families: ["ipv4", "ipv6"], sources: [], destinations: [], services: [], log: true, flows: [], comment: "deny and log everything else" }],
      nat: [],
    }));
}

/**
 * A copy of a plan with rule base components added (as the Pulumi program will register them).
 * @param plan the plan
 * @param ruleBases the rule bases
 */
export function withRuleBases(plan: Plan, ruleBases: readonly RuleBase[]): Plan {
  const extra = ruleBases.map((rb) => ({
    urn: `urn:pulumi:${plan.stack}::${plan.project}::${RULE_BASE_TYPE}::${rb.site}-rulebase-${rb.device}`,
    type: RULE_BASE_TYPE,
    name: `${rb.site}-rulebase-${rb.device}`,
    custom: false,
    inputs: { ruleBase: rb as unknown as Record<string, unknown> },
    dependencies: [],
  }));
  return { ...plan, resources: [...plan.resources, ...extra] };
}
