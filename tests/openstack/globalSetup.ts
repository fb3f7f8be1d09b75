/** Starts (installing if missing) the real Keystone + Neutron before the openstack tests; idempotent. */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
/** Marker: this jest run started the services, so its teardown stops them. */
export const STARTED_MARKER = path.join(ROOT, ".services", "started-by-jest");

export default function globalSetup(): void {
  const out = execFileSync("bash", [path.join(ROOT, "scripts/services/up")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], timeout: 600_000 });
  process.stdout.write(`\n${out}`);
  if (!/already running/.test(out)) fs.writeFileSync(STARTED_MARKER, String(process.pid));
}
