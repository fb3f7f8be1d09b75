/**
 * scripts/services/up is idempotent while the services run: a second `up` (every jest run's
 * globalSetup) answers "already running". It once waited forever instead, because the daemons it
 * started inherited the file descriptor of its lock and held the lock for their whole life.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

it("a second up while the services run reports them running (no daemon holds the up lock)", () => {
  // Bounded, not timed: a held lock makes this call hit the bound and fail.
  const out = execFileSync("bash", [path.join(ROOT, "scripts/services/up")], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 300_000 });
  expect(out).toMatch(/already running/);
}, 330_000);
