import type { SitePlan } from "../addressing/types";
import type { Inventory } from "../model";
import { renamed, type Renames } from "./renames";
import type { RenumberRow } from "./types";

/**
 * The renumbering plan of one moved site: every aggregate, zone block, VLAN subnet and gateway, VLAN id,
 * link, loopback, cluster range, infrastructure block and fixed device address, as it was in the former
 * province and as it is in the merged one (unchanged ones included, so the table is the whole site).
 * @param before the site's plan in its former province
 * @param after the site's plan in the merged province
 * @param r the moved province's renames
 * @param oldInv the former province
 * @param newInv the merged province
 */
export function siteRenumbering(before: SitePlan, after: SitePlan, r: Renames, oldInv: Inventory, newInv: Inventory): RenumberRow[] {
  const rows: RenumberRow[] = [];
  const base = { site: after.site, formerSite: before.site };
  const both = (kind: RenumberRow["kind"], object: string, o: { ipv4: string; ipv6: string } | undefined, n: { ipv4: string; ipv6: string } | undefined): void => {
    if (o === undefined || n === undefined) return;
    rows.push({ ...base, kind, object, family: "ipv4", old: o.ipv4, new: n.ipv4 }, { ...base, kind, object, family: "ipv6", old: o.ipv6, new: n.ipv6 });
  };
  const pairs = <T>(olds: readonly T[], news: readonly T[], key: (t: T) => string, newKey: (t: T) => string): Array<[T, T]> => {
    const byKey = new Map(news.map((n) => [newKey(n), n]));
    return olds.flatMap((o) => {
      const n = byKey.get(key(o));
      return n === undefined ? [] : [[o, n] as [T, T]];
    });
  };
  const family = (o: string[], n: string[], f: "ipv4" | "ipv6"): void => {
    o.forEach((old, i) => rows.push({ ...base, kind: "aggregate", object: `aggregate ${i + 1}`, family: f, old, new: n[i] ?? "" }));
  };
  family(before.ipv4Aggregates, after.ipv4Aggregates, "ipv4");
  family(before.ipv6Aggregates, after.ipv6Aggregates, "ipv6");
  for (const [o, n] of pairs(before.zones, after.zones, (z) => renamed(r.zones, z.zone), (z) => z.zone)) both("zone", `zone ${n.zone}`, o, n);
  for (const [o, n] of pairs(before.subnets, after.subnets, (s) => `${renamed(r.zones, s.zone)}/${s.vlanName}`, (s) => `${s.zone}/${s.vlanName}`)) {
    const object = `${n.zone}/${n.vlanName}`;
    rows.push({ ...base, kind: "vlan", object, family: "", old: String(o.vlanId), new: String(n.vlanId) });
    both("subnet", object, { ipv4: o.ipv4.prefix, ipv6: o.ipv6.prefix }, { ipv4: n.ipv4.prefix, ipv6: n.ipv6.prefix });
    both("gateway", object, { ipv4: o.ipv4.gateway, ipv6: o.ipv6.gateway }, { ipv4: n.ipv4.gateway, ipv6: n.ipv6.gateway });
  }
  both("infrastructure", "infrastructure block", before.infrastructure, after.infrastructure);
  for (const [o, n] of pairs(before.links, after.links, (l) => renamed(r.uplinks, l.id), (l) => l.id)) both("link", `link ${n.id}`, o, n);
  for (const [o, n] of pairs(before.loopbacks, after.loopbacks, (l) => renamed(r.devices, l.device), (l) => l.device)) both("loopback", `loopback ${n.device}`, o, n);
  for (const [o, n] of pairs(before.clusters, after.clusters, (c) => renamed(r.clusters, c.cluster), (c) => c.cluster)) {
    both("cluster", `pods ${n.cluster}`, o.pods, n.pods);
    both("cluster", `services ${n.cluster}`, o.services, n.services);
  }
  const newDevices = new Map(newInv.devices.map((d) => [d.name, d]));
  for (const d of oldInv.devices) {
    if (d.site !== before.site || d.mgmtAddress === undefined) continue;
    const n = newDevices.get(renamed(r.devices, d.name));
    if (n?.mgmtAddress === undefined) continue;
    rows.push({ ...base, kind: "host", object: `device ${n.name}`, family: d.mgmtAddress.includes(":") ? "ipv6" : "ipv4", old: d.mgmtAddress, new: n.mgmtAddress });
  }
  return rows;
}

/** Stable order of rows: site, kind, object, family. */
export function sortRows(rows: readonly RenumberRow[]): RenumberRow[] {
  const key = (r: RenumberRow): string => `${r.site}\u0000${r.kind}\u0000${r.object}\u0000${r.family}`;
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
