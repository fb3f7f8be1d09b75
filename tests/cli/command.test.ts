import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { helpText, parseCommandLine, usageLine, type CommandSpec } from "../../cli/command";
import { evaluationDate, parseAsOf } from "../../cli/asOf";

const spec: CommandSpec = {
  name: "demo",
  summary: "a demonstration command",
  options: {
    stack: { type: "string", multiple: true, valueName: "SITE", description: "a stack" },
    json: { type: "boolean", description: "JSON output" },
  },
  positionals: { name: "PROVINCE", description: "a province folder" },
  findings: "the demo found something",
  examples: ["npm run demo -- --stack na-dc1"],
};

describe("parseCommandLine", () => {
  it("reads options and one positional", () => {
    const r = parseCommandLine(spec, ["--stack", "a", "--stack", "b", "--json", "prov"]);
    expect(r).toEqual({ kind: "args", args: { values: { stack: ["a", "b"], json: true }, positionals: ["prov"] } });
  });
  it("asks for help with --help or -h anywhere", () => {
    expect(parseCommandLine(spec, ["--bogus", "--help"]).kind).toBe("help");
    expect(parseCommandLine(spec, ["-h"]).kind).toBe("help");
  });
  it("names an unknown option in one line", () => {
    expect(parseCommandLine(spec, ["--bogus"])).toEqual({ kind: "usage", message: "unknown option --bogus" });
  });
  it("says a value is missing", () => {
    expect(parseCommandLine(spec, ["--stack"])).toEqual({ kind: "usage", message: "option --stack needs a value" });
    expect(parseCommandLine(spec, ["--stack", "--json"])).toMatchObject({ kind: "usage", message: expect.stringContaining("--stack needs a value") });
  });
  it("refuses extra positionals", () => {
    expect(parseCommandLine(spec, ["a", "b"])).toEqual({ kind: "usage", message: 'too many arguments: "b"' });
    expect(parseCommandLine({ ...spec, positionals: undefined }, ["a"])).toEqual({ kind: "usage", message: 'unexpected argument "a"' });
  });
  it("writes a usage line and a help naming every option and exit code", () => {
    expect(usageLine(spec)).toBe("usage: npm run demo -- [options] [PROVINCE]");
    const help = helpText(spec);
    for (const s of ["--stack SITE", "--json", "--help", "1  the demo found something", "2  wrong command line", "3  internal error", "npm run demo -- --stack na-dc1"]) expect(help).toContain(s);
  });
});

describe("runCommand in a real process", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hatang-cli-"));
  const script = path.join(dir, "demo.ts");
  const cliPath = path.resolve(__dirname, "../../cli/command").replace(/\\/g, "/");
  fs.writeFileSync(
    script,
    `import { runCommand, InputError } from ${JSON.stringify(cliPath)};
runCommand({ name: "demo", summary: "demo", options: { mode: { type: "string", description: "what to do" } } }, (a) => {
  if (a.values.mode === "bug") throw new Error("boom at depth");
  if (a.values.mode === "input") throw new InputError("province.yaml:3: expected a site");
  if (a.values.mode === "reject") return Promise.reject(new Error("rejected later"));
  return a.values.mode === "find" ? 1 : 0;
});
`,
  );
  // The script lies outside the repository (its crash logs must not land in ours): load tsx by path.
  const tsx = pathToFileURL(path.resolve(__dirname, "../../node_modules/tsx/dist/loader.mjs")).href;
  const run = (...args: string[]): { status: number | null; stdout: string; stderr: string } => {
    const r = spawnSync(process.execPath, ["--import", tsx, script, ...args], { cwd: dir, encoding: "utf8", timeout: 60000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("exits 0, 1, 2 and 3 as documented, never with a stack trace", () => {
    expect(run().status).toBe(0);
    expect(run("--mode", "find").status).toBe(1);
    const input = run("--mode", "input");
    expect(input).toMatchObject({ status: 1, stderr: "demo: province.yaml:3: expected a site\n" });
    const usage = run("--nope");
    expect(usage.status).toBe(2);
    expect(usage.stderr).toBe("demo: unknown option --nope\nusage: npm run demo -- [options]\n(npm run demo -- --help for more)\n");
    for (const mode of ["bug", "reject"]) {
      const bug = run("--mode", mode);
      expect(bug.status).toBe(3);
      expect(bug.stderr).toMatch(/^demo: internal error: (boom at depth|rejected later)\ndemo: this is a bug; details in .*demo-.*\.log\n$/);
      expect(bug.stderr).not.toMatch(/\n\s+at /);
      const log = /details in (.*)\n/.exec(bug.stderr)?.[1] as string;
      expect(fs.readFileSync(log, "utf8")).toMatch(/\n\s+at /);
    }
    const help = run("--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("--mode VALUE");
  });
});

describe("evaluation date", () => {
  it("accepts calendar dates and refuses impossible ones", () => {
    expect(parseAsOf("2026-12-05")).toEqual({ ok: true, date: "2026-12-05" });
    expect(parseAsOf("2027-02-30")).toEqual({ ok: false, message: "--as-of: 2027-02-30 is not a calendar date" });
    expect(parseAsOf("2028-02-29")).toEqual({ ok: true, date: "2028-02-29" });
    expect(parseAsOf("5/12/2026")).toMatchObject({ ok: false });
  });
  it("defaults to today in UTC", () => {
    expect(evaluationDate(undefined, new Date("2026-12-05T23:59:00Z"))).toEqual({ ok: true, date: "2026-12-05" });
  });
});
