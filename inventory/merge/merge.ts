import { allocateAddressPlan } from "../addressing/allocate";
import type { Family } from "../addressing/address";
import { infraIdentity } from "../addressing/identity";
import type { AddressLock, LockEntry } from "../addressing/lockFile";
import { formatPrefix, parsePrefix, type Prefix } from "../addressing/prefix";
import { infraIpv4Length } from "../addressing/sizing";
import type { AddressPlan } from "../addressing/types";
import { ROUTING_ROLES } from "../addressing/allocate";
import type { Inventory, Uplink } from "../model";
import { mergeAgencies } from "./agencies";
import { findConflicts } from "./conflicts";
import { addTaken, applyRenames, namesOf, planRenames, renamed, sameVpn, type Renames } from "./renames";
import { placeAggregates, type AggregateMove, type MovedSite } from "./space";
import { consolidationStages } from "./stages";
import { translatedLock, translatedTslcdLock, translator, type Translator } from "./translate";
import type { AggregatePin, Conflict, ConflictPlace, MergeInput, MergeOptions, MergePins, Shortfall, Stage, VlanPin } from "./types";
import type { RefusedMigration } from "./migrationFlows";
import { shippedBaseline } from "../zoning/baseline";
import { applyVlanChanges, renumberVlans, vlanIdsByPhysnet, type VlanChange } from "./vlans";

/** What happened to one moved province. */
export interface MovedProvince {
  input: MergeInput;
  renames: Renames;
  moves: AggregateMove[];
  vlans: VlanChange[];
  /** Interconnect uplinks added at its sites. */
  interconnects: Uplink[];
}

/** A merger that worked. */
export interface MergeResult {
  conflicts: Conflict[];
  kept: MergeInput;
  moved: MovedProvince[];
  /** The consolidation stages, in order; the last migration stage is the target. */
  stages: Stage[];
  /** Index in `stages` of the target (the merged province with the duplicates marked). */
  target: number;
  /** The address plan and lock of every stage (addressing is the same from the first stage on). */
  plans: Array<{ plan: AddressPlan; lock: AddressLock }>;
  /** The run's decisions (aggregate moves, VLAN id changes): the next run keeps them where they still fit. */
  pins: MergePins;
}

/** Why a merger cannot be made: not enough address space or VLAN ids, or inputs that cannot merge. */
export interface MergeFailure {
  conflicts: Conflict[];
  shortfalls: Shortfall[];
  problems: string[];
}

export type MergeOutcome = { ok: true; result: MergeResult } | { ok: false; failure: MergeFailure };

const FAMILIES: readonly Family[] = ["ipv4", "ipv6"];

function prefixes(texts: readonly string[]): Prefix[] {
  return texts.map((t) => parsePrefix(t)).flatMap((r) => (r.ok ? [r.prefix] : []));
}

/**
 * Merges former provinces into one: the kept one unchanged, the others renamed where their identities
 * clash, renumbered into free space of the kept province's address space (through the address plan's
 * allocator and lock), interconnected, their agencies turned into the merged province's history, and their
 * duplicate systems consolidated stage by stage.
 * @param inputs the former provinces, each valid on its own
 * @param options which one is kept, the merger and retirement dates
 */
export function mergeProvinces(inputs: readonly MergeInput[], options: MergeOptions): MergeOutcome {
  const kept = inputs[options.keep];
  const conflicts = findConflicts(inputs, options.keep);
  const problems: string[] = [];
  const space = kept.inventory.province.addressSpace;
  if (space === undefined) {
    return { ok: false, failure: { conflicts, shortfalls: [], problems: [`${kept.name} (kept) declares no address space (province.addressSpace): the merger places the other provinces' sites in its free part`] } };
  }
  const others = inputs.filter((_, i) => i !== options.keep);
  const taken = namesOf(kept.inventory);
  let services = [...kept.inventory.services];
  let vpns = [...(kept.inventory.tslcd?.vpns ?? [])];
  const renamedInputs = others.map((input) => {
    const renames = planRenames(input.inventory, taken, services, vpns);
    const inv = applyRenames(input.inventory, renames, services);
    addTaken(taken, namesOf(inv));
    services = [...services, ...inv.services];
    vpns = [...vpns, ...(inv.tslcd?.vpns ?? [])];
    return { input, renames, inv };
  });

  // Address space: the kept province's, minus what it and the carriers hold.
  const all = inputs.map((i) => i.inventory);
  const reserved: Record<Family, Prefix[]> = { ipv4: [], ipv6: [] };
  for (const f of FAMILIES) {
    reserved[f].push(...kept.inventory.sites.flatMap((s) => prefixes(s.aggregates[f])));
    reserved[f].push(...all.flatMap((inv) => inv.sites.flatMap((s) => prefixes([...s.tslcd.map((t) => t.prefix), ...s.publicPrefixes[f]]))).filter((p) => p.family === f));
  }
  const movedSites: MovedSite[] = renamedInputs.flatMap(({ input, renames }) =>
    input.inventory.sites.map((s) => ({
      site: renamed(renames.sites, s.id),
      aggregates: { ipv4: prefixes(s.aggregates.ipv4), ipv6: prefixes(s.aggregates.ipv6) },
      plan: input.plan.sites.find((p) => p.site === s.id) as MovedSite["plan"],
      pins: aggregatePins(options.pins, input.name, s.id),
    })),
  );
  const placed = placeAggregates({ ipv4: prefixes(space.ipv4), ipv6: prefixes(space.ipv6) }, reserved, movedSites);
  if (!placed.ok) return { ok: false, failure: { conflicts, shortfalls: placed.shortfalls, problems } };

  // VLAN ids on joined physnets, province by province.
  const usedVlans = vlanIdsByPhysnet(kept.inventory);
  const keptPrimary = kept.inventory.sites.find((s) => s.role === "primary")?.id ?? kept.inventory.sites[0].id;
  const moved: MovedProvince[] = [];
  const movedInventories: Inventory[] = [];
  const lock: Record<string, LockEntry> = { ...kept.lock.allocations };
  for (const { input, renames, inv } of renamedInputs) {
    const mine = new Set(inv.sites.map((s) => s.id));
    const moves = placed.moves.filter((m) => mine.has(m.site));
    const t = translator(moves);
    const renumbered = translateInventory(inv, moves, t);
    const vlans = renumberVlans(renumbered, usedVlans, (options.pins?.vlans ?? []).filter((p) => p.province === input.name));
    if (!vlans.ok) {
      problems.push(...vlans.exhausted.map((e) => `VLAN ids: ${e.needed} VLAN(s) of ${input.name} collide on physnet "${e.physnet}" and only ${e.free} id(s) are free in its range; widen the physnet's VLAN range`));
      continue;
    }
    const withVlans = applyVlanChanges(renumbered, vlans.changes);
    for (const [physnet, ids] of vlanIdsByPhysnet(withVlans)) usedVlans.set(physnet, new Set([...(usedVlans.get(physnet) ?? []), ...ids]));
    const { inventory: connected, uplinks } = interconnect(withVlans, keptPrimary, kept.name);
    for (const site of input.plan.sites) Object.assign(lock, translatedLock(site, renames, t));
    Object.assign(lock, translatedTslcdLock(input.lock.allocations, renames));
    // A site whose new interconnect needs a larger infrastructure block loses that block's pin (links and loopbacks follow it).
    for (const s of connected.sites) {
      const id = infraIdentity(s.id);
      const links = connected.uplinks.filter((u) => u.site === s.id).length;
      const loops = connected.devices.filter((d) => d.site === s.id && ROUTING_ROLES.includes(d.role)).length;
      const pinned = lock[id]?.ipv4;
      const length = pinned === undefined ? undefined : parsePrefix(pinned);
      if (length?.ok && length.prefix.length > infraIpv4Length(links, loops)) delete lock[id];
    }
    const agencies = mergeAgencies(input.inventory.agencies, renames.agencies, kept.inventory.agencies, options.mergedOn);
    // Lineage runs forward in time: a unit that ceased on or after the merger cannot become one that merges then.
    const ceasing = new Map(agencies.map((a) => [a.code, a.ceased]));
    const late = agencies.filter((a) => a.ceased !== undefined && a.ceased >= options.mergedOn && a.successors.some((x) => ceasing.get(x) === options.mergedOn));
    if (late.length > 0)
      problems.push(`merger date ${options.mergedOn}: ${input.name}'s units ${late.map((a) => a.code).join(", ")} ceased on or after it and became units that merge then; give a later --merged-on`);
    movedInventories.push({ ...connected, agencies });
    moved.push({ input, renames, moves, vlans: vlans.changes, interconnects: uplinks });
  }
  if (problems.length > 0) return { ok: false, failure: { conflicts, shortfalls: [], problems } };

  const first = combine(kept.inventory, movedInventories);
  const zoning = { baseline: options.zoning?.baseline ?? shippedBaseline(), waivers: options.zoning?.waivers ?? [], asOf: options.zoning?.asOf ?? options.mergedOn };
  const { stages, target, refused } = consolidationStages(first, kept.inventory, movedInventories, options, zoning);
  conflicts.push(...refused.map((r) => migrationConflict(r, zoning.baseline.control, kept, moved)));
  const plans: MergeResult["plans"] = [];
  for (const stage of stages) {
    const allocated = allocateAddressPlan(stage.inventory, { province: kept.inventory.province.code, allocations: lock });
    if (!allocated.ok) {
      return { ok: false, failure: { conflicts, shortfalls: [], problems: allocated.problems.map((p) => `stage ${stage.id}: ${p.path.join(".")}: ${p.message}`) } };
    }
    plans.push({ plan: allocated.plan, lock: allocated.lock });
  }
  return { ok: true, result: { conflicts, kept, moved, stages, target, plans, pins: pinsOf(moved) } };
}

/**
 * A migration flow the zone baseline forbids, as a conflict naming both systems' tiers where their provinces
 * declare them.
 */
function migrationConflict(r: RefusedMigration, control: string, kept: MergeInput, moved: readonly MovedProvince[]): Conflict {
  const placeOf = (system: string, tier: string): ConflictPlace => {
    const owners = [{ input: kept, original: system }, ...moved.map((m) => ({ input: m.input, original: [...m.renames.systems].find(([, to]) => to === system)?.[0] ?? system }))];
    for (const { input, original } of owners) {
      const si = input.inventory.systems.findIndex((s) => s.id === original);
      if (si < 0) continue;
      const ti = input.inventory.systems[si].tiers.findIndex((t) => t.name === tier);
      const fieldPath = ["systems", si, "tiers", Math.max(ti, 0)];
      const at = input.sources.locate(fieldPath);
      return { province: input.name, ...(at ? { file: at.file, line: at.line } : {}), path: fieldPath.join(".") };
    }
    return { province: kept.name, path: `systems.${system}` };
  };
  const services = r.services.join(", ");
  return {
    kind: "migration-flow",
    message: `migration flow "${r.flow}" (${r.from.system}/${r.from.tier} → ${r.to.system}/${r.to.tier}): ${services} forbidden by the level-3 zone baseline (${r.reasons.join("; ")})`,
    places: [placeOf(r.to.system, r.to.tier), placeOf(r.from.system, r.from.tier)],
    resolution: `${r.opened ? `opened without ${services}` : "not opened"}; to open ${r.services.length === 1 ? "it" : "them"}, waive ${control} for flow/${r.flow} with a justification, an approver and an expiry in the kept province's waivers and merge again, or move the data by export and import`,
  };
}

/** An earlier run's aggregate pins of one former site, parsed (unparsable ones are dropped: they cannot fit). */
function aggregatePins(pins: MergePins | undefined, province: string, site: string): NonNullable<MovedSite["pins"]> {
  return (pins?.aggregates ?? []).flatMap((p) => {
    if (p.province !== province || p.site !== site) return [];
    const [old, from, to] = [p.old, p.from, p.to].map((t) => parsePrefix(t));
    return old.ok && from.ok && to.ok && old.prefix.family === p.family && from.prefix.family === p.family && to.prefix.family === p.family
      ? [{ family: p.family, old: old.prefix, from: from.prefix, to: to.prefix }]
      : [];
  });
}

/** This run's decisions, for the next run to keep (sites by their former ids). */
function pinsOf(moved: readonly MovedProvince[]): MergePins {
  const aggregates: AggregatePin[] = [];
  const vlans: VlanPin[] = [];
  for (const m of moved) {
    const former = new Map([...m.renames.sites].map(([from, to]) => [to, from]));
    for (const x of m.moves) aggregates.push({ province: m.input.name, site: former.get(x.site) ?? x.site, family: x.family, old: formatPrefix(x.old), from: formatPrefix(x.from), to: formatPrefix(x.to) });
    for (const v of m.vlans) vlans.push({ province: m.input.name, ...v });
  }
  const key = (p: AggregatePin): string => `${p.province}\u0000${p.site}\u0000${p.family}\u0000${p.old}`;
  aggregates.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return { aggregates, vlans };
}

/**
 * A moved province with every prefix and address of its moved blocks translated: aggregates, explicit
 * zone, VLAN and cluster prefixes, device management addresses, management ranges.
 */
function translateInventory(inv: Inventory, moves: readonly AggregateMove[], t: Translator): Inventory {
  // A moved aggregate becomes the block it landed on (the same one when it stays).
  const aggregate = (site: string, family: Family, text: string): string => {
    const p = parsePrefix(text);
    const m = p.ok ? moves.find((x) => x.site === site && x.family === family && x.old.network === p.prefix.network && x.old.length === p.prefix.length) : undefined;
    return m === undefined ? text : formatPrefix(m.to);
  };
  const pair = <T extends { ipv4?: string; ipv6?: string }>(e: T | undefined): T | undefined =>
    e === undefined ? undefined : { ...e, ...(e.ipv4 !== undefined ? { ipv4: t.prefix(e.ipv4) } : {}), ...(e.ipv6 !== undefined ? { ipv6: t.prefix(e.ipv6) } : {}) };
  return {
    ...inv,
    security: { ...inv.security, managementRanges: inv.security.managementRanges.map((r) => t.prefix(r)) },
    sites: inv.sites.map((s) => ({
      ...s,
      // A moved site that serves production next to the kept primary becomes a secondary.
      role: s.role === "primary" ? "secondary" : s.role,
      aggregates: { ipv4: s.aggregates.ipv4.map((a) => aggregate(s.id, "ipv4", a)), ipv6: s.aggregates.ipv6.map((a) => aggregate(s.id, "ipv6", a)) },
    })),
    zones: inv.zones.map((z) => ({
      ...z,
      ...(z.prefix !== undefined ? { prefix: pair(z.prefix) } : {}),
      vlans: z.vlans.map((v) => ({ ...v, ...(v.prefix !== undefined ? { prefix: pair(v.prefix) } : {}) })),
    })),
    clusters: inv.clusters.map((c) => ({
      ...c,
      ...(c.podPrefix !== undefined ? { podPrefix: pair(c.podPrefix) } : {}),
      ...(c.servicePrefix !== undefined ? { servicePrefix: pair(c.servicePrefix) } : {}),
    })),
    devices: inv.devices.map((d) => ({ ...d, ...(d.mgmtAddress !== undefined ? { mgmtAddress: t.address(d.mgmtAddress) } : {}) })),
  };
}

/**
 * Adds, at every site of a moved province, an interconnect to the kept primary: a link on the site's core
 * switch (else a router), through its first carrier entrance. Sites without either get none.
 */
function interconnect(inv: Inventory, keptPrimary: string, keptName: string): { inventory: Inventory; uplinks: Uplink[] } {
  const uplinks: Uplink[] = [];
  for (const s of inv.sites) {
    const here = inv.devices.filter((d) => d.site === s.id).sort((a, b) => (a.name < b.name ? -1 : 1));
    const device = here.find((d) => d.role === "core-switch") ?? here.find((d) => d.role === "router");
    const entrance = [...s.carrierEntrances].sort((a, b) => (a.id < b.id ? -1 : 1))[0];
    if (device === undefined || entrance === undefined) continue;
    const id = `${s.id}-dci-${keptPrimary}`.slice(0, 63);
    if (inv.uplinks.some((u) => u.id === id)) continue;
    uplinks.push({
      id,
      site: s.id,
      kind: "dr-link",
      provider: entrance.carrier,
      entrance: entrance.id,
      route: `Kết nối liên trung tâm về ${keptPrimary} (${keptName}) – interconnect for the consolidation`,
      bandwidthMbps: 10000,
      device: device.name,
    });
  }
  return { inventory: { ...inv, uplinks: [...inv.uplinks, ...uplinks] }, uplinks };
}

/**
 * One TSLCD network for the merged province: the kept one's autonomous systems and edge routing, both
 * provinces' level-II blocks, VPNs (the national level-I VPN once) and physical routes; the two level-II
 * VPNs both stay until the carrier merges them.
 */
function joinedTslcd(kept: Inventory, moved: Inventory): Pick<Inventory, "tslcd"> {
  if (moved.tslcd === undefined) return kept.tslcd === undefined ? {} : { tslcd: kept.tslcd };
  if (kept.tslcd === undefined) return { tslcd: moved.tslcd };
  const k = kept.tslcd;
  return {
    tslcd: {
      ...k,
      blocks: [...k.blocks, ...moved.tslcd.blocks],
      vpns: [...k.vpns, ...moved.tslcd.vpns.filter((v) => !k.vpns.some((x) => sameVpn(x, v)))],
      routes: [...k.routes, ...moved.tslcd.routes],
    },
  };
}

/** The kept province with the moved ones' lists appended and the security lists that are per site joined. */
function combine(kept: Inventory, moved: readonly Inventory[]): Inventory {
  const union = (a: readonly string[], b: readonly string[]): string[] => [...a, ...b.filter((x) => !a.includes(x))];
  let out: Inventory = kept;
  for (const m of moved) {
    out = {
      ...out,
      security: {
        ...out.security,
        managementRanges: union(out.security.managementRanges, m.security.managementRanges),
        approvedImages: union(out.security.approvedImages, m.security.approvedImages),
        encryptedVolumeTypes: union(out.security.encryptedVolumeTypes, m.security.encryptedVolumeTypes),
      },
      sites: [...out.sites, ...m.sites],
      zones: [...out.zones, ...m.zones],
      agencies: [...out.agencies, ...m.agencies],
      systems: [...out.systems, ...m.systems],
      services: [...out.services, ...m.services],
      flows: [...out.flows, ...m.flows],
      racks: [...out.racks, ...m.racks],
      devices: [...out.devices, ...m.devices],
      uplinks: [...out.uplinks, ...m.uplinks],
      sanFabrics: [...out.sanFabrics, ...m.sanFabrics],
      storageArrays: [...out.storageArrays, ...m.storageArrays],
      storageReplication: [...out.storageReplication, ...m.storageReplication],
      ...joinedTslcd(out, m),
      tslcdEndpoints: [...out.tslcdEndpoints, ...m.tslcdEndpoints],
      clusters: [...out.clusters, ...m.clusters],
      backupPolicies: [...out.backupPolicies, ...m.backupPolicies],
    };
  }
  return out;
}
