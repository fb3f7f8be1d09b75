/** Stops the private Open vSwitch by PID when this jest run started it (a developer's running one stays up). */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT, serviceDir } from "./support/serviceDir";

export default function globalTeardown(): void {
  const marker = path.join(serviceDir(), "ovs-started-by-jest");
  if (!fs.existsSync(marker)) return;
  fs.rmSync(marker);
  execFileSync("bash", [path.join(ROOT, "scripts/services/ovs-down")], { stdio: "inherit" });
}
