import { tierVlan, vlanPhysnet, type Inventory, type Tier } from "../model";

/**
 * VLAN ids of a moved province against the merged province's. Physnets of the same name are joined at the
 * interconnect (one layer-2 fabric stretched between the former DCs), so a moved VLAN whose id is used on
 * a physnet of that name at a kept site must change; physnets of other names are never joined and keep
 * their ids. The moved province keeps its own pattern: one id maps to one new id on all its sites.
 */

/** A moved VLAN's id change. */
export interface VlanChange {
  physnet: string;
  old: number;
  new: number;
}

/** What the VLAN renumbering gives: the map per physnet name, or the physnets where ids ran out. */
export type VlanRenumbering = { ok: true; changes: VlanChange[] } | { ok: false; exhausted: Array<{ physnet: string; needed: number; free: number }> };

/** VLAN ids used per physnet name over a set of sites of an inventory. */
export function vlanIdsByPhysnet(inv: Inventory): Map<string, Set<number>> {
  const sites = new Map(inv.sites.map((s) => [s.id, s]));
  const out = new Map<string, Set<number>>();
  for (const z of inv.zones)
    for (const v of z.vlans) {
      const site = sites.get(z.site);
      const physnet = site ? vlanPhysnet(site, v)?.name : undefined;
      if (physnet === undefined) continue;
      if (!out.has(physnet)) out.set(physnet, new Set());
      out.get(physnet)?.add(v.id);
    }
  return out;
}

/**
 * New ids for the moved province's VLANs that collide on joined physnets: each colliding id keeps the new id
 * an earlier run gave it (`pins`) when that is still free and in range; the others, in ascending order, get
 * the lowest id inside the physnet range of every moved site that uses it, free in the merged province and
 * in the moved province itself.
 * @param moved the moved province (after renames)
 * @param used ids the merged province already uses, per physnet name (kept sites and earlier moved provinces)
 * @param pins an earlier run's changes for this province
 */
export function renumberVlans(moved: Inventory, used: ReadonlyMap<string, ReadonlySet<number>>, pins: readonly VlanChange[] = []): VlanRenumbering {
  const sites = new Map(moved.sites.map((s) => [s.id, s]));
  const uses = new Map<string, Map<number, Array<{ min: number; max: number }>>>();
  for (const z of moved.zones)
    for (const v of z.vlans) {
      const site = sites.get(z.site);
      const physnet = site ? vlanPhysnet(site, v) : undefined;
      if (physnet === undefined) continue;
      const ids = uses.get(physnet.name) ?? new Map<number, Array<{ min: number; max: number }>>();
      uses.set(physnet.name, ids);
      ids.set(v.id, [...(ids.get(v.id) ?? []), { min: physnet.vlanMin, max: physnet.vlanMax }]);
    }
  const changes: VlanChange[] = [];
  const exhausted: Array<{ physnet: string; needed: number; free: number }> = [];
  for (const physnet of [...uses.keys()].sort()) {
    const kept = used.get(physnet) ?? new Set<number>();
    const mine = uses.get(physnet) as Map<number, Array<{ min: number; max: number }>>;
    const busy = new Set<number>([...kept, ...mine.keys()]);
    const colliding = [...mine.keys()].filter((id) => kept.has(id)).sort((a, b) => a - b);
    let missing = 0;
    const bounds = (id: number): { lo: number; hi: number } => {
      const ranges = mine.get(id) as Array<{ min: number; max: number }>;
      return { lo: Math.max(...ranges.map((r) => r.min)), hi: Math.min(...ranges.map((r) => r.max)) };
    };
    const rest: number[] = [];
    for (const id of colliding) {
      const pin = pins.find((p) => p.physnet === physnet && p.old === id);
      const { lo, hi } = bounds(id);
      if (pin === undefined || busy.has(pin.new) || pin.new < lo || pin.new > hi) {
        rest.push(id);
        continue;
      }
      busy.add(pin.new);
      changes.push({ physnet, old: id, new: pin.new });
    }
    for (const id of rest) {
      const { lo, hi } = bounds(id);
      let next: number | undefined;
      for (let c = lo; c <= hi; c++)
        if (!busy.has(c)) {
          next = c;
          break;
        }
      if (next === undefined) {
        missing++;
        continue;
      }
      busy.add(next);
      changes.push({ physnet, old: id, new: next });
    }
    if (missing > 0) {
      const all = [...mine.values()].flat();
      const lo = Math.max(...all.map((r) => r.min));
      const hi = Math.min(...all.map((r) => r.max));
      let free = 0;
      for (let c = lo; c <= hi; c++) if (!busy.has(c)) free++;
      exhausted.push({ physnet, needed: missing, free });
    }
  }
  changes.sort((a, b) => (a.physnet < b.physnet ? -1 : a.physnet > b.physnet ? 1 : a.old - b.old));
  return exhausted.length > 0 ? { ok: false, exhausted } : { ok: true, changes };
}

/**
 * The moved province with its VLAN ids changed (and the physnet written out where the site has several,
 * so the new id cannot fall into another physnet's range by default).
 * @param moved the moved province
 * @param changes the id changes per physnet
 */
export function applyVlanChanges(moved: Inventory, changes: readonly VlanChange[]): Inventory {
  if (changes.length === 0) return moved;
  const sites = new Map(moved.sites.map((s) => [s.id, s]));
  return {
    ...moved,
    systems: moved.systems.map((s) => ({ ...s, tiers: s.tiers.map((t) => withVlanNamed(moved, t)) })),
    zones: moved.zones.map((z) => {
      const site = sites.get(z.site);
      return {
        ...z,
        vlans: z.vlans.map((v) => {
          const physnet = site ? vlanPhysnet(site, v) : undefined;
          const change = physnet ? changes.find((c) => c.physnet === physnet.name && c.old === v.id) : undefined;
          if (change === undefined || site === undefined) return v;
          return { ...v, id: change.new, ...(site.physnets.length > 1 ? { physnet: change.physnet } : {}) };
        }),
      };
    }),
  };
}

/**
 * A tier that names no VLAN sits on its zone's lowest VLAN id; new ids may change which one that is, so
 * the tier names the VLAN it sat on. Left implicit where its zone's sites disagree on that VLAN's name.
 */
function withVlanNamed(inv: Inventory, tier: Tier): Tier {
  if (tier.vlan !== undefined || tier.form === "container") return tier;
  const names = new Set(inv.zones.filter((z) => z.id === tier.zone).map((z) => tierVlan(z, tier)?.name));
  const [name] = names;
  return names.size === 1 && name !== undefined ? { ...tier, vlan: name } : tier;
}
