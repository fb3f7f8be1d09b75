import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { commitMoves, listFiles, recoverOutputs, StagedFolder, tempOwner } from "../../offline/stagedOutput";

/** A process id that is not running: a child that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(r.stdout);
}

/** Every file of a folder with its content (hidden temporary entries at the top excluded). */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).filter((f) => !f.startsWith(".")).map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")]));
}

describe("staged outputs", () => {
  let out: string;
  beforeEach(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), "hatang-stage-"));
    fs.mkdirSync(path.join(out, "s1", "sub"), { recursive: true });
    fs.writeFileSync(path.join(out, "s1", "plan.json"), "old plan");
    fs.writeFileSync(path.join(out, "s1", "sub", "t.csv"), "old table");
  });
  afterEach(() => fs.rmSync(out, { recursive: true, force: true }));

  it("keeps the other commands' files, replaces its own, and moves the folder into place on commit", () => {
    const before = snapshot(out);
    const stage = new StagedFolder(path.join(out, "s1"), true);
    stage.write("report.md", "new report");
    stage.write("plan.json", "new plan");
    // Until the commit, nothing changed where readers look (the old file is not written through).
    expect(snapshot(out)).toEqual(before);
    stage.commit();
    expect(snapshot(out)).toEqual({ "s1/plan.json": "new plan", "s1/report.md": "new report", "s1/sub/t.csv": "old table" });
    expect(fs.readdirSync(out)).toEqual(["s1"]);
  });

  it("leaves the folder as it was when discarded", () => {
    const before = snapshot(out);
    const stage = new StagedFolder(path.join(out, "s1"), true);
    stage.write("plan.json", "half-written");
    stage.discard();
    expect(snapshot(out)).toEqual(before);
    expect(fs.readdirSync(out)).toEqual(["s1"]);
  });

  it("finishes a commit a killed process left half-done, and removes what dead processes left", () => {
    const pid = deadPid();
    // A run staged s1 and s2, wrote its journal, moved s1 aside and died before moving the new one in.
    fs.mkdirSync(path.join(out, `.s1.tmp-${pid}-1`));
    fs.writeFileSync(path.join(out, `.s1.tmp-${pid}-1`, "plan.json"), "new plan");
    fs.renameSync(path.join(out, "s1"), path.join(out, `.s1.old-${pid}-2`));
    fs.mkdirSync(path.join(out, `.s2.tmp-${pid}-3`));
    fs.writeFileSync(path.join(out, `.s2.tmp-${pid}-3`, "x"), "s2");
    const moves = [
      { from: path.join(out, `.s1.tmp-${pid}-1`), to: path.join(out, "s1") },
      { from: path.join(out, `.s2.tmp-${pid}-3`), to: path.join(out, "s2") },
    ];
    fs.writeFileSync(path.join(out, `.commit-${pid}-4.json`), JSON.stringify({ moves }));
    // Another dead run's abandoned staging, and a live process's temporary folder.
    fs.mkdirSync(path.join(out, `.run-${pid}-5`));
    fs.mkdirSync(path.join(out, `.s3.tmp-${process.pid}-99`));
    recoverOutputs(out);
    expect(snapshot(out)).toEqual({ "s1/plan.json": "new plan", "s2/x": "s2" });
    expect(fs.readdirSync(out).sort()).toEqual([`.s3.tmp-${process.pid}-99`, "s1", "s2"]);
  });

  it("commits several moves, files and folders, replacing what is there", () => {
    fs.mkdirSync(path.join(out, "stage", "s1"), { recursive: true });
    fs.writeFileSync(path.join(out, "stage", "s1", "a"), "new");
    fs.writeFileSync(path.join(out, "stage", "index.md"), "index");
    commitMoves(out, [
      { from: path.join(out, "stage", "s1"), to: path.join(out, "s1") },
      { from: path.join(out, "stage", "index.md"), to: path.join(out, "index.md") },
    ]);
    expect(snapshot(out)).toEqual({ "index.md": "index", "s1/a": "new" });
  });

  it("recognises only its own temporary names", () => {
    expect(tempOwner(".na-dc1.tmp-123-4")).toBe(123);
    expect(tempOwner(".index.md.old-7-1")).toBe(7);
    expect(tempOwner(".run-42-1")).toBe(42);
    expect(tempOwner(".commit-42-3.json")).toBe(42);
    expect(tempOwner("na-dc1")).toBeUndefined();
    expect(tempOwner(".gitkeep")).toBeUndefined();
  });
});
