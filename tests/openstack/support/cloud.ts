/** Test helpers: the local cloud's credentials and client, hand-made plans. */
import * as path from "node:path";
import { OpenStackClient } from "../../../clients/openstack/client";
import { readLocalCloud, type LocalCloud } from "../../../asbuilt/localCloud";
import type { Plan, PlannedResource } from "../../../offline/planTypes";
import { mockIdOf } from "../../../asbuilt/refs";

export type { LocalCloud };

/** This checkout's local cloud; throws (failing the test) when the services were not started. */
export function localCloud(): LocalCloud {
  return readLocalCloud(path.resolve(__dirname, "../../.."));
}

/** Per-request timeout of the tests' clients: `HATANG_OPENSTACK_TIMEOUT_MS` (default 120 s, for a loaded machine). */
export const REQUEST_TIMEOUT_MS = Number(process.env.HATANG_OPENSTACK_TIMEOUT_MS ?? 120_000);

/**
 * Timeout of one replay-sized test step: `HATANG_OPENSTACK_STEP_TIMEOUT_MS` (default 30 min; one site's
 * replay through the fault proxy took over 15 min at a load average of 30 on 2 cores).
 */
export const STEP_TIMEOUT_MS = Number(process.env.HATANG_OPENSTACK_STEP_TIMEOUT_MS ?? 1_800_000);

/**
 * Per-request timeout of the client the fault test replays through its proxy:
 * `HATANG_OPENSTACK_FAULT_TIMEOUT_MS` (default: the request timeout). Each injected timeout costs this
 * long; shorter is faster, but a genuine reply slower than this (single POSTs take 40 s on a loaded
 * machine) is an ambiguous create whose read-back may come before Neutron's commit.
 */
export const FAULT_TIMEOUT_MS = Number(process.env.HATANG_OPENSTACK_FAULT_TIMEOUT_MS ?? REQUEST_TIMEOUT_MS);

/** A client of the local cloud. */
export function localClient(concurrency = 16): Promise<OpenStackClient> {
  return OpenStackClient.connect({ credentials: localCloud(), concurrency, timeoutMs: REQUEST_TIMEOUT_MS });
}

/** Builds plans by hand, the way the offline plan writer records them. */
export class PlanBuilder {
  readonly resources: PlannedResource[] = [];
  constructor(readonly stack: string) {}

  /** Adds a resource; returns its mock id (what other resources' inputs hold to refer to it). */
  add(type: string, name: string, inputs: Record<string, unknown>, custom = true): string {
    const r: PlannedResource = { urn: `urn:pulumi:${this.stack}::hatang::${type}::${name}`, type, name, custom, inputs, dependencies: [] };
    this.resources.push(r);
    return mockIdOf(r);
  }

  /** The plan. */
  plan(): Plan {
    return { project: "hatang", stack: this.stack, province: "ninh-an", resources: this.resources };
  }
}
