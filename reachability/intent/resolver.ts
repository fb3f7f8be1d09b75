/**
 * The proof's own reading of the flow intent (independent of the compilers, which it checks): each flow
 * of the inventory, at one site and evaluation date, becomes rules between endpoints of the proof.
 * - a flow names zones (every endpoint placed in the zone: its tiers and its other addresses), system
 *   tiers (all of a system's tiers when no tier is named) or external networks (`externals.ts`);
 * - an end that does not exist at the site (a system hosted elsewhere, a zone of another site) contributes
 *   nothing here by itself; but a system at site x talks to the other end at x when it is there and else
 *   wherever it is, over the interconnect: so this site also intends its own source to the destination
 *   system's tiers at every site of it (when the destination is not here), and the source system's tiers at
 *   each site that lacks the destination to the destination here (`remote` ends); never two remote ends;
 * - a flow whose `expires` date is before the evaluation date contributes nothing (it is listed);
 * - each database dump of the backup job plan run by a cluster's CronJob intends its flow from that cluster's
 *   nodes to the database tier (`backupFlowIntent.ts`);
 * - each cluster the program builds intends its own ports between its nodes, its API and the management
 *   zone and automation hosts (`clusterIntent.ts`);
 * - nothing else is intended: no composition of flows (a host that may reach the Internet does not
 *   thereby reach what the DC publishes there; only a flow naming it does).
 */
import type { Inventory, Service } from "../../inventory/model";
import type { AddressPlan, SitePlan } from "../../inventory/addressing/types";
import type { SourceMap } from "../../inventory/loader/types";
import { familyOf, type Family } from "../addresses";
import { fullSet, singleSet, union, type PortSet } from "../portSet";
import { tslcdPrefixesFor } from "./externals";
import { clusterIntent } from "./clusterIntent";
import { backupFlowIntent } from "./backupFlowIntent";

/** One end of an intent rule. */
export type IntentEnd =
  /** Every endpoint placed in the zone. */
  | { kind: "zone"; zone: string }
  /** One tier of a system. */
  | { kind: "tier"; system: string; tier: string }
  /** The Internet (every address outside the province). */
  | { kind: "internet" }
  /** A tier of a system hosted at another site (and not at this one), at that site. */
  | { kind: "remote"; site: string; system: string; tier: string }
  /** TSLCD prefixes of the site (for `tslcd` and `national-platforms`). */
  | { kind: "tslcd"; network: "tslcd" | "national-platforms"; prefixes: string[] }
  /** A built cluster's control plane (its nodes and API VIP) or every node of it (`clusterIntent.ts`). */
  | { kind: "cluster"; cluster: string; scope: "control-plane" | "nodes" };

/** Where a flow is written. */
export interface FlowLocation {
  /** Flow name. */
  flow: string;
  /** File, when known. */
  file?: string;
  /** 1-based line, when known. */
  line?: number;
}

/** What one flow intends between two ends in one family. */
export interface IntentRule {
  /** Flow name. */
  flow: string;
  /** Family. */
  family: Family;
  /** Ports (the union of the flow's services). */
  ports: PortSet;
  /** Where connections start. */
  from: IntentEnd;
  /** Where they go. */
  to: IntentEnd;
}

/** The intent of one site. */
export interface SiteIntent {
  /** Rules, by flow then order of the flow's ends. */
  rules: IntentRule[];
  /** Flows left out because they expired before the evaluation date. */
  expired: Array<FlowLocation & { expires: string }>;
  /** Where each flow is written (every flow of the inventory). */
  locations: Map<string, FlowLocation>;
}

/**
 * The ports of a service.
 * @param svc the service
 */
export function servicePortSet(svc: Pick<Service, "protocol" | "port" | "portMin" | "portMax">): PortSet {
  if (svc.protocol === "any") return fullSet();
  if (svc.protocol === "icmp") return singleSet("icmp");
  const min = svc.port ?? svc.portMin;
  return min === undefined ? singleSet(svc.protocol) : singleSet(svc.protocol, min, svc.port ?? svc.portMax ?? min);
}

/**
 * The ends a flow endpoint stands for at a site and in a family.
 * @param inventory the inventory
 * @param sitePlan the site's address plan
 * @param ep the flow endpoint
 * @param family the family
 */
export function resolveEnd(inventory: Inventory, sitePlan: SitePlan, ep: Inventory["flows"][number]["from"], family: Family): IntentEnd[] {
  const site = sitePlan.site;
  if (ep.zone !== undefined) return inventory.zones.some((z) => z.site === site && z.id === ep.zone) ? [{ kind: "zone", zone: ep.zone }] : [];
  if (ep.system !== undefined) {
    const system = inventory.systems.find((s) => s.id === ep.system);
    if (!system || !system.sites.includes(site)) return [];
    return system.tiers.filter((t) => ep.tier === undefined || t.name === ep.tier).map((t) => ({ kind: "tier" as const, system: system.id, tier: t.name }));
  }
  if (ep.external === "internet") return [{ kind: "internet" }];
  if (ep.external === "tslcd" || ep.external === "national-platforms") {
    const prefixes = tslcdPrefixesFor({ external: ep.external, level: ep.level, holds: ep.holds, agencies: ep.agencies }, sitePlan).filter((p) => familyOf(p) === family);
    return prefixes.length > 0 ? [{ kind: "tslcd", network: ep.external, prefixes }] : [];
  }
  return [];
}

/**
 * The intent of a site on a date.
 * @param input the inventory, the site's address plan, the evaluation date, and where the flows are written
 */
export function resolveIntent(input: { inventory: Inventory; sitePlan: SitePlan; asOf: string; sources?: SourceMap; addressPlan?: AddressPlan }): SiteIntent {
  const { inventory, sitePlan, asOf, sources, addressPlan } = input;
  const planned = new Set((addressPlan?.sites ?? []).map((p) => p.site));
  // Where an end is: a system's sites, a zone's sites; an outside network is everywhere (undefined).
  const whereIs = (ep: Inventory["flows"][number]["from"]): string[] | undefined =>
    ep.system !== undefined ? (inventory.systems.find((s) => s.id === ep.system)?.sites ?? []) : ep.zone !== undefined ? inventory.zones.filter((z) => z.id === ep.zone).map((z) => z.site) : undefined;
  const remoteEnds = (ep: Inventory["flows"][number]["from"], sites: readonly string[]): IntentEnd[] => {
    const system = inventory.systems.find((s) => s.id === ep.system);
    if (!system) return [];
    return [...sites].filter((x) => x !== sitePlan.site && planned.has(x)).sort().flatMap((x) => system.tiers.filter((t) => ep.tier === undefined || t.name === ep.tier).map((t): IntentEnd => ({ kind: "remote", site: x, system: system.id, tier: t.name })));
  };
  const here = (e: IntentEnd): boolean => e.kind === "zone" || e.kind === "tier" || e.kind === "cluster";
  const services = new Map(inventory.services.map((s) => [s.name, s]));
  const locations = new Map<string, FlowLocation>();
  inventory.flows.forEach((f, i) => {
    const at = sources?.locate(["flows", i]);
    locations.set(f.name, { flow: f.name, file: at?.file, line: at?.line });
  });
  const rules: IntentRule[] = [];
  const expired: SiteIntent["expired"] = [];
  for (const flow of [...inventory.flows].sort((a, b) => a.name.localeCompare(b.name))) {
    if (flow.expires !== undefined && flow.expires < asOf) {
      expired.push({ ...(locations.get(flow.name) as FlowLocation), expires: flow.expires });
      continue;
    }
    const ports = union(...flow.services.map((n) => services.get(n)).filter((s): s is Service => s !== undefined).map(servicePortSet));
    for (const family of ["ipv4", "ipv6"] as const) {
      const froms = resolveEnd(inventory, sitePlan, flow.from, family);
      const tos = resolveEnd(inventory, sitePlan, flow.to, family);
      const pairs: Array<[IntentEnd, IntentEnd]> = froms.flatMap((a) => tos.map((b): [IntentEnd, IntentEnd] => [a, b]));
      const toAt = whereIs(flow.to);
      const fromAt = whereIs(flow.from);
      // This site's source, the destination system elsewhere: it is reached at every site it is at.
      if (flow.to.system !== undefined && toAt !== undefined && !toAt.includes(sitePlan.site)) {
        for (const b of remoteEnds(flow.to, toAt)) for (const a of froms.filter(here)) pairs.push([a, b]);
      }
      // The source system at sites without the destination reaches it here.
      if (flow.from.system !== undefined && fromAt !== undefined && toAt !== undefined && toAt.includes(sitePlan.site)) {
        for (const a of remoteEnds(flow.from, fromAt.filter((x) => !toAt.includes(x)))) for (const b of tos.filter(here)) pairs.push([a, b]);
      }
      for (const [from, to] of pairs) rules.push({ flow: flow.name, family, ports, from, to });
    }
  }
  // The backup job plan's declared flows: a dump from the running cluster's nodes to its database tier.
  const backup = backupFlowIntent(inventory, sitePlan, asOf, services, sources);
  rules.push(...backup.rules);
  for (const l of backup.locations) locations.set(l.flow, l);
  // The clusters the program builds: their own ports, read from the cluster model.
  const clusters = clusterIntent(inventory, sitePlan, sources);
  rules.push(...clusters.rules);
  for (const l of clusters.locations) locations.set(l.flow, l);
  return { rules, expired, locations };
}
