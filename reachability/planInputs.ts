/**
 * Typed reads of plan resource inputs (they are `unknown` JSON) and the `id-of:` convention that
 * links one resource's input to another resource.
 */
import { ID_PREFIX, type Plan, type PlannedResource } from "../offline/planTypes";

/**
 * The id the offline engine gives a resource: `id-of:<type>::<name>`.
 * @param r the resource
 */
export function idOf(r: Pick<PlannedResource, "type" | "name">): string {
  return `${ID_PREFIX}${r.type}::${r.name}`;
}

/**
 * A string input, or undefined.
 * @param inputs resource inputs
 * @param key input name
 */
export function str(inputs: Record<string, unknown>, key: string): string | undefined {
  const v = inputs[key];
  return typeof v === "string" ? v : undefined;
}

/**
 * A number input, or undefined (numbers written as text are read too).
 * @param inputs resource inputs
 * @param key input name
 */
export function num(inputs: Record<string, unknown>, key: string): number | undefined {
  const v = inputs[key];
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/**
 * An array input (empty when absent or not an array).
 * @param inputs resource inputs
 * @param key input name
 */
export function arr(inputs: Record<string, unknown>, key: string): unknown[] {
  const v = inputs[key];
  return Array.isArray(v) ? v : [];
}

/**
 * A value as a plain object, or undefined.
 * @param v any value
 */
export function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/**
 * Flow names recorded in a description written `flows: a, b`.
 * @param description the resource's description
 */
export function flowsOfDescription(description: string | undefined): string[] {
  const m = /^flows:\s*(.*)$/.exec(description ?? "");
  return m ? m[1].split(",").map((s) => s.trim()).filter((s) => s.length > 0) : [];
}

/**
 * Resources of the plan of one type token, in plan order.
 * @param plan the plan
 * @param type type token
 */
export function ofType(plan: Plan, type: string): PlannedResource[] {
  let index = typeIndexes.get(plan);
  if (!index || index.count !== plan.resources.length) {
    const byType = new Map<string, PlannedResource[]>();
    for (const r of plan.resources) {
      const list = byType.get(r.type);
      if (list) list.push(r);
      else byType.set(r.type, [r]);
    }
    index = { count: plan.resources.length, byType };
    typeIndexes.set(plan, index);
  }
  return index.byType.get(type) ?? [];
}

/** Resources by type per plan object (a plan is read many times by type). */
const typeIndexes = new WeakMap<Plan, { count: number; byType: Map<string, PlannedResource[]> }>();

/** Type tokens the proof reads. */
export const T = {
  port: "openstack:networking/port:Port",
  subnet: "openstack:networking/subnet:Subnet",
  secGroup: "openstack:networking/secGroup:SecGroup",
  secGroupRule: "openstack:networking/secGroupRule:SecGroupRule",
  routerInterface: "openstack:networking/routerInterface:RouterInterface",
  fwGroup: "openstack:firewall/groupV2:GroupV2",
  fwPolicy: "openstack:firewall/policyV2:PolicyV2",
  fwRule: "openstack:firewall/ruleV2:RuleV2",
  namespace: "kubernetes:core/v1:Namespace",
  networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  adminNetworkPolicy: "kubernetes:policy.networking.k8s.io/v1alpha1:AdminNetworkPolicy",
  baselineAdminNetworkPolicy: "kubernetes:policy.networking.k8s.io/v1alpha1:BaselineAdminNetworkPolicy",
  kubernetesZone: "hatang:kubernetes:KubernetesZone",
  configGroup: "kubernetes:yaml:ConfigGroup",
  ruleBase: "hatang:firewall:RuleBase",
} as const;
