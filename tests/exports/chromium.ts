/**
 * Debian's headless Chromium for tests: one fresh profile folder per run (removed afterwards, whatever
 * happens), the flags that keep it off the network, a bounded time, and the page's own requests read back
 * from Chromium's network log.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** Where Debian installs it (scripts/services/install-chromium). */
export const CHROMIUM = "/usr/bin/chromium";

/** Flags every run gets: headless, no sandbox (root), nothing that phones home. */
export const BASE_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/**
 * Runs Chromium on a local file with a fresh profile, and returns what it printed.
 * @param file the HTML file
 * @param flags extra flags (`--dump-dom`, `--screenshot=…`, `--log-net-log=…`)
 * @param timeoutMs bound of the run
 */
export async function chromium(file: string, flags: readonly string[], timeoutMs = 120_000): Promise<string> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "hatang-chromium-"));
  try {
    return await new Promise<string>((resolve, reject) => {
      execFile(CHROMIUM, [...BASE_FLAGS, `--user-data-dir=${profile}`, ...flags, `file://${path.resolve(file)}`], { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" }, (err, stdout, stderr) => {
        if (err) reject(new Error(`chromium failed on ${file}: ${err.message}\n${stderr.slice(-2000)}`));
        else resolve(stdout);
      });
    });
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * The requests a page made for anything but local files, from a Chromium network log (`--log-net-log`).
 * Chromium's own background requests are "not an origin"; a page's requests carry its (file://) network
 * isolation key.
 * @param netlogFile the log
 */
export function pageRequests(netlogFile: string): string[] {
  const log = JSON.parse(fs.readFileSync(netlogFile, "utf8")) as { constants: { logEventTypes: Record<string, number> }; events: { type: number; params?: Record<string, unknown> }[] };
  const start = log.constants.logEventTypes.URL_REQUEST_START_JOB;
  return log.events
    .filter((e) => e.type === start && typeof e.params?.url === "string")
    .filter((e) => e.params?.initiator !== "not an origin" || String(e.params?.network_isolation_key ?? "").startsWith("file://"))
    .map((e) => String(e.params?.url))
    .filter((u) => !/^(file|data|about|chrome):/.test(u));
}
