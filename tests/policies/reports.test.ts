import "@microsoft/jest-sarif";
import { toSarif } from "../../offline/reports/sarif";
import { toJunit } from "../../offline/reports/junit";
import { csvField, toComplianceCsv, toComplianceMarkdown } from "../../offline/reports/compliance";
import type { SourceMap } from "../../inventory/loader/types";
import type { PolicyReport } from "../../offline/reports/reportTypes";
import { runPolicies } from "../../offline/policyRunner";
import { buildReport } from "../../offline/reports/buildReport";
import { loadCatalogue } from "../../policies/catalogue/load";
import { T } from "../../policies/lib/resourceView";
import fc from "fast-check";
import { AS_OF } from "./fixtures/evaluate";
import { goodEvidence, goodInventory, goodInventoryInput, goodPlanBuilder } from "./fixtures/goodProvince";

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toBeValidSarifLog(): R;
    }
  }
}

/**
 * The "broken province": a plausible set of mistakes at once — SSH open to the world, a rack on one
 * power path, a WAF without its twin, unencrypted backups, a namespace without default-deny.
 */
async function brokenProvince(withSources: boolean): Promise<PolicyReport> {
  const b = goodPlanBuilder();
  const find = (n: string) => b.resources.find((r) => r.name === n)!.inputs as Record<string, unknown>;
  find("app-ssh-v4").remoteIpPrefix = "0.0.0.0/0";
  find("app-ssh-v6").remoteIpPrefix = "::/0";
  b.resources.splice(b.resources.findIndex((r) => r.name === "platform-default-deny"), 1);
  const input = goodInventoryInput() as Record<string, unknown> & { racks: Array<Record<string, unknown>>; devices: Array<Record<string, unknown>>; backupPolicies: Array<{ copies: Array<Record<string, unknown>> }> };
  input.racks[1].feeds = ["A"];
  input.devices = input.devices.filter((d) => d.name !== "waf-2");
  for (const c of input.backupPolicies[0].copies) c.encrypted = false;
  const plan = b.build();
  const inventory = goodInventory(input);
  const run = await runPolicies(plan, { inputs: { inventory, evidence: goodEvidence(), asOf: AS_OF } });
  // A source map as the loader gives it: every path of the racks file resolves to a line of it.
  const sources: SourceMap = { files: ["inventory/provinces/broken/plant.yaml"], locate: (p) => (p[0] === "racks" ? { file: "inventory/provinces/broken/plant.yaml", line: 10 + Number(p[1]) * 5, column: 5 } : undefined) };
  return buildReport({ catalogue: loadCatalogue(), plan, run, waivers: [], evidence: goodEvidence(), asOf: AS_OF, sources: withSources ? sources : undefined });
}

describe("reports", () => {
  let broken: PolicyReport;
  beforeAll(async () => {
    broken = await brokenProvince(true);
  });

  it("the broken province fails exactly the known set of controls", () => {
    const failed = broken.controls.filter((c) => c.status === "fail").map((c) => c.id).sort();
    expect(failed).toEqual(["DATA-09", "DC-01", "K8S-03", "NET-03", "NET-04", "NET-07"]);
    expect(broken.summary.mandatoryViolations).toBe(broken.findings.length);
  });

  it("locates inventory findings at file:line and keeps URNs for plan findings", () => {
    const dc01 = broken.findings.find((f) => f.control === "DC-01")!;
    expect(dc01).toMatchObject({ name: "rack/r2", inventoryPath: "racks.1.feeds", location: { file: "inventory/provinces/broken/plant.yaml", line: 15 } });
    expect(broken.findings.find((f) => f.control === "K8S-03")?.urn).toBe(goodPlanBuilder().urn(T.namespace, "platform"));
  });

  it("SARIF validates against the SARIF 2.1.0 schema and carries URN and file:line locations", () => {
    const sarif = toSarif(broken);
    expect(sarif).toBeValidSarifLog();
    const results = (sarif.runs[0] as { results: Array<{ ruleId: string; locations: Array<Record<string, unknown>> }> }).results;
    const dc = results.find((r) => r.ruleId === "DC-01")!;
    expect(dc.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: "inventory/provinces/broken/plant.yaml" }, region: { startLine: 15, startColumn: 5 } });
    const k8s = results.find((r) => r.ruleId === "K8S-03")!;
    expect(k8s.locations[0].logicalLocations).toEqual([{ fullyQualifiedName: goodPlanBuilder().urn(T.namespace, "platform"), kind: "resource" }]);
  });

  it("SARIF of a waived finding carries an accepted suppression and stays schema-valid", async () => {
    const r = await brokenProvince(false);
    r.findings[0].waiver = { id: "WVR-1", approver: "ATTT", expires: "2027-01-01", justification: "tạm thời" };
    const sarif = toSarif(r);
    expect(sarif).toBeValidSarifLog();
    expect((sarif.runs[0] as { results: Array<{ suppressions?: unknown[] }> }).results[0].suppressions).toEqual([{ kind: "external", status: "accepted", justification: "WVR-1: tạm thời (ATTT, until 2027-01-01)" }]);
  });

  it("JUnit has one testcase per control and one failure per failing control", () => {
    const xml = toJunit(broken);
    expect((xml.match(/<testcase /g) ?? []).length).toBe(broken.controls.length);
    expect((xml.match(/<failure /g) ?? []).length).toBe(6);
    expect(xml).toMatch(/<testsuites name="hatang-policies na-dc1" tests="\d+" failures="6">/);
    expect(xml).toContain('<failure message="DC-01 failed (1 finding(s))" type="high">rack/r2: rack r2 is fed by A only</failure>');
  });

  it("the compliance matrix has one row per control with Vietnamese and English status", () => {
    const csv = toComplianceCsv(broken);
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(broken.controls.length + 1);
    expect(lines.find((l) => l.startsWith("DC-01,"))).toContain("Chưa đạt,Fail");
    expect(lines.find((l) => l.startsWith("DC-02,"))).toContain("Đạt,Pass");
    expect(lines.find((l) => l.startsWith("NET-06,"))).toContain("Chưa đánh giá,Not assessed");
    const md = toComplianceMarkdown(broken);
    expect(md).toContain("| DC-01 |");
    expect(md).toContain("Chưa đạt / Fail");
    expect(md).toMatch(/rack\/r2 \(inventory\/provinces\/broken\/plant\.yaml:15\)/);
  });

  it("CSV fields round-trip through RFC 4180 quoting", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const q = csvField(s);
        const back = q.startsWith('"') ? q.slice(1, -1).replace(/""/g, '"') : q;
        return back === s;
      }),
    );
  });
});
