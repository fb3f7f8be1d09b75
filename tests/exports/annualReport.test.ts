import fc from "fast-check";
import { reportPeriod, periodText } from "../../exports/annual/reportPeriod";
import { implementationFor, IMPLEMENTATIONS, type Implementation } from "../../exports/annual/implementation";
import { findingSystem, resourceSystems } from "../../exports/annual/findingSystems";
import { annualReportTables, annualRows } from "../../exports/annual/annualReport";
import { loadCatalogue } from "../../policies/catalogue/load";
import { controlHeading } from "../../offline/reports/buildReport";
import type { ControlResult, ControlStatus, PolicyReport, ReportFinding } from "../../offline/reports/reportTypes";
import type { PolicyReportRead } from "../../exports/policyReportFile";
import type { PlannedResource } from "../../offline/planTypes";
import { PROVINCES, provinceInputs } from "./provinceInputs";

const AS_OF = "2026-12-20";

describe("report period", () => {
  it("runs from 15/12 of the year before to 14/12 of the date's year, ended only from 15/12 on", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }), (d) => {
        const asOf = d.toISOString().slice(0, 10);
        const p = reportPeriod(asOf);
        const day = (s: string): number => Date.parse(`${s}T00:00:00Z`) / 86_400_000;
        // 365 or 366 days, both ends included.
        expect([365, 366]).toContain(day(p.to) - day(p.from) + 1);
        expect(p.to.slice(5)).toBe("12-14");
        expect(p.from.slice(5)).toBe("12-15");
        expect(p.ended).toBe(asOf.slice(5) >= "12-15");
        // The date lies in the period, or in the weeks after it when it has ended.
        if (!p.ended) expect(asOf >= p.from && asOf <= p.to).toBe(true);
        else expect(day(asOf) - day(p.to)).toBeLessThanOrEqual(17);
      }),
    );
    expect(periodText(reportPeriod("2026-12-20"))).toBe("15/12/2025 – 14/12/2026");
  });
});

describe("implementation for a system", () => {
  const rank: Record<Implementation, number> = { full: 2, partial: 1, none: 0, "not-applicable": -1, "not-assessed": -1 };
  const status = fc.constantFrom<ControlStatus>("pass", "pass-waived", "fail", "not-applicable", "not-assessed");
  const control = fc.record({ status, evaluated: fc.nat(20), failures: fc.nat(20) });
  // Zero often: most controls have no finding at all.
  const count = fc.oneof(fc.constant(0), fc.nat(5));
  const findings = fc
    .record({ unwaived: count, waived: count, othersUnwaived: count, othersWaived: count })
    .map((f) => ({ unwaived: f.unwaived, waived: f.waived, atSite: f.unwaived + f.waived + f.othersUnwaived + f.othersWaived, unwaivedAtSite: f.unwaived + f.othersUnwaived }));

  it("never calls a control implemented for a system with a failing finding on it, nor one that was not assessed", () => {
    fc.assert(
      fc.property(control, findings, (c, f) => {
        const got = implementationFor(c, f);
        expect(IMPLEMENTATIONS).toContain(got);
        if (c.status === "not-assessed" || c.status === "not-applicable") expect(got).toBe(c.status);
        else if (f.unwaived > 0 || (c.status === "fail" && f.unwaivedAtSite === 0)) expect(["partial", "none"]).toContain(got);
        else if (f.waived > 0) expect(got).toBe("partial");
        if (got === "full") expect(f.unwaived + f.waived).toBe(0);
      }),
    );
  });

  it("never improves when a finding on the system is added", () => {
    fc.assert(
      fc.property(control, findings, fc.boolean(), (c, f, waived) => {
        const before = implementationFor(c, f);
        const after = implementationFor(c, { unwaived: f.unwaived + (waived ? 0 : 1), waived: f.waived + (waived ? 1 : 0), atSite: f.atSite + 1, unwaivedAtSite: f.unwaivedAtSite + (waived ? 0 : 1) });
        expect(rank[after]).toBeLessThanOrEqual(rank[before]);
      }),
    );
  });

  it("reads a failure without findings (missing evidence) as every system's", () => {
    expect(implementationFor({ status: "fail", evaluated: 0, failures: 0 }, { unwaived: 0, waived: 0, atSite: 0, unwaivedAtSite: 0 })).toBe("none");
    expect(implementationFor({ status: "fail", evaluated: 4, failures: 1 }, { unwaived: 0, waived: 0, atSite: 0, unwaivedAtSite: 0 })).toBe("partial");
    // Only waived findings elsewhere do not explain a failure: it stays every system's.
    expect(implementationFor({ status: "fail", evaluated: 4, failures: 1 }, { unwaived: 0, waived: 0, atSite: 1, unwaivedAtSite: 0 })).toBe("partial");
    // A failing finding on another system's resource explains it: this system implements the control.
    expect(implementationFor({ status: "fail", evaluated: 4, failures: 1 }, { unwaived: 0, waived: 0, atSite: 1, unwaivedAtSite: 1 })).toBe("full");
  });
});

/** A plan resource of a system (tags as the compilers write them). */
function resource(urn: string, tags: string[], metadata?: Record<string, string>): PlannedResource {
  return { urn, type: "openstack:compute/instance:Instance", name: urn.split("::").pop() ?? urn, custom: true, inputs: { tags, ...(metadata ? { metadata } : {}) }, dependencies: [] };
}

describe("which system a finding is about", () => {
  const [input] = provinceInputs("ninh-an", AS_OF);
  const inv = input.inventory;
  it("reads the resource's system tag or metadata, the inventory path, or a subject that is a system", () => {
    const byUrn = resourceSystems({ resources: [resource("urn:a", ["site:x", `system:${inv.systems[1].id}`]), resource("urn:b", ["hatang"], { system: inv.systems[2].id }), resource("urn:c", ["hatang"])] });
    expect([...byUrn.entries()]).toEqual([
      ["urn:a", inv.systems[1].id],
      ["urn:b", inv.systems[2].id],
    ]);
    expect(findingSystem({ urn: "urn:a" }, byUrn, inv)).toBe(inv.systems[1].id);
    expect(findingSystem({ urn: "urn:c" }, byUrn, inv)).toBeUndefined();
    expect(findingSystem({ inventoryPath: "systems.3.tiers.0.publish" }, byUrn, inv)).toBe(inv.systems[3].id);
    expect(findingSystem({ inventoryPath: "systemsx.3" }, byUrn, inv)).toBeUndefined();
    expect(findingSystem({ name: inv.systems[0].id }, byUrn, inv)).toBe(inv.systems[0].id);
    expect(findingSystem({ name: "zone dmz" }, byUrn, inv)).toBeUndefined();
  });
});

/** A policy report over the whole catalogue: every control passes except the ones given. */
function reportWith(stack: string, changes: Partial<Record<string, Partial<ControlResult>>>, findings: ReportFinding[]): PolicyReportRead {
  const controls = loadCatalogue().controls.map(
    (c): ControlResult => ({ ...controlHeading(c), status: "pass", evaluated: 5, failures: 0, waived: 0, affected: [], ...changes[c.id] }),
  );
  const report: PolicyReport = {
    schemaVersion: 1,
    pack: { name: "hatang-policies", version: "test" },
    stack,
    province: "x",
    asOf: AS_OF,
    inputs: {},
    summary: { controls: controls.length, byStatus: { pass: 0, "pass-waived": 0, fail: 0, "not-applicable": 0, "not-assessed": 0 }, findings: findings.length, waived: 0, mandatoryViolations: 0 },
    controls,
    findings,
    waivers: { active: [{ id: "W-1", approver: "Trưởng phòng ATTT", expires: "2027-03-31", justification: "thiết bị cũ" }], expired: [] },
  };
  return { state: "read", path: `out/${stack}/policy-report.json`, report };
}

describe("annual report", () => {
  it.each(PROVINCES)("%s: without a policy report every system has every catalogue control, not assessed", (_, inputs) => {
    const controls = loadCatalogue().controls.length;
    for (const input of inputs(AS_OF)) {
      const rows = annualRows(input, { state: "absent", path: "x" });
      const systems = input.inventory.systems.filter((s) => s.sites.includes(input.site.id));
      expect(rows).toHaveLength(systems.length * controls);
      expect(new Set(rows.map((r) => r.implementation))).toEqual(new Set(["not-assessed"]));
      const summary = annualReportTables(input, { state: "absent", path: "x" }).find((t) => t.id === "annual-summary");
      expect(summary?.rows.map((r) => [r[0], r[r.length - 1]])).toEqual(systems.map((s) => s.id).sort().map((id) => [id, controls]));
    }
  });

  it("answers every catalogue control even when the policy report leaves some out: those are not assessed, never dropped", () => {
    const [input] = provinceInputs("vinh-lam", AS_OF);
    const catalogue = loadCatalogue().controls.map((c) => c.id);
    const full = reportWith(input.site.id, { [catalogue[0]]: { status: "fail", failures: 5 } }, []);
    if (full.state !== "read") throw new Error("fixture");
    const kept = new Set([catalogue[0], catalogue[1]]);
    const extra: ControlResult = { ...full.report.controls[1], id: "ZZZ-99" };
    const partial: PolicyReportRead = { ...full, report: { ...full.report, controls: [...full.report.controls.filter((c) => kept.has(c.id)), extra] } };
    const rows = annualRows(input, partial);
    const systems = input.inventory.systems.filter((s) => s.sites.includes(input.site.id));
    expect(rows).toHaveLength(systems.length * (catalogue.length + 1));
    const answer = (control: string): Set<string> => new Set(rows.filter((r) => r.control.id === control).map((r) => r.implementation));
    expect([answer(catalogue[0]), answer(catalogue[1]), answer(catalogue[2]), answer("ZZZ-99")]).toEqual([new Set(["none"]), new Set(["full"]), new Set(["not-assessed"]), new Set(["full"])]);
    expect(rows.find((r) => r.control.id === catalogue[2])?.control.reason).toBe("không có trong báo cáo chính sách / not in the policy report");
  });

  it("places a failing finding on its system, a waived one as partly, and a shared one on every system", () => {
    const [input] = provinceInputs("ninh-an", AS_OF);
    const systems = input.inventory.systems.filter((s) => s.sites.includes(input.site.id)).map((s) => s.id).sort();
    const [one, two] = systems;
    const [c1, c2, c3] = loadCatalogue().controls.map((c) => c.id);
    const finding = (control: string, urn: string, waived = false): ReportFinding => ({ control, policy: "p", message: "m", urn, name: urn, enforcement: "mandatory", severity: "high", ...(waived ? { waiver: { id: "W-1", approver: "a", expires: "2027-03-31", justification: "j" } } : {}) });
    const policy = reportWith(input.site.id, { [c1]: { status: "fail", failures: 1 }, [c2]: { status: "pass-waived", waived: 1 }, [c3]: { status: "fail", failures: 5 } }, [finding(c1, "urn:one"), finding(c2, "urn:two", true), finding(c3, "urn:shared")]);
    const plan = { resources: [resource("urn:one", [`system:${one}`]), resource("urn:two", [`system:${two}`]), resource("urn:shared", ["hatang"])] };
    const rows = annualRows(input, policy, plan);
    const at = (system: string, control: string): string | undefined => rows.find((r) => r.system.id === system && r.control.id === control)?.implementation;
    expect([at(one, c1), at(two, c1)]).toEqual(["partial", "full"]);
    expect([at(one, c2), at(two, c2)]).toEqual(["full", "partial"]);
    for (const s of systems) expect(at(s, c3)).toBe("none");
    // The detail sheet names the findings behind each answer, and the waiver register lists the waiver.
    const tables = annualReportTables(input, policy, plan);
    const detail = tables.find((t) => t.id === "annual-controls");
    const cell = (system: string, control: string): string => String(detail?.rows.find((r) => r[0] === system && r[1] === control)?.[8]);
    expect(cell(one, c1)).toBe("urn:one: m");
    expect(cell(two, c2)).toContain("waiver W-1");
    expect(cell(two, c1)).toBe("");
    expect(tables.find((t) => t.id === "annual-waivers")?.rows).toEqual([["W-1", "Còn hiệu lực / Active", "Trưởng phòng ATTT", "2027-03-31", "thiết bị cũ"]]);
    expect(tables.find((t) => t.id === "annual-period")?.rows[0]).toEqual(["Kỳ báo cáo / Period", "15/12/2025 – 14/12/2026"]);
  });
});
