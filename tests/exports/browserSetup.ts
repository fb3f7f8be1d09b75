import { execFileSync } from "node:child_process";
import * as path from "node:path";

/** The browser tests' globalSetup: Debian's Chromium installed (idempotently, by the project's own script). */
export default function setup(): void {
  execFileSync(path.resolve(__dirname, "../../scripts/services/install-chromium"), { stdio: "inherit", timeout: 900_000 });
}
