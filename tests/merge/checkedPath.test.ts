/**
 * The checked path of `npm run merge`, end to end on a generated pair of provinces written to disk: every stage
 * folder it writes loads as a province (validate), its lock is the one the allocator gives (address plan),
 * every site plans offline through the real stack program and is judged by the level-3 pack and the
 * reachability proof (generated provinces fail some controls on their own: no stage after the first may add a
 * finding), each stage has its plan diff against the one before, and the progress says which stage fails and why. Read back from the written folders, not from the merger's memory. One small generated pair keeps this
 * suite within a minute on a loaded machine; `npm run merge` checks the bundled pair (five sites of several
 * thousand resources, seven stages) the same way.
 */
import fc from "fast-check";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { allocateAddressPlan, LOCK_FILE_NAME, renderLock } from "../../inventory/addressing";
import { PROVINCE_FILES } from "../../inventory/merge/writeProvince";
import { Inventory, type SystemKind } from "../../inventory/model";
import { loadProvince } from "../../inventory/province/loadProvince";
import { inventoryToYamlFiles, syntheticProvince, type SyntheticSizes } from "../../inventory/synthetic/syntheticProvince";
import { runMerge } from "../../offline/merge/run";
import { RULE_BASE_TYPE, type RuleBase } from "../../compilers/firewall/ruleBaseTypes";
import { ROOT } from "./fixtures";

/** A generated province written as a folder with its lock; its systems given kinds so the merger finds duplicates. */
function writeProvince(dir: string, sizes: SyntheticSizes, kinds: readonly SystemKind[]): string {
  const base = syntheticProvince(sizes);
  const inv: Inventory = { ...base, systems: base.systems.map((s, i) => (i < kinds.length ? { ...s, kind: kinds[i] } : s)) };
  fs.mkdirSync(dir, { recursive: true });
  for (const f of inventoryToYamlFiles(inv)) fs.writeFileSync(path.join(dir, f.file), f.text);
  const r = allocateAddressPlan(inv);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("; "));
  fs.writeFileSync(path.join(dir, LOCK_FILE_NAME), renderLock(r.lock));
  return dir;
}

describe("the checked path of a merger", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `hatang-merge-check-${process.pid}-`));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("writes every key of the model into some file of a province folder", () => {
    const written = PROVINCE_FILES.flatMap(([, keys]) => keys as readonly string[]);
    expect([...written].sort()).toEqual(Object.keys(Inventory.shape).sort());
    expect(new Set(written).size).toBe(written.length);
  });

  // One random pair of two-site provinces (a primary and its DR site; fixed seed, so the suite's cost is fixed).
  const [[vlansA, vlansB, kinds]] = fc.sample(
    fc.tuple(fc.integer({ min: 4, max: 8 }), fc.integer({ min: 4, max: 8 }), fc.shuffledSubarray(["lgsp", "email", "web-portal"] as SystemKind[], { minLength: 1, maxLength: 1 })),
    { numRuns: 1, seed: 16 },
  );
  it("runs validate, the address plan, the offline plan, the policy pack and the reachability proof on every stage, with progress", async () => {
    const a = writeProvince(path.join(tmp, "former-a"), { sites: 2, agencies: 4, vlans: vlansA, devices: 12, systems: kinds.length }, kinds);
    const b = writeProvince(path.join(tmp, "former-b"), { sites: 2, agencies: 5, vlans: vlansB, devices: 12, systems: kinds.length }, kinds);
    const into = path.join(tmp, "merged");
    const log: string[] = [];
    const r = await runMerge({ provinces: [a, b], into, mergedOn: "2025-07-01", retireBy: "2027-06-30", checks: true, asOf: "2026-12-01", root: ROOT, log: (l) => log.push(l) });
    const stages = r.result.stages;
    // A duplicate per kind: interconnect, tenancy, one migration per duplicate, retire.
    expect(stages.map((s) => s.id.replace(/^\d+-/, "").replace(/^migrate-.*/, "migrate"))).toEqual(["interconnect-renumber", "merged-tenancy", ...kinds.map(() => "migrate"), "retire"]);
    const checks = r.checks ?? [];
    expect(checks.length).toBe(stages.length);
    // Validate and the address plan pass on every stage (no problem loading it, its lock up to date).
    expect(checks.map((c, k) => `${stages[k].id} ${c.problems.join("; ")}`)).toEqual(stages.map((s) => `${s.id} `));
    const sites = stages[0].inventory.sites.map((s) => s.id).sort();
    const findings = (k: number, site: string) => {
      const c = checks[k].sites.find((s) => s.site === site)!;
      return { violations: [...c.violations].sort(), proof: c.proof.holds };
    };
    checks.forEach((c, k) => {
      // Every site planned offline, checked and proved, and diffed: the first stage against each site as its
      // former province planned it, every later one against the stage before (written beside the stage).
      expect(c.sites.map((s) => s.site)).toEqual(sites);
      for (const s of c.sites) {
        expect(s.resources).toBeGreaterThan(0);
        expect(s.diff).toBeDefined();
        if (k > 0) expect(fs.existsSync(path.join(into, "merge", "stages", stages[k].id, "diff", `${s.site}.md`))).toBe(true);
        // Generated provinces are not level-3 compliant on their own (no SIEM, one zone set, DR sites close by):
        // no stage after the first may add a finding, nor break a proof that held (retiring may mend one).
        if (k > 0) {
          const [now, first] = [findings(k, s.site), findings(0, s.site)];
          expect([stages[k].id, s.site, now.violations.filter((v) => !first.violations.includes(v))]).toEqual([stages[k].id, s.site, []]);
          if (first.proof) expect([stages[k].id, s.site, now.proof]).toEqual([stages[k].id, s.site, true]);
        }
      }
      // The verdict is each site's: a stage passes exactly when every site does.
      expect(c.ok).toBe(c.problems.length === 0 && c.sites.every((s) => s.violations.length === 0 && s.proof.holds));
    });
    // Each migration stage opens its flows over the interconnect at both ends: a rule base of every site of the
    // duplicate and of the survivor accepts them (the two run in different former DCs).
    let opened = 0;
    stages.forEach((st, k) => {
      const earlier = new Set(k > 0 ? stages[k - 1].inventory.flows.map((f) => f.name) : []);
      for (const f of st.inventory.flows.filter((x) => x.name.startsWith("migrate-") && !earlier.has(x.name))) {
        const sitesOf = (id: string | undefined): string[] => st.inventory.systems.find((x) => x.id === id)?.sites ?? [];
        for (const site of [...new Set([...sitesOf(f.from.system), ...sitesOf(f.to.system)])].sort()) {
          const plan = checks[k].sites.find((x) => x.site === site)!.plan;
          const accepted = plan.resources
            .filter((res) => res.type === RULE_BASE_TYPE)
            .some((res) => (res.inputs["ruleBase"] as RuleBase).rules.some((rule) => rule.action === "accept" && rule.flows.some((x) => x.flow === f.name)));
          expect([st.id, f.name, site, accepted]).toEqual([st.id, f.name, site, true]);
          opened++;
        }
      }
    });
    expect(opened).toBeGreaterThan(0);
    // Read back: each written stage folder is a valid province whose lock the allocator reproduces.
    for (const s of stages) {
      const folder = path.join(into, "merge", "stages", s.id);
      const loaded = loadProvince(folder, { asOf: "2026-12-01", waiverFile: path.join(into, "merge", "waivers.yaml") });
      expect(loaded.ok ? "ok" : loaded.problems.map((p) => p.message)).toBe("ok");
      if (loaded.ok) expect(renderLock(loaded.province.newLock)).toBe(fs.readFileSync(path.join(folder, LOCK_FILE_NAME), "utf8"));
    }
    // Progress names each stage, each site's findings and the stage's verdict, so a user sees which stage fails and why.
    for (const [k, s] of stages.entries()) {
      expect(log).toContain(`  stage ${k + 1}/${stages.length} ${s.id}: validate, address plan, offline plan, policy pack, reachability proof`);
      const failing = checks[k].sites.filter((x) => x.violations.length > 0).map((x) => `${x.site}: ${x.violations.length} policy violation(s)`);
      const verdict = log.find((l) => l.startsWith(`    ✓ ${s.id}:`) || l.startsWith(`    ✗ ${s.id}:`));
      expect(verdict).toBeDefined();
      for (const f of failing) expect(verdict).toContain(f);
      for (const x of checks[k].sites) {
        const line = log.find((l) => l.includes(` ${x.site}: ${x.resources} resources`) && l.includes(x.proof.line));
        for (const v of x.violations.slice(0, 10)) expect(line).toContain(`✗ ${v}`);
      }
    }
    expect(r.ok).toBe(checks.every((c) => c.ok));
  }, 300_000);
});
