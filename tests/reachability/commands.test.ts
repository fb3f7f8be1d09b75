/**
 * The reachability commands on the CLI convention: the proof writes its three reports; `--diff` lists what
 * a plan change opens and closes per zone pair; `explain` prints each layer's verdict and deciding rule with
 * the flow's file:line; wrong command lines exit 2, bad input exits 1.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { InputError, UsageError } from "../../cli/command";
import { reachabilityMain } from "../../reachability/command";
import { explainMain } from "../../reachability/explainCommand";
import { loadProvince } from "../../inventory/province/loadProvince";
import type { Plan } from "../../offline/planTypes";
import { T } from "../../reachability/planInputs";
import { compiledPlan } from "./compiledPlan";
import { BUNDLED_AS_OF } from "../bundledAsOf";

const loaded = loadProvince("inventory/provinces/ninh-an", { asOf: BUNDLED_AS_OF });
if (!loaded.ok) throw new Error("the example province does not load");
const { inventory, addressPlan } = loaded.province;
const root = fs.mkdtempSync(path.join(os.tmpdir(), "hatang-reach-cmd-"));
const waiverFile = path.join(root, "policies", "waivers", "ninh-an.yaml");
const provinceWaivers = (): Array<{ control: string }> => (parseYaml(fs.readFileSync(path.join("policies", "waivers", "ninh-an.yaml"), "utf8")) as { waivers: Array<{ control: string }> }).waivers;
const plan = compiledPlan(inventory, addressPlan, "na-dc1").plan;

beforeAll(() => {
  fs.copyFileSync("Pulumi.yaml", path.join(root, "Pulumi.yaml"));
  // The province's waivers are read beside the stack files: here only its zone-baseline ones (NET-20),
  // so what the proof lists apart stays unwaived until a test puts the whole file back.
  fs.mkdirSync(path.join(root, "policies", "waivers"), { recursive: true });
  fs.writeFileSync(waiverFile, stringifyYaml({ waivers: provinceWaivers().filter((w) => w.control === "NET-20") }));
  fs.writeFileSync(path.join(root, "Pulumi.na-dc1.yaml"), `config:\n  hatang:site: na-dc1\n  hatang:province: ${path.resolve("inventory/provinces/ninh-an")}\n`);
  fs.mkdirSync(path.join(root, "out", "na-dc1"), { recursive: true });
  fs.writeFileSync(path.join(root, "out", "na-dc1", "plan.json"), JSON.stringify(plan));
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function captured<T>(f: () => Promise<T>): Promise<{ value: T; out: string }> {
  let out = "";
  const write = jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const log = jest.spyOn(console, "log").mockImplementation((...xs: unknown[]) => {
    out += `${xs.join(" ")}\n`;
  });
  return f().then(
    (value) => {
      write.mockRestore();
      log.mockRestore();
      return { value, out };
    },
    (e: unknown) => {
      write.mockRestore();
      log.mockRestore();
      throw e;
    },
  );
}

describe("npm run reachability", () => {
  it("writes the three reports and exits 1 while items listed apart are not waived", async () => {
    const { value, out } = await captured(() => reachabilityMain({ values: { stack: ["na-dc1"], "as-of": "2026-10-15" }, positionals: [] }, root));
    expect(value).toBe(1);
    expect(out).toContain("na-dc1: Chứng minh: không đạt / Proof: fails — 0 thiếu / missing, 0 thừa / excess");
    const json = JSON.parse(fs.readFileSync(path.join(root, "out", "na-dc1", "reachability.json"), "utf8")) as { stack: string; legend: unknown[]; asOf: string; apart: unknown[] };
    expect(json.stack).toBe("na-dc1");
    expect(json.asOf).toBe("2026-10-15");
    expect(json.legend.length).toBeGreaterThan(5);
    for (const f of ["reachability.md", "reachability.html"]) expect(fs.existsSync(path.join(root, "out", "na-dc1", f))).toBe(true);
  });

  it("exits 0 with the province's waivers, which accept every item listed apart", async () => {
    fs.copyFileSync(path.join("policies", "waivers", "ninh-an.yaml"), waiverFile);
    try {
      const { value, out } = await captured(() => reachabilityMain({ values: { stack: ["na-dc1"], "as-of": "2026-12-05" }, positionals: [] }, root));
      expect(out).toContain("na-dc1: Chứng minh: đạt / Proof: holds");
      expect(value).toBe(0);
      const json = JSON.parse(fs.readFileSync(path.join(root, "out", "na-dc1", "reachability.json"), "utf8")) as { apart: Array<{ waiver?: { id: string } }> };
      expect(json.apart.length).toBeGreaterThan(0);
      expect(json.apart.filter((a) => a.waiver === undefined)).toEqual([]);
    } finally {
      fs.writeFileSync(waiverFile, stringifyYaml({ waivers: provinceWaivers().filter((w) => w.control === "NET-20") }));
    }
  });

  it("lists what a change opens and closes, per zone pair and family", async () => {
    // The old plan lacked the rule letting portal's app reach its database; the new one lacks an Internet opening.
    const isRuleOf = (flow: string) => (r: Plan["resources"][number]) => r.type === T.secGroupRule && String(r.inputs["description"]).includes(flow);
    const old: Plan = { ...plan, resources: plan.resources.filter((r) => !isRuleOf("portal-app-to-db")(r)) };
    fs.writeFileSync(path.join(root, "old.json"), JSON.stringify(old));
    const now: Plan = { ...plan, resources: plan.resources.filter((r) => !isRuleOf("internet-to-portal-web")(r)) };
    fs.writeFileSync(path.join(root, "out", "na-dc1", "plan.json"), JSON.stringify(now));
    try {
      const { value } = await captured(() => reachabilityMain({ values: { "as-of": BUNDLED_AS_OF, stack: ["na-dc1"], diff: path.join(root, "old.json") }, positionals: [] }, root));
      expect(value).toBe(0);
      const d = JSON.parse(fs.readFileSync(path.join(root, "out", "na-dc1", "reachability-diff.json"), "utf8")) as { changes: Array<{ family: string; from: string; to: string; toZone: string; opened: string; closed: string }>; zonePairs: Array<{ family: string; from: string; to: string; opened: number; closed: number }> };
      expect(d.changes).toContainEqual(expect.objectContaining({ family: "ipv4", from: "tier:portal/app", to: "tier:portal/db", opened: "tcp/5432", closed: "" }));
      expect(d.changes).toContainEqual(expect.objectContaining({ family: "ipv6", from: "internet", to: "tier:portal/web", closed: "tcp/80, tcp/443" }));
      // The database VLAN holds several bare-metal tiers the cloud cannot tell apart: the rule opened them all.
      expect(d.zonePairs).toContainEqual({ family: "ipv4", from: "internal-server", to: "db-server", opened: d.changes.filter((c) => c.family === "ipv4" && c.from === "tier:portal/app" && c.toZone === "db-server").length, closed: 0 });
      expect(d.zonePairs).toContainEqual({ family: "ipv6", from: "(Internet)", to: "dmz", opened: 0, closed: 1 });
      const md = fs.readFileSync(path.join(root, "out", "na-dc1", "reachability-diff.md"), "utf8");
      expect(md).toContain("| ipv4 | tier:portal/app | tier:portal/db | tcp/5432 | — |");
    } finally {
      fs.writeFileSync(path.join(root, "out", "na-dc1", "plan.json"), JSON.stringify(plan));
    }
  });

  it("refuses a --diff file that is not a plan before doing anything", async () => {
    fs.writeFileSync(path.join(root, "bad.json"), "{ not json");
    await expect(reachabilityMain({ values: { "as-of": BUNDLED_AS_OF, stack: ["na-dc1"], diff: path.join(root, "bad.json") }, positionals: [] }, root)).rejects.toThrow(InputError);
    await expect(reachabilityMain({ values: { diff: path.join(root, "old.json") }, positionals: [] }, ".")).rejects.toThrow(UsageError);
    await expect(reachabilityMain({ values: { "as-of": "2027-02-30" }, positionals: [] }, root)).rejects.toThrow("not a calendar date");
  });
});

describe("npm run explain", () => {
  it("prints each layer's verdict and deciding rule, with the flow's file:line", async () => {
    const { value, out } = await captured(() => explainMain({ values: { stack: "na-dc1", from: "portal/app", to: "portal/db", port: "5432/tcp", family: "ipv6", "as-of": "2026-10-15" }, positionals: [] }, root));
    expect(value).toBe(0);
    expect(out).toMatch(/^tier:portal\/app \[2001:db8:[0-9a-f:]+\] → tier:portal\/db \[2001:db8:[0-9a-f:]+\] 5432\/tcp ipv6: ALLOWED/);
    expect(out).toMatch(/intent \/ ý định: declared by portal-app-to-db \(inventory\/provinces\/ninh-an\/flows\.yaml:\d+\)/);
    expect(out).toMatch(/\[security-group\] egress of port na-dc1-portal-app-\d-port .*: allow — security group na-dc1-tier-portal-app egress rule/);
    // The first accept rule matching decides (another flow's rule to the same database VLAN comes first).
    expect(out).toMatch(/\[zone-firewall\] zone firewall na1-fw-core \(site na-dc1\): allow — rule #\d+ [a-z0-9-]+-ipv6-\d+ \(internal-server → db-server: [a-z0-9-]+\) \[urn:[^\]]+#[a-z0-9-]+\]; flows: [a-z0-9-]+ \(inventory\/provinces\/ninh-an\/flows\.yaml:\d+\)/);
    expect(out).toMatch(/\[zone-firewall\] zone firewall na1-fw-db \(site na-dc1\): allow/);
  });

  it("shows the deny and the absence of a declaring flow", async () => {
    const { out } = await captured(() => explainMain({ values: { "as-of": BUNDLED_AS_OF, stack: "na-dc1", from: "portal/web", to: "portal/db", port: "5432/tcp", family: "ipv4" }, positionals: [] }, root));
    expect(out).toContain("DENIED");
    expect(out).toContain("no flow declares it");
    expect(out).toMatch(/\[zone-firewall\] zone firewall na1-fw-edge \(site na-dc1\): deny — rule #\d+ deny-all/);
  });

  it("says which place is unknown (exit 1) and which option is wrong (exit 2)", async () => {
    await expect(explainMain({ values: { "as-of": BUNDLED_AS_OF, stack: "na-dc1", from: "nowhere", to: "portal/db", port: "5432/tcp" }, positionals: [] }, root)).rejects.toThrow(/"nowhere" is not a zone, system, tier or address/);
    await expect(explainMain({ values: { "as-of": BUNDLED_AS_OF, stack: "na-dc1", from: "dmz", to: "portal/db", port: "5432" }, positionals: [] }, root)).rejects.toThrow(UsageError);
    await expect(explainMain({ values: { "as-of": BUNDLED_AS_OF, stack: "na-dc1", from: "dmz", to: "portal/db", port: "5432/tcp", family: "ipv5" }, positionals: [] }, root)).rejects.toThrow(UsageError);
  });
});

describe("the commands in a real process", () => {
  const run = (script: string, args: string[]) => spawnSync(process.execPath, ["--import", "tsx", path.resolve("scripts", script), ...args], { encoding: "utf8", timeout: 120_000 });

  it("print their help and exit 0, and a usage line with exit 2 on a wrong flag", () => {
    const help = run("verify.ts", ["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("usage: npm run verify -- [options]");
    expect(help.stdout).toContain("--format FORMAT");
    const wrong = run("explain.ts", ["--bogus"]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("explain: unknown option --bogus");
    expect(wrong.stderr).toContain("usage: npm run explain -- [options]");
  });
});
