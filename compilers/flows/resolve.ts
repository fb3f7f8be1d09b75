import { tierVlan, type Endpoint, type Flow, type HostedSystem, type Inventory, type Service } from "../../inventory/model";
import type { AddressPlan, SitePlan, SubnetPlan } from "../../inventory/addressing/types";
import { internetPrefixes, provinceSpace } from "../../inventory/addressing/provinceSpace";
import { complementOf } from "../../inventory/addressing/complement";
import { activeFlows } from "../../inventory/zoning/flowLifetime";
import { crossSiteReach } from "../../inventory/zoning/crossSite";
import type { Family, ResolvedEndpoint, ResolvedRule } from "./types";
import { canonicalJson } from "../naming";
import { outermostPrefixes, selectsFixed, selectsLan, tslcdLabel, tslcdSelection } from "../../inventory/tslcd/selector";

/** Everything the resolver needs about one site. */
export interface SiteContext {
  /** The validated inventory. */
  inventory: Inventory;
  /** The address plan of the site being compiled. */
  plan: SitePlan;
  /**
   * The whole province's address plan: "the Internet" is what lies outside every site's space. When
   * absent (tests of one site), the site's own plan stands for the province.
   */
  province?: AddressPlan;
  /** Evaluation date: flows expired before it compile to nothing. Absent: every flow. */
  asOf?: string;
  /**
   * The site's VMs with their addresses (`compilePlacements`): a VM tier is then its hosts' addresses,
   * not its VLAN's prefix, so a tier sharing a VLAN with another never opens that other tier's flows.
   * Absent: VM tiers are their VLANs.
   */
  hosts?: ReadonlyArray<{ system: string; tier: string; ipv4: string; ipv6: string }>;
}

/**
 * The prefixes of a tier at the site in one family: its VMs' host addresses when the context knows
 * them, else its VLANs' prefixes. Pure.
 * @param ctx the site context
 * @param system the system
 * @param tierName the tier
 * @param family the family
 */
export function tierPrefixes(ctx: SiteContext, system: HostedSystem, tierName: string, family: Family): string[] {
  const tier = system.tiers.find((t) => t.name === tierName);
  const hosts = tier?.form === "vm" ? (ctx.hosts ?? []).filter((h) => h.system === system.id && h.tier === tierName) : [];
  if (hosts.length > 0) return hosts.map((h) => (family === "ipv4" ? `${h.ipv4}/32` : `${h.ipv6}/128`)).sort();
  return tierSubnets(ctx, system, tierName).map((s) => s[family].prefix);
}

/** The province's plan a context stands for. */
function provinceOf(ctx: SiteContext): AddressPlan {
  return ctx.province ?? { province: "", sites: [ctx.plan] };
}

/**
 * The Internet endpoint of a family: the complement of the province's space, and that space merged
 * (NetworkPolicy writes it as `except` of the default route).
 */
export function internetEndpoint(province: AddressPlan, family: Family): ResolvedEndpoint {
  const space = provinceSpace(province)[family];
  // Merging through the complement of the complement gives the fewest prefixes for the `except` list.
  const except = complementOf(family, internetPrefixes(province)[family]);
  return { kind: "internet", label: "internet", prefixes: internetPrefixes(province)[family], except: space.length > 0 ? except : [] };
}

const FAMILIES: readonly Family[] = ["ipv4", "ipv6"];

function isFamily(prefix: string, family: Family): boolean {
  return family === "ipv6" ? prefix.includes(":") : !prefix.includes(":");
}

/** Subnets of one tier at the site: its VLAN (see `tierVlan` for the default). */
export function tierSubnets(ctx: SiteContext, system: HostedSystem, tierName: string): SubnetPlan[] {
  return tierSubnetsAt(ctx.inventory, ctx.plan, system, tierName);
}

/**
 * Subnets of one tier at any site of the province: its VLAN there.
 * @param inventory the inventory
 * @param plan that site's address plan
 * @param system the system
 * @param tierName the tier
 */
export function tierSubnetsAt(inventory: Inventory, plan: SitePlan, system: HostedSystem, tierName: string): SubnetPlan[] {
  const tier = system.tiers.find((t) => t.name === tierName);
  if (!tier) return [];
  const zone = inventory.zones.find((z) => z.site === plan.site && z.id === tier.zone);
  const vlan = zone ? tierVlan(zone, tier) : undefined;
  return plan.subnets.filter((s) => s.zone === tier.zone && s.vlanName === vlan?.name);
}

/**
 * A system's tiers at some other sites, seen from this one: one endpoint per site and tier (its VLAN's prefixes
 * there). Sites the province's plan does not hold are left out.
 */
function remoteEndpoints(ctx: SiteContext, ep: Endpoint, family: Family, sites: readonly string[]): ResolvedEndpoint[] {
  const system = ctx.inventory.systems.find((s) => s.id === ep.system);
  if (!system) return [];
  const plans = provinceOf(ctx).sites.filter((p) => sites.includes(p.site)).sort((a, b) => (a.site < b.site ? -1 : 1));
  const tiers = ep.tier !== undefined ? system.tiers.filter((t) => t.name === ep.tier) : system.tiers;
  return plans.flatMap((p) =>
    tiers.flatMap((t): ResolvedEndpoint[] => {
      const prefixes = tierSubnetsAt(ctx.inventory, p, system, t.name).map((s) => s[family].prefix);
      return prefixes.length > 0 ? [{ kind: "remote", label: `remote:${p.site}/${system.id}/${t.name}`, site: p.site, system: system.id, tier: t.name, prefixes }] : [];
    }),
  );
}

/**
 * The ends of a flow at a site, over the interconnect between sites included. A system at site x reaches the
 * other end at x when it is there, else wherever it is; so at this site a flow gives, besides its ends here:
 * this site's source to the destination system's tiers at its sites (when the destination is not here), and
 * the source system's tiers at the sites lacking the destination to the destination here. Two ends outside
 * the site never pair here (they meet elsewhere).
 */
export function flowEnds(ctx: SiteContext, flow: Pick<Flow, "from" | "to">, family: Family): Array<{ from: ResolvedEndpoint; to: ResolvedEndpoint }> {
  const froms = resolveEndpoint(ctx, flow.from, family);
  const tos = resolveEndpoint(ctx, flow.to, family);
  const pairs = froms.flatMap((from) => tos.map((to) => ({ from, to })));
  const reach = crossSiteReach(ctx.inventory, ctx.plan.site, flow);
  for (const to of remoteEndpoints(ctx, flow.to, family, reach.to)) for (const from of froms.filter(inside)) pairs.push({ from, to });
  for (const from of remoteEndpoints(ctx, flow.from, family, reach.from)) for (const to of tos.filter(inside)) pairs.push({ from, to });
  return pairs;
}

/** True when an endpoint lies inside the site (a tier or a zone of it). */
function inside(ep: ResolvedEndpoint): boolean {
  return ep.kind === "tier" || (ep.kind === "prefixes" && ep.label.startsWith("zone:"));
}

/**
 * Resolves one flow endpoint at a site into concrete endpoints, one per tier for a system. An endpoint that
 * does not exist at this site (a system hosted elsewhere, a zone of another site) resolves to nothing here;
 * `flowEnds` adds what a flow reaches over the interconnect.
 */
export function resolveEndpoint(ctx: SiteContext, ep: Endpoint, family: Family): ResolvedEndpoint[] {
  const site = ctx.plan.site;
  if (ep.zone) {
    const block = ctx.plan.zones.find((z) => z.zone === ep.zone);
    if (!block) return [];
    return [{ kind: "prefixes", label: `zone:${ep.zone}`, prefixes: [block[family]] }];
  }
  if (ep.system) {
    const system = ctx.inventory.systems.find((s) => s.id === ep.system);
    if (!system || !system.sites.includes(site)) return [];
    const tiers = ep.tier ? system.tiers.filter((t) => t.name === ep.tier) : system.tiers;
    return tiers.map((t) => ({
      kind: "tier" as const,
      label: `${system.id}/${t.name}`,
      system: system.id,
      tier: t.name,
      zone: t.zone,
      prefixes: tierPrefixes(ctx, system, t.name, family),
    }));
  }
  if (ep.external === "internet") return [internetEndpoint(provinceOf(ctx), family)];
  if (ep.external === "tslcd" || ep.external === "national-platforms") return tslcdEndpoint(ctx.plan, ep, family);
  return [];
}

/**
 * A TSLCD end at a site: the carrier's fixed prefixes and the agencies' endpoint LANs reachable there that
 * its selection takes (`national-platforms`: level I holding the national platforms only; see
 * `inventory/tslcd/selector.ts`), without prefixes another taken one holds.
 */
function tslcdEndpoint(plan: SitePlan, ep: Endpoint, family: Family): ResolvedEndpoint[] {
  const sel = tslcdSelection(ep) ?? {};
  const fixed = plan.tslcd.filter((t) => selectsFixed(sel, t)).map((t) => t.prefix);
  const lans = (plan.tslcdLans ?? []).filter((l) => selectsLan(sel, l)).map((l) => l[family]);
  const prefixes = outermostPrefixes([...fixed, ...lans].filter((p) => isFamily(p, family)));
  return prefixes.length > 0 ? [{ kind: "prefixes", label: tslcdLabel(ep), prefixes }] : [];
}

/** The protocol and port range a service allows. */
export function servicePorts(svc: Service): Pick<ResolvedRule, "protocol" | "portMin" | "portMax"> {
  if (svc.protocol === "icmp" || svc.protocol === "any") return { protocol: svc.protocol };
  const portMin = svc.port ?? svc.portMin;
  const portMax = svc.port ?? svc.portMax ?? portMin;
  return { protocol: svc.protocol, portMin, portMax };
}

/** Resolves one flow at one site into rules: every (from, to, service) pair in both families. */
export function resolveFlow(ctx: SiteContext, flow: Flow): ResolvedRule[] {
  const services = new Map(ctx.inventory.services.map((s) => [s.name, s]));
  const rules: ResolvedRule[] = [];
  for (const family of FAMILIES) {
    for (const { from, to } of flowEnds(ctx, flow, family)) {
      for (const name of flow.services) {
        const svc = services.get(name);
        if (!svc) continue; // the loader reports unknown services; nothing to compile
        rules.push({ flow: flow.name, site: ctx.plan.site, family, ...servicePorts(svc), from, to });
      }
    }
  }
  return rules;
}

/**
 * Resolves every flow in force at one site, in a stable order (by flow, then content), whatever the order
 * of the inventory's lists.
 */
export function resolveFlows(ctx: SiteContext): ResolvedRule[] {
  const flows = ctx.asOf === undefined ? ctx.inventory.flows : activeFlows(ctx.inventory.flows, ctx.asOf);
  const keyed = flows.flatMap((f) => resolveFlow(ctx, f)).map((r) => ({ r, k: `${r.flow}\u0000${canonicalJson(r)}` }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return keyed.map((x) => x.r);
}
