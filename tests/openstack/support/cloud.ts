/** Test helpers: the local cloud's credentials and client, hand-made plans. */
import * as fs from "node:fs";
import * as path from "node:path";
import { OpenStackClient } from "../../../clients/openstack/client";
import type { CloudCredentials } from "../../../clients/openstack/credentials";
import type { Plan, PlannedResource } from "../../../offline/planTypes";
import { mockIdOf } from "../../../asbuilt/refs";

/** Local cloud connection data written by scripts/services/up. */
export interface LocalCloud extends CloudCredentials {
  /** Neutron URL. */
  neutronUrl: string;
}

/** Reads .services/openrc.json; throws (failing the test) when the services were not started. */
export function localCloud(): LocalCloud {
  const file = path.resolve(__dirname, "../../../.services/openrc.json");
  if (!fs.existsSync(file)) throw new Error(`${file} missing: scripts/services/up did not run or failed (see .services/logs/)`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as LocalCloud;
}

/** A client of the local cloud. */
export function localClient(concurrency = 16): Promise<OpenStackClient> {
  return OpenStackClient.connect({ credentials: localCloud(), concurrency });
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
