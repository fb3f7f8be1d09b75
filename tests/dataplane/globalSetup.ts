/** Starts (installing if missing) the private Open vSwitch for the dataplane suite; idempotent. */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT, serviceDir } from "./support/serviceDir";

export default function globalSetup(): void {
  // Marker: this jest run started OVS, so its teardown stops it (a developer's running one stays up).
  const OVS_MARKER = path.join(serviceDir(), "ovs-started-by-jest");
  const out = execFileSync("bash", [path.join(ROOT, "scripts/services/ovs-up")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], timeout: 600_000 });
  process.stdout.write(`\n${out}`);
  if (!/already running/.test(out)) fs.writeFileSync(OVS_MARKER, String(process.pid));
}
