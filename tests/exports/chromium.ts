/**
 * Debian's headless Chromium for tests: one fresh profile folder per run (removed afterwards, whatever
 * happens), the flags that keep it off the network, a bounded time, and the page's own requests read back
 * from Chromium's network log. Each run is its own process group (Chromium forks renderer, GPU and zygote
 * processes): when it ends, fails or times out, the whole group is killed by its id, and `stopAll` kills
 * every group still running (a test's afterAll calls it, so nothing outlives a failed or timed-out test).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** Where Debian installs it (scripts/services/install-chromium). */
export const CHROMIUM = "/usr/bin/chromium";

/** Flags every run gets: headless, no sandbox (root), nothing that phones home. */
export const BASE_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Process-group ids of the Chromium runs not yet reaped. */
const running = new Set<number>();

/** Kills one run's process group (its leader's pid); a group already gone is fine. */
function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, "SIGKILL");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ESRCH") throw e;
  }
}

/** Kills every Chromium process group this module started that is still running. */
export function stopAll(): void {
  for (const pgid of [...running]) {
    killGroup(pgid);
    running.delete(pgid);
  }
}

/**
 * Runs Chromium on a local file with a fresh profile, and returns what it printed.
 * @param file the HTML file
 * @param flags extra flags (`--dump-dom`, `--screenshot=…`, `--log-net-log=…`)
 * @param timeoutMs bound of the run (generous: two shared cores, several runs at once)
 */
export async function chromium(file: string, flags: readonly string[], timeoutMs = 300_000): Promise<string> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "hatang-chromium-"));
  try {
    return await new Promise<string>((resolve, reject) => {
      const child = spawn(CHROMIUM, [...BASE_FLAGS, `--user-data-dir=${profile}`, ...flags, `file://${path.resolve(file)}`], { detached: true, stdio: ["ignore", "pipe", "pipe"] });
      const pgid = child.pid;
      if (pgid !== undefined) running.add(pgid);
      const out: Buffer[] = [];
      let err = "";
      child.stdout.on("data", (b: Buffer) => out.push(b));
      child.stderr.on("data", (b: Buffer) => (err = (err + b.toString("utf8")).slice(-4000)));
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        if (pgid !== undefined) killGroup(pgid);
      }, timeoutMs);
      let settled = false;
      const done = (failure?: string): void => {
        clearTimeout(timer);
        // Whatever Chromium left behind in its group goes with it.
        if (pgid !== undefined) {
          killGroup(pgid);
          running.delete(pgid);
        }
        if (settled) return;
        settled = true;
        if (failure === undefined) resolve(Buffer.concat(out).toString("utf8"));
        else reject(new Error(`chromium failed on ${file}: ${failure}\n${err.slice(-2000)}`));
      };
      child.on("error", (e) => done(e.message));
      // The browser process has exited: a helper still holding its output would keep "close" from coming.
      child.on("exit", () => {
        if (pgid !== undefined) killGroup(pgid);
      });
      child.on("close", (code, signal) => {
        if (timedOut) done(`no result within ${timeoutMs} ms`);
        else if (code !== 0) done(`exit ${code ?? signal}`);
        else done();
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
