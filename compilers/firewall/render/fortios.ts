/**
 * A rule base as FortiOS CLI (7.x consolidated policies: one policy carries IPv4 and IPv6 addresses).
 * NOT VERIFIED ON A REAL APPLIANCE: golden-tested only; the header says so. Choices that keep the
 * contract's semantics: every policy uses the `any` interfaces so the policy sequence is the contract's
 * first-match order (bind per-zone interfaces when adapting); accept policies log all traffic and carry
 * the IPS sensor; deny policies log violations; objects are named from their identities, cut to
 * FortiOS's name limits with a digest when longer.
 */
import type { Family } from "../../../inventory/addressing/address";
import { contentHash } from "../../naming";
import type { AddressObject, FirewallRule, NatRule, RuleBase, ServiceObject } from "../ruleBaseTypes";
import { assertRuleBase } from "./checkRuleBase";

/** FortiOS name limits: firewall objects 79 characters, policy names 35. */
const OBJECT_MAX = 79;
const POLICY_NAME_MAX = 35;

/**
 * A FortiOS name from an identity, cut with a digest when longer than the limit.
 * @param id the identity
 * @param max the limit
 */
export function fortiName(id: string, max = OBJECT_MAX): string {
  const clean = id.replace(/["\\]/g, "_");
  return clean.length <= max ? clean : `${clean.slice(0, max - 11)}~${contentHash(id, 10)}`;
}

function q(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/[\r\n]+/g, " ")}"`;
}

function maskOf(len: number): string {
  const m = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  return [m >>> 24, (m >>> 16) & 255, (m >>> 8) & 255, m & 255].join(".");
}

/** Address objects of one family: a `config firewall address[6]` and `addrgrp[6]` pair. Returns the name each object resolves to (absent: no prefix). */
function addressBlocks(objs: readonly AddressObject[], family: Family, used: Set<string>): { text: string[]; names: Map<string, string> } {
  const six = family === "ipv6" ? "6" : "";
  const addrs: string[] = [];
  const groups: string[] = [];
  const names = new Map<string, string>();
  for (const o of objs) {
    if (!used.has(o.name) || o[family].length === 0) continue;
    const set = (p: string): string => (family === "ipv4" ? `        set subnet ${p.split("/")[0]} ${maskOf(Number(p.split("/")[1]))}` : `        set ip6 ${p}`);
    const comment = `        set comment ${q(`${o.kind}: ${o.description}`.slice(0, 255))}`;
    const name = fortiName(o.name);
    names.set(o.name, name);
    if (o[family].length === 1) {
      addrs.push(`    edit ${q(name)}`, set(o[family][0]), comment, "    next");
      continue;
    }
    const members = o[family].map((p) => fortiName(`${o.name} ${p}`));
    o[family].forEach((p, i) => addrs.push(`    edit ${q(members[i])}`, set(p), "    next"));
    groups.push(`    edit ${q(name)}`, `        set member ${members.map(q).join(" ")}`, comment, "    next");
  }
  const text = [`config firewall address${six}`, ...addrs, "end"];
  if (groups.length > 0) text.push(`config firewall addrgrp${six}`, ...groups, "end");
  return { text: addrs.length > 0 ? text : [], names };
}

function serviceBlock(services: readonly ServiceObject[], used: Set<string>): string[] {
  const out: string[] = [];
  for (const s of services) {
    if (!used.has(s.name) || s.protocol === "any") continue;
    if (s.protocol === "icmp") {
      out.push(`    edit ${q(fortiName(s.name))}`, "        set protocol ICMP", "        set icmptype 8", "    next");
      out.push(`    edit ${q(fortiName(`${s.name}/icmp6`))}`, "        set protocol ICMP6", "        set icmptype 128", "    next");
      continue;
    }
    const range = s.portMin === undefined ? "1-65535" : s.portMax !== undefined && s.portMax !== s.portMin ? `${s.portMin}-${s.portMax}` : String(s.portMin);
    out.push(`    edit ${q(fortiName(s.name))}`, "        set protocol TCP/UDP/SCTP", `        set ${s.protocol}-portrange ${range}`, "    next");
  }
  return out.length > 0 ? ["config firewall service custom", ...out, "end"] : [];
}

function serviceRefs(rule: FirewallRule, svcs: Map<string, ServiceObject>): string[] {
  if (rule.services.length === 0 || rule.services.some((n) => svcs.get(n)?.protocol === "any")) return ["ALL"];
  return rule.services.flatMap((n) => (svcs.get(n)?.protocol === "icmp" ? [fortiName(n), fortiName(`${n}/icmp6`)] : [fortiName(n)]));
}

function policyLines(rule: FirewallRule, seq: number, names: Record<Family, Map<string, string>>, svcs: Map<string, ServiceObject>): string[] {
  const side = (objs: string[], family: Family): string[] | undefined => {
    if (!rule.families.includes(family)) return undefined;
    if (objs.length === 0) return ["all"];
    const got = objs.map((n) => names[family].get(n)).filter((x): x is string => x !== undefined);
    return got.length > 0 ? got : undefined;
  };
  const s4 = side(rule.sources, "ipv4");
  const d4 = side(rule.destinations, "ipv4");
  const s6 = side(rule.sources, "ipv6");
  const d6 = side(rule.destinations, "ipv6");
  const v4 = s4 !== undefined && d4 !== undefined;
  const v6 = s6 !== undefined && d6 !== undefined;
  if (!v4 && !v6) return [`# ${seq}. ${rule.id}: matches nothing (its objects hold no prefix of its families), not rendered`];
  const lines = [
    `    # ${seq}. ${rule.id}`,
    "    edit 0",
    `        set name ${q(fortiName(rule.id, POLICY_NAME_MAX))}`,
    '        set srcintf "any"',
    '        set dstintf "any"',
    `        set action ${rule.action === "accept" ? "accept" : "deny"}`,
  ];
  if (v4) lines.push(`        set srcaddr ${s4!.map(q).join(" ")}`, `        set dstaddr ${d4!.map(q).join(" ")}`);
  if (v6) lines.push(`        set srcaddr6 ${s6!.map(q).join(" ")}`, `        set dstaddr6 ${d6!.map(q).join(" ")}`);
  lines.push(`        set service ${serviceRefs(rule, svcs).map(q).join(" ")}`, '        set schedule "always"');
  lines.push(`        set logtraffic ${rule.log ? "all" : "disable"}`);
  if (rule.action === "accept" && rule.ips) lines.push("        set utm-status enable", `        set ips-sensor ${q(fortiName(rule.ips, 35))}`);
  lines.push(`        set comments ${q(`${rule.id} | ${rule.comment}${rule.flows.length ? ` | flows: ${rule.flows.map((f) => (f.file ? `${f.flow} (${f.file}${f.line ? `:${f.line}` : ""})` : f.flow)).join(", ")}` : ""}`.slice(0, 1023))}`);
  lines.push("    next");
  return lines;
}

function vipLines(n: NatRule): string[] {
  const lines = [
    `    edit ${q(fortiName(n.id))}`,
    `        set comment ${q(`${n.system}/${n.tier}${n.waf ? " (behind the WAF)" : ""}`)}`,
    `        set extip ${n.publicAddress}`,
    '        set extintf "any"',
    "        set portforward enable",
    `        set protocol ${n.protocol}`,
    `        set extport ${n.port}`,
    `        set mappedport ${n.port}`,
  ];
  if (n.translatedTo.length === 1) lines.push(`        set mappedip ${q(n.translatedTo[0])}`);
  else {
    lines.push("        set type server-load-balance", "        set ldb-method round-robin", "        config realservers");
    n.translatedTo.forEach((t, i) => lines.push(`            edit ${i + 1}`, `                set ip ${t}`, `                set port ${n.port}`, "            next"));
    lines.push("        end");
  }
  lines.push("    next");
  return lines;
}

/**
 * Renders the FortiOS CLI script of a rule base.
 * @param rb the rule base
 */
export function renderFortios(rb: RuleBase): string {
  assertRuleBase(rb);
  const usedAddr = new Set(rb.rules.flatMap((r) => [...r.sources, ...r.destinations]));
  const usedSvc = new Set(rb.rules.flatMap((r) => r.services));
  const svcs = new Map(rb.services.map((s) => [s.name, s]));
  const a4 = addressBlocks(rb.addresses, "ipv4", usedAddr);
  const a6 = addressBlocks(rb.addresses, "ipv6", usedAddr);
  const names = { ipv4: a4.names, ipv6: a6.names };
  const profiles = [...new Set(rb.rules.filter((r) => r.action === "accept" && r.ips).map((r) => r.ips!))].sort();
  const out = [
    `# hatang: FortiOS CLI for ${rb.device} (${rb.members.join(", ")}), site ${rb.site}. Generated: do not edit.`,
    "# NOT VERIFIED ON A REAL APPLIANCE: checked against golden files only. Review it on a lab unit first.",
    "# Target: FortiOS 7.x, consolidated IPv4/IPv6 policies. Apply to a VDOM without earlier hatang policies:",
    "# policies are appended in the contract's first-match order (interfaces `any`; bind per-zone interfaces when adapting).",
    "# VIPs: policies match the translated (private) destinations, as the rule base does; firmware that matches",
    "# VIP traffic only through the VIP object needs the VIP added to the accept policy's dstaddr.",
    `# Content hash ${contentHash(rb, 16)}; ${rb.rules.length} rules, ${rb.nat.length} VIPs.`,
    ...a4.text,
    ...a6.text,
    ...serviceBlock(rb.services, usedSvc),
  ];
  if (profiles.length > 0) {
    out.push("config ips sensor");
    for (const p of profiles) out.push(`    edit ${q(fortiName(p, 35))}`, `        set comment ${q("referenced by the hatang rule base; signatures are managed on the appliance")}`, "    next");
    out.push("end");
  }
  if (rb.nat.length > 0) out.push("config firewall vip", ...[...rb.nat].sort((a, b) => (a.id < b.id ? -1 : 1)).flatMap(vipLines), "end");
  out.push("config firewall policy", ...rb.rules.flatMap((r, i) => policyLines(r, i + 1, names, svcs)), "end");
  return out.join("\n") + "\n";
}
