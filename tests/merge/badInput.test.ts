/**
 * A merger of provinces that are not valid on their own reports their own problems first (and only them);
 * a merger that cannot fit says, per family, how much space is missing.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { InputError } from "../../cli/command";
import { mergeProvinces } from "../../inventory/merge/merge";
import { describeShortfall } from "../../inventory/merge/space";
import { syntheticProvince } from "../../inventory/synthetic/syntheticProvince";
import { runMerge } from "../../offline/merge/run";
import { brokenCaseSources, writeTempProvince } from "../inventory/helpers/overlay";
import { memoryInput, ROOT, VINH_LAM } from "./fixtures";

describe("bad input", () => {
  const made: string[] = [];
  afterAll(() => {
    for (const d of made) fs.rmSync(d, { recursive: true, force: true });
  });

  it("reports the problems of an invalid province first, and writes nothing", async () => {
    const broken = writeTempProvince(brokenCaseSources("two-primary-sites"));
    const into = fs.mkdtempSync(path.join(os.tmpdir(), "hatang-merge-"));
    made.push(broken, into);
    const run = runMerge({ provinces: [path.join(ROOT, VINH_LAM), broken], into: path.join(into, "merged"), mergedOn: "2025-07-01", retireBy: "2027-06-30", checks: false, asOf: "2026-12-01", root: ROOT, log: () => undefined });
    await expect(run).rejects.toThrow(InputError);
    await run.catch((e: Error) => {
      const lines = e.message.split("\n");
      expect(lines[0]).toBe(`${broken} is not a valid province on its own (2 problem(s)); fix it first:`);
      expect(lines.slice(1).map((l) => l.replace(/^ {2}\S*zz-case\.yaml/, "zz-case.yaml"))).toEqual([
        'zz-case.yaml:4:11  sites[2].role  expected one primary site; "dc1" is the primary already (another site serving production is "secondary") (found: "primary")',
        'zz-case.yaml:9:15  sites[2].retireBy  expected no retireBy: only a "retiring" site has one (this one is "primary") (found: "2027-06-30")',
      ]);
    });
    expect(fs.existsSync(path.join(into, "merged"))).toBe(false);
    expect(fs.readdirSync(into)).toEqual([]);
  });

  it("reports every invalid province's problems, each under its own folder, in the order given", async () => {
    const first = writeTempProvince(brokenCaseSources("two-primary-sites"));
    const second = writeTempProvince(brokenCaseSources("two-primary-sites"));
    const into = fs.mkdtempSync(path.join(os.tmpdir(), "hatang-merge-"));
    made.push(first, second, into);
    const run = runMerge({ provinces: [first, path.join(ROOT, VINH_LAM), second], into: path.join(into, "merged"), mergedOn: "2025-07-01", retireBy: "2027-06-30", checks: true, asOf: "2026-12-01", root: ROOT, log: () => undefined });
    await expect(run).rejects.toThrow(InputError);
    await run.catch((e: Error) => {
      const heads = e.message.split("\n").filter((l) => !l.startsWith("  "));
      expect(heads).toEqual([`${first} is not a valid province on its own (2 problem(s)); fix it first:`, `${second} is not a valid province on its own (2 problem(s)); fix it first:`]);
      expect(e.message.split("\n").length).toBe(6);
    });
    expect(fs.readdirSync(into)).toEqual([]);
  });

  it("refuses a malformed lock of an earlier merger with its file and line, and leaves the folder as it was", async () => {
    const into = fs.mkdtempSync(path.join(os.tmpdir(), "hatang-merge-"));
    made.push(into);
    fs.mkdirSync(path.join(into, "merge"));
    fs.writeFileSync(path.join(into, "merge", "README.md"), "# an earlier merger\n");
    const lock = path.join(into, "merge", "merge.lock.yaml");
    fs.writeFileSync(lock, "vlans:\n  - { province: vinh-lam, physnet: physnet-dc, old: 110, new: 5000 }\n");
    const run = runMerge({ provinces: [path.join(ROOT, "inventory/provinces/ninh-an"), path.join(ROOT, VINH_LAM)], into, mergedOn: "2025-07-01", retireBy: "2027-06-30", checks: false, asOf: "2026-12-01", root: ROOT, log: () => undefined });
    await expect(run).rejects.toThrow(InputError);
    await run.catch((e: Error) => expect(e.message.split("\n")[0]).toBe(`${lock}:2: vlans.0.new: Too big: expected number to be <=4094 (found 5000)`));
    expect(fs.readdirSync(path.join(into, "merge")).sort()).toEqual(["README.md", "merge.lock.yaml"]);
  });

  it("says how much space is missing, per family", () => {
    const kept = syntheticProvince({ sites: 1 });
    // The kept province's space is exactly its one site's aggregates: no room left in either family.
    kept.province.addressSpace = { ipv4: ["10.16.0.0/14"], ipv6: ["2001:db8:100::/48"] };
    const moved = syntheticProvince({ sites: 2, vlans: 8 });
    const outcome = mergeProvinces([memoryInput("kept", kept), memoryInput("moved", moved)], { keep: 0, mergedOn: "2025-07-01", retireBy: "2027-06-30" });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.failure.shortfalls.map(describeShortfall)).toEqual([
      // Each moved site uses a /15 of its /14 (zones and the Kubernetes pod /16) and a /52 of its /48: 2 × 2^17 and 2 × 2^76 addresses.
      'IPv4: 262,144 addresses missing in the kept province\'s address space 10.16.0.0/14: no room for 10.20.0.0/14 of site "dc2" (at least 10.20.0.0/15), 10.16.0.0/14 of site "syn-dc1" (at least 10.16.0.0/15); 0 addresses are free and nothing is free. Add space to province.addressSpace of the kept province or free some.',
      'IPv6: 151,115,727,451,828,646,838,272 addresses missing in the kept province\'s address space 2001:db8:100::/48: no room for 2001:db8:200::/48 of site "dc2" (at least 2001:db8:200::/52), 2001:db8:100::/48 of site "syn-dc1" (at least 2001:db8:100::/52); 0 addresses are free and nothing is free. Add space to province.addressSpace of the kept province or free some.',
    ]);
  });

  it("refuses a kept province without an address space", () => {
    const kept = syntheticProvince({ sites: 1 });
    delete kept.province.addressSpace;
    const outcome = mergeProvinces([memoryInput("kept", kept), memoryInput("moved", syntheticProvince({ sites: 1 }))], { keep: 0, mergedOn: "2025-07-01", retireBy: "2027-06-30" });
    expect(outcome.ok ? [] : outcome.failure.problems).toEqual([
      "kept (kept) declares no address space (province.addressSpace): the merger places the other provinces' sites in its free part",
    ]);
  });
});
