import { diffPlans, renderPlanDiff } from "../../offline/planDiff";
import type { Plan, PlannedResource } from "../../offline/planTypes";

const urn = (type: string, name: string): string => `urn:pulumi:s::hatang::${type}::${name}`;
function res(type: string, name: string, inputs: Record<string, unknown>): PlannedResource {
  return { urn: urn(type, name), type, name, custom: true, inputs, dependencies: [] };
}
const SUBNET = "openstack:networking/subnet:Subnet";
const RULE = "openstack:networking/secGroupRule:SecGroupRule";
const NET = "openstack:networking/network:Network";
const plan = (resources: PlannedResource[]): Plan => ({ project: "hatang", stack: "s", province: "na", resources });

describe("diffPlans", () => {
  const before = plan([
    res(NET, "n1", { name: "n1", mtu: 1500, segments: [{ segmentationId: 110 }] }),
    res(SUBNET, "s1", { cidr: "10.0.0.0/24", dnsNameservers: ["10.0.0.53"] }),
    res(RULE, "r1", { direction: "ingress", portRangeMin: 22 }),
    res(NET, "gone", { name: "gone" }),
  ]);
  const after = plan([
    res(NET, "n1", { name: "n1", mtu: 9000, segments: [{ segmentationId: 110 }] }),
    res(SUBNET, "s1", { cidr: "10.0.1.0/24", dnsNameservers: ["10.0.0.53"] }),
    res(RULE, "r1", { direction: "ingress", portRangeMin: 22 }),
    res(RULE, "r2", { direction: "egress" }),
  ]);
  const d = diffPlans(before, after);

  it("classifies every resource: add, remove, replace (a replace-only field changed) and update", () => {
    expect(d.changes.map((c) => `${c.kind} ${c.name}`)).toEqual(["add r2", "remove gone", "replace s1", "update n1"]);
    expect(d.counts).toEqual({ add: 1, remove: 1, replace: 1, update: 1 });
    expect(d.unchanged).toBe(1);
  });

  it("names the changed input fields with before and after", () => {
    expect(d.changes.find((c) => c.name === "n1")?.fields).toEqual([{ field: "mtu", before: 1500, after: 9000, replaces: false }]);
    expect(d.changes.find((c) => c.name === "s1")?.fields).toEqual([{ field: "cidr", before: "10.0.0.0/24", after: "10.0.1.0/24", replaces: true }]);
  });

  it("treats a changed segmentation id as a replacement and any rule change as one", () => {
    const seg = diffPlans(plan([res(NET, "n", { segments: [{ segmentationId: 1 }] })]), plan([res(NET, "n", { segments: [{ segmentationId: 2 }] })]));
    expect(seg.changes[0].kind).toBe("replace");
    const rule = diffPlans(plan([res(RULE, "r", { description: "a" })]), plan([res(RULE, "r", { description: "b" })]));
    expect(rule.changes[0].kind).toBe("replace");
  });

  it("renders a reviewer's Markdown", () => {
    const md = renderPlanDiff(d);
    expect(md).toContain("**1 to add, 1 to replace, 1 to update, 1 to remove**; 1 unchanged.");
    expect(md).toContain('- `+-` **replace** `openstack:networking/subnet:Subnet` `s1`');
    expect(md).toContain('  - `cidr` (forces replacement): "10.0.0.0/24" → "10.0.1.0/24"');
  });

  it("finds nothing between a plan and itself", () => {
    expect(diffPlans(after, after).changes).toEqual([]);
  });
});
