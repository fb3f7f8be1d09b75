import type { Policy } from "@pulumi/policy";
import { LEVEL3_ZONE_KINDS } from "../inventory/model/zone";
import { internetEdgeProblem, tslcdAccessProblem } from "./lib/edgeRedundancy";
import { Finding, ifAny, judged, productionSitesInScope, resourcePolicy, siteInScope, stackPolicy, ZONE_TYPES } from "./lib/definePolicy";
import { PlanIndex, ruleRemote, rulePorts } from "./lib/planIndex";
import { isAnywhere, prefixContains } from "./lib/prefixes";
import { openedPorts, rangeWithin } from "./lib/ports";
import { ResourceView, T, asArr, asObj, tagsOf, zoneKindOf } from "./lib/resourceView";

/** Network security policies (NET-*). Cross-resource checks are stack policies; single-resource ones resource policies. */

/**
 * True when a rule admits any source: 0.0.0.0/0, ::/0, or no remote at all (Neutron: any).
 * @param r the rule.
 */
export function ruleFromAnywhere(r: ResourceView): boolean {
  const remote = ruleRemote(r.props);
  return remote.kind === "none" || (remote.kind === "prefix" && isAnywhere(remote.prefix));
}

const ZONED_TYPES = [T.network, T.subnet, T.port];

export const net01 = stackPolicy("NET-01", true, [T.network, T.subnet, T.port], (plan, ctx) => {
  const inv = ctx.inventory!;
  const findings: Finding[] = [];
  for (const [i, site] of inv.sites.entries()) {
    if (!siteInScope(ctx, site.id)) continue;
    const kinds = new Set(inv.zones.filter((z) => z.site === site.id).map((z) => z.kind));
    const missing = LEVEL3_ZONE_KINDS.filter((k) => !kinds.has(k));
    if (missing.length > 0) findings.push({ text: `site ${site.id} lacks the level-3 zones ${missing.join(", ")}`, subject: `site/${site.id}`, at: `sites.${i}` });
  }
  for (const t of ZONED_TYPES)
    for (const r of plan.ofType(t)) {
      const tag = tagsOf(r).get("zone");
      if (!zoneKindOf(tag, inv)) findings.push({ text: tag ? `zone tag "${tag}" names no declared zone` : "no zone tag (expected e.g. zone=dmz)", urn: r.urn });
    }
  return findings;
});

export const net02 = stackPolicy("NET-02", false, [T.secGroupRule, T.fwRule, ...ZONE_TYPES], (plan) => {
  const findings: Finding[] = [];
  let examined = 0;
  for (const sg of plan.ofType(T.secGroup)) {
    examined++;
    if (sg.props.deleteDefaultRules !== true) findings.push({ text: "deleteDefaultRules is not true: Neutron's allow-all egress rules stay", urn: sg.urn });
  }
  for (const rule of plan.ofType(T.secGroupRule)) {
    examined++;
    if (rule.props.direction !== "egress") continue;
    const zone = plan.zoneKind(rule);
    const anyProto = rule.props.protocol === undefined || rule.props.protocol === "" || rule.props.protocol === "any";
    if ((zone === "internal-server" || zone === "db-server") && ruleFromAnywhere(rule) && anyProto)
      findings.push({ text: `egress to anywhere on any protocol from the ${zone} zone`, urn: rule.urn });
  }
  for (const fw of plan.ofType(T.fwRule)) {
    examined++;
    if ((fw.props.action ?? "deny") !== "allow") continue;
    if (!fw.props.sourceIpAddress || !fw.props.destinationIpAddress) findings.push({ text: "FWaaS allow rule without both a source and a destination", urn: fw.urn });
  }
  return judged(examined, findings, "security groups, rules or firewall rules");
});

/**
 * Ports published from the DMZ: the parameter plus what systems publish in the inventory.
 * @param plan the stack.
 * @param base the publicPorts parameter.
 */
function publishedPorts(plan: PlanIndex, base: number[]): number[] {
  const out = new Set(base);
  for (const s of plan.inventory?.systems ?? []) for (const t of s.tiers) for (const p of t.publish) out.add(p.port);
  return [...out];
}

export const net03 = stackPolicy("NET-03", false, [T.secGroupRule, ...ZONE_TYPES], (plan, ctx) => {
  const allowed = publishedPorts(plan, ctx.params.numbers("publicPorts"));
  const rules = plan.ofType(T.secGroupRule).filter((r) => r.props.direction === "ingress");
  const findings: Finding[] = [];
  for (const r of rules) {
    if (!ruleFromAnywhere(r)) continue;
    const zone = plan.zoneKind(r);
    if (zone !== "dmz") findings.push({ text: `ingress from anywhere on a ${zone ?? "zone-less"} security group (only the DMZ may publish)`, urn: r.urn });
    else if (!rangeWithin(rulePorts(r.props), allowed)) findings.push({ text: `ingress from anywhere to ports outside the published ports ${allowed.join(", ")}`, urn: r.urn });
  }
  return judged(rules.length, findings, "ingress rules");
});

export const net04 = resourcePolicy("NET-04", [T.secGroupRule], (r, ctx) => {
  if (r.props.direction !== "ingress") return [];
  const admin = openedPorts(rulePorts(r.props), ctx.params.numbers("adminPorts"));
  if (admin.length === 0) return [];
  const remote = ruleRemote(r.props);
  if (remote.kind === "group") return [];
  const ranges = ctx.params.strings("managementRanges");
  if (remote.kind === "prefix" && ranges.some((m) => prefixContains(m, remote.prefix))) return [];
  const src = remote.kind === "prefix" ? remote.prefix : "anywhere (no remote)";
  return [{ text: `administration port(s) ${admin.join(", ")} open from ${src}, outside the management ranges${ranges.length ? ` ${ranges.join(", ")}` : " (none declared)"}` }];
});

export const net05 = resourcePolicy("NET-05", [T.secGroupRule], (r, ctx) => {
  if (r.props.direction !== "ingress") return [];
  const proto = typeof r.props.protocol === "string" && r.props.protocol !== "" ? r.props.protocol : "any";
  const ports = [...(proto === "tcp" || proto === "any" ? ctx.params.numbers("insecureTcpPorts") : []), ...(proto === "udp" || proto === "any" ? ctx.params.numbers("insecureUdpPorts") : [])];
  const bad = openedPorts(rulePorts(r.props), [...new Set(ports)].sort((a, b) => a - b));
  return bad.length > 0 ? [{ text: `opens clear-text management port(s) ${bad.join(", ")}` }] : [];
});

export const net07 = stackPolicy("NET-07", true, [], (_plan, ctx) => {
  const inv = ctx.inventory!;
  const roles = ctx.params.strings("haRoles");
  const production = productionSitesInScope(ctx);
  if ("notApplicable" in production) return production;
  const findings: Finding[] = [];
  for (const site of production.sites) {
    for (const role of roles) {
      const devs = inv.devices.map((d, i) => ({ d, i })).filter((x) => x.d.site === site.id && x.d.role === role);
      const groups = new Map<string, number>();
      for (const { d } of devs) if (d.haGroup) groups.set(d.haGroup, (groups.get(d.haGroup) ?? 0) + 1);
      if (![...groups.values()].some((n) => n >= 2))
        findings.push({ text: `site ${site.id} has ${devs.length} ${role} device(s) and no HA group of two`, subject: `site/${site.id}/${role}`, at: devs.length ? `devices.${devs[0].i}` : "devices" });
    }
  }
  return findings;
});

export const net08 = stackPolicy("NET-08", true, [], (_plan, ctx) => {
  const inv = ctx.inventory!;
  const production = productionSitesInScope(ctx);
  if ("notApplicable" in production) return production;
  const findings: Finding[] = [];
  for (const s of production.sites) {
    const problem = internetEdgeProblem(inv, s.id);
    if (problem) findings.push({ text: problem, subject: `site/${s.id}`, at: `sites.${inv.sites.indexOf(s)}` });
  }
  return findings;
});

export const net09 = stackPolicy("NET-09", true, [T.ingress], (plan, ctx) => {
  const inv = ctx.inventory!;
  const findings: Finding[] = [];
  const exposedSites = new Set(inv.systems.filter((s) => s.exposure.includes("internet")).flatMap((s) => s.sites).filter((s) => siteInScope(ctx, s)));
  for (const site of exposedSites)
    if (!inv.devices.some((d) => d.site === site && d.role === "waf"))
      findings.push({ text: `site ${site} hosts Internet-exposed systems but has no WAF device`, subject: `site/${site}`, at: "devices" });
  const classes = ctx.params.strings("wafIngressClasses");
  const ingresses = classes.length ? plan.ofType(T.ingress) : [];
  for (const ing of ingresses) {
    const cls = asObj(ing.props.spec)?.ingressClassName;
    if (typeof cls !== "string" || !classes.includes(cls)) findings.push({ text: `Ingress class ${String(cls ?? "(none)")} is not behind the WAF (${classes.join(", ")})`, urn: ing.urn });
  }
  if (exposedSites.size === 0 && ingresses.length === 0) return { notApplicable: "no Internet-exposed system" };
  return findings;
});

export const net14 = resourcePolicy("NET-14", [T.network, T.port], (r) => {
  const f: Finding[] = [];
  if (r.props.portSecurityEnabled === false) f.push({ text: "port security is disabled" });
  if (r.type === T.port) {
    if (r.props.noSecurityGroups === true) f.push({ text: "noSecurityGroups is set" });
    for (const p of asArr(r.props.allowedAddressPairs)) {
      const ip = asObj(p)?.ipAddress;
      if (typeof ip === "string" && isAnywhere(ip)) f.push({ text: `allowed address pair ${ip} allows spoofing any address` });
    }
  }
  return f;
});

export const net15 = stackPolicy("NET-15", false, [T.floatingIpAssoc, T.computeFloatingIpAssoc, T.instance, ...ZONE_TYPES], (plan) => {
  const assocs = [...plan.ofType(T.floatingIpAssoc), ...plan.ofType(T.computeFloatingIpAssoc)];
  const findings: Finding[] = [];
  for (const a of assocs) {
    const target = plan.dependencyOfType(a, T.port) ?? plan.dependencyOfType(a, T.instance);
    const zone = target ? plan.zoneKind(target) : undefined;
    if (zone !== "dmz" && zone !== "edge") findings.push({ text: `floating IP associated with a ${zone ?? "zone-less"} ${target ? "resource" : "target outside the stack"}`, urn: a.urn });
  }
  return ifAny(assocs.length, findings, "floating IP associations");
});

/**
 * A rule's identity without its family: what the IPv4 and IPv6 twins share.
 * @param r the rule.
 */
function ruleShape(r: ResourceView): string {
  const remote = ruleRemote(r.props);
  const p = rulePorts(r.props);
  const proto = r.props.protocol === "ipv6-icmp" ? "icmp" : String(r.props.protocol ?? "any");
  const rem = remote.kind === "group" ? `group:${remote.group}` : remote.kind === "prefix" ? (isAnywhere(remote.prefix) ? "anywhere" : "prefix") : "anywhere";
  return `${String(r.props.direction)}|${proto}|${p.min ?? ""}-${p.max ?? ""}|${rem}`;
}

export const net16 = stackPolicy("NET-16", false, [T.secGroupRule, ...ZONE_TYPES], (plan) => {
  const findings: Finding[] = [];
  const bySg = new Map<string, { sg: ResourceView; v4: Map<string, ResourceView>; v6: Map<string, ResourceView> }>();
  for (const r of plan.ofType(T.secGroupRule)) {
    const sg = plan.ruleGroups(r).own;
    if (!sg) continue;
    let e = bySg.get(sg.urn);
    if (!e) bySg.set(sg.urn, (e = { sg, v4: new Map(), v6: new Map() }));
    (r.props.ethertype === "IPv6" ? e.v6 : e.v4).set(ruleShape(r), r);
  }
  for (const e of bySg.values()) {
    for (const [k, r] of e.v4) if (!e.v6.has(k)) findings.push({ text: "IPv4 rule without its IPv6 twin", urn: r.urn });
    for (const [k, r] of e.v6) if (!e.v4.has(k)) findings.push({ text: "IPv6 rule without its IPv4 twin", urn: r.urn });
  }
  const nets = plan.ofType(T.network);
  for (const n of nets) {
    const subs = plan.ofType(T.subnet).filter((s) => s.dependencies.includes(n.urn));
    const v4 = subs.some((s) => s.props.ipVersion === 4 || s.props.ipVersion === undefined);
    const v6 = subs.filter((s) => s.props.ipVersion === 6);
    if (subs.length > 0 && (!v4 || v6.length === 0)) findings.push({ text: `network has ${v6.length ? "no IPv4" : "no IPv6"} subnet (dual stack)`, urn: n.urn });
    // The address mode is always explicit; Neutron advertises (RA mode) only where its router is the gateway, and then in the same mode.
    for (const s of v6) {
      if (!s.props.ipv6AddressMode) findings.push({ text: "IPv6 subnet without an explicit ipv6AddressMode", urn: s.urn });
      else if (s.props.ipv6RaMode !== undefined && s.props.ipv6RaMode !== s.props.ipv6AddressMode) findings.push({ text: `IPv6 subnet with ipv6RaMode ${String(s.props.ipv6RaMode)} but ipv6AddressMode ${String(s.props.ipv6AddressMode)}`, urn: s.urn });
    }
  }
  return judged(bySg.size + nets.length, findings, "security groups or networks");
});

export const net17 = stackPolicy("NET-17", true, [], (_plan, ctx) => {
  const inv = ctx.inventory!;
  const wireless = inv.zones.filter((z) => z.kind === "wireless" && siteInScope(ctx, z.site));
  if (wireless.length === 0) return { notApplicable: "no wireless zone is declared" };
  const findings: Finding[] = [];
  const fwRoles = new Set(["core-firewall", "edge-firewall"]);
  for (const z of wireless) {
    const zi = inv.zones.indexOf(z);
    const enforcers = inv.devices.filter((d) => d.name === z.enforcedBy || d.haGroup === z.enforcedBy);
    if (!enforcers.some((d) => fwRoles.has(d.role))) findings.push({ text: `wireless zone ${z.id} is enforced by ${z.enforcedBy}, not a firewall`, subject: `zone/${z.site}/${z.id}`, at: `zones.${zi}.enforcedBy` });
    for (const [fi, f] of inv.flows.entries()) {
      const toKind = f.to.zone ? inv.zones.find((x) => x.id === f.to.zone)?.kind : undefined;
      if (f.from.zone === z.id && (toKind === "db-server" || toKind === "internal-server" || toKind === "management"))
        findings.push({ text: `flow ${f.name} leads from the wireless zone straight to the ${toKind} zone`, subject: `flow/${f.name}`, at: `flows.${fi}` });
    }
  }
  return findings;
});

export const net18 = resourcePolicy("NET-18", [T.network, T.rbac], (r) => {
  if (r.type === T.network && r.props.shared === true) return [{ text: "network is shared with every project" }];
  if (r.type === T.rbac && r.props.targetTenant === "*") return [{ text: "RBAC policy shares with every project ('*')" }];
  return [];
});

export const net19 = stackPolicy("NET-19", true, [], (_plan, ctx) => {
  const inv = ctx.inventory!;
  const production = productionSitesInScope(ctx);
  if ("notApplicable" in production) return production;
  const findings: Finding[] = [];
  for (const s of production.sites) {
    const problem = tslcdAccessProblem(inv, s.id);
    if (problem) findings.push({ text: problem, subject: `site/${s.id}`, at: `sites.${inv.sites.indexOf(s)}` });
  }
  return findings;
});

/** Every network policy, in catalogue order. */
export const networkPolicies: Policy[] = [net01, net02, net03, net04, net05, net07, net08, net09, net14, net15, net16, net17, net18, net19];
