/**
 * `npm run check` judges the site a stack deploys (its `hatang:site`), not a site named like the stack: a stack
 * named other than its site (the merged province's `merged-<site>` stacks) must not have every cluster of the
 * province judged in its run.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkStack } from "../../offline/policyCheck";
import { BUNDLED_AS_OF } from "../bundledAsOf";

const ROOT = path.join(__dirname, "../..");

describe("npm run check on a stack named other than its site", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hatang-check-site-${process.pid}-`));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    ["vl-dc3", []],
    ["vl-dc1", ["vl1-k8s"]],
  ])("judges only the clusters of %s", async (site, clusters) => {
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(path.join(dir, "Pulumi.renamed.yaml"), `config:\n  hatang:site: ${site}\n  hatang:province: ${path.join(ROOT, "inventory/provinces/vinh-lam")}\n`);
    // An empty plan: every cluster judged here fails for having no node in it, which names the clusters in scope.
    const plan = path.join(dir, "plan.json");
    fs.writeFileSync(plan, JSON.stringify({ project: "hatang", stack: "renamed", province: "vl", resources: [] }));
    const { report } = await checkStack(dir, "renamed", { plan, asOf: BUNDLED_AS_OF, out: path.join(dir, "out") });
    const judged = report.findings.filter((f) => f.control === "K8S-15").map((f) => (f.name ?? "").replace(/^cluster\//, ""));
    expect([...new Set(judged)].sort()).toEqual(clusters);
  });
});
