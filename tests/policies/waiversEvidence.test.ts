import fc from "fast-check";
import { decideWaiver, globMatch, Waiver, WaiverFile } from "../../policies/lib/waivers";
import { daysBetween, judgeEvidence } from "../../policies/lib/evidence";
import { DataFileError, parseYamlData } from "../../policies/lib/yamlData";
import { T } from "../../policies/lib/resourceView";
import { evaluate } from "./fixtures/evaluate";
import { SHA, goodEvidence, goodInventory, goodPlanBuilder } from "./fixtures/goodProvince";

const waiver = (over: Partial<Waiver> = {}): Waiver => ({
  id: "WVR-2026-014",
  control: "NET-18",
  match: { urn: "urn:pulumi:*::hatang::openstack:networking/rbacPolicyV2:RbacPolicyV2::share-*" },
  justification: "Mạng dùng chung cho cổng dịch vụ công; thay bằng RBAC theo dự án trong Q1/2027",
  approver: "Trưởng phòng ATTT",
  expires: "2026-12-31",
  ...over,
});

describe("waivers", () => {
  it("glob matches whole strings only, and a literal text always matches itself", () => {
    expect(globMatch("share-*", "share-net-app")).toBe(true);
    expect(globMatch("share-*", "xshare-net")).toBe(false);
    fc.assert(fc.property(fc.string(), (s) => globMatch(s.replace(/[*?]/g, ""), s.replace(/[*?]/g, ""))));
  });

  it("an active waiver covers a finding; once expired the finding comes back and the waiver is named", () => {
    const f = { control: "NET-18", urn: "urn:pulumi:na-dc1::hatang::openstack:networking/rbacPolicyV2:RbacPolicyV2::share-net-app" };
    expect(decideWaiver(f, [waiver()], "2026-12-31")).toMatchObject({ waived: true });
    expect(decideWaiver(f, [waiver()], "2027-01-01")).toEqual({ waived: false, expired: waiver() });
    expect(decideWaiver({ ...f, control: "NET-04" }, [waiver()], "2026-10-01")).toEqual({ waived: false });
  });

  it("is evaluated at a fixed as-of date through the whole report: counted separately, then back after expiry", async () => {
    const b = goodPlanBuilder();
    (b.resources.find((r) => r.name === "share-net-app")!.inputs as Record<string, unknown>).targetTenant = "*";
    const before = await evaluate(b.build(), goodInventory(), { evidence: goodEvidence(), waivers: [waiver()], asOf: "2026-12-01" });
    const c = before.controls.find((x) => x.id === "NET-18")!;
    expect([c.status, c.failures, c.waived]).toEqual(["pass-waived", 0, 1]);
    expect(before.summary).toMatchObject({ waived: 1, mandatoryViolations: 0 });
    const after = await evaluate(b.build(), goodInventory(), { evidence: goodEvidence(), waivers: [waiver()], asOf: "2027-01-02" });
    const c2 = after.controls.find((x) => x.id === "NET-18")!;
    expect([c2.status, c2.failures, c2.waived]).toEqual(["fail", 1, 0]);
    expect(after.findings[0].expiredWaiver?.id).toBe("WVR-2026-014");
    expect(after.waivers.expired.map((w) => w.id)).toEqual(["WVR-2026-014"]);
    expect(after.summary.mandatoryViolations).toBe(1);
  });

  it("matches by type and by inventory subject", async () => {
    const input = (await import("./fixtures/goodProvince")).goodInventoryInput() as { racks: Array<Record<string, unknown>> };
    input.racks[1].feeds = ["A"];
    const w = waiver({ control: "DC-01", match: { name: "rack/r2" } });
    const r = await evaluate(goodPlanBuilder().build(), goodInventory(input as Record<string, unknown>), { evidence: goodEvidence(), waivers: [w] });
    expect(r.controls.find((x) => x.id === "DC-01")?.status).toBe("pass-waived");
    const byType = waiver({ match: { type: T.rbac } });
    expect(decideWaiver({ control: "NET-18", type: T.rbac }, [byType], "2026-10-01").waived).toBe(true);
  });

  it("rejects a waiver without approver or with a bad date, every problem with its line", () => {
    const text = ["asOf: 2026-10-15", "waivers:", "  - id: WVR-1", "    control: NET-05", "    match: { name: x }", "    justification: old UPS", "    expires: 31/03/2027"].join("\n");
    let err: unknown;
    try {
      parseYamlData("waivers.yaml", text, WaiverFile);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataFileError);
    const problems = (err as DataFileError).problems;
    expect(problems).toContain('waivers.yaml:7: waivers.0.expires: expected a date written YYYY-MM-DD (found "31/03/2027")');
    expect(problems.some((p) => p.startsWith("waivers.yaml:3: waivers.0.approver:"))).toBe(true);
    expect(problems).toContain(
      'waivers.yaml:1: asOf: a waiver file no longer dates the check (waivers would stay honoured after they expire until someone edited this date): remove asOf; the evaluation date is today unless --as-of (found "2026-10-15")',
    );
  });
});

describe("evidence", () => {
  const reg = { evidence: [{ control: "DATA-10", reference: "BB-KP-02", date: "2026-03-01", approver: "Trưởng phòng", sha256: SHA }], notApplicable: [] };

  it("is current within its age limit, stale after, missing when absent, future when dated after as-of", () => {
    expect(judgeEvidence("DATA-10", reg, "2026-06-01", 183).state).toBe("current");
    expect(judgeEvidence("DATA-10", reg, "2026-10-15", 183)).toMatchObject({ state: "stale", ageDays: 228 });
    expect(judgeEvidence("HOST-04", reg, "2026-10-15", 183).state).toBe("missing");
    expect(judgeEvidence("DATA-10", reg, "2026-02-01", 183).state).toBe("future");
  });

  it("counts days across month ends", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 3000 }), (n) => daysBetween("2024-01-01", new Date(Date.parse("2024-01-01T00:00:00Z") + n * 86_400_000).toISOString().slice(0, 10)) === n));
  });

  it("drives evidence-only controls: not assessed without evidence (never pass), fail when stale, N/A when declared", async () => {
    const none = await evaluate(goodPlanBuilder().build(), goodInventory(), { evidence: goodEvidence() });
    expect(none.controls.find((c) => c.id === "APP-05")?.status).toBe("not-assessed");
    const pentest = { control: "APP-05", reference: "PT-2025", date: "2025-03-01", approver: "Giám đốc", sha256: SHA };
    const stale = await evaluate(goodPlanBuilder().build(), goodInventory(), { evidence: { ...goodEvidence(), evidence: [...goodEvidence().evidence, pentest] } });
    expect(stale.controls.find((c) => c.id === "APP-05")?.status).toBe("fail");
    const na = await evaluate(goodPlanBuilder().build(), goodInventory(), { evidence: { ...goodEvidence(), notApplicable: [{ control: "NET-10", reason: "no Internet service", approver: "Giám đốc" }] } });
    expect(na.controls.find((c) => c.id === "NET-10")?.status).toBe("not-applicable");
  });

  it("without an inventory, inventory controls are not assessed rather than passed", async () => {
    const r = await evaluate(goodPlanBuilder().build(), undefined, { evidence: goodEvidence() });
    for (const id of ["NET-07", "DC-01", "LOG-03", "DATA-08"]) expect(r.controls.find((c) => c.id === id)?.status).toBe("not-assessed");
  });
});
