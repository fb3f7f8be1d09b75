import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runStages, type Stage } from "../../offline/mainJob";
import { readManifest, sha256Hex } from "../../offline/runManifest";
import { listFiles } from "../../offline/stagedOutput";

/** A project with one stack `s` reading a one-file province. */
function project(dir: string): void {
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: hatang\nruntime: nodejs\n");
  fs.writeFileSync(path.join(dir, "Pulumi.s.yaml"), "config:\n  hatang:site: dc1\n  hatang:province: prov\n");
  fs.mkdirSync(path.join(dir, "prov"));
  fs.writeFileSync(path.join(dir, "prov", "sites.yaml"), "sites: []\n");
}

const STAGES: Stage[] = [
  { title: "validate", script: "validate.ts", args: [], kind: "gate" },
  { title: "lock", script: "addressplan.ts", args: [], kind: "check" },
  { title: "plan", script: "plan.ts", args: [], kind: "producer", command: "npm run plan" },
  { title: "check", script: "check.ts", args: [], kind: "producer", command: "npm run check" },
];

/** A fake stage: producers write a file and their manifest into the staging root, unless told otherwise. */
function fakeRun(codes: Record<string, number>, silent: string[] = []) {
  return async (stage: Stage, staging: string): Promise<number> => {
    if (stage.kind === "producer" && !silent.includes(stage.title)) {
      fs.mkdirSync(path.join(staging, "s"), { recursive: true });
      fs.writeFileSync(path.join(staging, "s", `${stage.title}.out`), `made by ${stage.title}`);
      if (stage.title === "plan") fs.writeFileSync(path.join(staging, "s", "plan.json"), "{}");
      fs.writeFileSync(path.join(staging, "s", "manifest.json"), JSON.stringify({ schema: "hatang.run/v1", command: stage.command }));
    }
    return codes[stage.title] ?? 0;
  };
}

describe("main job stage runner", () => {
  let dir: string;
  let out: string;
  const snapshot = (): Record<string, string> => Object.fromEntries(listFiles(out).map((f) => [f, fs.readFileSync(path.join(out, f), "utf8")]));
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hatang-main-"));
    project(dir);
    out = path.join(dir, "out");
    fs.mkdirSync(path.join(out, "s"), { recursive: true });
    fs.writeFileSync(path.join(out, "s", "stale.md"), "from an older run");
    fs.writeFileSync(path.join(out, "index.md"), "old index");
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const input = (run: ReturnType<typeof fakeRun>) => ({ root: dir, outRoot: out, stacks: ["s"], asOf: "2026-12-05", stages: STAGES, run, log: () => undefined });

  it("replaces the stack folder with exactly what the run wrote, and lists it in index.md and the manifests", async () => {
    const r = await runStages(input(fakeRun({})));
    expect(r).toEqual({ committed: true, findings: [] });
    expect(listFiles(out)).toEqual(["index.md", "manifest.json", "s/check.out", "s/manifest.json", "s/plan.json", "s/plan.out"]);
    const index = fs.readFileSync(path.join(out, "index.md"), "utf8");
    expect(index.match(/^- \[.*$/gm)).toEqual(["- [check.out](s/check.out)", "- [manifest.json](s/manifest.json)", "- [plan.json](s/plan.json)", "- [plan.out](s/plan.out)"]);
    const m = readManifest(path.join(out, "s", "manifest.json"));
    expect(m).toMatchObject({ command: "npm start", asOf: "2026-12-05", stack: "s", site: "dc1", plan: { path: "out/s/plan.json", sha256: sha256Hex("{}") } });
    expect(m?.outputs).toEqual(["check.out", "plan.json", "plan.out"].map((f) => ({ path: `out/s/${f}`, sha256: sha256Hex(fs.readFileSync(path.join(out, "s", f))) })));
    expect(m?.inventory?.files).toEqual([{ path: "prov/sites.yaml", sha256: sha256Hex("sites: []\n") }]);
    const run = readManifest(path.join(out, "manifest.json"));
    expect(run?.stacks).toEqual([{ path: "out/s/manifest.json", sha256: sha256Hex(fs.readFileSync(path.join(out, "s", "manifest.json"))) }]);
    expect(run?.outputs.map((o) => o.path)).toContain("out/index.md");
    expect(fs.readdirSync(out).filter((n) => n.startsWith("."))).toEqual([]);
  });

  it("commits with findings when a check or a producer found something but completed", async () => {
    const r = await runStages(input(fakeRun({ lock: 1, check: 1 })));
    expect(r).toEqual({ committed: true, findings: ["lock", "check"] });
    expect(fs.existsSync(path.join(out, "s", "check.out"))).toBe(true);
  });

  it("leaves out/ as it was when a gate fails, a producer fails without writing, or a stage crashes", async () => {
    for (const [codes, silent, exitCode] of [[{ validate: 1 }, [], 1], [{ check: 1 }, ["check"], 1], [{ plan: 3 }, [], 3], [{ check: 2 }, [], 3]] as Array<[Record<string, number>, string[], number]>) {
      const before = snapshot();
      const r = await runStages(input(fakeRun(codes, silent)));
      expect(r).toMatchObject({ committed: false, exitCode });
      expect(snapshot()).toEqual(before);
      expect(fs.readdirSync(out).sort()).toEqual(["index.md", "s"]);
    }
  });
});
