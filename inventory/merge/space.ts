import { anchorBlock } from "../addressing/allocate";
import type { Family } from "../addressing/address";
import { FreeSpace } from "../addressing/freeSpace";
import { compareText } from "../addressing/identity";
import { blockSize, contains, formatPrefix, lastAddress, overlaps, parsePrefix, type Prefix } from "../addressing/prefix";
import type { SitePlan } from "../addressing/types";
import type { Shortfall } from "./types";

/**
 * Where the aggregates of the moved sites go. The kept province's address space, minus its own aggregates,
 * every carrier (TSLCD) and public prefix, and the moved aggregates that can stay, is free space (the
 * address plan's own `FreeSpace` allocator, first fit on aligned boundaries). A moved aggregate stays when
 * it lies in that space and overlaps nothing; else it goes to the lowest free block of its own size, or, when
 * none is left, of the smallest size that still holds what its site uses (its offsets inside are kept, so
 * every address moves by one fixed amount).
 */

/** One aggregate of a moved site and where it goes. */
export interface AggregateMove {
  /** Site id in the merged province. */
  site: string;
  family: Family;
  /** The aggregate as it was. */
  old: Prefix;
  /** The block of the old aggregate that is moved (the aggregate itself, or the part its site uses). */
  from: Prefix;
  /** Where `from` lands: the site's new aggregate. Equal to `from` when it stays. */
  to: Prefix;
}

/** A moved site's aggregates and what it allocated inside them. */
export interface MovedSite {
  /** Site id in the merged province. */
  site: string;
  /** Aggregates per family, parsed. */
  aggregates: Record<Family, Prefix[]>;
  /** Its allocated plan (as in its former province). */
  plan: SitePlan;
  /** Where an earlier run put its aggregates: kept when still valid and free. */
  pins?: ReadonlyArray<{ family: Family; old: Prefix; from: Prefix; to: Prefix }>;
}

/** Placement of every moved aggregate, or what is missing. */
export type SpacePlacement = { ok: true; moves: AggregateMove[] } | { ok: false; shortfalls: Shortfall[] };

const FAMILIES: readonly Family[] = ["ipv4", "ipv6"];

function samePrefix(a: Prefix, b: Prefix): boolean {
  return a.family === b.family && a.network === b.network && a.length === b.length;
}

/** Prefixes of a site's plan that lie in `aggregate` (its zones, infrastructure block, cluster ranges). */
function usedIn(plan: SitePlan, aggregate: Prefix): Prefix[] {
  const texts = [
    ...plan.zones.flatMap((z) => [z.ipv4, z.ipv6]),
    ...(plan.infrastructure ? [plan.infrastructure.ipv4, plan.infrastructure.ipv6] : []),
    ...plan.clusters.flatMap((c) => [c.pods.ipv4, c.pods.ipv6, c.services.ipv4, c.services.ipv6]),
  ];
  return texts
    .map((t) => parsePrefix(t))
    .flatMap((r) => (r.ok && r.prefix.family === aggregate.family && contains(aggregate, r.prefix) ? [r.prefix] : []));
}

/**
 * The smallest block inside `aggregate` (aligned, nibble-aligned for IPv6) holding every prefix its site
 * uses there; the aggregate itself when it holds nothing.
 * @param plan the site's plan
 * @param aggregate one of its aggregates
 */
export function usedSpan(plan: SitePlan, aggregate: Prefix): Prefix {
  const used = usedIn(plan, aggregate);
  if (used.length === 0) return aggregate;
  const { prefix } = anchorBlock(used, aggregate.family === "ipv4" ? 32 : 128);
  return prefix.length < aggregate.length ? aggregate : prefix;
}

/**
 * Places the aggregates of the moved sites in the kept province's space.
 * @param space the kept province's address space, per family
 * @param reserved prefixes that no moved site may land on: the kept sites' aggregates, every TSLCD and public prefix
 * @param moved the moved sites, in merge order
 */
export function placeAggregates(space: Record<Family, Prefix[]>, reserved: Record<Family, Prefix[]>, moved: readonly MovedSite[]): SpacePlacement {
  const moves: AggregateMove[] = [];
  const shortfalls: Shortfall[] = [];
  for (const family of FAMILIES) {
    const spaces = [...space[family]].sort((a, b) => (a.network < b.network ? -1 : 1)).map((p) => new FreeSpace(p));
    const taken: Prefix[] = [...reserved[family]];
    for (const p of reserved[family]) for (const s of spaces) s.reserve(p.network, lastAddress(p), "reserved");
    const toMove: Array<{ site: MovedSite; old: Prefix; span: Prefix }> = [];
    // First where an earlier run put them (when that still holds what the site uses and is still free), so a
    // re-run after a change moves only what the change needs; then the aggregates that can stay.
    const pinned = new Set<Prefix>();
    for (const site of moved)
      for (const old of site.aggregates[family]) {
        const pin = site.pins?.find((p) => p.family === family && samePrefix(p.old, old));
        if (pin === undefined || !contains(old, pin.from) || !contains(pin.from, usedSpan(site.plan, old)) || pin.from.length !== pin.to.length) continue;
        if (taken.some((t) => overlaps(t, pin.to))) continue;
        const inside = spaces.find((s) => contains(s.parent, pin.to));
        if (inside === undefined || !inside.reserve(pin.to.network, lastAddress(pin.to), site.site).ok) continue;
        taken.push(pin.to);
        pinned.add(old);
        moves.push({ site: site.site, family, old, from: pin.from, to: pin.to });
      }
    for (const site of moved)
      for (const old of [...site.aggregates[family]].sort((a, b) => (a.network < b.network ? -1 : 1))) {
        if (pinned.has(old)) continue;
        const inside = spaces.find((s) => contains(s.parent, old));
        if (inside !== undefined && !taken.some((t) => overlaps(t, old)) && inside.reserve(old.network, lastAddress(old), site.site).ok) {
          taken.push(old);
          moves.push({ site: site.site, family, old, from: old, to: old });
        } else toMove.push({ site, old, span: usedSpan(site.plan, old) });
      }
    // Largest first, then by site and address: a fresh space fills without holes, whatever the input order.
    toMove.sort((a, b) => a.old.length - b.old.length || compareText(a.site.site, b.site.site) || (a.old.network < b.old.network ? -1 : 1));
    const unplaced: Shortfall["unplaced"] = [];
    for (const m of toMove) {
      const tryPlace = (block: Prefix): Prefix | undefined => {
        for (const s of spaces) {
          const got = s.allocate(block.length, m.site.site);
          if (got !== undefined) return got;
        }
        return undefined;
      };
      const whole = tryPlace(m.old);
      const to = whole ?? (m.span.length > m.old.length ? tryPlace(m.span) : undefined);
      if (to === undefined) {
        unplaced.push({ site: m.site.site, aggregate: formatPrefix(m.old), needs: formatPrefix(m.span) });
        continue;
      }
      moves.push({ site: m.site.site, family, old: m.old, from: whole !== undefined ? m.old : m.span, to });
    }
    if (unplaced.length > 0) {
      const largest = spaces.map((s) => s.largestFreeLength()).filter((l): l is number => l !== undefined);
      shortfalls.push({
        family,
        space: space[family].map(formatPrefix),
        unplaced,
        missing: unplaced.reduce((n, u) => n + blockSize(family, Number(u.needs.split("/")[1])), 0n),
        free: spaces.reduce((n, s) => n + s.freeCount(), 0n),
        ...(largest.length > 0 ? { largestFree: Math.min(...largest) } : {}),
      });
    }
  }
  return shortfalls.length > 0 ? { ok: false, shortfalls } : { ok: true, moves };
}

/**
 * Says, per family, how much space a merger is missing.
 * @param s one family's shortfall
 */
export function describeShortfall(s: Shortfall): string {
  const name = s.family === "ipv4" ? "IPv4" : "IPv6";
  const blocks = s.unplaced.map((u) => `${u.aggregate} of site "${u.site}" (at least ${u.needs})`).join(", ");
  const largest = s.largestFree === undefined ? "nothing is free" : `the largest free block is a /${s.largestFree}`;
  return `${name}: ${s.missing.toLocaleString("en-US")} addresses missing in the kept province's address space ${s.space.join(", ")}: no room for ${blocks}; ${s.free.toLocaleString("en-US")} addresses are free and ${largest}. Add space to province.addressSpace of the kept province or free some.`;
}
