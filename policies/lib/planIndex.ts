import type { Inventory } from "../../inventory/model";
import { ResourceView, T, asArr, namespaceOf, tagsOf, zoneKindOf } from "./resourceView";

/**
 * The whole stack indexed once per stack policy: by URN, by type, and the zone of each resource
 * (its own tag, else what it hangs off: a rule's group, a port's or subnet's network, a namespaced
 * object's namespace, an instance's ports).
 */
export class PlanIndex {
  /** Resources by URN. */
  readonly byUrn = new Map<string, ResourceView>();
  private readonly types = new Map<string, ResourceView[]>();
  private readonly namespaces = new Map<string, ResourceView>();

  /**
   * @param resources every resource of the stack.
   * @param inventory the inventory (zone ids → kinds), when loaded.
   */
  constructor(
    readonly resources: readonly ResourceView[],
    readonly inventory: Inventory | undefined,
  ) {
    for (const r of resources) {
      this.byUrn.set(r.urn, r);
      const list = this.types.get(r.type);
      if (list) list.push(r);
      else this.types.set(r.type, [r]);
      if (r.type === T.namespace) {
        const n = (r.props.metadata as { name?: unknown } | undefined)?.name;
        this.namespaces.set(typeof n === "string" ? n : r.name, r);
      }
    }
  }

  /**
   * Resources of one type, in stack order.
   * @param type type token.
   */
  ofType(type: string): readonly ResourceView[] {
    return this.types.get(type) ?? [];
  }

  /**
   * The first dependency of `r` with the given type.
   * @param r the resource.
   * @param type wanted type token.
   */
  dependencyOfType(r: ResourceView, type: string): ResourceView | undefined {
    for (const u of r.dependencies) {
      const d = this.byUrn.get(u);
      if (d && d.type === type) return d;
    }
    return undefined;
  }

  /**
   * Every dependency of `r` with the given type.
   * @param r the resource.
   * @param type wanted type token.
   */
  dependenciesOfType(r: ResourceView, type: string): ResourceView[] {
    const out: ResourceView[] = [];
    for (const u of r.dependencies) {
      const d = this.byUrn.get(u);
      if (d && d.type === type) out.push(d);
    }
    return out;
  }

  /**
   * A rule's own security group and its remote group. The plan lists both as plain dependencies, so
   * they are told apart by the ids the rule holds (mock and real ids contain or equal the group's name
   * or id); with one group dependency and no remote group, it is the rule's own.
   * @param rule a SecGroupRule.
   */
  ruleGroups(rule: ResourceView): { own?: ResourceView; remote?: ResourceView } {
    const groups = this.dependenciesOfType(rule, T.secGroup);
    const refers = (value: unknown, g: ResourceView) =>
      typeof value === "string" && value !== "" && (value === g.props.id || value.includes(g.name) || (typeof g.props.name === "string" && value.includes(g.props.name)));
    let own = groups.find((g) => refers(rule.props.securityGroupId, g));
    let remote = groups.find((g) => g !== own && refers(rule.props.remoteGroupId, g));
    const hasRemote = typeof rule.props.remoteGroupId === "string" && rule.props.remoteGroupId !== "";
    if (!own) own = groups.find((g) => g !== remote && (!hasRemote || groups.length > 1)) ?? (hasRemote ? undefined : groups[0]);
    if (!remote && hasRemote) remote = groups.find((g) => g !== own);
    if (!hasRemote) remote = undefined;
    return { own, remote };
  }

  /**
   * The Namespace resource named `name`.
   * @param name namespace name.
   */
  namespace(name: string | undefined): ResourceView | undefined {
    return name === undefined ? undefined : this.namespaces.get(name);
  }

  /**
   * Zone kind of a resource (see class comment), or undefined when nothing says.
   * @param r the resource.
   */
  zoneKind(r: ResourceView): string | undefined {
    return zoneKindOf(this.zone(r), this.inventory);
  }

  /**
   * The zone a resource is in (its id, or a kind where the plan names only that): its own tag, else its
   * namespace's, its security group's, or what it depends on (port → network, instance → port); undefined when nothing says.
   * @param r the resource.
   */
  zone(r: ResourceView): string | undefined {
    const own = tagsOf(r).get("zone");
    if (zoneKindOf(own, this.inventory)) return own;
    if (r.type.startsWith("kubernetes:")) {
      const ns = this.namespace(namespaceOf(r));
      const tag = ns && ns !== r ? tagsOf(ns).get("zone") : undefined;
      return zoneKindOf(tag, this.inventory) ? tag : undefined;
    }
    if (r.type === T.secGroupRule) {
      const group = this.ruleGroups(r).own;
      return group ? this.zone(group) : undefined;
    }
    const via: Record<string, string[]> = {
      [T.port]: [T.network, T.subnet],
      [T.subnet]: [T.network],
      [T.instance]: [T.port, T.network],
    };
    for (const t of via[r.type] ?? []) {
      for (const d of this.dependenciesOfType(r, t)) {
        const z = this.zone(d);
        if (z) return z;
      }
    }
    return undefined;
  }
}

/**
 * The remote of a security-group rule: a prefix, a group, or anywhere (Neutron treats a rule with
 * neither as any source).
 * @param props the rule's properties.
 */
export function ruleRemote(props: Record<string, unknown>): { kind: "prefix"; prefix: string } | { kind: "group"; group: string } | { kind: "none" } {
  if (typeof props.remoteIpPrefix === "string" && props.remoteIpPrefix !== "") return { kind: "prefix", prefix: props.remoteIpPrefix };
  if (typeof props.remoteGroupId === "string" && props.remoteGroupId !== "") return { kind: "group", group: props.remoteGroupId };
  return { kind: "none" };
}

/**
 * Port range of a rule, from its `portRangeMin`/`portRangeMax`.
 * @param props the rule's properties.
 */
export function rulePorts(props: Record<string, unknown>): { min?: number; max?: number } {
  const min = typeof props.portRangeMin === "number" && props.portRangeMin > 0 ? props.portRangeMin : undefined;
  const max = typeof props.portRangeMax === "number" && props.portRangeMax > 0 ? props.portRangeMax : min;
  return { min, max };
}

/** Re-exported for policy files that only need arrays. */
export { asArr };
