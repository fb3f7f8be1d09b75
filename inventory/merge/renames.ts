import type { Endpoint, Inventory, Service, TslcdVpn } from "../model";

/**
 * Identities of a moved province that clash with the merged province's get the moved province's code as
 * a prefix (`vl-lgsp`, `VL-SKHCN`); the kept province's never change. Every reference follows.
 */

/** Old → new name, for names that change (absent = unchanged). */
export type RenameMap = Map<string, string>;

/** One rename map per kind of identity. */
export interface Renames {
  sites: RenameMap;
  /** Zone ids (per site in the model, but renamed province-wide: zone flows apply at every site that has the id). */
  zones: RenameMap;
  /** Device names and HA group names (a zone's enforcer may be either, so they share a namespace). */
  devices: RenameMap;
  racks: RenameMap;
  uplinks: RenameMap;
  fabrics: RenameMap;
  arrays: RenameMap;
  pools: RenameMap;
  replications: RenameMap;
  /** TSLCD VPN ids (a level-I VPN identical to a kept one is the same national network: not renamed, merged). */
  vpns: RenameMap;
  /** VRF names of moved VPNs that clash with a kept VPN's. */
  vrfs: RenameMap;
  /** TSLCD physical routes. */
  routes: RenameMap;
  /** TSLCD agency endpoints. */
  endpoints: RenameMap;
  clusters: RenameMap;
  systems: RenameMap;
  services: RenameMap;
  flows: RenameMap;
  backupPolicies: RenameMap;
  agencies: RenameMap;
}

/** Names already used in the merged province, per kind. */
export type Taken = { [K in keyof Renames]: Set<string> };

/** Empty taken sets. */
export function emptyTaken(): Taken {
  return {
    sites: new Set(),
    zones: new Set(),
    devices: new Set(),
    racks: new Set(),
    uplinks: new Set(),
    fabrics: new Set(),
    arrays: new Set(),
    pools: new Set(),
    replications: new Set(),
    vpns: new Set(),
    vrfs: new Set(),
    routes: new Set(),
    endpoints: new Set(),
    clusters: new Set(),
    systems: new Set(),
    services: new Set(),
    flows: new Set(),
    backupPolicies: new Set(),
    agencies: new Set(),
  };
}

/** Every name of each kind an inventory uses. */
export function namesOf(inv: Inventory): Taken {
  const t = emptyTaken();
  inv.sites.forEach((s) => t.sites.add(s.id));
  inv.zones.forEach((z) => t.zones.add(z.id));
  inv.devices.forEach((d) => {
    t.devices.add(d.name);
    if (d.haGroup !== undefined) t.devices.add(d.haGroup);
  });
  inv.racks.forEach((r) => t.racks.add(r.id));
  inv.uplinks.forEach((u) => t.uplinks.add(u.id));
  inv.sanFabrics.forEach((f) => t.fabrics.add(f.id));
  inv.storageArrays.forEach((a) => {
    t.arrays.add(a.id);
    a.pools.forEach((p) => t.pools.add(p.id));
  });
  inv.storageReplication.forEach((x) => t.replications.add(x.id));
  inv.tslcd?.vpns.forEach((v) => {
    t.vpns.add(v.id);
    t.vrfs.add(v.vrf);
  });
  inv.tslcd?.routes.forEach((x) => t.routes.add(x.id));
  inv.tslcdEndpoints.forEach((e) => t.endpoints.add(e.id));
  inv.clusters.forEach((c) => t.clusters.add(c.id));
  inv.systems.forEach((s) => t.systems.add(s.id));
  inv.services.forEach((s) => t.services.add(s.name));
  inv.flows.forEach((f) => t.flows.add(f.name));
  inv.backupPolicies.forEach((b) => t.backupPolicies.add(b.id));
  inv.agencies.forEach((a) => t.agencies.add(a.code));
  return t;
}

/** Adds every name of `more` to `into`. */
export function addTaken(into: Taken, more: Taken): void {
  for (const k of Object.keys(into) as (keyof Taken)[]) for (const n of more[k]) into[k].add(n);
}

const SLUG_MAX = 63;
const CODE_MAX = 40;

/**
 * A name not taken: the name itself when free, else `<prefix>-<name>`, then `<prefix>-<name>-2`, … (cut to
 * the identity's length limit). `own` holds the moved province's other names, which must not be hit either.
 */
function freeName(name: string, prefix: string, taken: Set<string>, own: Set<string>, max: number, format?: (name: string, n: number) => string): string {
  if (!taken.has(name)) return name;
  if (format !== undefined)
    for (let n = 1; ; n++) {
      const candidate = format(name, n);
      if (!taken.has(candidate) && !own.has(candidate)) return candidate;
    }
  const base = `${prefix}-${name}`.slice(0, max);
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? "" : `-${n}`;
    const candidate = `${base.slice(0, max - suffix.length)}${suffix}`;
    if (!taken.has(candidate) && !own.has(candidate)) return candidate;
  }
}

/** True when two services allow the same traffic (then the moved one is the same service). */
function sameService(a: Service, b: Service): boolean {
  return a.protocol === b.protocol && a.port === b.port && a.portMin === b.portMin && a.portMax === b.portMax;
}

/**
 * The renames a moved province needs to join a merged province that already uses `taken` (the kept
 * province's names and those of provinces moved before). Services equal to a kept one are not renamed
 * (they merge); a service of the same name that allows other traffic is.
 * @param inv the moved province
 * @param taken names in use
 * @param keptServices the services already in the merged province
 */
export function planRenames(inv: Inventory, taken: Taken, keptServices: readonly Service[], keptVpns: readonly TslcdVpn[] = []): Renames {
  const own = namesOf(inv);
  const lower = inv.province.code;
  const upper = lower.toUpperCase();
  const map = (kind: keyof Taken, names: Iterable<string>, prefix = lower, max = SLUG_MAX): RenameMap => {
    const m: RenameMap = new Map();
    const used = new Set(taken[kind]);
    for (const n of [...new Set(names)].sort()) {
      const to = freeName(n, prefix, used, own[kind], max);
      used.add(to);
      if (to !== n) m.set(n, to);
    }
    return m;
  };
  const services: RenameMap = new Map();
  const usedServices = new Set(taken.services);
  for (const s of [...inv.services].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const kept = keptServices.find((k) => k.name === s.name);
    if (kept !== undefined && sameService(kept, s)) continue;
    const to = freeName(s.name, lower, usedServices, own.services, SLUG_MAX);
    usedServices.add(to);
    if (to !== s.name) services.set(s.name, to);
  }
  return {
    sites: map("sites", own.sites),
    zones: map("zones", own.zones),
    devices: map("devices", own.devices),
    racks: map("racks", own.racks),
    uplinks: map("uplinks", own.uplinks),
    fabrics: map("fabrics", own.fabrics),
    arrays: map("arrays", own.arrays),
    pools: map("pools", own.pools),
    replications: map("replications", own.replications),
    ...vpnRenames(inv, taken, keptVpns),
    routes: map("routes", own.routes),
    endpoints: map("endpoints", own.endpoints),
    clusters: map("clusters", own.clusters),
    systems: map("systems", own.systems),
    services,
    flows: map("flows", own.flows),
    backupPolicies: map("backupPolicies", own.backupPolicies),
    agencies: map("agencies", own.agencies, upper, CODE_MAX),
  };
}

/** True when a moved VPN is a kept one: the same national (level-I) VPN, which every province attaches to. */
export function sameVpn(a: TslcdVpn, b: TslcdVpn): boolean {
  return a.level === "I" && b.level === "I" && a.id === b.id && a.vrf === b.vrf && a.peAsn === b.peAsn;
}

/** VPN ids and VRF names of a moved province: clashing ones get its code (a VRF name stays within 15 characters). */
function vpnRenames(inv: Inventory, taken: Taken, keptVpns: readonly TslcdVpn[]): { vpns: RenameMap; vrfs: RenameMap } {
  const vpns: RenameMap = new Map();
  const vrfs: RenameMap = new Map();
  const usedIds = new Set(taken.vpns);
  const usedVrfs = new Set(taken.vrfs);
  const own = namesOf(inv);
  const code = inv.province.code.toUpperCase();
  for (const v of [...(inv.tslcd?.vpns ?? [])].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (keptVpns.some((k) => sameVpn(k, v))) continue;
    const id = freeName(v.id, inv.province.code, usedIds, own.vpns, SLUG_MAX);
    usedIds.add(id);
    if (id !== v.id) vpns.set(v.id, id);
    const vrf = freeName(v.vrf, "", usedVrfs, own.vrfs, 15, (base, n) => `${base.slice(0, 15 - code.length - 1 - (n === 1 ? 0 : String(n).length))}-${code}${n === 1 ? "" : n}`);
    usedVrfs.add(vrf);
    if (vrf !== v.vrf) vrfs.set(v.vrf, vrf);
  }
  return { vpns, vrfs };
}

/** The new name (or the same). */
export function renamed(m: RenameMap, name: string): string {
  return m.get(name) ?? name;
}

function endpoint(e: Endpoint, r: Renames): Endpoint {
  return {
    ...e,
    ...(e.agencies !== undefined ? { agencies: e.agencies.map((a) => renamed(r.agencies, a)) } : {}),
    ...(e.zone !== undefined ? { zone: renamed(r.zones, e.zone) } : {}),
    ...(e.system !== undefined ? { system: renamed(r.systems, e.system) } : {}),
  };
}

/**
 * The inventory with every identity renamed and every reference following. Pure: the input is not changed.
 * Services merged into a kept one of the same definition are dropped (the kept one stays).
 * @param inv the moved province
 * @param r its renames
 * @param keptServices the services already in the merged province
 */
export function applyRenames(inv: Inventory, r: Renames, keptServices: readonly Service[]): Inventory {
  const site = (s: string): string => renamed(r.sites, s);
  const dev = (d: string): string => renamed(r.devices, d);
  const agency = (c: string): string => renamed(r.agencies, c);
  const agencyCodes = new Set(inv.agencies.map((a) => a.code));
  const keptService = new Set(keptServices.map((s) => s.name));
  return {
    ...inv,
    security: {
      ...inv.security,
      encryptedVolumeTypes: inv.security.encryptedVolumeTypes.map((t) => renamed(r.pools, t)),
    },
    sites: inv.sites.map((s) => ({ ...s, id: site(s.id) })),
    zones: inv.zones.map((z) => ({ ...z, id: renamed(r.zones, z.id), site: site(z.site), enforcedBy: dev(z.enforcedBy), inline: z.inline.map(dev) })),
    agencies: inv.agencies.map((a) => ({
      ...a,
      code: agency(a.code),
      ...(a.parent !== undefined ? { parent: agency(a.parent) } : {}),
      successors: a.successors.map(agency),
    })),
    systems: inv.systems.map((s) => ({
      ...s,
      id: renamed(r.systems, s.id),
      owner: agency(s.owner),
      consumers: s.consumers.map(agency),
      sites: s.sites.map(site),
      backupPolicy: renamed(r.backupPolicies, s.backupPolicy),
      ...(s.disasterRecovery !== undefined ? { disasterRecovery: { ...s.disasterRecovery, site: site(s.disasterRecovery.site) } } : {}),
      tiers: s.tiers.map((t) => ({
        ...t,
        zone: renamed(r.zones, t.zone),
        ...(t.cluster !== undefined ? { cluster: renamed(r.clusters, t.cluster) } : {}),
        ...(t.storagePool !== undefined ? { storagePool: renamed(r.pools, t.storagePool) } : {}),
      })),
      ...(s.consolidation !== undefined ? { consolidation: { ...s.consolidation, survivor: renamed(r.systems, s.consolidation.survivor) } } : {}),
      luns: s.luns.map((l) => ({ ...l, pool: renamed(r.pools, l.pool), hosts: l.hosts.map(dev) })),
    })),
    services: inv.services.filter((s) => r.services.has(s.name) || !keptService.has(s.name)).map((s) => ({ ...s, name: renamed(r.services, s.name) })),
    flows: inv.flows.map((f) => ({
      ...f,
      name: renamed(r.flows, f.name),
      from: endpoint(f.from, r),
      to: endpoint(f.to, r),
      services: f.services.map((s) => renamed(r.services, s)),
      // A flow's owner is free text; when it is one of the province's agency codes it follows the code.
      ...(f.owner !== undefined && agencyCodes.has(f.owner) ? { owner: agency(f.owner) } : {}),
    })),
    racks: inv.racks.map((x) => ({ ...x, id: renamed(r.racks, x.id), site: site(x.site) })),
    devices: inv.devices.map((d) => ({
      ...d,
      name: dev(d.name),
      site: site(d.site),
      rack: renamed(r.racks, d.rack),
      ...(d.haGroup !== undefined ? { haGroup: dev(d.haGroup) } : {}),
      sanFabrics: d.sanFabrics.map((f) => renamed(r.fabrics, f)),
      sanPorts: d.sanPorts.map((p) => ({ ...p, fabric: renamed(r.fabrics, p.fabric) })),
      ...(d.monitors !== undefined ? { monitors: renamed(r.zones, d.monitors) } : {}),
    })),
    uplinks: inv.uplinks.map((u) => ({
      ...u,
      id: renamed(r.uplinks, u.id),
      site: site(u.site),
      device: dev(u.device),
      ...(u.vpns !== undefined ? { vpns: u.vpns.map((v) => renamed(r.vpns, v)) } : {}),
      ...(u.physicalRoute !== undefined ? { physicalRoute: renamed(r.routes, u.physicalRoute) } : {}),
    })),
    ...(inv.tslcd !== undefined
      ? {
          tslcd: {
            ...inv.tslcd,
            vpns: inv.tslcd.vpns.map((v) => ({ ...v, id: renamed(r.vpns, v.id), vrf: renamed(r.vrfs, v.vrf) })),
            routes: inv.tslcd.routes.map((x) => ({ ...x, id: renamed(r.routes, x.id) })),
          },
        }
      : {}),
    tslcdEndpoints: inv.tslcdEndpoints.map((e) => ({
      ...e,
      id: renamed(r.endpoints, e.id),
      agency: agency(e.agency),
      attachments: e.attachments.map((a) => ({ ...a, vpn: renamed(r.vpns, a.vpn), route: renamed(r.routes, a.route) })),
    })),
    sanFabrics: inv.sanFabrics.map((f) => ({ ...f, id: renamed(r.fabrics, f.id), site: site(f.site), switches: f.switches.map(dev) })),
    storageArrays: inv.storageArrays.map((a) => ({
      ...a,
      id: renamed(r.arrays, a.id),
      site: site(a.site),
      devices: a.devices.map(dev),
      pools: a.pools.map((p) => ({ ...p, id: renamed(r.pools, p.id), ...(p.reservedFor !== undefined ? { reservedFor: renamed(r.systems, p.reservedFor) } : {}) })),
    })),
    storageReplication: inv.storageReplication.map((x) => ({
      ...x,
      id: renamed(r.replications, x.id),
      source: renamed(r.arrays, x.source),
      target: renamed(r.arrays, x.target),
      ...(x.pools !== undefined ? { pools: x.pools.map((p) => renamed(r.pools, p)) } : {}),
    })),
    clusters: inv.clusters.map((c) => ({ ...c, id: renamed(r.clusters, c.id), site: site(c.site), zone: renamed(r.zones, c.zone) })),
    backupPolicies: inv.backupPolicies.map((b) => ({
      ...b,
      id: renamed(r.backupPolicies, b.id),
      targetZone: renamed(r.zones, b.targetZone),
      // Each copy's location follows its site, device and zone.
      copies: b.copies.map((c) => ({ ...c, site: site(c.site), ...(c.device !== undefined ? { device: dev(c.device) } : {}), ...(c.zone !== undefined ? { zone: renamed(r.zones, c.zone) } : {}) })),
    })),
  };
}
