/** This checkout's service directory (outside the checkout; scripts/services/location computes it). */
import { execFileSync } from "node:child_process";
import * as path from "node:path";

/** The checkout's root. */
export const ROOT = path.resolve(__dirname, "../../..");

/** `$S` of scripts/services/location: where this checkout's services (and its OVS, under `ovs/`) live. */
export function serviceDir(): string {
  return execFileSync("bash", [path.join(ROOT, "scripts/services/location")], { encoding: "utf8" }).trim();
}
