import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseDocument, stringify } from "yaml";
import type { Plan } from "../../offline/planTypes";
import { shuffleDeep } from "../fixtures/shuffle";
import { BUNDLED_AS_OF } from "../bundledAsOf";

const EXAMPLE = "inventory/provinces/ninh-an";

/** Plans one stack in a child process (the SDK's state is global) and returns its plan.json. */
function planIn(root: string, stack: string): Plan {
  const out = path.join(root, "out");
  execFileSync("node", ["--stack-trace-limit=0", "--import", "tsx", path.resolve("offline/planStack.ts"), root, stack, out, "", BUNDLED_AS_OF], { stdio: "pipe" });
  return JSON.parse(fs.readFileSync(path.join(out, stack, "plan.json"), "utf8")) as Plan;
}

/** A copy of the project root whose stack points at `provinceDir`. */
function rootWith(provinceDir: string, stack: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "hatang-shuffle-"));
  fs.copyFileSync("Pulumi.yaml", path.join(root, "Pulumi.yaml"));
  // The copy is in a folder of another name: point the stack at the example's waivers explicitly.
  const cfg = fs
    .readFileSync(`Pulumi.${stack}.yaml`, "utf8")
    .replace(/hatang:province: .*/, `hatang:province: ${provinceDir}\n  hatang:waivers: ${path.resolve("policies/waivers/ninh-an.yaml")}`);
  fs.writeFileSync(path.join(root, `Pulumi.${stack}.yaml`), cfg);
  return root;
}

/** Lists whose order is meaning (resolver and time-server preference): kept as written. */
const ORDERED = ["dnsServers", "ntpServers"] as const;

/** The example province with every other list in every file shuffled (the lock file is copied as is). */
function shuffledProvince(seed: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hatang-province-"));
  for (const f of fs.readdirSync(EXAMPLE)) {
    const text = fs.readFileSync(path.join(EXAMPLE, f), "utf8");
    if (!f.endsWith(".yaml") || f.endsWith(".lock.yaml")) {
      fs.writeFileSync(path.join(dir, f), text);
      continue;
    }
    const original = parseDocument(text).toJS() as Record<string, Record<string, unknown>>;
    const shuffled = shuffleDeep(original, seed) as Record<string, Record<string, unknown>>;
    if (original.security) for (const k of ORDERED) if (original.security[k]) shuffled.security[k] = original.security[k];
    fs.writeFileSync(path.join(dir, f), stringify(shuffled));
  }
  return dir;
}

describe("resource identities", () => {
  const stack = "na-dc1";
  const base = planIn(rootWith(path.resolve(EXAMPLE), stack), stack);

  it.each([7, 1234567])("are the same, and so is every input, when every list of the inventory is shuffled (seed %i)", (seed) => {
    const shuffled = planIn(rootWith(shuffledProvince(seed), stack), stack);
    expect(shuffled.resources.map((r) => r.urn)).toEqual(base.resources.map((r) => r.urn));
    // Byte-identical plan: the order of declarations does not matter anywhere.
    expect(JSON.stringify(shuffled) === JSON.stringify(base)).toBe(true);
  });
});
