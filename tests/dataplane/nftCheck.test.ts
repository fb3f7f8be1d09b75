/**
 * Every rendered ruleset passes the kernel's own checker (`nft -c -f`, in a private network namespace so
 * nothing touches the machine's ruleset): the sample's rule bases and random ones, in both layouts.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { renderNftables } from "../../compilers/firewall/render/nftables";
import type { RuleBase } from "../../compilers/firewall/ruleBaseTypes";
import { arbitraryRuleBase } from "../firewall/support/arbitraryRuleBase";
import { SAMPLE_DEVICES, sampleRuleBase } from "../firewall/support/sampleSite";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nftcheck-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs `nft -c -f` on the texts in one private namespace; returns the failures. */
function check(texts: Array<[string, string]>): string[] {
  const failures: string[] = [];
  const files = texts.map(([name, text]) => {
    const f = path.join(dir, `${name}.nft`);
    fs.writeFileSync(f, text);
    return f;
  });
  const script = files.map((f) => `nft -c -f '${f}' || echo "FAILED ${f}"`).join("\n");
  const out = execFileSync("unshare", ["-n", "sh", "-c", script], { encoding: "utf8", timeout: 120_000, stdio: ["ignore", "pipe", "pipe"] });
  for (const line of out.split("\n")) if (line.startsWith("FAILED")) failures.push(line);
  return failures;
}

test("the sample's rule bases pass nft -c, both layouts", () => {
  const texts: Array<[string, string]> = SAMPLE_DEVICES.flatMap((d) => [
    [`${d}-dispatch`, renderNftables(sampleRuleBase(d))] as [string, string],
    [`${d}-linear`, renderNftables(sampleRuleBase(d), { layout: "linear" })] as [string, string],
  ]);
  expect(check(texts)).toEqual([]);
});

test("random rule bases pass nft -c, both layouts", () => {
  const bases: RuleBase[] = fc.sample(arbitraryRuleBase, { numRuns: 60, seed: 42 });
  const texts: Array<[string, string]> = bases.flatMap((rb, i) => [
    [`r${i}-dispatch`, renderNftables(rb)] as [string, string],
    [`r${i}-linear`, renderNftables(rb, { layout: "linear" })] as [string, string],
  ]);
  expect(check(texts)).toEqual([]);
}, 300_000);
