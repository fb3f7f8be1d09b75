/**
 * A rule base as one nftables ruleset (`table inet`, IPv4 and IPv6 together) that implements exactly the
 * contract's first-match semantics (see ruleBaseTypes.ts):
 * - one named interval set per address object and family, one chain per section holding its rules in
 *   order (each rule with all its matches, so a section chain is a correct filter on its own);
 * - the forward chain accepts replies (`ct state established,related`), then dispatches new packets
 *   with one verdict-map lookup on `saddr . daddr` to the sections that can match them
 *   (see nftDispatch.ts), then visits the sections open to any address, then drops (no match: deny);
 * - accept rules log new connections and mark them with their IPS profile (ct mark, named in a comment);
 * - destination NAT of published IPv4 services in a nat prerouting chain (the filter sees private addresses).
 * The `linear` layout (a guarded jump per section, in order) is the naive baseline the benchmark compares.
 */
import type { Family } from "../../../inventory/addressing/address";
import { contentHash } from "../../naming";
import type { FirewallRule, NatRule, RuleBase } from "../ruleBaseTypes";
import { assertRuleBase } from "./checkRuleBase";
import { intervalText, unionSets, type IntervalSet } from "./intervals";
import { familyDispatch, type FamilyDispatch } from "./nftDispatch";
import { ipsMark, nftEscape, nftIdent, nftQuoted, ruleRef } from "./nftNames";
import { familyRules, ObjectSets, sectionRuns, ALL_PORTS, type FamilyRule, type PortRanges, type SectionRun } from "./ruleSpace";

/** How sections are reached. */
export type NftLayout = "dispatch" | "linear";

/** Options. */
export interface NftOptions {
  /** `dispatch` (default): verdict maps; `linear`: one guarded jump per section (the benchmark's baseline). */
  layout?: NftLayout;
}

const FAMILIES: readonly Family[] = ["ipv4", "ipv6"];
const IP: Record<Family, string> = { ipv4: "ip", ipv6: "ip6" };
const ADDR_TYPE: Record<Family, string> = { ipv4: "ipv4_addr", ipv6: "ipv6_addr" };

/** The table name of a device. */
export function nftTableName(device: string): string {
  return `hatang_${nftEscape(device).replace(/[^A-Za-z0-9_]/g, "_")}`;
}

/** The chain name of a section. */
export function sectionChain(run: Pick<SectionRun, "from" | "to">): string {
  return nftIdent("sec", run.from, run.to);
}

function portsText(ranges: PortRanges): string {
  const items = ranges.map(([lo, hi]) => (lo === hi ? String(lo) : `${lo}-${hi}`));
  return items.length === 1 ? items[0] : `{ ${items.join(", ")} }`;
}

/** The service fragments of a rule (one nft rule each; their union is the rule's services). */
function serviceFragments(r: FamilyRule, family: Family): string[] {
  const s = r.services;
  if (s.any) return [""];
  const out: string[] = [];
  for (const proto of ["tcp", "udp"] as const) {
    const ranges = s[proto];
    if (ranges.length === 0) continue;
    const all = ranges.length === 1 && ranges[0][0] === ALL_PORTS[0] && ranges[0][1] === ALL_PORTS[1];
    out.push(all ? `meta l4proto ${proto}` : `${proto} dport ${portsText(ranges)}`);
  }
  if (s.icmp) out.push(family === "ipv4" ? "icmp type echo-request" : "icmpv6 type echo-request");
  return out;
}

/** Named sets: one per object and family, one per union of several objects. */
class SetRegistry {
  readonly declared = new Map<string, { elements: IntervalSet; family: Family; comment: string }>();

  ref(names: readonly string[], set: IntervalSet, family: Family): string {
    const sorted = [...new Set(names)].sort();
    const name = sorted.length === 1 ? nftIdent(family === "ipv4" ? "ip4" : "ip6", sorted[0]) : nftIdent(family === "ipv4" ? "ip4u" : "ip6u", contentHash(sorted, 12));
    if (!this.declared.has(name)) this.declared.set(name, { elements: set, family, comment: sorted.join(" + ") });
    return `@${name}`;
  }
}

function statements(rule: FirewallRule): string {
  const parts: string[] = [];
  const tag = rule.action === "accept" ? "A" : "D";
  if (rule.log) parts.push(`log prefix ${nftQuoted(`hatang ${tag} ${ruleRef(rule.id, 100)} `, 120)} level info`);
  parts.push("counter");
  if (rule.action === "accept" && rule.ips) parts.push(`ct mark set ${ipsMark(rule.ips)}`);
  parts.push(rule.action === "accept" ? "accept" : "drop");
  const ips = rule.action === "accept" && rule.ips ? ` ips=${rule.ips}` : "";
  parts.push(`comment ${nftQuoted(`${ruleRef(rule.id, 90)}${ips}`, 127)}`);
  return parts.join(" ");
}

function ruleLines(r: FamilyRule, family: Family, sets: SetRegistry): string[] {
  const rule = r.rule;
  const m: string[] = [];
  if (r.src !== "any") m.push(`${IP[family]} saddr ${sets.ref(rule.sources, r.src, family)}`);
  if (r.dst !== "any") m.push(`${IP[family]} daddr ${sets.ref(rule.destinations, r.dst, family)}`);
  if (r.src === "any" && r.dst === "any") m.push(`meta nfproto ${family}`);
  const st = statements(rule);
  return serviceFragments(r, family).map((f) => `    ${[...m, f].filter((x) => x !== "").join(" ")} ${st}`);
}

function flowsText(rule: FirewallRule): string {
  if (rule.flows.length === 0) return "";
  return ` ← ${rule.flows.map((f) => (f.file ? `${f.flow} (${f.file}${f.line ? `:${f.line}` : ""})` : f.flow)).join(", ")}`;
}

function elementsBlock(items: string[], indent: string): string {
  return items.length === 0 ? "" : `${indent}elements = { ${items.join(`,\n${indent}             `)} }\n`;
}

function natLines(n: NatRule): string[] {
  const target = n.translatedTo.length === 1 ? n.translatedTo[0] : `numgen inc mod ${n.translatedTo.length} map { ${n.translatedTo.map((t, i) => `${i} : ${t}`).join(", ")} }`;
  return [
    `    # ${n.system}/${n.tier}${n.waf ? " (behind the WAF)" : ""}: ${n.publicAddress}:${n.port}/${n.protocol} → ${n.translatedTo.join(", ")}`,
    `    ip daddr ${n.publicAddress} ${n.protocol} dport ${n.port} counter dnat ip to ${target} comment ${nftQuoted(ruleRef(n.id, 100), 127)}`,
  ];
}

function guard(rules: readonly FamilyRule[], family: Family): string | undefined {
  if (rules.length === 0) return undefined;
  const side = (k: "src" | "dst"): IntervalSet | "any" => (rules.some((r) => r[k] === "any") ? "any" : unionSets(rules.map((r) => r[k] as IntervalSet)));
  const s = side("src");
  const d = side("dst");
  const m: string[] = [];
  const anon = (set: IntervalSet): string => `{ ${set.map((iv) => intervalText(family, iv)).join(", ")} }`;
  if (s !== "any") m.push(`${IP[family]} saddr ${anon(s)}`);
  if (d !== "any") m.push(`${IP[family]} daddr ${anon(d)}`);
  if (m.length === 0) m.push(`meta nfproto ${family}`);
  return m.join(" ");
}

/**
 * Renders a rule base as an nftables ruleset file (`nft -f`; loading it replaces the device's table atomically).
 * @param rb the rule base
 * @param options layout
 * @throws when the rule base is malformed (every problem listed)
 */
export function renderNftables(rb: RuleBase, options: NftOptions = {}): string {
  assertRuleBase(rb);
  const layout = options.layout ?? "dispatch";
  const table = nftTableName(rb.device);
  const runs = sectionRuns(rb);
  const objectSets = new ObjectSets(rb);
  const sets = new SetRegistry();
  const byFamily = new Map(FAMILIES.map((f) => [f, familyRules(rb, f, objectSets)] as const));
  const perRule = new Map<number, Map<Family, FamilyRule>>();
  for (const [f, rules] of byFamily) {
    for (const r of rules) {
      const m = perRule.get(r.index) ?? new Map<Family, FamilyRule>();
      m.set(f, r);
      perRule.set(r.index, m);
    }
  }
  // Section chains.
  const chains: string[] = [];
  for (const run of runs) {
    const lines: string[] = [`  # section ${run.from} → ${run.to}`, `  chain ${sectionChain(run)} {`];
    for (const i of run.indexes) {
      const rule = rb.rules[i];
      lines.push(`    # ${i + 1}. ${rule.id}: ${rule.comment.replace(/\n/g, " ")}${flowsText(rule)}`);
      const fr = perRule.get(i);
      if (!fr) {
        lines.push("    # (matches nothing: its objects hold no prefix of its families)");
        continue;
      }
      for (const f of FAMILIES) {
        const r = fr.get(f);
        if (r) lines.push(...ruleLines(r, f, sets));
      }
    }
    lines.push("  }");
    chains.push(lines.join("\n"));
  }
  // Dispatch.
  const forward: string[] = [
    "  chain forward {",
    "    type filter hook forward priority filter; policy drop;",
    `    ct state established,related counter accept comment "replies of accepted connections"`,
    `    ct state invalid counter drop comment "not part of any connection"`,
  ];
  const maps: string[] = [];
  const vias = new Map<string, number[]>();
  if (layout === "dispatch") {
    const dispatches: FamilyDispatch[] = FAMILIES.map((f) => familyDispatch(byFamily.get(f)!, runs, f));
    for (const d of dispatches) {
      if (d.cells.length === 0) continue;
      const name = `dispatch${d.family === "ipv4" ? 4 : 6}`;
      const items: string[] = [];
      for (const c of d.cells) {
        let target: string;
        if (c.runs.length === 1) target = sectionChain(runs[c.runs[0]]);
        else {
          target = nftIdent("via", contentHash(c.runs.map((k) => sectionChain(runs[k])), 12));
          vias.set(target, c.runs);
        }
        for (const s of c.src) for (const t of c.dst) items.push(`${intervalText(d.family, s)} . ${intervalText(d.family, t)} : ${c.mode} ${target}`);
      }
      maps.push(
        `  # ${d.family}: source . destination → the sections that can match (${d.cells.length} cells)\n` +
          `  map ${name} {\n    type ${ADDR_TYPE[d.family]} . ${ADDR_TYPE[d.family]} : verdict\n    flags interval\n${elementsBlock(items, "    ")}  }`,
      );
      forward.push(`    ${IP[d.family]} saddr . ${IP[d.family]} daddr vmap @${name}`);
    }
    const global = [...new Set(dispatches.flatMap((d) => d.globalRuns))].sort((a, b) => a - b);
    for (const k of global) forward.push(`    jump ${sectionChain(runs[k])}`);
  } else {
    runs.forEach((run) => {
      for (const f of FAMILIES) {
        const g = guard(
          run.indexes.map((i) => perRule.get(i)?.get(f)).filter((r): r is FamilyRule => r !== undefined),
          f,
        );
        if (g) forward.push(`    ${g} jump ${sectionChain(run)}`);
      }
    });
  }
  forward.push(`    counter drop comment "no rule matched: deny"`, "  }");
  const viaChains = [...vias.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, ks]) => [`  chain ${name} {`, ...ks.map((k) => `    jump ${sectionChain(runs[k])}`), "  }"].join("\n"));
  // Sets (declared by the section chains above).
  const setBlocks = [...sets.declared.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, s]) => `  # ${s.comment}\n  set ${name} {\n    type ${ADDR_TYPE[s.family]}\n    flags interval\n${elementsBlock(s.elements.map((iv) => intervalText(s.family, iv)), "    ")}  }`);
  const nat = [...rb.nat].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const natChain = nat.length === 0 ? [] : [["  chain prerouting {", "    type nat hook prerouting priority dstnat; policy accept;", ...nat.flatMap(natLines), "  }"].join("\n")];
  const profiles = [...new Set(rb.rules.filter((r) => r.action === "accept" && r.ips).map((r) => r.ips!))].sort();
  const header = [
    "#!/usr/sbin/nft -f",
    `# hatang: firewall rule base of ${rb.device} (${rb.members.join(", ")}), site ${rb.site}, platform ${rb.platform}. Generated: do not edit.`,
    `# Zones: ${rb.zones.join(", ") || "-"}; externals: ${rb.externals.join(", ") || "-"}. ${rb.rules.length} rules in ${runs.length} sections, ${rb.nat.length} NAT rules; layout ${layout}.`,
    `# Content hash ${contentHash(rb, 16)}. Accept rules log new connections${rb.logTarget ? ` (shipped to ${rb.logTarget})` : ""}; replies pass as established.`,
    ...profiles.map((p) => `# IPS profile "${p}" = ct mark ${ipsMark(p)}`),
    `table inet ${table}`,
    `delete table inet ${table}`,
  ];
  const body = [...setBlocks, ...maps, ...chains, ...viaChains, forward.join("\n"), ...natChain];
  return `${header.join("\n")}\ntable inet ${table} {\n${body.join("\n\n")}\n}\n`;
}
