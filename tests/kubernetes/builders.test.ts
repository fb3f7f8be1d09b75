import { parseSiemCollector } from "../../compilers/kubernetes/logShipping";
import { policyPorts, prefixFamily } from "../../compilers/kubernetes/networkPolicies";
import { fillTemplate, offsiteSite, ttlFromDays } from "../../compilers/kubernetes/velero";
import { podLimit } from "../../compilers/kubernetes/quotas";
import { inventory } from "./fixture";

describe("parseSiemCollector", () => {
  it.each([
    ["10.0.0.5", { host: "10.0.0.5", port: 514, family: "ipv4" }],
    ["10.0.0.5:6514", { host: "10.0.0.5", port: 6514, family: "ipv4" }],
    ["[2001:db8::5]:6514", { host: "2001:db8::5", port: 6514, family: "ipv6" }],
    ["2001:db8::5", { host: "2001:db8::5", port: 514, family: "ipv6" }],
    ["tcp://siem.soc.ninhan.gov.vn:1514", { host: "siem.soc.ninhan.gov.vn", port: 1514 }],
  ])("reads %s", (text, collector) => {
    expect(parseSiemCollector(text)).toEqual({ ok: true, collector });
  });

  it("says what it expected", () => {
    expect(parseSiemCollector("10.0.0.5:99999")).toEqual({ ok: false, message: 'security.siemCollector: expected a port from 1 to 65535, found "99999"' });
    expect(parseSiemCollector("bad host!")).toEqual({ ok: false, message: 'security.siemCollector: expected host, host:port or [ipv6]:port, found "bad host!"' });
  });
});

describe("policyPorts", () => {
  it("maps protocols and ranges", () => {
    expect(policyPorts({ protocol: "tcp", portMin: 80, portMax: 80 })).toEqual({ ok: true, ports: [{ protocol: "TCP", port: 80 }] });
    expect(policyPorts({ protocol: "udp", portMin: 1000, portMax: 2000 })).toEqual({ ok: true, ports: [{ protocol: "UDP", port: 1000, endPort: 2000 }] });
    expect(policyPorts({ protocol: "tcp" })).toEqual({ ok: true, ports: [{ protocol: "TCP" }] });
    expect(policyPorts({ protocol: "any" })).toEqual({ ok: true });
    expect(policyPorts({ protocol: "icmp" }).ok).toBe(false);
    expect(prefixFamily("2001:db8::/32")).toBe("ipv6");
  });
});

describe("velero helpers", () => {
  it("writes TTLs the way Velero stores them", () => {
    expect(ttlFromDays(1)).toBe("24h0m0s");
    expect(ttlFromDays(365)).toBe("8760h0m0s");
  });

  it("sends off-site copies to the site of the other role", () => {
    const inv = inventory();
    expect(offsiteSite(inv, "hq")).toBe("dr");
    expect(offsiteSite(inv, "dr")).toBe("hq");
    expect(offsiteSite({ ...inv, sites: inv.sites.filter((s) => s.id === "hq") }, "hq")).toBeUndefined();
  });

  it("fills templates and leaves unknown placeholders visible", () => {
    expect(fillTemplate("https://s3.{zone}.{domain}/{x}", { zone: "backup", domain: "hq.example" })).toBe("https://s3.backup.hq.example/{x}");
  });
});

describe("podLimit", () => {
  it("scales with instances, floor 10", () => {
    const base = { name: "n", site: "hq", cluster: "k", system: "s", zone: "z", zoneKind: "dmz", enforce: "restricted" as const };
    expect(podLimit({ ...base, tiers: [] }, 4)).toBe(10);
    expect(podLimit({ ...base, tiers: [{ name: "a", instances: 3, publish: [] }, { name: "b", instances: 2, publish: [] }] }, 4)).toBe(20);
  });
});
