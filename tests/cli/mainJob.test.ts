import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { tsxImport } from "../../cli/tsxChild";
import { readManifest, sha256Hex } from "../../offline/runManifest";
import { listFiles, recoverOutputs } from "../../offline/stagedOutput";

/**
 * The main job end to end on the example's DR stack: a successful run's outputs agree with its manifest
 * and cite its plan; a run killed half-way leaves out/ exactly as the successful run left it.
 */
const ROOT = path.resolve(__dirname, "../..");
const AS_OF = "2026-12-05";

/** Starts `npm start` in its own process group (so a kill reaches its stages) and collects its output. */
function start(out: string, killWhen?: RegExp): Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...tsxImport(), path.join(ROOT, "scripts/main.ts"), "--stack", "na-dc2", "--out", out, "--as-of", AS_OF], { cwd: ROOT, detached: true });
    let stdout = "";
    let killed = false;
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      if (killWhen && !killed && killWhen.test(stdout)) {
        killed = true;
        process.kill(-(child.pid as number), "SIGKILL");
      }
    });
    child.stderr.resume();
    child.on("close", (status, signal) => resolve({ status, signal, stdout }));
  });
}

/** Every visible file of a folder with its hash. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).filter((f) => !f.split("/").some((p) => p.startsWith("."))).map((f) => [f, sha256Hex(fs.readFileSync(path.join(dir, f)))]));
}

describe("npm start", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hatang-start-"));
  const out = path.join(dir, "out");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("writes what its manifest lists, every report citing the plan and the date; a killed run changes nothing", async () => {
    const ok = await start(out);
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim().split("\n").pop()).toMatch(/^done: see .*index\.md$/);
    const stack = path.join(out, "na-dc2");
    const manifest = readManifest(path.join(stack, "manifest.json"));
    expect(manifest).toMatchObject({ command: "npm start", asOf: AS_OF, stack: "na-dc2", basis: "design" });
    // The manifest lists exactly the files of the folder, with their hashes.
    const files = listFiles(stack).filter((f) => f !== "manifest.json");
    expect(manifest?.outputs.map((o) => path.relative(stack, o.path))).toEqual(files);
    for (const o of manifest?.outputs ?? []) expect(sha256Hex(fs.readFileSync(path.resolve(ROOT, o.path)))).toBe(o.sha256);
    // index.md lists exactly what the run wrote.
    const index = fs.readFileSync(path.join(out, "index.md"), "utf8");
    expect((index.match(/^- \[(.*)\]/gm) ?? []).map((l) => l.slice(3, -1))).toEqual(listFiles(stack));
    // Every report says what it was made from: the plan's hash and the one evaluation date.
    const planSha = sha256Hex(fs.readFileSync(path.join(stack, "plan.json")));
    expect(manifest?.plan?.sha256).toBe(planSha);
    for (const f of ["summary.md", "compliance.md", "compliance.csv", "policy.sarif", "reachability.md", "reachability.html"]) {
      const text = fs.readFileSync(path.join(stack, f), "utf8");
      expect({ f, plan: text.includes(`sha256 ${planSha.slice(0, 16)}`), date: text.includes(`as of ${AS_OF}`) }).toEqual({ f, plan: true, date: true });
    }
    for (const f of ["asbuilt.md", "asbuilt/overview.csv"]) expect(fs.readFileSync(path.join(stack, f), "utf8")).toContain(`digest ${manifest?.inventory?.digest.slice(0, 16)}`);
    expect(JSON.parse(fs.readFileSync(path.join(stack, "policy-report.json"), "utf8")).asOf).toBe(AS_OF);

    const before = snapshot(out);
    const killed = await start(out, /\[4\/7\]/);
    expect(killed.signal).toBe("SIGKILL");
    expect(snapshot(out)).toEqual(before);
    // What the killed run left beside the folders goes at the next command's start.
    recoverOutputs(out);
    expect(fs.readdirSync(out).sort()).toEqual(["index.md", "manifest.json", "na-dc2"]);
  }, 900000);
});
