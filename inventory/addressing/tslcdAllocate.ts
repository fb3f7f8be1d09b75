/**
 * The province's TSLCD addressing: every agency endpoint's LAN and every PE–CE link, dual-stack.
 * What the carrier assigned (a LAN, a link) is a fixed input; the rest is allocated from the province's
 * level-II blocks (`tslcd.blocks`) by stable identity, pinned in the lock file like every other block, so
 * adding or removing an endpoint or circuit moves nothing else. Nothing may overlap the data centres'
 * own space (aggregates, public prefixes), and a carrier-assigned LAN outside the blocks must lie in a
 * level-II prefix the carrier assigned for the province's agencies.
 */
import { agencyMap, type Inventory, type Site, type TslcdPrefix } from "../model";
import type { FieldPath } from "../loader/types";
import { endpointLevels, endpointOwner, siteVpns, vpnMap } from "../tslcd/attachments";
import { formatAddress, type Family } from "./address";
import { FreeSpace } from "./freeSpace";
import { compareText, tslcdLanIdentity, tslcdLinkIdentity } from "./identity";
import type { LockEntry } from "./lockFile";
import { placeRequests, type BlockRequest } from "./placement";
import { comparePrefixes, contains, formatPrefix, overlaps, parsePrefix, type Prefix } from "./prefix";
import { vlanIpv4Length } from "./sizing";
import type { FixedPrefix, SitePlan, TslcdLanPlan, TslcdLinkPlan, TslcdPlan } from "./types";

const FAMILIES: readonly Family[] = ["ipv4", "ipv6"];
const FAMILY_NAME: Record<Family, string> = { ipv4: "IPv4", ipv6: "IPv6" };
/** Point-to-point lengths of an allocated PE–CE link. */
const LINK_LENGTH: Record<Family, number> = { ipv4: 31, ipv6: 127 };
/** Lengths a carrier-assigned link may have: /30–/31 and /126–/127. */
const LINK_LENGTHS: Record<Family, readonly number[]> = { ipv4: [30, 31], ipv6: [126, 127] };

/** Reports a problem at a field path. */
export type TslcdReport = (path: FieldPath, message: string, found?: string) => void;
/** The lock's prefix for an identity and family (reporting malformed entries). */
export type TslcdLockReader = (identity: string, family: Family, path: FieldPath) => Prefix | undefined;

/** What the TSLCD allocation adds to the address plan. */
export interface TslcdAllocation {
  /** The province's TSLCD addressing. */
  plan: TslcdPlan;
  /** Lock entries of every LAN and link. */
  lock: Record<string, LockEntry>;
}

/** One block wanted, per family, before placement. */
interface Wanted {
  identity: string;
  owner: string;
  path: FieldPath;
  length: Record<Family, number>;
  /** Carrier-assigned prefixes inside the blocks (placed as explicit requests). */
  explicit: Partial<Record<Family, { prefix: Prefix; path: FieldPath }>>;
  /** Carrier-assigned prefixes outside the blocks (kept as they are, checked apart). */
  outside: Partial<Record<Family, Prefix>>;
  check: (family: Family) => BlockRequest["check"];
}

/**
 * A site's TSLCD prefixes one per family: each entry's IPv4 `prefix` and its IPv6 twin, with the field
 * and index they were written at.
 * @param site the site
 */
export function siteTslcdPrefixes(site: Pick<Site, "tslcd">): Array<{ text: string; field: "prefix" | "ipv6"; index: number; entry: TslcdPrefix }> {
  return site.tslcd.flatMap((entry, index) => [
    { text: entry.prefix, field: "prefix" as const, index, entry },
    { text: entry.ipv6, field: "ipv6" as const, index, entry },
  ]);
}

/**
 * The usable addresses of a point-to-point link: the PE takes the first, the CE the second.
 * @param p the link prefix (/31, /30, /127 or /126)
 */
export function linkEnds(p: Prefix): { pe: string; ce: string } {
  const first = p.length === (p.family === "ipv4" ? 31 : 127) ? p.network : p.network + 1n;
  return { pe: formatAddress(p.family, first), ce: formatAddress(p.family, first + 1n) };
}

/**
 * The TSLCD entries every site's plan gains: the province's level-II blocks (marked `block`), one per family.
 * @param inv the inventory
 * @param site the site id
 */
function blockEntries(inv: Inventory, site: string): FixedPrefix[] {
  return (inv.tslcd?.blocks ?? []).flatMap((b) =>
    [b.prefix, b.ipv6].map((text) => {
      const parsed = parsePrefix(text);
      return {
        site,
        prefix: parsed.ok ? formatPrefix(parsed.prefix) : text,
        purpose: "Khối địa chỉ TSLCD cấp II của tỉnh: LAN của các đơn vị và liên kết PE–CE / the province's level-II block (agency LANs, PE–CE links)",
        carrier: b.carrier,
        reference: b.reference,
        level: "II" as const,
        holds: "province-agencies" as const,
        block: true,
      };
    }),
  );
}

/**
 * Allocates the province's TSLCD LANs and links and completes each site's plan with the level-II blocks
 * and the LANs reachable there. Reports every problem; returns undefined when the province has no TSLCD.
 * @param inv the validated inventory
 * @param sites the sites' plans (completed in place: `tslcd` gains the blocks, `tslcdLans` is set)
 * @param lockPrefix the lock reader
 * @param report where problems go
 */
export function allocateTslcd(inv: Inventory, sites: SitePlan[], lockPrefix: TslcdLockReader, report: TslcdReport): TslcdAllocation | undefined {
  const net = inv.tslcd;
  if (net === undefined) return undefined;
  const blocks = parseBlocks(inv, report);
  const dcSpace = dcSpaceOf(sites);
  checkBlocks(inv, blocks, dcSpace, report);
  const vpns = vpnMap(inv);
  const agencies = agencyMap(inv.agencies);
  const agencyBlocks = agencyPrefixesOf(inv);

  const wanted: Wanted[] = [];
  const outside: Array<{ prefix: Prefix; owner: string; path: FieldPath }> = [];
  /** A carrier-assigned prefix of one field: inside the blocks it is placed, outside it is kept and checked apart. */
  const fixedOf = (w: Pick<Wanted, "explicit" | "outside" | "owner">, text: string | undefined, family: Family, path: FieldPath, lengths?: readonly number[]): void => {
    if (text === undefined) return;
    const parsed = parsePrefix(text, family);
    if (!parsed.ok) return report(path, `${w.owner}: ${parsed.message}`, text);
    if (lengths && !lengths.includes(parsed.prefix.length)) return report(path, `${w.owner}: expected a /${lengths.join(" or /")} point-to-point link`, text);
    if (blocks[family].some((b) => contains(b.prefix, parsed.prefix))) w.explicit[family] = { prefix: parsed.prefix, path };
    else {
      w.outside[family] = parsed.prefix;
      outside.push({ prefix: parsed.prefix, owner: w.owner, path });
    }
  };
  const linkCheck = (f: Family): BlockRequest["check"] => (p: Prefix) => (LINK_LENGTHS[f].includes(p.length) ? undefined : `expected a /${LINK_LENGTHS[f].join(" or /")}`);

  inv.tslcdEndpoints.forEach((e, ei) => {
    const base: FieldPath = ["tslcdEndpoints", ei];
    const lan: Wanted = { identity: tslcdLanIdentity(e.id), owner: `the LAN of TSLCD endpoint "${e.id}"`, path: base, length: { ipv4: vlanIpv4Length(e.hosts), ipv6: net.lanIpv6Length }, explicit: {}, outside: {}, check: () => undefined };
    for (const f of FAMILIES) fixedOf(lan, e.lan?.[f], f, [...base, "lan", f]);
    wanted.push(lan);
    e.attachments.forEach((a, ai) => {
      const path: FieldPath = [...base, "attachments", ai];
      const link: Wanted = { identity: tslcdLinkIdentity(e.id, a.circuit), owner: `the PE–CE link of circuit "${a.circuit}" of endpoint "${e.id}"`, path, length: LINK_LENGTH, explicit: {}, outside: {}, check: linkCheck };
      for (const f of FAMILIES) fixedOf(link, a.link?.[f], f, [...path, "link", f], LINK_LENGTHS[f]);
      wanted.push(link);
    });
  });
  inv.uplinks.forEach((u, ui) => {
    if (u.kind !== "tslcd") return;
    for (const v of u.vpns ?? []) {
      const identity = tslcdLinkIdentity(`site:${u.site}`, u.id, v);
      wanted.push({ identity, owner: `the PE–CE link of VPN "${v}" on circuit "${u.id}" of site "${u.site}"`, path: ["uplinks", ui], length: LINK_LENGTH, explicit: {}, outside: {}, check: linkCheck });
    }
  });

  checkOutside(outside, dcSpace, agencyBlocks, report);
  const placed: Record<Family, Map<string, Prefix>> = { ipv4: new Map(), ipv6: new Map() };
  for (const family of FAMILIES) {
    const requests: BlockRequest[] = wanted
      .filter((w) => w.outside[family] === undefined)
      .map((w) => ({
        identity: w.identity,
        owner: w.owner,
        path: w.path,
        length: w.length[family],
        explicit: w.explicit[family],
        locked: lockPrefix(w.identity, family, w.path),
        check: w.check(family),
      }));
    if (blocks[family].length === 0) {
      for (const r of requests) if (r.explicit === undefined) report(r.path, `${r.owner} needs an ${FAMILY_NAME[family]} prefix: add an ${FAMILY_NAME[family]} level-II block under tslcd.blocks, or write the carrier-assigned prefix`);
      continue;
    }
    const label = `the province's ${FAMILY_NAME[family]} TSLCD level-II blocks ${blocks[family].map((b) => formatPrefix(b.prefix)).join(", ")}`;
    const got = placeRequests({ spaces: blocks[family].map((b) => new FreeSpace(b.prefix)), parentLabel: label, followParent: false, report }, requests);
    for (const [k, v] of got) placed[family].set(k, v);
  }
  for (const w of wanted) for (const f of FAMILIES) if (w.outside[f] !== undefined) placed[f].set(w.identity, w.outside[f] as Prefix);

  const lock: Record<string, LockEntry> = {};
  const text = (id: string, f: Family): string => {
    const p = placed[f].get(id);
    return p === undefined ? "" : formatPrefix(p);
  };
  const lans: TslcdLanPlan[] = [];
  for (const e of inv.tslcdEndpoints) {
    const id = tslcdLanIdentity(e.id);
    const owner = endpointOwner(agencies, e);
    lock[id] = { ipv4: text(id, "ipv4"), ipv6: text(id, "ipv6") };
    if (owner === undefined) continue;
    lans.push({
      endpoint: e.id,
      agency: e.agency,
      owner,
      levels: endpointLevels(vpns, e),
      vpns: [...new Set(e.attachments.map((a) => a.vpn))].sort(),
      ipv4: text(id, "ipv4"),
      ipv6: text(id, "ipv6"),
      fixed: { ipv4: e.lan?.ipv4 !== undefined, ipv6: e.lan?.ipv6 !== undefined },
    });
  }
  const links: TslcdLinkPlan[] = [];
  const addLink = (id: string, attachedBy: string, circuit: string, vpn: string, fixed: boolean): void => {
    lock[id] = { ipv4: text(id, "ipv4"), ipv6: text(id, "ipv6") };
    const v4 = placed.ipv4.get(id);
    const v6 = placed.ipv6.get(id);
    if (v4 === undefined || v6 === undefined) return;
    const e4 = linkEnds(v4);
    const e6 = linkEnds(v6);
    links.push({ id, attachedBy, circuit, vpn, ipv4: formatPrefix(v4), ipv6: formatPrefix(v6), pe: { ipv4: e4.pe, ipv6: e6.pe }, ce: { ipv4: e4.ce, ipv6: e6.ce }, fixed });
  };
  for (const e of inv.tslcdEndpoints) for (const a of e.attachments) addLink(tslcdLinkIdentity(e.id, a.circuit), e.id, a.circuit, a.vpn, a.link !== undefined);
  for (const u of inv.uplinks) if (u.kind === "tslcd") for (const v of u.vpns ?? []) addLink(tslcdLinkIdentity(`site:${u.site}`, u.id, v), `site:${u.site}`, u.id, v, false);
  lans.sort((a, b) => compareText(a.endpoint, b.endpoint));
  links.sort((a, b) => compareText(a.id, b.id));

  for (const s of sites) {
    const here = new Set(siteVpns(inv, s.site));
    s.tslcdLans = lans.filter((l) => l.vpns.some((v) => here.has(v)));
    s.tslcd = sortFixed([...s.tslcd, ...blockEntries(inv, s.site)]);
  }
  return {
    plan: { blocks: { ipv4: blocks.ipv4.map((b) => formatPrefix(b.prefix)), ipv6: blocks.ipv6.map((b) => formatPrefix(b.prefix)) }, lans, links },
    lock,
  };
}

/** Site TSLCD entries sorted by prefix (IPv4 first), as the allocator writes them. */
function sortFixed(list: FixedPrefix[]): FixedPrefix[] {
  const key = (t: FixedPrefix): Prefix | undefined => {
    const p = parsePrefix(t.prefix);
    return p.ok ? p.prefix : undefined;
  };
  return list.sort((a, b) => {
    const pa = key(a);
    const pb = key(b);
    return pa && pb ? comparePrefixes(pa, pb) : compareText(a.prefix, b.prefix);
  });
}

/** The province's level-II blocks, parsed per family. */
function parseBlocks(inv: Inventory, report: TslcdReport): Record<Family, Array<{ prefix: Prefix; path: FieldPath }>> {
  const out: Record<Family, Array<{ prefix: Prefix; path: FieldPath }>> = { ipv4: [], ipv6: [] };
  inv.tslcd?.blocks.forEach((b, bi) => {
    for (const [family, field] of [["ipv4", "prefix"], ["ipv6", "ipv6"]] as const) {
      const text = field === "prefix" ? b.prefix : b.ipv6;
      const parsed = parsePrefix(text, family);
      if (parsed.ok) out[family].push({ prefix: parsed.prefix, path: ["tslcd", "blocks", bi, field] });
      else report(["tslcd", "blocks", bi, field], `TSLCD level-II block: ${parsed.message}`, text);
    }
  });
  for (const f of FAMILIES) out[f].sort((a, b) => comparePrefixes(a.prefix, b.prefix));
  return out;
}

/** The data centres' own space: every site's aggregates and registered public prefixes. */
function dcSpaceOf(sites: readonly SitePlan[]): Array<{ prefix: Prefix; what: string }> {
  const out: Array<{ prefix: Prefix; what: string }> = [];
  for (const s of sites) {
    const add = (text: string, what: string): void => {
      const p = parsePrefix(text);
      // A registered IPv6 block is often the site's aggregate itself: one space, reported once.
      if (p.ok && !out.some((o) => o.prefix.family === p.prefix.family && o.prefix.network === p.prefix.network && o.prefix.length === p.prefix.length))
        out.push({ prefix: p.prefix, what: `${what} ${formatPrefix(p.prefix)} of site "${s.site}"` });
    };
    for (const a of [...s.ipv4Aggregates, ...s.ipv6Aggregates]) add(a, "aggregate");
    for (const a of [...(s.publicPrefixes?.ipv4 ?? []), ...(s.publicPrefixes?.ipv6 ?? [])]) add(a, "public prefix");
  }
  return out;
}

/** Level-II prefixes the carrier assigned for the province's agencies at any site (a carrier-assigned LAN may lie there). */
function agencyPrefixesOf(inv: Inventory): Prefix[] {
  return inv.sites
    .flatMap((s) => s.tslcd)
    .filter((t) => t.level === "II" && t.holds === "province-agencies")
    .flatMap((t) => [parsePrefix(t.prefix), parsePrefix(t.ipv6)])
    .filter((p): p is Extract<typeof p, { ok: true }> => p.ok)
    .map((p) => p.prefix);
}

/** Blocks overlap neither each other, nor the DC's space, nor a site's TSLCD prefix of another purpose. */
function checkBlocks(inv: Inventory, blocks: Record<Family, Array<{ prefix: Prefix; path: FieldPath }>>, dcSpace: ReadonlyArray<{ prefix: Prefix; what: string }>, report: TslcdReport): void {
  const foreign = inv.sites.flatMap((s) =>
    s.tslcd
      .filter((t) => t.holds !== "province-agencies")
      .flatMap((t) => [t.prefix, t.ipv6].map((text) => ({ p: parsePrefix(text), what: `TSLCD prefix ${text} (${t.holds}, level ${t.level}) of site "${s.id}"` }))),
  );
  for (const f of FAMILIES) {
    const list = blocks[f];
    list.forEach((b, i) => {
      if (i > 0 && overlaps(list[i - 1].prefix, b.prefix)) report(b.path, `TSLCD level-II block ${formatPrefix(b.prefix)} overlaps block ${formatPrefix(list[i - 1].prefix)}`, formatPrefix(b.prefix));
      for (const d of dcSpace) if (overlaps(d.prefix, b.prefix)) report(b.path, `TSLCD level-II block ${formatPrefix(b.prefix)} overlaps the data centre's ${d.what}: agency LANs and links never share the DC's space`, formatPrefix(b.prefix));
      for (const x of foreign) if (x.p.ok && overlaps(x.p.prefix, b.prefix)) report(b.path, `TSLCD level-II block ${formatPrefix(b.prefix)} overlaps the ${x.what}`, formatPrefix(b.prefix));
    });
  }
}

/** Carrier-assigned LANs and links outside the blocks: inside an agency prefix of the carrier's plan, clear of the DC and of each other. */
function checkOutside(outside: ReadonlyArray<{ prefix: Prefix; owner: string; path: FieldPath }>, dcSpace: ReadonlyArray<{ prefix: Prefix; what: string }>, agencyBlocks: readonly Prefix[], report: TslcdReport): void {
  outside.forEach((o, i) => {
    const text = formatPrefix(o.prefix);
    for (const d of dcSpace) if (overlaps(d.prefix, o.prefix)) report(o.path, `${text} for ${o.owner} overlaps the data centre's ${d.what}`, text);
    if (!agencyBlocks.some((b) => contains(b, o.prefix)))
      report(o.path, `${text} for ${o.owner} lies outside the province's TSLCD level-II blocks and outside every level-II prefix the carrier assigned for the province's agencies (sites[].tslcd with holds: province-agencies)`, text);
    for (let j = 0; j < i; j++) if (overlaps(outside[j].prefix, o.prefix)) report(o.path, `${text} for ${o.owner} overlaps ${formatPrefix(outside[j].prefix)} for ${outside[j].owner}`, text);
  });
}
