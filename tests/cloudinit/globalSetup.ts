import { execFileSync } from "node:child_process";
import * as path from "node:path";

/** The cloud-init tests' globalSetup: Debian's cloud-init installed (idempotently, by the project's own script); a failure fails the run. */
export default function setup(): void {
  execFileSync(path.resolve(__dirname, "../../scripts/services/install-cloud-init"), { stdio: "inherit", timeout: 900_000 });
}
