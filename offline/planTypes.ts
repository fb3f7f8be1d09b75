/**
 * The offline plan: every resource the program registers, as the mock engine saw it.
 * `out/<stack>/plan.json` holds one `Plan`; the policy runner, the diff and the OpenStack replay read it.
 */

/** Ids the offline engine gives resources are `id-of:<type>::<name>`, so an input that holds one names the resource it points at. */
export const ID_PREFIX = "id-of:";

/**
 * What the offline engine answers for the deploying credentials' project (`identity.getAuthScope`):
 * a reference a replay or a reader maps to the real project.
 */
export const DEPLOYER_PROJECT_REF = `${ID_PREFIX}openstack:identity/getAuthScope:getAuthScope::projectId`;

/** One registered resource. */
export interface PlannedResource {
  /** Engine-style URN: `urn:pulumi:<stack>::<project>::<parent types joined by $>$<type>::<name>`. */
  urn: string;
  /** Type token, e.g. `openstack:networking/network:Network` or `hatang:network:ZoneNetwork`. */
  type: string;
  /** Logical name. */
  name: string;
  /** True for provider (custom) resources, false for components. */
  custom: boolean;
  /** URN of the parent resource (absent for children of the stack). */
  parent?: string;
  /** Inputs as the program passed them, secrets replaced by "[secret]". */
  inputs: Record<string, unknown>;
  /** URNs this resource depends on (explicit dependsOn and inputs from other resources). */
  dependencies: string[];
  /** Names of inputs that are secret (already redacted in `inputs`). */
  secretInputs?: string[];
  /** Protected from deletion. */
  protect?: boolean;
  /** URN of the explicit provider the resource goes through (absent for components). */
  provider?: string;
}

/** A whole stack's plan. */
export interface Plan {
  /** Pulumi project name (`hatang`). */
  project: string;
  /** Stack name (= site id). */
  stack: string;
  /** Province code. */
  province: string;
  /** Resources in registration order. */
  resources: PlannedResource[];
}
