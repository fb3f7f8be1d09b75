/**
 * What a flow's TSLCD end stands for, decided in one place (the compilers, the policies and the WAN
 * generator all read it from here; the reachability proof keeps its own independent reading):
 * - `external: national-platforms` is the level-I prefixes holding the national platforms;
 * - `external: tslcd` is every TSLCD prefix reachable at the site — the carrier's fixed prefixes of both
 *   levels and the agencies' endpoint LANs — narrowed by `level`, `holds` and `agencies` (combined with "and").
 * The province's level-II blocks are address space, not a party: they are never what a flow means.
 */
import type { Endpoint, TslcdHolds, TslcdLevel } from "../model";
import { contains, formatPrefix, parsePrefix } from "../addressing/prefix";

/** A flow end's TSLCD selection; absent fields select everything. */
export interface TslcdSelection {
  level?: TslcdLevel;
  holds?: readonly TslcdHolds[];
  /** Agencies in force whose endpoint LANs are meant. */
  agencies?: readonly string[];
}

/**
 * The selection of a flow end naming a TSLCD network, or undefined for any other end.
 * @param ep the flow end
 */
export function tslcdSelection(ep: Endpoint): TslcdSelection | undefined {
  if (ep.external === "national-platforms") return { level: "I", holds: ["national-platforms"] };
  if (ep.external !== "tslcd") return undefined;
  return { ...(ep.level ? { level: ep.level } : {}), ...(ep.holds ? { holds: ep.holds } : {}), ...(ep.agencies ? { agencies: ep.agencies } : {}) };
}

/** A fixed TSLCD prefix as the selection sees it (hand-built plans may lack level and holds). */
export interface FixedPrefixFacts {
  level?: TslcdLevel;
  holds?: TslcdHolds;
  /** The province's level-II block (address space, never selected). */
  block?: boolean;
}

/**
 * Whether a selection takes a fixed prefix of the carrier's plan.
 * @param sel the selection
 * @param p the prefix's facts
 */
export function selectsFixed(sel: TslcdSelection, p: FixedPrefixFacts): boolean {
  if (p.block === true || sel.agencies !== undefined) return false;
  if (sel.level !== undefined && p.level !== sel.level) return false;
  if (sel.holds !== undefined && (p.holds === undefined || !sel.holds.includes(p.holds))) return false;
  return true;
}

/** An endpoint LAN as the selection sees it. */
export interface LanFacts {
  /** The unit in force owning the endpoint. */
  owner: string;
  /** Levels of the VPNs it is attached to. */
  levels: readonly TslcdLevel[];
}

/**
 * Whether a selection takes an agency endpoint's LAN (LANs hold `province-agencies`).
 * @param sel the selection
 * @param lan the LAN's facts
 */
export function selectsLan(sel: TslcdSelection, lan: LanFacts): boolean {
  if (sel.level !== undefined && !lan.levels.includes(sel.level)) return false;
  if (sel.holds !== undefined && !sel.holds.includes("province-agencies")) return false;
  if (sel.agencies !== undefined && !sel.agencies.includes(lan.owner)) return false;
  return true;
}

/**
 * A short, stable label of a selection (rule-base object names, reports): `tslcd`, `tslcd:II`,
 * `tslcd:I/monitoring-centre`, `tslcd:II/agencies=SNV+STP`; `national-platforms` for the national platforms.
 * @param ep the flow end
 */
export function tslcdLabel(ep: Endpoint): string {
  if (ep.external === "national-platforms") return "national-platforms";
  const parts: string[] = [];
  if (ep.level) parts.push(ep.level);
  if (ep.holds) parts.push([...ep.holds].sort().join("+"));
  if (ep.agencies) parts.push(`agencies=${[...ep.agencies].sort().join("+")}`);
  return parts.length === 0 ? "tslcd" : `tslcd:${parts.join("/")}`;
}

/**
 * The prefixes of a list that no other prefix of the list holds (duplicates once), sorted: what a rule
 * needs, without the LANs a fixed prefix already covers. Unparsable text is kept as it is.
 * @param prefixes prefixes of one family
 */
export function outermostPrefixes(prefixes: readonly string[]): string[] {
  const parsed = [...new Set(prefixes)].map((text) => ({ text, p: parsePrefix(text) }));
  const kept = parsed.filter((a) => !(a.p.ok && parsed.some((b) => b !== a && b.p.ok && a.p.ok && contains(b.p.prefix, a.p.prefix) && !(b.p.prefix.length === a.p.prefix.length))));
  return kept.map((k) => (k.p.ok ? formatPrefix(k.p.prefix) : k.text)).filter((t, i, all) => all.indexOf(t) === i).sort();
}
