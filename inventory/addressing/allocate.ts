import { vlanPhysnet, type Cluster, type Device, type DeviceRole, type Inventory, type Site, type Uplink, type Zone } from "../model";
import type { FieldPath, Problem, SourceMap } from "../loader/types";
import { Family, formatAddress } from "./address";
import { FreeSpace } from "./freeSpace";
import { clusterIdentity, compareText, infraIdentity, linkIdentity, loopbackIdentity, publicIdentity, vlanIdentity, zoneIdentity } from "./identity";
import type { AddressLock, LockEntry } from "./lockFile";
import { BlockRequest, placeRequests } from "./placement";
import { Prefix, comparePrefixes, contains, formatPrefix, lastAddress, netmask, overlaps, parsePrefix } from "./prefix";
import {
  INFRA_IPV6_LENGTH,
  POD_IPV6_LENGTH,
  SERVICE_IPV6_LENGTH,
  VLAN_IPV6_LENGTH,
  infraIpv4Length,
  vlanIpv4Length,
  zoneIpv4Length,
  zoneIpv6Length,
} from "./sizing";
import { poolSize, subnetFamily } from "./subnetLayout";
import { allocateTslcd, siteTslcdPrefixes } from "./tslcdAllocate";
import type { AddressPlan, ClusterRanges, FixedPrefix, LinkPlan, LoopbackPlan, PublishedAddress, SitePlan, SubnetPlan, ZoneBlock } from "./types";

/** Device roles that route and so get a loopback. */
export const ROUTING_ROLES: readonly DeviceRole[] = ["router", "core-switch", "core-firewall", "edge-firewall", "db-firewall", "load-balancer"];

/** What allocation gives: the plan and the lock to write, or every problem at once. */
export type AllocationResult = { ok: true; plan: AddressPlan; lock: AddressLock } | { ok: false; problems: Problem[] };

const FAMILIES: readonly Family[] = ["ipv4", "ipv6"];
const FAMILY_NAME: Record<Family, string> = { ipv4: "IPv4", ipv6: "IPv6" };

/** Everything of one site the allocator looks at, with each item's index in the inventory (for field paths). */
interface SiteInput {
  site: Site;
  index: number;
  aggregates: Record<Family, Prefix[]>;
  /** Families with an aggregate that does not parse (reported once; what would not fit without it is a follow-on, not reported). */
  malformed: Set<Family>;
  /** Whether a public IPv4 prefix does not parse (then "no public prefix" is that problem again). */
  malformedPublic: boolean;
  /** Registered public prefixes (published services), parsed. */
  publics: Record<Family, Prefix[]>;
  zones: Array<{ zone: Zone; index: number }>;
  uplinks: Array<{ uplink: Uplink; index: number }>;
  devices: Array<{ device: Device; index: number }>;
  clusters: Array<{ cluster: Cluster; index: number }>;
  /** Tiers that publish ports at this site (each gets a public IPv4 address). */
  published: Array<{ system: string; tier: string; path: FieldPath }>;
}

/** Reports problems with their file and line. */
type Report = (path: FieldPath, message: string, found?: string) => void;

/**
 * Allocates the province's whole dual-stack address plan.
 * @param inventory the validated inventory
 * @param lock the committed lock file, if any: its allocations are kept while still valid
 * @param sources the loader's source map, so problems carry file and line
 * @returns the plan and the new lock, or every problem found
 */
export function allocateAddressPlan(inventory: Inventory, lock?: AddressLock, sources?: SourceMap): AllocationResult {
  const problems: Problem[] = [];
  const report: Report = (path, message, found) => {
    const location = sources?.locate(path);
    problems.push({ ...(location !== undefined ? { location } : {}), path, message, ...(found !== undefined ? { found } : {}) });
  };
  const inputs = collectSites(inventory, report);
  checkAggregatesDisjoint(inputs, report);
  const lockPrefix = lockReader(lock?.allocations ?? {}, report);
  const sites = inputs.map((input) => allocateSite(input, lockPrefix, report));
  // Agency LANs and PE–CE links of the TSLCD, from the province's level-II blocks (completes each site's plan).
  const tslcd = allocateTslcd(inventory, sites.map((s) => s.plan), lockPrefix, report);
  if (problems.length > 0) return { ok: false, problems };
  const plan: AddressPlan = { province: inventory.province.code, sites: sites.map((s) => s.plan), ...(tslcd ? { tslcd: tslcd.plan } : {}) };
  const allocations: Record<string, LockEntry> = { ...tslcd?.lock };
  for (const s of sites) Object.assign(allocations, s.lock);
  return { ok: true, plan, lock: { province: inventory.province.code, allocations } };
}

/** Groups the inventory by site, sorted by id, reporting references to unknown sites and duplicate identities. */
function collectSites(inventory: Inventory, report: Report): SiteInput[] {
  const bySite = new Map<string, SiteInput>();
  inventory.sites.forEach((site, index) => {
    if (bySite.has(site.id)) {
      report(["sites", index, "id"], `site id "${site.id}" is declared twice; site ids must be unique`, site.id);
      return;
    }
    const aggregates: Record<Family, Prefix[]> = { ipv4: [], ipv6: [] };
    const malformed = new Set<Family>();
    for (const family of FAMILIES) {
      site.aggregates[family].forEach((text, i) => {
        const parsed = parsePrefix(text, family);
        if (parsed.ok) aggregates[family].push(parsed.prefix);
        else {
          malformed.add(family);
          report(["sites", index, "aggregates", family, i], `${FAMILY_NAME[family]} aggregate of site "${site.id}": ${parsed.message}`, text);
        }
      });
      aggregates[family].sort(comparePrefixes);
    }
    for (const t of siteTslcdPrefixes(site)) {
      const parsed = parsePrefix(t.text);
      if (!parsed.ok) report(["sites", index, "tslcd", t.index, t.field], `TSLCD prefix of site "${site.id}": ${parsed.message}`, t.text);
    }
    const publics: Record<Family, Prefix[]> = { ipv4: [], ipv6: [] };
    let malformedPublic = false;
    for (const family of FAMILIES) {
      site.publicPrefixes[family].forEach((text, i) => {
        const parsed = parsePrefix(text, family);
        if (parsed.ok) publics[family].push(parsed.prefix);
        else {
          malformedPublic = true;
          report(["sites", index, "publicPrefixes", family, i], `public ${FAMILY_NAME[family]} prefix of site "${site.id}": ${parsed.message}`, text);
        }
      });
      publics[family].sort(comparePrefixes);
    }
    bySite.set(site.id, { site, index, aggregates, malformed, malformedPublic, publics, zones: [], uplinks: [], devices: [], clusters: [], published: [] });
  });
  const attach = <T>(
    kind: string,
    list: readonly T[],
    siteOf: (t: T) => string,
    idOf: (t: T) => string,
    push: (s: SiteInput, t: T, i: number) => void,
    wanted: (t: T) => boolean = () => true,
  ): void => {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      if (!wanted(item)) return;
      const s = bySite.get(siteOf(item));
      if (s === undefined) {
        report([kind, i, "site"], `${kind.replace(/s$/, "")} "${idOf(item)}" refers to site "${siteOf(item)}", which is not declared`, siteOf(item));
        return;
      }
      const key = `${siteOf(item)}/${idOf(item)}`;
      if (seen.has(key)) {
        report([kind, i], `${kind.replace(/s$/, "")} "${idOf(item)}" is declared twice at site "${siteOf(item)}"`, idOf(item));
        return;
      }
      seen.add(key);
      push(s, item, i);
    });
  };
  attach("zones", inventory.zones, (z) => z.site, (z) => z.id, (s, zone, index) => s.zones.push({ zone, index }));
  attach("uplinks", inventory.uplinks, (u) => u.site, (u) => u.id, (s, uplink, index) => s.uplinks.push({ uplink, index }));
  // Only routing devices get a loopback, so only they are the allocator's business.
  attach("devices", inventory.devices, (d) => d.site, (d) => d.name, (s, device, index) => s.devices.push({ device, index }), (d) => ROUTING_ROLES.includes(d.role));
  attach("clusters", inventory.clusters, (c) => c.site, (c) => c.id, (s, cluster, index) => s.clusters.push({ cluster, index }));
  inventory.systems.forEach((system, si) => {
    system.tiers.forEach((tier, ti) => {
      if (tier.publish.length === 0) return;
      for (const site of system.sites) bySite.get(site)?.published.push({ system: system.id, tier: tier.name, path: ["systems", si, "tiers", ti, "publish"] });
    });
  });
  return [...bySite.values()].sort((a, b) => compareText(a.site.id, b.site.id));
}

/** Aggregates of different sites (and of one site) must not overlap: each site allocates alone. */
function checkAggregatesDisjoint(inputs: readonly SiteInput[], report: Report): void {
  for (const family of FAMILIES) {
    const all = inputs.flatMap((s) => s.aggregates[family].map((p) => ({ p, s })));
    all.sort((a, b) => comparePrefixes(a.p, b.p));
    for (let i = 1; i < all.length; i++) {
      const prev = all[i - 1];
      const cur = all[i];
      if (overlaps(prev.p, cur.p)) {
        const idx = cur.s.site.aggregates[family].findIndex((t) => parsePrefix(t).ok && formatPrefix((parsePrefix(t) as { prefix: Prefix }).prefix) === formatPrefix(cur.p));
        report(
          ["sites", cur.s.index, "aggregates", family, Math.max(idx, 0)],
          `${FAMILY_NAME[family]} aggregate ${formatPrefix(cur.p)} of site "${cur.s.site.id}" overlaps aggregate ${formatPrefix(prev.p)} of site "${prev.s.site.id}"`,
          formatPrefix(cur.p),
        );
      }
    }
  }
}

/** Reads lock entries lazily; a malformed locked prefix is reported once and treated as absent. */
function lockReader(entries: Readonly<Record<string, LockEntry>>, report: Report): (identity: string, family: Family, path: FieldPath) => Prefix | undefined {
  return (identity, family, path) => {
    const text = entries[identity]?.[family];
    if (text === undefined) return undefined;
    const parsed = parsePrefix(text, family);
    if (parsed.ok) return parsed.prefix;
    report(path, `lock entry "${identity}" ${family}: ${parsed.message}; fix or delete the entry in the lock file`, text);
    return undefined;
  };
}

/** One site's plan and lock entries. */
interface SiteResult {
  plan: SitePlan;
  lock: Record<string, LockEntry>;
}

function allocateSite(input: SiteInput, lockPrefix: ReturnType<typeof lockReader>, report: Report): SiteResult {
  const { site } = input;
  const placed: Record<Family, Map<string, Prefix>> = { ipv4: new Map(), ipv6: new Map() };
  const zones = [...input.zones].sort((a, b) => compareText(a.zone.id, b.zone.id));
  const infraId = infraIdentity(site.id);

  for (const family of FAMILIES) {
    const spaces = input.aggregates[family].map((p) => new FreeSpace(p));
    const label = `the ${FAMILY_NAME[family]} aggregates ${input.aggregates[family].map(formatPrefix).join(", ")} of site "${site.id}"`;
    // Carrier prefixes are pinned first: nothing of ours may ever land on them.
    for (const t of siteTslcdPrefixes(site)) {
      const parsed = parsePrefix(t.text);
      if (!parsed.ok || parsed.prefix.family !== family) continue;
      for (const space of spaces) {
        const outcome = space.reserve(parsed.prefix.network, lastAddress(parsed.prefix), `TSLCD prefix ${t.text} (${t.entry.reference})`);
        if (!outcome.ok) report(["sites", input.index, "tslcd", t.index, t.field], `TSLCD prefix ${t.text} overlaps ${outcome.conflicts.map((c) => c.owner).join(", ")}`, t.text);
      }
    }
    const top: BlockRequest[] = [];
    for (const { zone, index } of zones) {
      const r = zoneRequest(site.id, zone, index, family, lockPrefix, report);
      if (r !== undefined) top.push(r);
    }
    top.push({
      identity: infraId,
      owner: `the infrastructure block (links, loopbacks) of site "${site.id}"`,
      path: ["sites", input.index],
      length: family === "ipv4" ? infraIpv4Length(input.uplinks.length, input.devices.length) : INFRA_IPV6_LENGTH,
      locked: lockPrefix(infraId, family, ["sites", input.index]),
    });
    for (const { cluster, index } of input.clusters) {
      for (const range of ["pods", "services"] as const) {
        const id = clusterIdentity(site.id, cluster.id, range);
        const field = range === "pods" ? "podPrefix" : "servicePrefix";
        const length =
          family === "ipv4" ? (range === "pods" ? cluster.podIpv4Length : cluster.serviceIpv4Length) : range === "pods" ? POD_IPV6_LENGTH : SERVICE_IPV6_LENGTH;
        top.push({
          identity: id,
          owner: `the ${range === "pods" ? "pod" : "service"} range of cluster "${cluster.id}" at site "${site.id}"`,
          path: ["clusters", index],
          length,
          explicit: explicitPrefix(cluster[field]?.[family], family, ["clusters", index, field, family], report),
          locked: lockPrefix(id, family, ["clusters", index]),
          check: (p) => (p.length > length ? `a /${p.length} is smaller than the /${length} the cluster asks for` : undefined),
        });
      }
    }
    // With an aggregate that did not parse, what does not fit in the rest is that problem again: not reported.
    const topReport: Report = input.malformed.has(family) ? () => undefined : report;
    const topPlaced = placeRequests({ spaces, parentLabel: label, followParent: false, report: topReport, parentPath: ["sites", input.index, "aggregates", family] }, top);
    for (const [k, v] of topPlaced) placed[family].set(k, v);

    for (const { zone, index } of zones) {
      const block = topPlaced.get(zoneIdentity(site.id, zone.id));
      if (block === undefined) continue;
      const vlans = zone.vlans.map((_vlan, vi) => vlanRequest(site.id, zone, index, vi, family, lockPrefix, report));
      const zoneLabel = `the ${FAMILY_NAME[family]} block ${formatPrefix(block)} of zone "${zone.id}" at site "${site.id}"`;
      const got = placeRequests({ spaces: [new FreeSpace(block)], parentLabel: zoneLabel, followParent: true, report }, vlans);
      for (const [k, v] of got) placed[family].set(k, v);
    }
    const infra = topPlaced.get(infraId);
    if (infra !== undefined) {
      const pointToPoint = family === "ipv4" ? 31 : 127;
      const host = family === "ipv4" ? 32 : 128;
      const exact = (length: number) => (p: Prefix) => (p.length !== length ? `expected a /${length}` : undefined);
      const children: BlockRequest[] = [
        ...input.uplinks.map(({ uplink, index }) => ({
          identity: linkIdentity(site.id, uplink.id),
          owner: `link "${uplink.id}" at site "${site.id}"`,
          path: ["uplinks", index],
          length: pointToPoint,
          locked: lockPrefix(linkIdentity(site.id, uplink.id), family, ["uplinks", index]),
          check: exact(pointToPoint),
        })),
        ...input.devices.map(({ device, index }) => ({
          identity: loopbackIdentity(site.id, device.name),
          owner: `the loopback of device "${device.name}" at site "${site.id}"`,
          path: ["devices", index],
          length: host,
          locked: lockPrefix(loopbackIdentity(site.id, device.name), family, ["devices", index]),
          check: exact(host),
        })),
      ];
      const infraLabel = `the ${FAMILY_NAME[family]} infrastructure block ${formatPrefix(infra)} of site "${site.id}"`;
      const got = placeRequests({ spaces: [new FreeSpace(infra)], parentLabel: infraLabel, followParent: true, report }, children);
      for (const [k, v] of got) placed[family].set(k, v);
    }
  }
  placePublicAddresses(input, lockPrefix, report, placed.ipv4);
  return assembleSite(input, zones, placed);
}

/**
 * One public IPv4 address per published tier of the site, from its registered public IPv4 prefixes
 * (destination NAT on the edge firewall). IPv6 needs none: published services are reached at their own
 * addresses, inside a registered public IPv6 prefix. Fails when the site publishes but has no public IPv4.
 */
function placePublicAddresses(input: SiteInput, lockPrefix: ReturnType<typeof lockReader>, report: Report, placed: Map<string, Prefix>): void {
  if (input.published.length === 0) return;
  const { site } = input;
  if (input.publics.ipv4.length === 0) {
    if (input.malformedPublic) return;
    for (const p of input.published) {
      report(p.path, `${p.system}/${p.tier} publishes ports at site "${site.id}", which has no public IPv4 prefix for their destination NAT: add the province's registered range under sites[${input.index}].publicPrefixes.ipv4`);
    }
    return;
  }
  const requests: BlockRequest[] = input.published.map((p) => {
    const identity = publicIdentity(site.id, p.system, p.tier);
    return {
      identity,
      owner: `the public IPv4 address of ${p.system}/${p.tier} at site "${site.id}"`,
      path: p.path,
      length: 32,
      locked: lockPrefix(identity, "ipv4", p.path),
      check: (x: Prefix) => (x.length !== 32 ? "expected a /32" : undefined),
    };
  });
  const label = `the public IPv4 prefixes ${input.publics.ipv4.map(formatPrefix).join(", ")} of site "${site.id}"`;
  const got = placeRequests({ spaces: input.publics.ipv4.map((p) => new FreeSpace(p)), parentLabel: label, followParent: false, report }, requests);
  for (const [k, v] of got) placed.set(k, v);
}

/** A zone's top-level request; when only its VLANs carry explicit prefixes, the block is anchored around them. */
function zoneRequest(siteId: string, zone: Zone, index: number, family: Family, lockPrefix: ReturnType<typeof lockReader>, report: Report): BlockRequest | undefined {
  const id = zoneIdentity(siteId, zone.id);
  const vlanPrefixes: Array<{ prefix: Prefix; name: string }> = [];
  const vlanLengths = zone.vlans.map((v) => {
    const text = v.prefix?.[family];
    const parsed = text === undefined ? undefined : parsePrefix(text, family);
    if (parsed?.ok) {
      vlanPrefixes.push({ prefix: parsed.prefix, name: v.name });
      return parsed.prefix.length;
    }
    return family === "ipv4" ? vlanIpv4Length(v.hosts) : VLAN_IPV6_LENGTH;
  });
  const length = family === "ipv4" ? zoneIpv4Length(vlanLengths) : zoneIpv6Length(zone.vlans.length);
  const request: BlockRequest = {
    identity: id,
    owner: `zone "${zone.id}" at site "${siteId}"`,
    path: ["zones", index],
    length,
    locked: lockPrefix(id, family, ["zones", index]),
  };
  const text = zone.prefix?.[family];
  if (text !== undefined) {
    // A zone whose own prefix is malformed is skipped (after reporting it): its VLANs would only repeat the problem.
    request.explicit = explicitPrefix(text, family, ["zones", index, "prefix", family], report);
    return request.explicit === undefined ? undefined : request;
  }
  if (request.locked === undefined && vlanPrefixes.length > 0) {
    vlanPrefixes.sort((a, b) => compareText(a.name, b.name));
    request.explicit = { ...anchorBlock(vlanPrefixes.map((v) => v.prefix), length), path: ["zones", index], derivedFrom: `the explicit VLAN prefixes ${vlanPrefixes.map((v) => formatPrefix(v.prefix)).join(", ")}` };
  }
  return request;
}

/**
 * The block of (at least) the wanted length that holds every given prefix, aligned on its own size;
 * IPv6 blocks grow by whole nibbles so they stay readable.
 * @param prefixes explicit VLAN prefixes of one zone and family (at least one)
 * @param length the zone's wanted prefix length
 */
export function anchorBlock(prefixes: readonly Prefix[], length: number): { prefix: Prefix } {
  const family = prefixes[0].family;
  const step = family === "ipv6" ? 4 : 1;
  let l = Math.min(length, ...prefixes.map((p) => p.length));
  for (;;) {
    const block: Prefix = { family, network: prefixes[0].network & netmask(family, l), length: l };
    if (l <= 0 || prefixes.every((p) => contains(block, p))) return { prefix: block };
    l = Math.max(0, l - step);
  }
}

function vlanRequest(siteId: string, zone: Zone, zoneIndex: number, vlanIndex: number, family: Family, lockPrefix: ReturnType<typeof lockReader>, report: Report): BlockRequest {
  const vlan = zone.vlans[vlanIndex];
  const id = vlanIdentity(siteId, zone.id, vlan.name);
  const path: FieldPath = ["zones", zoneIndex, "vlans", vlanIndex];
  const check =
    family === "ipv4"
      ? (p: Prefix): string | undefined =>
          p.length > 30
            ? "a VLAN subnet must be at least a /30"
            : poolSize(p) < BigInt(vlan.hosts)
              ? `its pool holds ${poolSize(p)} addresses after the gateway and reserved range, but the VLAN declares ${vlan.hosts} hosts`
              : undefined
      : (p: Prefix): string | undefined => (p.length !== VLAN_IPV6_LENGTH ? `a VLAN's IPv6 subnet must be a /64 (SLAAC and RFC 7421), found a /${p.length}` : undefined);
  return {
    identity: id,
    owner: `VLAN "${vlan.name}" (${vlan.id}) of zone "${zone.id}" at site "${siteId}"`,
    path,
    length: family === "ipv4" ? vlanIpv4Length(vlan.hosts) : VLAN_IPV6_LENGTH,
    explicit: explicitPrefix(vlan.prefix?.[family], family, [...path, "prefix", family], report),
    locked: lockPrefix(id, family, path),
    check,
  };
}

/** Parses an operator-written prefix of a field, reporting it when malformed (then treated as absent). */
function explicitPrefix(text: string | undefined, family: Family, path: FieldPath, report: Report): BlockRequest["explicit"] {
  if (text === undefined) return undefined;
  const parsed = parsePrefix(text, family);
  if (parsed.ok) return { prefix: parsed.prefix, path };
  report(path, parsed.message, text);
  return undefined;
}

function assembleSite(input: SiteInput, zones: ReadonlyArray<{ zone: Zone }>, placed: Record<Family, Map<string, Prefix>>): SiteResult {
  const { site } = input;
  const lock: Record<string, LockEntry> = {};
  const text = (id: string, family: Family): string => {
    const p = placed[family].get(id);
    // Only reached when allocation reported no problem, so every identity has a block; "" keeps types honest.
    return p === undefined ? "" : formatPrefix(p);
  };
  const pin = (id: string): { ipv4: string; ipv6: string } => {
    const entry = { ipv4: text(id, "ipv4"), ipv6: text(id, "ipv6") };
    lock[id] = entry;
    return entry;
  };
  const zoneBlocks: ZoneBlock[] = [];
  const subnets: SubnetPlan[] = [];
  for (const { zone } of zones) {
    zoneBlocks.push({ site: site.id, zone: zone.id, ...pin(zoneIdentity(site.id, zone.id)) });
    const vlans = [...zone.vlans].sort((a, b) => a.id - b.id || compareText(a.name, b.name));
    for (const vlan of vlans) {
      const id = vlanIdentity(site.id, zone.id, vlan.name);
      pin(id);
      const v4 = placed.ipv4.get(id);
      const v6 = placed.ipv6.get(id);
      if (v4 === undefined || v6 === undefined) continue;
      subnets.push({
        site: site.id,
        zone: zone.id,
        vlanId: vlan.id,
        vlanName: vlan.name,
        purpose: vlan.purpose,
        physnet: vlanPhysnet(site, vlan)?.name ?? site.physnets[0].name,
        ipv6Mode: vlan.ipv6Mode,
        ipv4: subnetFamily(v4),
        ipv6: subnetFamily(v6),
      });
    }
  }
  const infrastructure = pin(infraIdentity(site.id));
  const links: LinkPlan[] = [...input.uplinks]
    .sort((a, b) => compareText(a.uplink.id, b.uplink.id))
    .map(({ uplink }) => ({ site: site.id, id: uplink.id, ...pin(linkIdentity(site.id, uplink.id)) }));
  const loopbacks: LoopbackPlan[] = [...input.devices]
    .sort((a, b) => compareText(a.device.name, b.device.name))
    .map(({ device }) => ({ site: site.id, device: device.name, ...pin(loopbackIdentity(site.id, device.name)) }));
  const clusters: ClusterRanges[] = [...input.clusters]
    .sort((a, b) => compareText(a.cluster.id, b.cluster.id))
    .map(({ cluster }) => ({
      site: site.id,
      cluster: cluster.id,
      pods: pin(clusterIdentity(site.id, cluster.id, "pods")),
      services: pin(clusterIdentity(site.id, cluster.id, "services")),
    }));
  const published: PublishedAddress[] = [...input.published]
    .sort((a, b) => compareText(a.system, b.system) || compareText(a.tier, b.tier))
    .map((p) => {
      const id = publicIdentity(site.id, p.system, p.tier);
      const v4 = placed.ipv4.get(id);
      lock[id] = { ipv4: text(id, "ipv4") };
      return { site: site.id, system: p.system, tier: p.tier, ipv4: v4 === undefined ? "" : formatAddress("ipv4", v4.network) };
    });
  const tslcd: FixedPrefix[] = siteTslcdPrefixes(site)
    .map(({ text, entry: t }) => {
      const parsed = parsePrefix(text);
      return { site: site.id, prefix: parsed.ok ? formatPrefix(parsed.prefix) : text, purpose: t.purpose, carrier: t.carrier, reference: t.reference, level: t.level, holds: t.holds, parsed };
    })
    .sort((a, b) => (a.parsed.ok && b.parsed.ok ? comparePrefixes(a.parsed.prefix, b.parsed.prefix) : compareText(a.prefix, b.prefix)))
    .map(({ parsed: _parsed, ...rest }) => rest);
  return {
    plan: {
      site: site.id,
      ipv4Aggregates: input.aggregates.ipv4.map(formatPrefix),
      ipv6Aggregates: input.aggregates.ipv6.map(formatPrefix),
      zones: zoneBlocks,
      subnets,
      links,
      loopbacks,
      clusters,
      tslcd,
      infrastructure,
      publicPrefixes: { ipv4: input.publics.ipv4.map(formatPrefix), ipv6: input.publics.ipv6.map(formatPrefix) },
      published,
    },
    lock,
  };
}
