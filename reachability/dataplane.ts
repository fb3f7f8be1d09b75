/**
 * Everything the proof reads from a plan, compiled once: each rule's remote side, peer or address object
 * becomes a matcher; ports become port sets; policies are ordered as their engines order them.
 */
import type { Plan } from "../offline/planTypes";
import type { Family } from "./addresses";
import { fwaasModel, type FirewallGroup, type FirewallPolicy, type FirewallRule } from "./fwaasModel";
import { addKubeObject, emptyKubeModel, type AdminPolicy, type AdminRule, type KubeModel, type NetworkPolicy, type PolicyPeer, type PolicyRule } from "./kubeModel";
import { MatcherTable, type MatchOracle, type NamespaceLabels, directOracle } from "./matchers";
import { neutronModel, type NeutronModel, type SecurityRule } from "./neutronModel";
import { T } from "./planInputs";
import { emptySet, fullSet, singleSet, type PortSet } from "./portSet";
import { ruleBaseModel, ruleBaseRulePorts, type PlannedRuleBase, type RuleBaseModel, type RuleBaseRule } from "./ruleBaseModel";

/** A security-group rule, compiled. */
export interface CompiledSecurityRule {
  /** The rule. */
  rule: SecurityRule;
  /** Matcher of its remote side. */
  remote: number;
  /** Ports it opens. */
  ports: PortSet;
}

/** An FWaaS rule, compiled. */
export interface CompiledFwaasRule {
  /** The rule. */
  rule: FirewallRule;
  /** Source matcher. */
  src: number;
  /** Destination matcher. */
  dst: number;
  /** Ports it covers. */
  ports: PortSet;
}

/** An FWaaS policy, compiled (enabled rules in order). */
export interface CompiledFwaasPolicy {
  /** The policy. */
  policy: FirewallPolicy;
  /** Enabled rules, in order. */
  rules: CompiledFwaasRule[];
}

/** A zone firewall rule, compiled. */
export interface CompiledRuleBaseRule {
  /** The rule. */
  rule: RuleBaseRule;
  /** Position in the rule base (1-based, for people). */
  position: number;
  /** Families it applies to. */
  ipv4: boolean;
  /** Families it applies to. */
  ipv6: boolean;
  /** Source matcher. */
  src: number;
  /** Destination matcher. */
  dst: number;
  /** Ports its services cover. */
  ports: PortSet;
}

/** A zone firewall's rule base, compiled. */
export interface CompiledRuleBase {
  /** The rule base and its component. */
  planned: PlannedRuleBase;
  /** Rules in order. */
  rules: CompiledRuleBaseRule[];
}

/** A NetworkPolicy rule, compiled. */
export interface CompiledPolicyRule {
  /** Position (0-based) in its direction's list. */
  index: number;
  /** Peer matchers; undefined = every peer. */
  peers?: number[];
  /** The rule's ports (resolved per destination pod: named ports). */
  rule: PolicyRule;
}

/** A NetworkPolicy, compiled. */
export interface CompiledNetworkPolicy {
  /** The policy. */
  policy: NetworkPolicy;
  /** Ingress rules. */
  ingress: CompiledPolicyRule[];
  /** Egress rules. */
  egress: CompiledPolicyRule[];
}

/** An admin policy rule, compiled. */
export interface CompiledAdminRule {
  /** The rule. */
  rule: AdminRule;
  /** Peer matchers (any matches). */
  peers: number[];
}

/** An (Baseline)AdminNetworkPolicy, compiled. */
export interface CompiledAdminPolicy {
  /** The policy. */
  policy: AdminPolicy;
  /** Ingress rules in order. */
  ingress: CompiledAdminRule[];
  /** Egress rules in order. */
  egress: CompiledAdminRule[];
}

/** The compiled dataplane. */
export interface Dataplane {
  /** Neutron: subnets, ports, groups, rules, routers. */
  neutron: NeutronModel;
  /** FWaaS groups. */
  fwaas: FirewallGroup[];
  /** Kubernetes objects. */
  kube: KubeModel;
  /** Zone firewall rule bases. */
  ruleBases: RuleBaseModel;
  /** Every matcher. */
  matchers: MatcherTable;
  /** Security-group rules by group id. */
  securityRules: Map<string, CompiledSecurityRule[]>;
  /** FWaaS policies by URN. */
  fwaasPolicies: Map<string, CompiledFwaasPolicy>;
  /** FWaaS groups (enabled) by the subnet ids whose router ports they are bound to. */
  fwaasBySubnet: Map<string, FirewallGroup[]>;
  /** Rule bases by device key (`deviceKey`). */
  compiledRuleBases: Map<string, CompiledRuleBase>;
  /** NetworkPolicies. */
  networkPolicies: CompiledNetworkPolicy[];
  /** AdminNetworkPolicies, by priority then name. */
  adminPolicies: CompiledAdminPolicy[];
  /** BaselineAdminNetworkPolicies. */
  baselinePolicies: CompiledAdminPolicy[];
  /** Namespace labels by cluster and name. */
  nsLabels: NamespaceLabels;
  /** The oracle deciding matchers on hosts themselves. */
  direct: MatchOracle;
}

/**
 * The ports a security-group rule opens (ICMP type and code are not told apart: any ICMP).
 * @param rule the rule
 */
export function securityRulePorts(rule: Pick<SecurityRule, "protocol" | "portMin" | "portMax">): PortSet {
  if (rule.protocol === undefined) return fullSet();
  if (rule.protocol === "other") return emptySet();
  if (rule.protocol === "icmp") return singleSet("icmp");
  return rule.portMin === undefined ? singleSet(rule.protocol) : singleSet(rule.protocol, rule.portMin, rule.portMax ?? rule.portMin);
}

/**
 * The ports an FWaaS rule covers.
 * @param rule the rule
 */
export function fwaasRulePorts(rule: Pick<FirewallRule, "protocol" | "destinationPort">): PortSet {
  if (rule.protocol === "any") return fullSet();
  if (rule.protocol === "icmp") return singleSet("icmp");
  return rule.destinationPort ? singleSet(rule.protocol, rule.destinationPort[0], rule.destinationPort[1]) : singleSet(rule.protocol);
}

function policyPeerMatcher(table: MatcherTable, peer: PolicyPeer, policy: NetworkPolicy): number {
  if (peer.ipBlock) return table.prefixes([peer.ipBlock.cidr], peer.ipBlock.except ?? [], policy.cluster);
  if (!peer.namespaceSelector && !peer.podSelector) return MatcherTable.NONE;
  return table.add({
    kind: "pods",
    cluster: policy.cluster,
    namespaceSelector: peer.namespaceSelector,
    namespace: peer.namespaceSelector ? undefined : policy.namespace,
    podSelector: peer.podSelector,
  });
}

function adminRuleOf(table: MatcherTable, rule: AdminRule, cluster: string): CompiledAdminRule {
  const peers = rule.peers.map((p) => {
    if (p.namespaces) return table.add({ kind: "pods", cluster, namespaceSelector: p.namespaces });
    if (p.pods) return table.add({ kind: "pods", cluster, namespaceSelector: p.pods.namespaceSelector, podSelector: p.pods.podSelector });
    if (p.networks) return table.prefixes(p.networks, [], cluster);
    return MatcherTable.NONE;
  });
  return { rule, peers };
}

/**
 * Compiles a Kubernetes model into the dataplane's policy lists.
 * @param table the matchers
 * @param kube the model
 */
export function compileKube(table: MatcherTable, kube: KubeModel): Pick<Dataplane, "networkPolicies" | "adminPolicies" | "baselinePolicies" | "nsLabels"> {
  const networkPolicies = kube.policies.map((p): CompiledNetworkPolicy => {
    const compile = (rules: PolicyRule[]): CompiledPolicyRule[] =>
      rules.map((r, index) => ({ index, rule: r, peers: r.peers && r.peers.length > 0 ? r.peers.map((x) => policyPeerMatcher(table, x, p)) : undefined }));
    return { policy: p, ingress: compile(p.ingress), egress: compile(p.egress) };
  });
  const admin = (p: AdminPolicy): CompiledAdminPolicy => ({
    policy: p,
    ingress: p.ingress.map((r) => adminRuleOf(table, r, p.cluster)),
    egress: p.egress.map((r) => adminRuleOf(table, r, p.cluster)),
  });
  const adminPolicies = kube.adminPolicies
    .filter((p) => p.kind === "AdminNetworkPolicy")
    .sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name))
    .map(admin);
  const baselinePolicies = kube.adminPolicies.filter((p) => p.kind === "BaselineAdminNetworkPolicy").sort((a, b) => a.name.localeCompare(b.name)).map(admin);
  const byNs = new Map(kube.namespaces.map((n) => [`${n.cluster}\u0000${n.name}`, n.labels]));
  const nsLabels: NamespaceLabels = (cluster, namespace) => byNs.get(`${cluster}\u0000${namespace}`) ?? { "kubernetes.io/metadata.name": namespace };
  return { networkPolicies, adminPolicies, baselinePolicies, nsLabels };
}

/**
 * The cluster a Kubernetes resource of the plan belongs to: the name of the nearest
 * `hatang:kubernetes:KubernetesZone` ancestor (`<site>-<cluster>`), else `default`.
 * @param parentOf parent URN of a URN
 * @param typeOf type of a URN
 * @param nameOf name of a URN
 * @param urn the resource
 */
function clusterOfUrn(parentOf: (u: string) => string | undefined, typeOf: (u: string) => string | undefined, nameOf: (u: string) => string | undefined, urn: string): string {
  let cur: string | undefined = urn;
  for (let i = 0; cur && i < 20; i++) {
    if (typeOf(cur) === T.kubernetesZone) return nameOf(cur) ?? "default";
    cur = parentOf(cur);
  }
  return "default";
}

/**
 * Reads the Kubernetes objects of a plan (resources, and objects inside ConfigGroups) into a model.
 * @param plan the plan
 */
export function kubeModelOfPlan(plan: Plan): KubeModel {
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  const cluster = (urn: string): string =>
    clusterOfUrn((u) => byUrn.get(u)?.parent, (u) => byUrn.get(u)?.type, (u) => byUrn.get(u)?.name, urn);
  const model = emptyKubeModel();
  for (const r of plan.resources) {
    if (!r.type.startsWith("kubernetes:")) continue;
    if (r.type === T.configGroup) continue;
    const o = r.inputs;
    if (typeof o["kind"] !== "string") {
      // Typed resources carry the kind in their type token (`kubernetes:<group>/<version>:<Kind>`).
      const kind = r.type.split(":").pop() ?? "";
      addKubeObject(model, { ...o, kind }, cluster(r.urn), r.urn);
    } else addKubeObject(model, o, cluster(r.urn), r.urn);
  }
  return model;
}

/**
 * Compiles a Neutron model, FWaaS groups, a Kubernetes model and rule bases into a dataplane.
 * @param parts the models
 */
export function compileDataplane(parts: { neutron: NeutronModel; fwaas: FirewallGroup[]; kube: KubeModel; ruleBases: RuleBaseModel }): Dataplane {
  const matchers = new MatcherTable();
  const securityRules = new Map<string, CompiledSecurityRule[]>();
  for (const [g, rules] of parts.neutron.rulesByGroup) {
    securityRules.set(
      g,
      rules.map((rule) => ({
        rule,
        remote: rule.remoteGroupId !== undefined ? matchers.add({ kind: "group", groupId: rule.remoteGroupId }) : rule.remotePrefix !== undefined ? matchers.prefixes([rule.remotePrefix]) : MatcherTable.ALL,
        ports: securityRulePorts(rule),
      })),
    );
  }
  const fwaasPolicies = new Map<string, CompiledFwaasPolicy>();
  const fwaasBySubnet = new Map<string, FirewallGroup[]>();
  for (const g of parts.fwaas) {
    for (const p of [g.ingress, g.egress]) {
      if (!p || fwaasPolicies.has(p.urn)) continue;
      fwaasPolicies.set(p.urn, {
        policy: p,
        rules: p.rules
          .filter((r) => r.enabled)
          .map((rule) => ({
            rule,
            src: rule.source !== undefined ? matchers.prefixes([rule.source]) : MatcherTable.ALL,
            dst: rule.destination !== undefined ? matchers.prefixes([rule.destination]) : MatcherTable.ALL,
            ports: fwaasRulePorts(rule),
          })),
      });
    }
    if (!g.adminStateUp) continue;
    for (const s of g.subnetIds) {
      const list = fwaasBySubnet.get(s);
      if (list) list.push(g);
      else fwaasBySubnet.set(s, [g]);
    }
  }
  const compiledRuleBases = new Map<string, CompiledRuleBase>();
  for (const [key, planned] of parts.ruleBases.byDevice) {
    const rb = planned.ruleBase;
    const objects = new Map(rb.addresses.map((a) => [a.name, a]));
    const services = new Map(rb.services.map((s) => [s.name, s]));
    const objectMatcher = (names: string[]): number =>
      names.length === 0 ? MatcherTable.ALL : matchers.prefixes(names.flatMap((n) => [...(objects.get(n)?.ipv4 ?? []), ...(objects.get(n)?.ipv6 ?? [])]));
    compiledRuleBases.set(key, {
      planned,
      rules: rb.rules.map((rule, i) => ({
        rule,
        position: i + 1,
        ipv4: rule.families.includes("ipv4"),
        ipv6: rule.families.includes("ipv6"),
        src: objectMatcher(rule.sources),
        dst: objectMatcher(rule.destinations),
        ports: ruleBaseRulePorts(rule, services),
      })),
    });
  }
  const kube = compileKube(matchers, parts.kube);
  return {
    neutron: parts.neutron,
    fwaas: parts.fwaas,
    kube: parts.kube,
    ruleBases: parts.ruleBases,
    matchers,
    securityRules,
    fwaasPolicies,
    fwaasBySubnet,
    compiledRuleBases,
    ...kube,
    direct: directOracle(matchers, kube.nsLabels),
  };
}

/**
 * Reads and compiles everything the proof needs from a plan.
 * @param plan the plan
 */
export function dataplaneModel(plan: Plan): Dataplane {
  return compileDataplane({ neutron: neutronModel(plan), fwaas: fwaasModel(plan), kube: kubeModelOfPlan(plan), ruleBases: ruleBaseModel(plan) });
}

/**
 * Whether a rule base rule applies to a family.
 * @param r the compiled rule
 * @param family the family
 */
export function ruleAppliesTo(r: Pick<CompiledRuleBaseRule, "ipv4" | "ipv6">, family: Family): boolean {
  return family === "ipv4" ? r.ipv4 : r.ipv6;
}

/**
 * A dataplane of Kubernetes objects only (manifests, tests).
 * @param kube the Kubernetes model
 */
export function kubeOnlyDataplane(kube: KubeModel): Dataplane {
  const neutron: NeutronModel = { subnets: new Map(), ports: [], groups: new Map(), rulesByGroup: new Map(), membersByGroup: new Map(), routerInterfaces: [] };
  return compileDataplane({ neutron, fwaas: [], kube, ruleBases: { byDevice: new Map(), problems: [] } });
}
