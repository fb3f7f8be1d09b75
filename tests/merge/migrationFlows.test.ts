/**
 * The migration flows of a consolidation, over random pairs of synthetic provinces whose systems are given
 * kinds (so some run twice): each stage carries exactly the migration flows in force then (those of the
 * duplicates migrated so far, none before the first migration and none after retirement), each from a system
 * marked for consolidation into the flow's destination, lapsing by the retirement date, and on services the
 * level-3 zone baseline allows between the two tiers' zone kinds (judged here by reading the tiers' zones, not
 * through the merger). A baseline that forbids a migration leaves the flow out and reports a conflict, unless a
 * waiver names it: then it opens and lapses with the waiver.
 */
import fc from "fast-check";
import { mergeProvinces, type MergeResult } from "../../inventory/merge/merge";
import type { Flow, Inventory, SystemKind } from "../../inventory/model";
import { syntheticProvince } from "../../inventory/synthetic/syntheticProvince";
import type { Waiver } from "../../inventory/waivers/waivers";
import { decidePair, parsePortSpec, shippedBaseline, type ZoneBaseline } from "../../inventory/zoning/baseline";
import { memoryInput, syntheticSizes } from "./fixtures";

const sizes = syntheticSizes({ sites: [1, 2], agencies: [3, 10], vlans: [4, 16], devices: [7, 20], systems: [1, 4] });
const KINDS: readonly SystemKind[] = ["lgsp", "email", "web-portal"];
const RETIRE = "2027-06-30";

/** The province with its systems given kinds: `kinds[i]` (or none) for system i. */
function withKinds(inv: Inventory, kinds: ReadonlyArray<SystemKind | undefined>): Inventory {
  return { ...inv, systems: inv.systems.map((s, i) => (kinds[i % kinds.length] === undefined ? s : { ...s, kind: kinds[i % kinds.length] })) };
}

function merge(a: Inventory, b: Inventory, zoning?: { baseline?: ZoneBaseline; waivers: Waiver[]; asOf: string }): MergeResult {
  const outcome = mergeProvinces([memoryInput("a", a), memoryInput("b", b)], { keep: 0, mergedOn: "2025-07-01", retireBy: RETIRE, ...(zoning ? { zoning } : {}) });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.failure.problems));
  return outcome.result;
}

const isMigration = (f: Flow): boolean => f.justification.startsWith("Migration of ");

/** Does the baseline allow `service` from every zone kind of the source tier to every one of the destination's? Read from the tiers' zones. */
function baselineAllows(baseline: ZoneBaseline, inv: Inventory, f: Flow, service: string): boolean {
  const kindsOf = (system: string, tier: string) => {
    const t = inv.systems.find((s) => s.id === system)!.tiers.find((x) => x.name === tier)!;
    return [...new Set(inv.zones.filter((z) => z.id === t.zone).map((z) => z.kind))].map((kind) => ({ party: kind, tier: true, ...(t.role ? { role: t.role } : {}), published: t.publish.map((p) => parsePortSpec(`${p.protocol}/${p.port}`)) }));
  };
  const svc = inv.services.find((s) => s.name === service)!;
  const range = parsePortSpec(svc.protocol === "icmp" || svc.protocol === "any" ? svc.protocol : `${svc.protocol}/${svc.port ?? `${svc.portMin}-${svc.portMax}`}`);
  return kindsOf(f.from.system!, f.from.tier!).every((a) => kindsOf(f.to.system!, f.to.tier!).every((b) => decidePair(baseline, a, b, [{ name: service, range }]).ok));
}

describe("migration flows of a consolidation", () => {
  it("each stage carries exactly the migration flows in force then, each allowed by the zone baseline", () => {
    const kinds = fc.array(fc.option(fc.constantFrom(...KINDS), { nil: undefined }), { minLength: 1, maxLength: 4 });
    let migrations = 0;
    fc.assert(
      fc.property(sizes, sizes, kinds, kinds, (a, b, ka, kb) => {
        const result = merge(withKinds(syntheticProvince(a), ka), withKinds(syntheticProvince(b), kb));
        const { stages, target } = result;
        const marked = stages[0].inventory.systems.filter((s) => s.consolidation !== undefined);
        // The migration stages are those between the tenancy stage and the retirement; one per marked system, named after it.
        const migrating = stages.slice(2, marked.length > 0 ? -1 : undefined);
        expect(migrating.map((s) => s.id.replace(/^\d+-migrate-/, "")).sort()).toEqual(marked.map((s) => s.id).sort());
        stages.forEach((stage, i) => {
          const inv = stage.inventory;
          const flows = inv.flows.filter(isMigration);
          // In force: the migrations of the systems whose stage has come (none in the first two stages, none after retirement).
          const started = new Set(stages.slice(2, i + 1).filter((s) => s.id.includes("-migrate-")).map((s) => s.id.replace(/^\d+-migrate-/, "")));
          const retired = marked.length > 0 && i === stages.length - 1;
          expect([...new Set(flows.map((f) => f.from.system))].every((s) => started.has(s!) && !retired)).toBe(true);
          for (const f of flows) {
            const from = inv.systems.find((s) => s.id === f.from.system);
            expect(from?.consolidation?.survivor).toBe(f.to.system);
            expect(f.expires! <= RETIRE).toBe(true);
            for (const s of f.services) expect(`${f.name} ${s} ${baselineAllows(shippedBaseline(), inv, f, s)}`).toBe(`${f.name} ${s} true`);
          }
          if (retired) {
            const gone = new Set(marked.map((s) => s.id));
            expect(inv.systems.filter((s) => gone.has(s.id))).toEqual([]);
            expect(inv.flows.filter((f) => gone.has(f.from.system ?? "") || gone.has(f.to.system ?? ""))).toEqual([]);
          }
        });
        // A migration opened in its stage stays until the retirement (the target holds them all).
        for (const s of migrating) for (const f of s.inventory.flows.filter(isMigration)) expect(stages[target].inventory.flows).toContainEqual(f);
        migrations += stages[target].inventory.flows.filter(isMigration).length;
      }),
      { numRuns: 30 },
    );
    // Not vacuous: the random kinds made duplicates with migration flows.
    expect(migrations).toBeGreaterThan(0);
  });

  describe("a migration the zone baseline forbids", () => {
    // A baseline that forbids database servers reaching database servers (the synthetic databases' zone kind).
    const shipped = shippedBaseline();
    const strict: ZoneBaseline = {
      ...shipped,
      entries: [{ id: "no-db-to-db", from: ["db-server"], to: ["db-server"], verdict: "forbid", services: [], toRoles: [], fromRoles: [], reason: { vi: "thử", en: "test" }, references: { legacy: ["test"], current: ["test"] } }, ...shipped.entries],
    };
    const a = withKinds(syntheticProvince({ sites: 1, systems: 1 }), ["lgsp"]);
    const b = withKinds(syntheticProvince({ sites: 1, systems: 1 }), ["lgsp"]);
    const FLOW = "migrate-syn-sys-1-db-to-sys-1";
    const waiver = (expires: string): Waiver => ({ id: "WVR-TEST-1", control: shipped.control, match: { name: `flow/${FLOW}` }, justification: "one-off copy of the database", approver: "Giám đốc Sở KH&CN", expires });

    it("is left out and reported as a conflict naming the flow, the entry and the waiver that would open it", () => {
      const result = merge(a, b, { baseline: strict, waivers: [], asOf: "2026-12-01" });
      const target = result.stages[result.target].inventory;
      expect(target.flows.filter(isMigration).map((f) => f.name).sort()).toEqual(["migrate-syn-sys-1-app-to-sys-1", "migrate-syn-sys-1-web-to-sys-1"]);
      const conflicts = result.conflicts.filter((c) => c.kind === "migration-flow");
      expect(conflicts.map((c) => c.message)).toEqual([
        `migration flow "${FLOW}" (syn-sys-1/db → sys-1/db): postgres forbidden by the level-3 zone baseline (zone baseline entry "no-db-to-db": db-server may not reach db-server)`,
      ]);
      expect(conflicts[0].resolution).toContain(`waive NET-20 for flow/${FLOW} with a justification, an approver and an expiry`);
      expect(conflicts[0].places.map((p) => `${p.province} ${p.path}`)).toEqual(["a systems.0.tiers.2", "b systems.0.tiers.2"]);
      expect(result.stages.find((s) => s.id.includes("migrate"))?.summary.join(" ")).toContain(`${FLOW}: postgres left out`);
    });

    it("opens under a waiver naming it, and lapses with the waiver when that comes first", () => {
      const result = merge(a, b, { baseline: strict, waivers: [waiver("2027-01-31")], asOf: "2026-12-01" });
      expect(result.conflicts.filter((c) => c.kind === "migration-flow")).toEqual([]);
      const flow = result.stages[result.target].inventory.flows.find((f) => f.name === FLOW);
      expect(flow).toMatchObject({ from: { system: "syn-sys-1", tier: "db" }, to: { system: "sys-1", tier: "db" }, services: ["postgres"], expires: "2027-01-31" });
      expect(result.stages.find((s) => s.id.includes("migrate"))?.summary.join(" ")).toContain(`${FLOW} is forbidden by the zone baseline and opened under waiver WVR-TEST-1 (approver Giám đốc Sở KH&CN, expires 2027-01-31)`);
    });

    it("stays refused when the waiver has expired on the evaluation date", () => {
      const result = merge(a, b, { baseline: strict, waivers: [waiver("2026-11-30")], asOf: "2026-12-01" });
      expect(result.stages[result.target].inventory.flows.some((f) => f.name === FLOW)).toBe(false);
      expect(result.conflicts.filter((c) => c.kind === "migration-flow").length).toBe(1);
    });
  });
});
