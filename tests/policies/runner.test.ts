import { loadPack } from "../../offline/policyRunner";
import { evaluate } from "./fixtures/evaluate";
import { goodEvidence, goodInventory, goodPlanBuilder } from "./fixtures/goodProvince";

describe("in-process runner", () => {
  it("loads the unchanged pack and captures its Analyzer handlers", () => {
    const pack = loadPack();
    expect(pack.version).toBe("0.1.0");
    expect(typeof pack.handlers.analyze).toBe("function");
    expect([...pack.kinds.values()].filter((k) => k === "resource").length).toBeGreaterThan(10);
  });

  it("honours enforcement levels from configure: disabled drops the policy, advisory downgrades it", async () => {
    const b = goodPlanBuilder();
    (b.resources.find((r) => r.name === "web-1")!.inputs as Record<string, unknown>).adminPass = "x";
    const plan = b.build();
    const mandatory = await evaluate(plan, goodInventory(), { evidence: goodEvidence() });
    expect(mandatory.findings.map((f) => [f.control, f.enforcement])).toEqual([["HOST-03", "mandatory"]]);
    const advisory = await evaluate(plan, goodInventory(), { evidence: goodEvidence(), policyConfig: { "vn-l3-host-03-no-plaintext-credentials": { enforcementLevel: "advisory" } } });
    expect(advisory.findings.map((f) => [f.control, f.enforcement])).toEqual([["HOST-03", "advisory"]]);
    expect(advisory.summary.mandatoryViolations).toBe(0);
    const disabled = await evaluate(plan, goodInventory(), { evidence: goodEvidence(), policyConfig: { "vn-l3-host-03-no-plaintext-credentials": { enforcementLevel: "disabled" } } });
    expect(disabled.findings).toEqual([]);
    expect(disabled.controls.find((c) => c.id === "HOST-03")?.status).toBe("not-assessed");
  });

  it("an unknown value (preview) makes the pack answer advisory 'cannot run', never pass", async () => {
    const b = goodPlanBuilder();
    (b.resources.find((r) => r.name === "web-1")!.inputs as Record<string, unknown>).imageName = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const r = await evaluate(b.build(), goodInventory(), { evidence: goodEvidence() });
    const c = r.controls.find((x) => x.id === "HOST-06");
    expect([c?.status, c?.reason]).toEqual(["not-assessed", "1 judgement(s) need values known only after update"]);
  });
});
