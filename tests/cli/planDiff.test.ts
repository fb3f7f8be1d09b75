import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { tsxImport } from "../../cli/tsxChild";
import type { PlanDiff } from "../../offline/planDiff";
import { listFiles } from "../../offline/stagedOutput";

/**
 * `npm run plan -- --diff` on the real program: a flow of the example province moves from HTTPS (443) to
 * the application port (8443); the diff names exactly that flow's rules, each once, with the fields that
 * changed — and it reads the old plan before writing the new one over it.
 */
const ROOT = path.resolve(__dirname, "../..");
const FLOW = "internal-to-ioc-dr-web";

function plan(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...tsxImport(), path.join(ROOT, "scripts/plan.ts"), "--stack", "na-dc2", "--as-of", "2026-12-05", ...args], { cwd, encoding: "utf8", timeout: 900000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("plan diff after a one-port change", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hatang-diff-"));
  afterAll(() => (process.env.KEEP ? undefined : fs.rmSync(dir, { recursive: true, force: true })));

  it("names the changed rules with their fields, and nothing else", () => {
    for (const f of ["Pulumi.yaml", "Pulumi.na-dc2.yaml"]) fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
    fs.cpSync(path.join(ROOT, "inventory/provinces/ninh-an"), path.join(dir, "inventory/provinces/ninh-an"), { recursive: true });
    fs.cpSync(path.join(ROOT, "policies/waivers"), path.join(dir, "policies/waivers"), { recursive: true });
    const first = plan(dir, []);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);

    const flows = path.join(dir, "inventory/provinces/ninh-an/flows.yaml");
    const text = fs.readFileSync(flows, "utf8");
    const at = text.indexOf(`  - name: ${FLOW}\n`);
    const end = text.indexOf("\n\n", at);
    expect(text.slice(at, end)).toContain("services: [https]");
    fs.writeFileSync(flows, text.slice(0, at) + text.slice(at, end).replace("services: [https]", "services: [app-https]") + text.slice(end));

    // The diff is against the very file this run replaces.
    const second = plan(dir, ["--diff", "out/na-dc2/plan.json"]);
    expect(second.stderr).toBe("");
    expect(second.status).toBe(0);
    const d = JSON.parse(fs.readFileSync(path.join(dir, "out/na-dc2/diff.json"), "utf8")) as PlanDiff;
    expect({ add: d.counts.add, remove: d.counts.remove }).toEqual({ add: 0, remove: 0 });
    const rules = d.changes.filter((c) => c.kind === "replace");
    const expectedFields: Record<string, string[]> = {
      RuleV2: ['destinationPort: "443" → "8443"'],
      SecGroupRule: ["portRangeMax: 443 → 8443", "portRangeMin: 443 → 8443"],
      NetworkPolicy: ["spec.ingress[0].ports[0].port: 443 → 8443"],
    };
    for (const c of rules) {
      expect(c.label).toContain(FLOW);
      expect(c.label).toMatch(/(tcp|TCP) 8443/);
      expect(c.previous?.label).toBe(c.label.replace(/(tcp|TCP) 8443/, "$1 443"));
      const changed = c.fields.filter((f) => !/(^|\.)name$/.test(f.field)).map((f) => `${f.field}: ${f.beforeText} → ${f.afterText}`);
      expect(changed.sort()).toEqual(expectedFields[c.type.split(":").pop() as string]);
    }
    // Each family of each rule kind (security group, FWaaS, NetworkPolicy): one replacement each.
    expect(rules.map((c) => c.type.split(":").pop()).sort()).toEqual(["NetworkPolicy", "NetworkPolicy", "RuleV2", "RuleV2", "SecGroupRule", "SecGroupRule"]);
    // The enforcer's rule base changes that one rule, named by its identity (zones and objects), not its position.
    const ruleBases = d.changes.filter((x) => x.type === "hatang:firewall:RuleBase");
    expect(ruleBases.map((c) => c.kind)).toEqual(["update"]);
    expect(ruleBases[0]!.fields.map((f) => `${f.field}: ${f.beforeText} → ${f.afterText}`)).toEqual([
      expect.stringMatching(/^contentHash: "[0-9a-f]+" → "[0-9a-f]+"$/),
      expect.stringMatching(/^ruleBase\.rules\[internal>internal-server:[^\]]*tier:ioc-dr\/web\]\.services: \["tcp-443"\] → \["tcp-8443"\]$/),
    ]);
    // Lists that hold the rules name them by what they allow, not by id or position.
    for (const c of d.changes.filter((x) => x.kind === "update" && x !== ruleBases[0])) {
      expect(["PolicyV2", "ConfigGroup"]).toContain(c.type.split(":").pop());
      for (const f of c.fields) {
        for (const a of f.added ?? []) expect(a).toMatch(new RegExp(`${FLOW}.*|(tcp|TCP) 8443`));
        expect(`${f.field} ${f.beforeText} ${f.afterText}`).toContain(c.type.endsWith("ConfigGroup") ? FLOW : "");
      }
    }
    const md = fs.readFileSync(path.join(dir, "out/na-dc2/diff.md"), "utf8");
    expect(md).toContain(`**0 to add, ${d.counts.replace} to replace, ${d.counts.update} to update, 0 to remove**`);
    expect(md).toMatch(/- `SecGroupRule` security-group rule: .* tcp 8443, IPv4 \(flows: internal-to-ioc-dr-web\) — `na-dc2-sgr-[0-9a-f]+`/);
    expect(md).toMatch(/\n {2}- `portRangeMin` \(forces replacement\): 443 → 8443\n/);
    expect(listFiles(path.join(dir, "out/na-dc2"))).toEqual(expect.arrayContaining(["diff.json", "diff.md", "manifest.json", "plan.json"]));
  }, 1800000);
});
