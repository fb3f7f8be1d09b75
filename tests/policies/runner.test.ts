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

describe("request shaping", () => {
  it("sending each policy only the types it judges gives the engine-identical answers", async () => {
    const { runPolicies } = await import("../../offline/policyRunner");
    const b = goodPlanBuilder();
    const inp = (n: string) => b.resources.find((r) => r.name === n)!.inputs as Record<string, unknown>;
    inp("app-ssh-v4").remoteIpPrefix = "0.0.0.0/0";
    inp("sg-db").tags = ["zone=app"];
    inp("web-1").imageName = "other";
    inp("port-web-1").tags = ["zone=app"];
    b.resources.splice(b.resources.findIndex((r) => r.name === "platform-default-deny"), 1);
    const plan = b.build();
    const inputs = { inventory: goodInventory(), evidence: goodEvidence(), asOf: "2026-10-15" };
    const fast = await runPolicies(plan, { inputs });
    const engine = await runPolicies(plan, { inputs, engineIdentical: true });
    const key = (f: { control: string; urn?: string; subject?: string; text: string }) => `${f.control}|${f.urn ?? f.subject}|${f.text}`;
    expect(fast.findings.map(key).sort()).toEqual(engine.findings.map(key).sort());
    expect(fast.findings.length).toBeGreaterThan(5);
    expect(fast.coverage).toEqual(engine.coverage);
  });
});

describe("NET-05 protocols", () => {
  it("UDP 514 (syslog) is allowed, TCP 514 (rsh) and UDP 69 (TFTP) are not", async () => {
    const { T } = await import("../../policies/lib/resourceView");
    const b = goodPlanBuilder();
    for (const [name, protocol, port] of [["syslog", "udp", 514], ["rsh", "tcp", 514], ["tftp", "udp", 69]] as const)
      for (const eth of ["IPv4", "IPv6"])
        b.add(T.secGroupRule, `${name}-${eth}`, { direction: "ingress", ethertype: eth, protocol, portRangeMin: port, portRangeMax: port, remoteGroupId: "sg-app-id", securityGroupId: "sg-app-id" }, [[T.secGroup, "sg-app"]]);
    const r = await evaluate(b.build(), goodInventory(), { evidence: goodEvidence() });
    expect(r.findings.filter((f) => f.control === "NET-05").map((f) => f.name).sort()).toEqual(["rsh-IPv4", "rsh-IPv6", "tftp-IPv4", "tftp-IPv6"]);
  });
});

describe("site scope", () => {
  it("per-site inventory checks judge only the stack's site", async () => {
    const { runPolicies } = await import("../../offline/policyRunner");
    const { goodInventoryInput } = await import("./fixtures/goodProvince");
    const input = goodInventoryInput() as Record<string, unknown> & { sites: Array<Record<string, unknown>>; racks: Array<Record<string, unknown>> };
    input.sites.push({ ...structuredClone(input.sites[0]), id: "na-dc2", role: "dr" });
    input.racks.push({ id: "r3", site: "na-dc2", row: "B", feeds: ["A"] });
    const inventory = goodInventory(input);
    const plan = goodPlanBuilder().build();
    const dc01 = async (site: string) => (await runPolicies(plan, { inputs: { inventory, evidence: goodEvidence(), asOf: "2026-10-15", site } })).findings.filter((f) => f.control === "DC-01").map((f) => f.subject);
    expect(await dc01("na-dc1")).toEqual([]);
    expect(await dc01("na-dc2")).toEqual(["rack/r3"]);
  });
});
