/**
 * What a plan change opens and closes: both plans evaluated against the same site (every layer), and for
 * every ordered endpoint pair and family, the ports the new plan lets through that the old one did not
 * (opened) and the reverse (closed); grouped per zone pair for reviewers. A pair nothing enforces counts
 * as open on every port.
 */
import type { Family } from "./addresses";
import { FamilyEngine } from "./engine";
import type { Endpoint } from "./endpointTypes";
import { endpointPairResults } from "./proof";
import { emptySet, formatSet, fullSet, isEmpty, subtract, type PortSet } from "./portSet";
import type { SiteModel } from "./siteProof";

/** One endpoint pair's change. */
export interface PairChange {
  /** Family. */
  family: Family;
  /** Source endpoint id. */
  from: string;
  /** Destination endpoint id. */
  to: string;
  /** Source column (zone, or `(Internet)` / `(TSLCD)`). */
  fromZone: string;
  /** Destination column. */
  toZone: string;
  /** Ports opened, as text (empty string: none). */
  opened: string;
  /** Ports closed, as text. */
  closed: string;
}

/** The diff of a stack. */
export interface ReachabilityDiff {
  /** Stack. */
  stack: string;
  /** Site. */
  site: string;
  /** Endpoint pair changes, sorted. */
  changes: PairChange[];
  /** Per zone pair and family: how many endpoint pairs gained and lost ports. */
  zonePairs: Array<{ family: Family; from: string; to: string; opened: number; closed: number }>;
}

/**
 * What each ordered endpoint pair lets through in a family (pairs that let nothing through are absent).
 * @param m the site model of one plan
 * @param family the family
 */
export function actualPairs(m: SiteModel, family: Family): Map<string, { a: Endpoint; b: Endpoint; any: PortSet }> {
  const engine = new FamilyEngine(m.dp, m.topo, m.endpoints, family);
  const out = new Map<string, { a: Endpoint; b: Endpoint; any: PortSet }>();
  for (const r of endpointPairResults(engine, new Map()).values()) {
    const any = r.verdicts.length === 0 && r.empty === 0 ? fullSet() : r.any;
    if (isEmpty(any)) continue;
    const a = m.endpoints[r.a];
    const b = m.endpoints[r.b];
    out.set(`${a.id}\u0000${b.id}`, { a, b, any });
  }
  return out;
}

/**
 * Compares what two plans of one site let through.
 * @param stack the stack name
 * @param before the old plan's site model
 * @param after the new plan's site model
 */
export function diffReachability(stack: string, before: SiteModel, after: SiteModel): ReachabilityDiff {
  const changes: PairChange[] = [];
  for (const family of ["ipv4", "ipv6"] as const) {
    const old = actualPairs(before, family);
    const now = actualPairs(after, family);
    for (const key of new Set([...old.keys(), ...now.keys()])) {
      const o = old.get(key);
      const n = now.get(key);
      const oldAny = o?.any ?? emptySet();
      const newAny = n?.any ?? emptySet();
      const opened = subtract(newAny, oldAny);
      const closed = subtract(oldAny, newAny);
      if (isEmpty(opened) && isEmpty(closed)) continue;
      const ends = (n ?? o) as { a: Endpoint; b: Endpoint };
      changes.push({ family, from: ends.a.id, to: ends.b.id, fromZone: ends.a.column, toZone: ends.b.column, opened: isEmpty(opened) ? "" : formatSet(opened), closed: isEmpty(closed) ? "" : formatSet(closed) });
    }
  }
  changes.sort((x, y) => x.family.localeCompare(y.family) || x.fromZone.localeCompare(y.fromZone) || x.toZone.localeCompare(y.toZone) || x.from.localeCompare(y.from) || x.to.localeCompare(y.to));
  const zp = new Map<string, { family: Family; from: string; to: string; opened: number; closed: number }>();
  for (const c of changes) {
    const k = `${c.family}\u0000${c.fromZone}\u0000${c.toZone}`;
    const z = zp.get(k) ?? { family: c.family, from: c.fromZone, to: c.toZone, opened: 0, closed: 0 };
    if (c.opened) z.opened++;
    if (c.closed) z.closed++;
    zp.set(k, z);
  }
  return { stack, site: after.site, changes, zonePairs: [...zp.values()] };
}

/**
 * The diff as Markdown: per zone pair and family, then every endpoint pair.
 * @param d the diff
 */
export function renderReachabilityDiffMarkdown(d: ReachabilityDiff): string {
  const out = [`# Thay đổi khả năng kết nối / Reachability changes — ${d.stack} (${d.site})`, ""];
  if (d.changes.length === 0) {
    out.push("Không thay đổi / No change: the new plan lets through exactly what the old one did, on every layer.", "");
    return out.join("\n");
  }
  const opened = d.changes.filter((c) => c.opened).length;
  const closed = d.changes.filter((c) => c.closed).length;
  out.push(`**${opened} cặp mở thêm / pairs opened, ${closed} cặp đóng lại / pairs closed**`, "");
  out.push("## Theo cặp vùng / Per zone pair", "", "| Họ / Family | Từ vùng / From zone | Đến vùng / To zone | Cặp mở thêm / Pairs opened | Cặp đóng lại / Pairs closed |", "|---|---|---|---|---|");
  for (const z of d.zonePairs) out.push(`| ${z.family} | ${z.from} | ${z.to} | ${z.opened} | ${z.closed} |`);
  out.push("", "## Từng cặp điểm cuối / Every endpoint pair", "", "| Họ / Family | Từ / From | Đến / To | Mở thêm / Opened | Đóng lại / Closed |", "|---|---|---|---|---|");
  for (const c of d.changes) out.push(`| ${c.family} | ${c.from} | ${c.to} | ${c.opened || "—"} | ${c.closed || "—"} |`);
  out.push("");
  return out.join("\n");
}
