import { spawn, spawnSync, type SpawnSyncOptions } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { tsxImport } from "../../cli/tsxChild";
import { listFiles } from "../../offline/stagedOutput";

/**
 * Every command follows cli/command.ts: --help (exit 0), one line and the usage on a wrong flag (exit 2),
 * one line naming the file for bad input (exit 1), never a stack trace. Each runs as a real process.
 */
const ROOT = path.resolve(__dirname, "../..");
const EXAMPLE = path.join(ROOT, "inventory/provinces/ninh-an");

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a script as a user would (`npm run <name>` runs the same file).
 * @param script file under scripts/
 * @param args its arguments
 * @param options cwd, user id
 */
function run(script: string, args: string[], options: SpawnSyncOptions = {}): Run {
  const r = spawnSync(process.execPath, [...tsxImport(), path.join(ROOT, "scripts", script), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 180000,
    env: { ...process.env, HOME: os.tmpdir() },
    ...options,
  });
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/**
 * Runs several scripts at once (a few at a time): most of each run is starting Node and tsx.
 * @param runs script and arguments of each run
 */
async function runMany(runs: ReadonlyArray<[string, string[], string?]>): Promise<Run[]> {
  const results: Run[] = new Array(runs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < runs.length) {
      const i = next++;
      const [script, args, cwd] = runs[i];
      results[i] = await new Promise<Run>((resolve) => {
        const child = spawn(process.execPath, [...tsxImport(), path.join(ROOT, "scripts", script), ...args], { cwd: cwd ?? ROOT, env: { ...process.env, HOME: os.tmpdir() } });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("close", (status) => resolve({ status, stdout, stderr }));
      });
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  return results;
}

/** Commands and the name `npm run` knows them by. */
const COMMANDS: Array<[string, string]> = [
  ["validate.ts", "validate"],
  ["addressplan.ts", "addressplan"],
  ["plan.ts", "plan"],
  ["check.ts", "check"],
  ["reachability.ts", "reachability"],
  ["export.ts", "export"],
  ["asbuilt.ts", "asbuilt"],
  ["schema.ts", "schema"],
  ["bench.ts", "bench"],
  ["replay.ts", "replay"],
  ["san.ts", "san"],
  ["main.ts", "start"],
  ["netbox.ts", "netbox"],
  ["netbox-types.ts", "netbox:types"],
];

const NO_TRACE = /\n\s+at /;

// Each test starts real processes (Node and tsx): bounded, but generous for a busy machine.
jest.setTimeout(600000);

describe("every command's --help and wrong flag", () => {
  it("the package scripts run exactly these commands", () => {
    const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    for (const [file, name] of COMMANDS) expect(scripts[name]).toBe(`tsx scripts/${file}`);
  });

  it("--help exits 0 with usage, options and exit codes; an unknown flag exits 2 with the usage line", async () => {
    const results = await runMany(COMMANDS.flatMap(([file]): Array<[string, string[]]> => [[file, ["--help"]], [file, ["--no-such-flag"]]]));
    COMMANDS.forEach(([file, name], i) => {
      const [help, bad] = [results[2 * i], results[2 * i + 1]];
      expect({ file, status: help.status }).toEqual({ file, status: 0 });
      expect(help.stdout.startsWith(`${name}: `)).toBe(true);
      for (const s of [`usage: npm run ${name} -- [options]`, "options:", "-h, --help", "exit codes:", "  2  wrong command line", "  3  internal error"]) expect(help.stdout).toContain(s);
      expect({ file, status: bad.status, stdout: bad.stdout }).toEqual({ file, status: 2, stdout: "" });
      expect(bad.stderr).toMatch(new RegExp(`^${name}: unknown option --no-such-flag\\nusage: npm run ${name} -- \\[options\\].*\\n\\(npm run ${name} -- --help for more\\)\\n$`));
    });
  });
});

describe("command-line and input errors", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hatang-cmd-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("schema refuses an unknown flag and leaves the schema file alone", () => {
    const file = path.join(ROOT, "inventory/schema/hatang.schema.json");
    const before = fs.statSync(file).mtimeMs;
    expect(run("schema.ts", ["--anything"]).status).toBe(2);
    expect(fs.statSync(file).mtimeMs).toBe(before);
  });

  it("refuses a date that is not in the calendar", async () => {
    for (const r of await runMany(["check.ts", "export.ts", "main.ts"].map((script): [string, string[]] => [script, ["--as-of", "2027-02-30", "--out", dir]]))) {
      expect(r.status).toBe(2);
      expect(r.stderr.split("\n")[0]).toMatch(/: --as-of: 2027-02-30 is not a calendar date$/);
    }
    expect(listFiles(dir)).toEqual([]);
  });

  it("names a malformed Pulumi.<stack>.yaml in one line, with its line, for every command that reads it", async () => {
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(path.join(dir, "Pulumi.bad.yaml"), "config:\n  hatang:site: [na-dc1\n");
    const commands = [["plan.ts", "plan"], ["check.ts", "check"], ["reachability.ts", "reachability"], ["export.ts", "export"], ["main.ts", "start"]];
    const results = await runMany(commands.map(([script]): [string, string[], string] => [script, ["--stack", "bad", "--out", path.join(dir, "out")], dir]));
    commands.forEach(([script, name], i) => {
      expect({ script, status: results[i].status }).toEqual({ script, status: 1 });
      expect(results[i].stderr).toMatch(new RegExp(`^${name}: Pulumi\\.bad\\.yaml:3:1: not valid YAML: [^\\n]+\\n$`));
    });
    expect(fs.existsSync(path.join(dir, "out", "bad"))).toBe(false);
  });

  it("a stack file whose config is not a mapping, and an unknown stack", () => {
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(path.join(dir, "Pulumi.list.yaml"), "config:\n  - a\n");
    expect(run("check.ts", ["--stack", "list"], { cwd: dir }).stderr).toBe('check: Pulumi.list.yaml: expected "config:" to be a mapping of keys to values\n');
    expect(run("plan.ts", ["--stack", "nowhere"], { cwd: dir })).toMatchObject({ status: 2, stderr: expect.stringMatching(/^plan: unknown stack\(s\): nowhere; stacks here: list\n/) });
  });

  it("a missing or malformed --diff plan is an input error before anything is written", () => {
    const out = path.join(dir, "out");
    const missing = run("plan.ts", ["--stack", "na-dc1", "--diff", path.join(dir, "old.json"), "--out", out]);
    expect(missing).toMatchObject({ status: 1, stderr: `plan: ${path.join(dir, "old.json")}: cannot read the plan: no such file or folder\n` });
    fs.writeFileSync(path.join(dir, "old.json"), '{"project": "hatang", "stack": "na-dc1", "resources": [1]}');
    const malformed = run("plan.ts", ["--stack", "na-dc1", "--diff", path.join(dir, "old.json"), "--out", out]);
    expect(malformed).toMatchObject({ status: 1, stderr: `plan: ${path.join(dir, "old.json")}: not a plan written by \`npm run plan\`: resources[0]: expected an object with urn, type and inputs\n` });
    expect(fs.existsSync(out)).toBe(false);
  });

  // Permissions do not stop root: the processes below run as an unprivileged user when the tests run as root.
  const asUser: SpawnSyncOptions = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

  it("an unreadable province folder is one problem naming it", () => {
    const province = path.join(dir, "province");
    fs.cpSync(EXAMPLE, province, { recursive: true });
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(province, 0o300);
    const r = run("validate.ts", [province], asUser);
    fs.chmodSync(province, 0o755);
    expect(r).toMatchObject({ status: 1, stdout: `${province}:1:1  (top level)  cannot read the folder: permission denied\n`, stderr: `${province}: 1 problem\n` });
  });

  it("an unwritable lock file is one line naming it, and no table is written", () => {
    const province = path.join(dir, "province");
    const out = path.join(dir, "out");
    fs.cpSync(EXAMPLE, province, { recursive: true });
    fs.rmSync(path.join(province, "addressplan.lock.yaml"));
    fs.mkdirSync(out);
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(out, 0o777);
    fs.chmodSync(province, 0o555);
    const r = run("addressplan.ts", [province, "--out", out], asUser);
    fs.chmodSync(province, 0o755);
    expect(r.stderr).toBe(`addressplan: ${path.join(province, "addressplan.lock.yaml")}: cannot write it: permission denied\n`);
    expect(r.status).toBe(1);
    expect(fs.readdirSync(out)).toEqual([]);
  });

  it("a broken inventory gives its problems, not a trace, and exit 1", async () => {
    const province = path.join(dir, "province");
    fs.cpSync(EXAMPLE, province, { recursive: true });
    fs.writeFileSync(path.join(province, "zz.yaml"), "zones: 3\n");
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(path.join(dir, "Pulumi.s.yaml"), `config:\n  hatang:site: na-dc1\n  hatang:province: ${province}\n`);
    fs.mkdirSync(path.join(dir, "out", "s"), { recursive: true });
    fs.writeFileSync(path.join(dir, "out", "s", "plan.json"), JSON.stringify({ project: "hatang", stack: "s", province: "na", resources: [] }));
    const scripts = ["check.ts", "reachability.ts", "export.ts"];
    const results = await runMany(scripts.map((script): [string, string[], string] => [script, ["--stack", "s"], dir]));
    scripts.forEach((script, i) => {
      expect({ script, status: results[i].status }).toEqual({ script, status: 1 });
      expect(results[i].stderr).toContain("zz.yaml:1:8  zones  expected a list");
      expect(results[i].stderr).not.toMatch(NO_TRACE);
    });
  });
});
