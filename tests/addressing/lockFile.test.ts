import { parseLock, renderLock } from "../../inventory/addressing/lockFile";

describe("lock file", () => {
  it("renders sorted keys regardless of insertion order, byte for byte", () => {
    const a = renderLock({ province: "na", allocations: { "dc1/zone/z": { ipv6: "2001:db8::/56", ipv4: "10.0.0.0/24" }, "dc1/infrastructure": { ipv4: "10.0.1.0/24", ipv6: "2001:db8:0:100::/64" } } });
    const b = renderLock({ province: "na", allocations: { "dc1/infrastructure": { ipv6: "2001:db8:0:100::/64", ipv4: "10.0.1.0/24" }, "dc1/zone/z": { ipv4: "10.0.0.0/24", ipv6: "2001:db8::/56" } } });
    expect(a).toBe(b);
    expect(a.indexOf("dc1/infrastructure")).toBeLessThan(a.indexOf("dc1/zone/z"));
    expect(a.indexOf("ipv4: 10.0.0.0/24")).toBeLessThan(a.indexOf("ipv6: 2001:db8::/56"));
  });
  it("reports malformed content with the file and line", () => {
    const r = parseLock("version: 1\nprovince: na\nallocations:\n  dc1/zone/z:\n    ipv4: 10.0.0.0/24\n    colour: blue\n", "na/addressplan.lock.yaml");
    expect(r).toEqual({
      ok: false,
      problems: [{ location: { file: "na/addressplan.lock.yaml", line: 4, column: 3 }, path: ["allocations", "dc1/zone/z", "colour"], message: "expected only ipv4 and ipv6 prefix text", found: "blue" }],
    });
  });
  it("reports a wrong version and invalid YAML", () => {
    const v = parseLock("version: 2\nprovince: na\nallocations: {}\n", "l.yaml");
    expect(!v.ok && v.problems[0].message).toBe("expected lock format version 1");
    const y = parseLock("version: 1\nallocations: [\n", "l.yaml");
    expect(!y.ok && y.problems[0].message).toMatch(/^the lock file is not valid YAML/);
  });
});
