import { overlaps, parsePrefix, type Prefix } from "../addressing/prefix";
import type { FieldPath } from "../loader/types";
import { AGENCY_TIER, canonicalWwpn, vlanPhysnet, type Inventory } from "../model";
import { CONFLICT_KINDS, type Conflict, type ConflictKind, type ConflictPlace, type MergeInput } from "./types";

/**
 * What two (or more) former provinces both have that one merged province cannot: overlapping address
 * space, VLAN ids on physnets that the interconnect joins, two TSLCD level-II networks, and identities used
 * by both (sites, zones, systems, agencies, services and the rest), plus two systems of one kind. Each
 * conflict names every place involved, the kept province's first, with its file and line.
 */

/** A located thing of one province. */
interface Item {
  input: MergeInput;
  path: FieldPath;
}

function place(i: Item): ConflictPlace {
  const at = i.input.sources.locate(i.path);
  return { province: i.input.name, ...(at ? { file: at.file, line: at.line } : {}), path: i.path.join(".") };
}

/** Sort key of a conflict: kind order, then message. */
function order(a: Conflict, b: Conflict): number {
  const k = CONFLICT_KINDS.indexOf(a.kind) - CONFLICT_KINDS.indexOf(b.kind);
  return k !== 0 ? k : a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/** Every pair (kept-or-earlier, later) of inputs, the kept one first in each pair. */
function pairs(inputs: readonly MergeInput[], keep: number): Array<[MergeInput, MergeInput]> {
  const ordered = [inputs[keep], ...inputs.filter((_, i) => i !== keep)];
  const out: Array<[MergeInput, MergeInput]> = [];
  for (let i = 0; i < ordered.length; i++) for (let j = i + 1; j < ordered.length; j++) out.push([ordered[i], ordered[j]]);
  return out;
}

function parsed(text: string): Prefix | undefined {
  const r = parsePrefix(text);
  return r.ok ? r.prefix : undefined;
}

/**
 * Every conflict between the inputs, sorted by kind and message.
 * @param inputs the former provinces, each valid on its own
 * @param keep index of the kept province
 */
export function findConflicts(inputs: readonly MergeInput[], keep: number): Conflict[] {
  const out: Conflict[] = [];
  const add = (kind: ConflictKind, message: string, items: Item[], resolution: string): void => {
    out.push({ kind, message, places: items.map(place), resolution });
  };
  for (const [a, b] of pairs(inputs, keep)) {
    addressConflicts(a, b, add);
    vlanConflicts(a, b, add);
    identityConflicts(a, b, add);
    agencyConflicts(a, b, add);
    systemConflicts(a, b, add);
    tslcdLevelTwo(a, b, add);
  }
  return out.sort(order);
}

type Add = (kind: ConflictKind, message: string, items: Item[], resolution: string) => void;

/** Calls `found` for every pair (one of `xs`, one of `ys`) whose prefixes overlap. */
function overlapping<T extends { p: Prefix | undefined }>(xs: readonly T[], ys: readonly T[], found: (x: T, y: T) => void): void {
  for (const x of xs) for (const y of ys) if (x.p && y.p && overlaps(x.p, y.p)) found(x, y);
}

function addressConflicts(a: MergeInput, b: MergeInput, add: Add): void {
  const aggregates = (x: MergeInput) =>
    x.inventory.sites.flatMap((s, si) =>
      (["ipv4", "ipv6"] as const).flatMap((f) => s.aggregates[f].map((t, ai) => ({ site: s.id, text: t, p: parsed(t), path: ["sites", si, "aggregates", f, ai] as FieldPath }))),
    );
  overlapping(aggregates(a), aggregates(b), (x, y) => add("aggregate-overlap", `aggregate ${y.text} of site "${y.site}" (${b.name}) overlaps aggregate ${x.text} of site "${x.site}" (${a.name})`, [{ input: a, path: x.path }, { input: b, path: y.path }], `the sites of ${b.name} move to free space of ${a.name}'s address space (renumbering)`));
  const zoneIndex = (x: MergeInput, site: string, zone: string): number => x.inventory.zones.findIndex((z) => z.site === site && z.id === zone);
  const blocks = (x: MergeInput) =>
    x.plan.sites.flatMap((s) => s.zones.flatMap((z) => [z.ipv4, z.ipv6].map((t) => ({ site: s.site, zone: z.zone, text: t, p: parsed(t), path: ["zones", zoneIndex(x, s.site, z.zone)] as FieldPath }))));
  overlapping(blocks(a), blocks(b), (x, y) => add("prefix-overlap", `zone "${y.zone}" at "${y.site}" (${b.name}) has ${y.text}, which overlaps ${x.text} of zone "${x.zone}" at "${x.site}" (${a.name})`, [{ input: a, path: x.path }, { input: b, path: y.path }], `renumbered with its site`));
  const tslcd = (x: MergeInput) => x.inventory.sites.flatMap((s, si) => s.tslcd.map((t, ti) => ({ site: s.id, text: t.prefix, p: parsed(t.prefix), path: ["sites", si, "tslcd", ti, "prefix"] as FieldPath })));
  // The national (level-I) prefixes every province reaches are the same network in both: not a conflict.
  const national = (x: MergeInput, path: FieldPath): string | undefined => {
    const t = x.inventory.sites[path[1] as number]?.tslcd[path[3] as number];
    return t?.level === "I" ? `${t.prefix} ${t.holds}` : undefined;
  };
  overlapping(tslcd(a), tslcd(b), (x, y) => national(a, x.path) !== undefined && national(a, x.path) === national(b, y.path) ? undefined : add("tslcd-overlap", `TSLCD prefix ${y.text} at "${y.site}" (${b.name}) overlaps TSLCD prefix ${x.text} at "${x.site}" (${a.name})`, [{ input: a, path: x.path }, { input: b, path: y.path }], "the carrier assigns TSLCD addresses: ask it to re-plan one of them (the merger never renumbers them)"));
  const publicPrefixes = (x: MergeInput) =>
    x.inventory.sites.flatMap((s, si) =>
      (["ipv4", "ipv6"] as const).flatMap((f) => s.publicPrefixes[f].map((t, pi) => ({ site: s.id, text: t, p: parsed(t), path: ["sites", si, "publicPrefixes", f, pi] as FieldPath }))),
    );
  overlapping(publicPrefixes(a), publicPrefixes(b), (x, y) => add("public-prefix-overlap", `public prefix ${y.text} at "${y.site}" (${b.name}) overlaps public prefix ${x.text} at "${x.site}" (${a.name})`, [{ input: a, path: x.path }, { input: b, path: y.path }], "registered public space is unique: one of the two registrations is wrong; correct it with the registry (the merger never renumbers public prefixes)"));
  const clusterIndex = (x: MergeInput, id: string): number => x.inventory.clusters.findIndex((c) => c.id === id);
  const ranges = (x: MergeInput) =>
    x.plan.sites.flatMap((s) =>
      s.clusters.flatMap((c) =>
        (["pods", "services"] as const).flatMap((r) => [c[r].ipv4, c[r].ipv6].map((t) => ({ cluster: c.cluster, range: r, text: t, p: parsed(t), path: ["clusters", clusterIndex(x, c.cluster)] as FieldPath }))),
      ),
    );
  overlapping(ranges(a), ranges(b), (x, y) => add("cluster-range-overlap", `${y.range} range ${y.text} of cluster "${y.cluster}" (${b.name}) overlaps ${x.range} range ${x.text} of cluster "${x.cluster}" (${a.name})`, [{ input: a, path: x.path }, { input: b, path: y.path }], "renumbered with its site"));
}

/** VLANs of an input keyed `physnet/id`, with their place. */
function vlansByPhysnet(x: MergeInput): Map<string, Array<{ site: string; name: string; path: FieldPath }>> {
  const sites = new Map(x.inventory.sites.map((s) => [s.id, s]));
  const out = new Map<string, Array<{ site: string; name: string; path: FieldPath }>>();
  x.inventory.zones.forEach((z, zi) =>
    z.vlans.forEach((v, vi) => {
      const site = sites.get(z.site);
      const physnet = site ? vlanPhysnet(site, v)?.name : undefined;
      if (physnet === undefined) return;
      const key = `${physnet}/${v.id}`;
      out.set(key, [...(out.get(key) ?? []), { site: z.site, name: v.name, path: ["zones", zi, "vlans", vi, "id"] }]);
    }),
  );
  return out;
}

function vlanConflicts(a: MergeInput, b: MergeInput, add: Add): void {
  const av = vlansByPhysnet(a);
  const bv = vlansByPhysnet(b);
  for (const [key, mine] of bv) {
    const found = av.get(key);
    if (found === undefined) continue;
    const bySite = (x: { site: string }, y: { site: string }): number => (x.site < y.site ? -1 : x.site > y.site ? 1 : 0);
    const theirs = [...found].sort(bySite);
    mine.sort(bySite);
    const [physnet, id] = key.split("/");
    add(
      "vlan-id",
      `VLAN ${id} on physnet "${physnet}" is used by ${b.name} (${mine.map((m) => `${m.name} at ${m.site}`).join(", ")}) and by ${a.name} (${theirs.map((m) => `${m.name} at ${m.site}`).join(", ")}); the interconnect joins physnets of one name`,
      [...theirs.map((t) => ({ input: a, path: t.path })), ...mine.map((m) => ({ input: b, path: m.path }))],
      `${b.name}'s VLAN ${id} takes a free id on "${physnet}" (renumbering)`,
    );
  }
}

/** Index of every identity of one kind, with its path. */
function idsOf(inv: Inventory): Record<string, Map<string, FieldPath>> {
  const m = (entries: Array<[string, FieldPath]>): Map<string, FieldPath> => {
    const out = new Map<string, FieldPath>();
    for (const [k, p] of entries) if (!out.has(k)) out.set(k, p);
    return out;
  };
  return {
    site: m(inv.sites.map((s, i) => [s.id, ["sites", i, "id"]])),
    zone: m(inv.zones.map((z, i) => [z.id, ["zones", i, "id"]])),
    system: m(inv.systems.map((s, i) => [s.id, ["systems", i, "id"]])),
    flow: m(inv.flows.map((f, i) => [f.name, ["flows", i, "name"]])),
    rack: m(inv.racks.map((r, i) => [r.id, ["racks", i, "id"]])),
    device: m(inv.devices.map((d, i) => [d.name, ["devices", i, "name"]])),
    "HA group": m(inv.devices.flatMap((d, i) => (d.haGroup !== undefined ? [[d.haGroup, ["devices", i, "haGroup"]] as [string, FieldPath]] : []))),
    uplink: m(inv.uplinks.map((u, i) => [u.id, ["uplinks", i, "id"]])),
    "SAN fabric": m(inv.sanFabrics.map((f, i) => [f.id, ["sanFabrics", i, "id"]])),
    "storage array": m(inv.storageArrays.map((a, i) => [a.id, ["storageArrays", i, "id"]])),
    "storage pool": m(inv.storageArrays.flatMap((a, i) => a.pools.map((p, pi) => [p.id, ["storageArrays", i, "pools", pi, "id"]] as [string, FieldPath]))),
    "storage replication": m(inv.storageReplication.map((x, i) => [x.id, ["storageReplication", i, "id"]])),
    cluster: m(inv.clusters.map((c, i) => [c.id, ["clusters", i, "id"]])),
    "backup policy": m(inv.backupPolicies.map((b, i) => [b.id, ["backupPolicies", i, "id"]])),
  };
}

function identityConflicts(a: MergeInput, b: MergeInput, add: Add): void {
  const ai = idsOf(a.inventory);
  const bi = idsOf(b.inventory);
  const code = b.inventory.province.code;
  for (const what of Object.keys(bi)) {
    for (const [id, path] of bi[what]) {
      const other = ai[what].get(id);
      if (other === undefined) continue;
      const kind: ConflictKind = what === "site" ? "site-id" : what === "zone" ? "zone-id" : what === "system" ? "system-id" : "identity";
      const why =
        what === "zone"
          ? "; a flow naming a zone applies at every site that has it, so the moved zone is renamed"
          : what === "site"
            ? "; a site id is its stack's name"
            : "";
      add(kind, `${what} "${id}" is used by both ${a.name} and ${b.name}${why}`, [{ input: a, path: other }, { input: b, path }], `${b.name}'s becomes "${code}-${id}" (or the next free name)`);
    }
  }
  // A WWPN is burnt into its port: the same one in both provinces means one record is wrong.
  const ports = new Map(a.inventory.devices.flatMap((d, di) => d.sanPorts.map((p, pi) => [canonicalWwpn(p.wwpn), { device: d.name, path: ["devices", di, "sanPorts", pi, "wwpn"] as FieldPath }] as const)));
  b.inventory.devices.forEach((d, di) =>
    d.sanPorts.forEach((p, pi) => {
      const other = ports.get(canonicalWwpn(p.wwpn));
      if (other === undefined) return;
      add(
        "wwpn",
        `WWPN ${canonicalWwpn(p.wwpn)} is a port of "${d.name}" (${b.name}) and of "${other.device}" (${a.name})`,
        [{ input: a, path: other.path }, { input: b, path: ["devices", di, "sanPorts", pi, "wwpn"] }],
        "every Fibre Channel port has its own WWPN: one of the two records is wrong; correct it before the merger (the merged province would not load)",
      );
    }),
  );
  const services = new Map(a.inventory.services.map((s, i) => [s.name, { s, i }]));
  b.inventory.services.forEach((s, i) => {
    const other = services.get(s.name);
    if (other === undefined) return;
    const same = other.s.protocol === s.protocol && other.s.port === s.port && other.s.portMin === s.portMin && other.s.portMax === s.portMax;
    if (same) return;
    const show = (x: typeof s): string => `${x.protocol}${x.port !== undefined ? `/${x.port}` : x.portMin !== undefined ? `/${x.portMin}-${x.portMax}` : ""}`;
    add(
      "service",
      `service "${s.name}" is ${show(s)} in ${b.name} but ${show(other.s)} in ${a.name}`,
      [{ input: a, path: ["services", other.i, "name"] }, { input: b, path: ["services", i, "name"] }],
      `${b.name}'s becomes "${code}-${s.name}" and its flows follow (services of one name and one definition merge)`,
    );
  });
}

function agencyConflicts(a: MergeInput, b: MergeInput, add: Add): void {
  const byCode = new Map(a.inventory.agencies.map((x, i) => [x.code, { x, i }]));
  const norm = (n: string): string => n.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
  const byName = new Map<string, { x: (typeof a.inventory.agencies)[number]; i: number }>();
  a.inventory.agencies.forEach((x, i) => {
    if (!byName.has(norm(x.name))) byName.set(norm(x.name), { x, i });
  });
  const adminCodes = new Map(a.inventory.agencies.flatMap((x, i) => (x.ceased === undefined && x.adminCode !== undefined ? [[x.adminCode, i] as const] : [])));
  const CODE = b.inventory.province.code.toUpperCase();
  b.inventory.agencies.forEach((x, i) => {
    const same = byCode.get(x.code);
    if (same !== undefined) {
      const merges = x.ceased === undefined && AGENCY_TIER[x.kind] === "province";
      add(
        "agency-code",
        `agency code "${x.code}" is used by both ${a.name} (${same.x.name}) and ${b.name} (${x.name})`,
        [{ input: a, path: ["agencies", same.i, "code"] }, { input: b, path: ["agencies", i, "code"] }],
        merges
          ? `${b.name}'s becomes "${CODE}-${x.code}", ceases on the merger date and becomes ${a.name}'s counterpart`
          : `${b.name}'s becomes "${CODE}-${x.code}" (a distinct unit)`,
      );
      return;
    }
    const named = byName.get(norm(x.name));
    if (named !== undefined)
      add(
        "agency-name",
        `agency name "${x.name}" is used by ${a.name} (${named.x.code}) and ${b.name} (${x.code})`,
        [{ input: a, path: ["agencies", named.i, "name"] }, { input: b, path: ["agencies", i, "name"] }],
        AGENCY_TIER[x.kind] === "province" && x.ceased === undefined ? `${b.name}'s ceases on the merger date and becomes ${named.x.code}` : "two distinct units of one name: both stay",
      );
    const clash = x.ceased === undefined && x.adminCode !== undefined ? adminCodes.get(x.adminCode) : undefined;
    if (clash !== undefined)
      add(
        "admin-code",
        `administrative-unit code "${x.adminCode}" belongs to ${a.inventory.agencies[clash].code} (${a.name}) and ${x.code} (${b.name})`,
        [{ input: a, path: ["agencies", clash, "adminCode"] }, { input: b, path: ["agencies", i, "adminCode"] }],
        `${b.name}'s unit loses the code until the registry assigns it one`,
      );
  });
}

function systemConflicts(a: MergeInput, b: MergeInput, add: Add): void {
  a.inventory.systems.forEach((x, xi) => {
    if (x.kind === undefined || x.consolidation !== undefined) return;
    b.inventory.systems.forEach((y, yi) => {
      if (y.kind !== x.kind || y.consolidation !== undefined) return;
      add(
        "system-kind",
        `two systems of kind "${x.kind}": "${x.id}" (${a.name}) and "${y.id}" (${b.name})`,
        [{ input: a, path: ["systems", xi, "kind"] }, { input: b, path: ["systems", yi, "kind"] }],
        `"${x.id}" survives; ${b.name}'s is migrated into it and retired (a stage of its own)`,
      );
    });
  });
}

/** The level-II network of a province: its site prefixes of level II and its level-II blocks. */
function levelTwo(x: MergeInput): Item[] {
  const sites = x.inventory.sites.flatMap((s, si) => s.tslcd.flatMap((t, ti) => (t.level === "II" ? [{ input: x, path: ["sites", si, "tslcd", ti, "level"] as FieldPath }] : [])));
  const blocks = (x.inventory.tslcd?.blocks ?? []).map((_, bi) => ({ input: x, path: ["tslcd", "blocks", bi, "prefix"] as FieldPath }));
  return [...sites, ...blocks];
}

function tslcdLevelTwo(a: MergeInput, b: MergeInput, add: Add): void {
  const ai = levelTwo(a);
  const bi = levelTwo(b);
  if (ai.length === 0 || bi.length === 0) return;
  add(
    "tslcd-level-ii",
    `two TSLCD level-II networks: ${a.name}'s (${ai.length} prefix${ai.length === 1 ? "" : "es"}) and ${b.name}'s (${bi.length} prefix${bi.length === 1 ? "" : "es"})`,
    [...ai, ...bi],
    "both stay as the carrier assigned them until it merges the two level-II networks (a letter to the carrier, not a change the merger makes)",
  );
}

/**
 * One line of a conflict: kind, message and every place as `file:line`.
 * @param c the conflict
 */
export function conflictLine(c: Conflict): string {
  return `${c.kind}: ${c.message} [${c.places.map((p) => (p.file !== undefined ? `${p.file}:${p.line}` : `${p.province} ${p.path}`)).join(", ")}]`;
}
