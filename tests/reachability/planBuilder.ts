import { securityRuleInputs } from "../../compilers/openstack/securityGroups";
import { firewallRuleInputs } from "../../compilers/openstack/firewalls";
/**
 * Builds plans by hand, resource by resource, the way the offline engine records them
 * (`id-of:<type>::<name>` ids, URNs with the parent chain), and turns a compiled site into a plan
 * the way the components wire it (ZoneNetwork, ZoneFirewall, ZoneSecurity, Placements, KubernetesZone).
 */
import type { Plan, PlannedResource } from "../../offline/planTypes";
import { RULE_BASE_TYPE, type RuleBase } from "../../compilers/firewall/ruleBaseTypes";
import type { CompiledSite } from "../../compilers/site";
import type { KubeObject } from "../../compilers/kubernetes/types";
import { T } from "../../reachability/planInputs";

/** A plan under construction. */
export class PlanBuilder {
  /** Resources so far. */
  readonly resources: PlannedResource[] = [];

  /** @param stack stack name (URN prefix) */
  constructor(readonly stack = "t") {}

  /**
   * Adds a resource and returns its id.
   * @param type type token
   * @param name logical name
   * @param inputs inputs
   * @param opts parent URN and extra dependencies
   */
  add(type: string, name: string, inputs: Record<string, unknown>, opts: { parent?: PlannedResource; dependencies?: string[]; custom?: boolean } = {}): PlannedResource {
    const chain = opts.parent ? `${opts.parent.urn.split("::")[2]}$${type}` : type;
    const r: PlannedResource = {
      urn: `urn:pulumi:${this.stack}::hatang::${chain}::${name}`,
      type,
      name,
      custom: opts.custom ?? true,
      parent: opts.parent?.urn,
      inputs,
      dependencies: opts.dependencies ?? [],
    };
    this.resources.push(r);
    return r;
  }

  /** The id the offline engine gives a resource. */
  static id(r: PlannedResource): string {
    return `id-of:${r.type}::${r.name}`;
  }

  /** A subnet, routed (with a router interface on `router`) when asked. */
  subnet(name: string, cidr: string, routed: boolean | string = true): PlannedResource {
    const s = this.add(T.subnet, name, { name, cidr, ipVersion: cidr.includes(":") ? 6 : 4 });
    if (routed) this.add(T.routerInterface, `${name}-rif`, { subnetId: PlanBuilder.id(s), routerId: typeof routed === "string" ? routed : "id-of:r" });
    return s;
  }

  /** A zone firewall rule base (the `hatang:firewall:RuleBase` component the program registers). */
  ruleBase(rb: RuleBase): PlannedResource {
    return this.add(RULE_BASE_TYPE, `${rb.site}-rulebase-${rb.device}`, { ruleBase: rb as unknown as Record<string, unknown> }, { custom: false });
  }

  /** A security group. */
  group(name: string): PlannedResource {
    return this.add(T.secGroup, name, { name, deleteDefaultRules: true });
  }

  /** A security-group rule. */
  rule(name: string, group: PlannedResource, r: { direction: "ingress" | "egress"; ethertype?: "IPv4" | "IPv6"; protocol?: string; min?: number; max?: number; prefix?: string; remoteGroup?: PlannedResource; flows?: string[] }): PlannedResource {
    return this.add(T.secGroupRule, name, {
      securityGroupId: PlanBuilder.id(group),
      direction: r.direction,
      ethertype: r.ethertype ?? "IPv4",
      protocol: r.protocol,
      portRangeMin: r.min,
      portRangeMax: r.max ?? r.min,
      remoteIpPrefix: r.prefix,
      remoteGroupId: r.remoteGroup ? PlanBuilder.id(r.remoteGroup) : undefined,
      description: `flows: ${(r.flows ?? [name]).join(", ")}`,
    });
  }

  /** A port with tags `system`/`tier` and fixed addresses. */
  port(name: string, system: string, tier: string, ips: Array<{ subnet: PlannedResource; address?: string }>, groups: PlannedResource[]): PlannedResource {
    return this.add(T.port, name, {
      name,
      fixedIps: ips.map((i) => ({ subnetId: PlanBuilder.id(i.subnet), ipAddress: i.address })),
      securityGroupIds: groups.map(PlanBuilder.id),
      tags: [`system:${system}`, `tier:${tier}`, "site:t"],
    });
  }

  /** An FWaaS group with ingress and egress policies of the given rules, bound to subnets' router interfaces. */
  firewall(name: string, subnets: PlannedResource[], ingress: Array<Record<string, unknown>>, egress: Array<Record<string, unknown>>): PlannedResource {
    const policy = (dir: string, rules: Array<Record<string, unknown>>): PlannedResource => {
      const ids = rules.map((r, i) => PlanBuilder.id(this.add(T.fwRule, `${name}-${dir}-r${i}`, { action: "allow", enabled: true, ipVersion: 4, ...r })));
      return this.add(T.fwPolicy, `${name}-${dir}`, { rules: ids });
    };
    const ing = policy("ingress", ingress);
    const eg = policy("egress", egress);
    const rifs = this.resources.filter((r) => r.type === T.routerInterface && subnets.some((s) => r.inputs["subnetId"] === PlanBuilder.id(s)));
    return this.add(T.fwGroup, name, { name, adminStateUp: true, ingressFirewallPolicyId: PlanBuilder.id(ing), egressFirewallPolicyId: PlanBuilder.id(eg), ports: rifs.map(() => null) }, { dependencies: rifs.map((r) => r.urn) });
  }

  /** A Kubernetes object under a KubernetesZone `zoneName` (created on first use). */
  kube(zoneName: string, obj: KubeObject): PlannedResource {
    let zone = this.resources.find((r) => r.type === T.kubernetesZone && r.name === zoneName);
    if (!zone) zone = this.add(T.kubernetesZone, zoneName, {}, { custom: false });
    const group = this.resources.find((r) => r.type === "kubernetes:yaml:ConfigGroup" && r.name === `${zoneName}-objs`) ?? this.add("kubernetes:yaml:ConfigGroup", `${zoneName}-objs`, {}, { parent: zone, custom: false });
    const type = obj.kind === "Namespace" ? T.namespace : obj.kind === "NetworkPolicy" ? T.networkPolicy : `kubernetes:${obj.apiVersion}:${obj.kind}`;
    const name = `${zoneName}-${obj.metadata.namespace ? `${obj.metadata.namespace}/` : ""}${obj.metadata.name}`;
    return this.add(type, name, obj as unknown as Record<string, unknown>, { parent: group });
  }

  /** The plan. */
  plan(): Plan {
    return { project: "hatang", stack: this.stack, province: "tp", resources: this.resources };
  }
}

/**
 * The plan the components would register for a compiled site (networking, security, FWaaS, ports)
 * plus the Kubernetes objects of its clusters.
 * @param compiled the compiled site
 * @param kube per cluster id, its compiled objects
 */
export function planFromCompiled(compiled: CompiledSite, kube: Record<string, KubeObject[]> = {}): Plan {
  const b = new PlanBuilder(compiled.site);
  const site = compiled.site;
  const subnetIds: Record<string, { ipv4: string; ipv6: string }> = {};
  const rifByZone = new Map<string, PlannedResource[]>();
  for (const n of compiled.networks) {
    const ids = { ipv4: "", ipv6: "" };
    for (const fam of ["ipv4", "ipv6"] as const) {
      const s = n[fam];
      const subnet = b.add(T.subnet, s.name, { name: s.name, cidr: s.cidr, ipVersion: s.ipVersion });
      ids[fam] = PlanBuilder.id(subnet);
      if (n.routed) rifByZone.set(n.zone, [...(rifByZone.get(n.zone) ?? []), b.add(T.routerInterface, `${s.name}-rif`, { subnetId: ids[fam], routerId: "id-of:router" })]);
    }
    subnetIds[n.key] = ids;
  }
  for (const fw of compiled.firewalls) {
    const policy = (dir: "ingress" | "egress"): string => {
      const ids = fw[dir].map((r) =>
        PlanBuilder.id(
          b.add(T.fwRule, `${site}-fwr-${r.key}`, firewallRuleInputs(site, r)),
        ),
      );
      return PlanBuilder.id(b.add(T.fwPolicy, `${fw.name}-${dir}`, { rules: ids }));
    };
    const rifs = rifByZone.get(fw.zone) ?? [];
    b.add(T.fwGroup, fw.name, { name: fw.name, adminStateUp: true, ingressFirewallPolicyId: policy("ingress"), egressFirewallPolicyId: policy("egress"), ports: rifs.map(() => null) }, { dependencies: rifs.map((r) => r.urn) });
  }
  const groupIds: Record<string, string> = {};
  for (const g of compiled.securityGroups) groupIds[g.key] = PlanBuilder.id(b.add(T.secGroup, g.name, { name: g.name, deleteDefaultRules: true }));
  for (const g of compiled.securityGroups) {
    for (const r of g.rules) {
      b.add(T.secGroupRule, `${site}-sgr-${r.key}`, securityRuleInputs(r, groupIds[g.key], r.remoteGroupKey ? groupIds[r.remoteGroupKey] : undefined));
    }
  }
  for (const i of compiled.placements.instances) {
    const s = subnetIds[i.networkKey];
    b.add(T.port, `${i.name}-port`, {
      name: `${i.name}-port`,
      fixedIps: [{ subnetId: s.ipv4, ipAddress: i.ipv4 }, i.ipv6 ? { subnetId: s.ipv6, ipAddress: i.ipv6 } : { subnetId: s.ipv6 }],
      securityGroupIds: i.securityGroupKeys.map((k) => groupIds[k]),
      tags: [`site:${site}`, `system:${i.system}`, `tier:${i.tier}`, `zone:${i.zone}`, "hatang"],
    });
  }
  // The built clusters' ports as components/kubernetes/clusterNodes.ts registers them (tags, groups, the VIP held by the control plane).
  for (const c of compiled.clusters.clusters) {
    const fixedIps = (p: { networkKey: string; ipv4: string; ipv6: string; ipv6Fixed: boolean }): Array<Record<string, string>> => {
      const s = subnetIds[p.networkKey];
      return [{ subnetId: s.ipv4, ipAddress: p.ipv4 }, p.ipv6Fixed ? { subnetId: s.ipv6, ipAddress: p.ipv6 } : { subnetId: s.ipv6 }];
    };
    const tags = (extra: string[]): string[] => [`site:${site}`, `cluster:${c.cluster}`, `zone:${c.zone}`, ...extra, "hatang"];
    if (c.api.kind === "vip") {
      const v = c.api.vip;
      b.add(T.port, v.name, { name: v.name, macAddress: v.mac, fixedIps: fixedIps(v), securityGroupIds: v.securityGroupKeys.map((k) => groupIds[k]), tags: tags(["role:api-vip"]) });
    }
    for (const n of c.nodes) {
      b.add(T.port, `${n.name}-port`, {
        name: `${n.name}-port`,
        macAddress: n.mac,
        fixedIps: fixedIps(n),
        securityGroupIds: n.securityGroupKeys.map((k) => groupIds[k]),
        ...(n.allowedAddresses.length > 0 ? { allowedAddressPairs: n.allowedAddresses.map((ipAddress) => ({ ipAddress })) } : {}),
        tags: tags([`pool:${n.pool}`, `node:${n.index}`, `role:${n.role}`]),
      });
    }
  }
  for (const [cluster, objects] of Object.entries(kube)) for (const o of objects) if (o.kind === "Namespace" || o.kind === "NetworkPolicy") b.kube(`${site}-${cluster}`, o);
  return b.plan();
}
