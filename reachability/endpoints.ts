/**
 * The endpoints of one site: every system tier hosted there (VM ports, pods, bare-metal hosts), every
 * zone's addresses outside its VLANs, the Internet and each TSLCD prefix. Regions of addresses (the
 * Internet, a TSLCD prefix, a zone's spare space) are represented by one host per atom group: the
 * region cut at every prefix some rule uses, grouped by the prefixes holding each piece (`atomGroups`).
 */
import type { Inventory } from "../inventory/model";
import { tierVlan } from "../inventory/model/defaults";
import type { AddressPlan, SitePlan } from "../inventory/addressing/types";
import { formatAddress } from "../inventory/addressing/address";
import { familyOf, netRange, parseIp, parseNet, type AddressRange, type Family, type Net } from "./addresses";
import { atomGroups, subtractRanges } from "./addressAtoms";
import type { Dataplane } from "./dataplane";
import type { Endpoint, Host, Location } from "./endpointTypes";
import { internetRanges } from "./intent/externals";
import { PrefixTrie } from "./prefixTrie";
import type { SiteTopology } from "./topology";
import { clusterEndpoints } from "./clusterEndpoints";
import { portHost, subnetsOf } from "./portHost";

export { identityOffset, slaacAddress } from "./portHost";

const FAMILIES: readonly Family[] = ["ipv4", "ipv6"];

/** Preferred Internet representatives: documentation ranges (RFC 5737, RFC 3849, RFC 9637), when they fall in a group. */
export const INTERNET_CANDIDATES: Readonly<Record<Family, readonly string[]>> = {
  ipv4: ["198.51.100.10", "203.0.113.10", "192.0.2.10"],
  ipv6: ["2001:db8:ffff::10", "3fff:0:ffff::10", "3fff::10"],
};

/** Matrix columns of the networks outside the DC (parenthesised: never mistaken for a zone id). */
export const EXTERNAL_COLUMNS = { internet: "(Internet)", tslcd: "(TSLCD)", interconnect: "(other sites)" } as const;

/**
 * Every prefix the dataplane's matchers use, as ranges of one family (the cuts of `atomGroups`).
 * @param dp the dataplane
 * @param family the family
 */
export function matcherRanges(dp: Dataplane, family: Family): AddressRange[] {
  const seen = new Map<string, AddressRange>();
  const add = (n: Net): void => {
    if (n.family !== family) return;
    const r = netRange(n);
    seen.set(`${r.lo}-${r.hi}`, r);
  };
  for (const m of dp.matchers.list) {
    if (m.kind !== "prefixes") continue;
    m.nets.forEach(add);
    m.except.forEach(add);
  }
  return [...seen.values()];
}

/**
 * A representative address for an atom group: a preferred candidate inside it, else its first address
 * after a network address, else its first address.
 * @param family the family
 * @param ranges the group's ranges
 * @param preferred candidates
 */
export function representative(family: Family, ranges: readonly AddressRange[], preferred: readonly string[] = []): string {
  for (const c of preferred) {
    const ip = parseIp(c);
    if (ip && ranges.some((r) => r.lo <= ip.value && ip.value <= r.hi)) return c;
  }
  const r = ranges[0];
  return formatAddress(family, r.hi > r.lo ? r.lo + 1n : r.lo);
}

/**
 * Hosts standing for every address of a region: one per atom group.
 * @param idBase host id prefix
 * @param family the family
 * @param region the region's ranges
 * @param cuts the matchers' prefixes
 * @param location where the hosts sit
 * @param preferred preferred representative addresses
 */
export function regionHosts(idBase: string, family: Family, region: readonly AddressRange[], cuts: readonly AddressRange[], location: Location, preferred: readonly string[] = []): Host[] {
  return atomGroups(region, cuts).map((g, i) => ({ id: `${idBase}#${family}-${i + 1}`, address: { [family]: representative(family, g.ranges, preferred) }, subnetId: {}, location }));
}

/** Neutron subnets by prefix, for the most specific subnet holding an address. */
export function subnetTrie(dp: Dataplane): PrefixTrie<string> {
  const t = new PrefixTrie<string>();
  for (const s of dp.neutron.subnets.values()) t.insert(s.cidr, s.id);
  return t;
}

function tierEndpoints(inventory: Inventory, sitePlan: SitePlan, dp: Dataplane, topo: SiteTopology, trie: PrefixTrie<string>): Endpoint[] {
  const site = sitePlan.site;
  const out: Endpoint[] = [];
  const systems = [...inventory.systems].filter((s) => s.sites.includes(site)).sort((a, b) => a.id.localeCompare(b.id));
  const portsByTier = new Map<string, Dataplane["neutron"]["ports"]>();
  for (const p of dp.neutron.ports) {
    if ((p.tags["site"] ?? site) !== site || !p.tags["system"] || !p.tags["tier"]) continue;
    const k = `${p.tags["system"]}/${p.tags["tier"]}`;
    const list = portsByTier.get(k);
    if (list) list.push(p);
    else portsByTier.set(k, [p]);
  }
  for (const system of systems) {
    for (const tier of [...system.tiers].sort((a, b) => a.name.localeCompare(b.name))) {
      const zone = inventory.zones.find((z) => z.site === site && z.id === tier.zone);
      const vlan = zone ? tierVlan(zone, tier) : undefined;
      const subnet = sitePlan.subnets.find((s) => s.zone === tier.zone && s.vlanName === vlan?.name);
      const vlanKey = subnet ? `${subnet.zone}/${subnet.vlanName}` : undefined;
      const id = `tier:${system.id}/${tier.name}`;
      const base = { id, label: `${system.id}/${tier.name}`, kind: "tier" as const, column: tier.zone, zone: tier.zone, system: system.id, tier: tier.name, form: tier.form, vlan: vlanKey };
      const sampleAddress: Partial<Record<Family, string>> = subnet ? { ipv4: subnet.ipv4.pool.start, ipv6: subnet.ipv6.pool.start } : {};
      const location: Location = { zone: tier.zone, vlan: vlanKey };
      const sample: Host = { id: `${id}#sample`, address: sampleAddress, subnetId: subnetsOf(trie, sampleAddress), location };
      if (tier.form === "vm") {
        const ports = (portsByTier.get(`${system.id}/${tier.name}`) ?? []).slice().sort((a, b) => a.urn.localeCompare(b.urn));
        if (ports.length === 0) {
          out.push({ ...base, hosts: [sample], note: "VM tier without a port in the plan: represented by an unenforced sample address" });
          continue;
        }
        const hosts = ports.map((p): Host => portHost(p, dp, topo, { zone: tier.zone, vlan: vlanKey }));
        out.push({ ...base, hosts });
      } else if (tier.form === "container") {
        const cluster = `${site}-${tier.cluster}`;
        const ns = dp.kube.namespaces.find(
          (n) => n.labels["hatang.vn/system"] === system.id && n.labels["hatang.vn/zone"] === tier.zone && (n.cluster === cluster || n.cluster === "default"),
        );
        if (!ns) {
          out.push({ ...base, hosts: [sample], note: "container tier without a namespace in the plan: represented by an unenforced sample address" });
          continue;
        }
        const labels = { "hatang.vn/tier": tier.name };
        const containerPorts = dp.kube.workloads
          .filter((w) => w.cluster === ns.cluster && w.namespace === ns.name && w.labels["hatang.vn/tier"] === tier.name)
          .flatMap((w) => w.containerPorts);
        // Traffic between pods and anything outside the cluster carries the nodes' addresses (the tier's VLAN).
        out.push({ ...base, hosts: [{ ...sample, location: { ...location, cluster: ns.cluster }, pod: { cluster: ns.cluster, namespace: ns.name, labels, containerPorts } }] });
      } else {
        out.push({ ...base, hosts: [sample], note: "bare metal: enforced by the zone firewalls, not by the cloud" });
      }
    }
  }
  return out;
}

/**
 * The province's other sites, as the site sees them over the interconnect: one endpoint per VLAN there holding
 * a system's tier (what a flow crossing the interconnect names), and one per site for the rest of its zone
 * blocks; every address of theirs is in exactly one, one host per atom group.
 * @param inventory the inventory
 * @param addressPlan the province's plan
 * @param site this site
 * @param cuts the matchers' prefixes per family
 */
export function otherSiteEndpoints(inventory: Inventory, addressPlan: AddressPlan, site: string, cuts: Record<Family, AddressRange[]>): Endpoint[] {
  const out: Endpoint[] = [];
  const location: Location = { external: "interconnect" };
  const column = EXTERNAL_COLUMNS.interconnect;
  for (const plan of [...addressPlan.sites].filter((p) => p.site !== site).sort((a, b) => a.site.localeCompare(b.site))) {
    const tiersOn = new Map<string, string[]>();
    for (const system of inventory.systems.filter((s) => s.sites.includes(plan.site))) {
      for (const tier of system.tiers) {
        const zone = inventory.zones.find((z) => z.site === plan.site && z.id === tier.zone);
        const vlan = zone ? tierVlan(zone, tier) : undefined;
        if (vlan === undefined) continue;
        const key = `${tier.zone}/${vlan.name}`;
        tiersOn.set(key, [...(tiersOn.get(key) ?? []), `${system.id}/${tier.name}`]);
      }
    }
    const taken: Record<Family, AddressRange[]> = { ipv4: [], ipv6: [] };
    for (const s of [...plan.subnets].sort((a, b) => a.zone.localeCompare(b.zone) || a.vlanId - b.vlanId || a.vlanName.localeCompare(b.vlanName))) {
      const key = `${s.zone}/${s.vlanName}`;
      const tiers = tiersOn.get(key);
      if (tiers === undefined) continue;
      const id = `remote:${plan.site}/${key}`;
      const hosts = FAMILIES.flatMap((f) => {
        const region = [netRange(parseNet(s[f].prefix) as Net)];
        taken[f].push(...region);
        return regionHosts(id, f, region, cuts[f], location);
      });
      out.push({ id, label: `${plan.site} VLAN ${key} (${[...tiers].sort().join(", ")})`, kind: "remote", column, site: plan.site, remoteTiers: [...tiers].sort(), vlan: key, hosts });
    }
    const hosts = FAMILIES.flatMap((f) => {
      const blocks = plan.zones.map((z) => parseNet(z[f])).filter((n): n is Net => n !== undefined).map(netRange);
      return regionHosts(`site:${plan.site}`, f, subtractRanges(blocks, taken[f]), cuts[f], location);
    });
    if (hosts.length > 0) out.push({ id: `site:${plan.site}`, label: `${plan.site} (its other addresses)`, kind: "site", column, site: plan.site, hosts });
  }
  return out;
}

/**
 * Every endpoint of a site.
 * @param inventory the validated inventory
 * @param addressPlan the province's address plan
 * @param site the site id
 * @param dp the plan's dataplane
 * @param topo the site's topology
 */
export function siteEndpoints(inventory: Inventory, addressPlan: AddressPlan, site: string, dp: Dataplane, topo: SiteTopology): Endpoint[] {
  const sitePlan = addressPlan.sites.find((s) => s.site === site);
  if (!sitePlan) throw new Error(`the address plan has no site "${site}" (sites: ${addressPlan.sites.map((s) => s.site).join(", ")})`);
  const trie = subnetTrie(dp);
  const cuts: Record<Family, AddressRange[]> = { ipv4: matcherRanges(dp, "ipv4"), ipv6: matcherRanges(dp, "ipv6") };
  const out = [...tierEndpoints(inventory, sitePlan, dp, topo, trie), ...clusterEndpoints(inventory, sitePlan, dp, topo, trie)];
  // Bare-metal and container tiers are named by their VLAN's prefix (a VLAN is theirs alone): a stand-in for
  // the zone's other hosts placed there would be a host the inventory cannot have.
  const vlanNamedTiers = new Set(out.filter((e) => (e.form === "bare-metal" || e.form === "container") && e.vlan !== undefined).map((e) => e.vlan));
  const rangesOf = (prefixes: readonly string[], family: Family): AddressRange[] =>
    prefixes.map((p) => parseNet(p)).filter((n): n is Net => n !== undefined && n.family === family).map(netRange);
  for (const z of [...sitePlan.zones].sort((a, b) => a.zone.localeCompare(b.zone))) {
    const subnets = sitePlan.subnets.filter((s) => s.zone === z.zone).sort((a, b) => a.vlanId - b.vlanId || a.vlanName.localeCompare(b.vlanName));
    const hosts: Host[] = [];
    let note: string | undefined;
    for (const f of FAMILIES) {
      const spare = subtractRanges(rangesOf([z[f]], f), rangesOf(subnets.map((s) => s[f].prefix), f));
      if (spare.length > 0) {
        hosts.push(...regionHosts(`zone:${z.zone}`, f, spare, cuts[f], { zone: z.zone, vlan: `${z.zone}/(outside VLANs)` }));
      } else if (subnets.length > 0) {
        const free = subnets.filter((s) => !vlanNamedTiers.has(`${s.zone}/${s.vlanName}`));
        const last = free.length > 0 ? free[free.length - 1] : subnets[subnets.length - 1];
        const address = { [f]: last[f].pool.end };
        hosts.push({ id: `zone:${z.zone}#${f}-sample`, address, subnetId: subnetsOf(trie, address), location: { zone: z.zone, vlan: `${z.zone}/${last.vlanName}` } });
        note = `the zone's VLAN subnets fill its block; its other hosts are represented by an address in VLAN ${last.vlanName}`;
      }
    }
    out.push({ id: `zone:${z.zone}`, label: `zone ${z.zone}`, kind: "zone", column: z.zone, zone: z.zone, hosts, note });
  }
  const internetHosts = FAMILIES.flatMap((f) => regionHosts("internet", f, internetRanges(addressPlan, f), cuts[f], { external: "internet" }, INTERNET_CANDIDATES[f]));
  out.push({ id: "internet", label: "Internet", kind: "internet", column: EXTERNAL_COLUMNS.internet, hosts: internetHosts, note: "every address outside the province (aggregates, TSLCD prefixes, cluster ranges), one host per group of addresses the rules treat alike" });
  // TSLCD: one endpoint per agency endpoint LAN and per fixed prefix (less the LANs inside it); a level-II
  // block is address space, not a party: only its part outside every LAN is an endpoint (no flow names it).
  const lans = (sitePlan.tslcdLans ?? []).flatMap((l) => FAMILIES.map((f) => ({ prefix: l[f], label: `TSLCD LAN ${l.endpoint} (${l.owner}) ${l[f]}` })));
  const lanPrefixes = [...new Set(lans.map((l) => l.prefix))];
  const tslcdParties = [
    ...sitePlan.tslcd.map((t) => ({ prefix: t.prefix, label: `TSLCD ${t.carrier} ${t.prefix}${t.block === true ? " (level-II block, outside its LANs)" : ""}` })),
    ...lans.filter((l, i) => lans.findIndex((m) => m.prefix === l.prefix) === i && !sitePlan.tslcd.some((t) => t.prefix === l.prefix)),
  ].sort((a, b) => a.prefix.localeCompare(b.prefix));
  for (const t of tslcdParties) {
    const f = familyOf(t.prefix);
    const others = lanPrefixes.filter((p) => p !== t.prefix && familyOf(p) === f);
    const region = subtractRanges(rangesOf([t.prefix], f), rangesOf(others, f));
    if (region.length === 0) continue;
    out.push({ id: `tslcd:${t.prefix}`, label: t.label, kind: "tslcd", column: EXTERNAL_COLUMNS.tslcd, hosts: regionHosts(`tslcd:${t.prefix}`, f, region, cuts[f], { external: "tslcd" }) });
  }
  out.push(...otherSiteEndpoints(inventory, addressPlan, site, cuts));
  return out;
}
