/**
 * The FRR suite's set-up: installs FRR (vtysh, zebra, bgpd, bfdd) when it is missing, through the project's
 * own idempotent script. A machine where it cannot be installed fails the run; nothing is skipped.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";

export default function globalSetup(): void {
  execFileSync("bash", [path.join(__dirname, "..", "..", "scripts", "services", "frr-install")], { stdio: "inherit", timeout: 600_000 });
}
