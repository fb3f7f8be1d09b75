/** Stops the services by PID when this jest run started them (a developer's running services stay up). */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

export default function globalTeardown(): void {
  const marker = path.join(ROOT, ".services", "started-by-jest");
  if (!fs.existsSync(marker)) return;
  fs.rmSync(marker);
  execFileSync("bash", [path.join(ROOT, "scripts/services/down")], { stdio: "inherit" });
}
