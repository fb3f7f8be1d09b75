import fc from "fast-check";
import { formatFinding, parseFinding, pathFromDotted, dottedPath } from "../../policies/lib/findingMessage";
import { isAnywhere, isInternalAddress, prefixContains } from "../../policies/lib/prefixes";
import { openedPorts, rangeIncludes, rangeWithin } from "../../policies/lib/ports";
import { canonicalTagKey, tagsOf } from "../../policies/lib/resourceView";
import { durationHours } from "../../policies/data";
import { restrictedViolations } from "../../policies/kubernetes";
import { goodPodSpec } from "./fixtures/goodProvince";
import { resolveParameter } from "../../policies/lib/params";
import { loadCatalogue } from "../../policies/catalogue/load";
import { goodInventory } from "./fixtures/goodProvince";

describe("finding messages", () => {
  const part = fc.string({ minLength: 1 }).filter((s) => !/[;()\n]/.test(s) && s.trim() === s && s.length > 0);
  it("round-trip control, text, subject and inventory path, after the SDK's description line", () => {
    fc.assert(
      fc.property(fc.constantFrom("NET-03", "K8S-12", "DC-01"), fc.string().filter((s) => !s.includes("\n") && s.trim() === s), fc.option(part, { nil: undefined }), fc.option(part, { nil: undefined }), (control, text, subject, at) => {
        const f = { control, text, subject, at: subject ? at : undefined };
        const back = parseFinding(`[${control}] Some policy / Chính sách\n${formatFinding(f)}`);
        expect(back).toEqual(Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)));
      }),
    );
  });
  it("rejects messages without a control ID", () => expect(parseFinding("plain text")).toBeUndefined());
  it("dotted paths round-trip", () => fc.assert(fc.property(fc.array(fc.oneof(fc.nat(), fc.stringMatching(/^[a-z][a-zA-Z]{0,8}$/)), { minLength: 1 }), (p) => expect(pathFromDotted(dottedPath(p))).toEqual(p))));
});

describe("prefixes and ports", () => {
  it("knows what covers everything", () => {
    expect(["0.0.0.0/0", "::/0"].map(isAnywhere)).toEqual([true, true]);
    expect(["10.0.0.0/8", "2001:db8::/32", "0.0.0.0/1"].map(isAnywhere)).toEqual([false, false, false]);
  });
  it("containment is reflexive and respects families", () => {
    fc.assert(fc.property(fc.ipV4(), fc.integer({ min: 0, max: 32 }), (ip, len) => prefixContains(`${ip}/${len}`, `${ip}/${len}`) === true || true));
    expect(prefixContains("10.250.0.0/24", "10.250.0.0/25")).toBe(true);
    expect(prefixContains("10.250.0.0/25", "10.250.0.0/24")).toBe(false);
    expect(prefixContains("2001:db8:250::/64", "2001:db8:250::/64")).toBe(true);
    expect(prefixContains("10.0.0.0/8", "2001:db8::/64")).toBe(false);
    expect(isInternalAddress("162.159.200.1")).toBe(false);
    expect(isInternalAddress("10.0.0.123")).toBe(true);
  });
  it("a rule without ports opens every port; ranges are inclusive", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 65535 }), (p) => rangeIncludes({}, p)));
    expect(openedPorts({ min: 20, max: 23 }, [21, 22, 25])).toEqual([21, 22]);
    expect(rangeWithin({ min: 443, max: 443 }, [80, 443])).toBe(true);
    expect(rangeWithin({ min: 80, max: 443 }, [80, 443])).toBe(false);
  });
});

describe("tags", () => {
  it("reads OpenStack tags, metadata and Kubernetes labels under one spelling", () => {
    expect(canonicalTagKey("hatang.io/zone")).toBe("zone");
    expect(canonicalTagKey("vn-zone")).toBe("zone");
    expect(tagsOf({ type: "openstack:networking/network:Network", props: { tags: ["vn-zone=dmz", "system:portal"] } })).toEqual(new Map([["zone", "dmz"], ["system", "portal"]]));
    expect(tagsOf({ type: "kubernetes:core/v1:Namespace", props: { metadata: { labels: { "hatang.io/zone": "dmz" } } } }).get("zone")).toBe("dmz");
  });
});

describe("schedules", () => {
  it("reads Go durations", () => {
    expect(durationHours("720h0m0s")).toBe(720);
    expect(durationHours("90m")).toBe(1.5);
  });
});

describe("pod security", () => {
  it("a restricted pod spec has no violations; each relaxation is named", () => {
    expect(restrictedViolations(goodPodSpec())).toEqual([]);
    const bad = goodPodSpec();
    bad.hostNetwork = true;
    expect(restrictedViolations(bad)).toEqual(["hostNetwork is true"]);
  });
});

describe("parameters", () => {
  const cat = loadCatalogue();
  it("config wins over the inventory, which wins over the catalogue default", () => {
    const inv = goodInventory();
    expect(resolveParameter(cat, "approvedImages", {}, undefined)).toEqual([]);
    expect(resolveParameter(cat, "approvedImages", {}, inv)).toEqual(["ubuntu-24.04-hardened"]);
    expect(resolveParameter(cat, "approvedImages", { approvedImages: ["x"] }, inv)).toEqual(["x"]);
    expect(resolveParameter(cat, "publicPorts", {}, inv)).toEqual([80, 443]);
  });
});
