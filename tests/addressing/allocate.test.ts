import { allocateAddressPlan, anchorBlock, AddressLock, parsePrefix, Prefix } from "../../inventory/addressing";
import type { Problem } from "../../inventory/loader/types";
import { fakeSources } from "./fakeSources";
import { ModelSpec, buildInventory } from "./model";

const SITE = { id: "dc1", ipv4: ["10.16.0.0/16"], ipv6: ["2001:db8:100::/48"] };

function ok(spec: ModelSpec, lock?: AddressLock) {
  const r = allocateAddressPlan(buildInventory(spec), lock, fakeSources);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("\n"));
  return r;
}
function problems(spec: ModelSpec, lock?: AddressLock): Problem[] {
  const r = allocateAddressPlan(buildInventory(spec), lock, fakeSources);
  if (r.ok) throw new Error("expected problems");
  return r.problems;
}

describe("allocation of a small site, checked by hand", () => {
  // web: 100 hosts × 1.5 + 13 = 163 → /24; api: 20 × 1.5 + 13 = 43 → /26; zone: (256 + 64) × 2 = 640 → /22.
  const spec: ModelSpec = {
    sites: [SITE],
    zones: [{ id: "dmz", site: "dc1", vlans: [{ id: 10, name: "web", hosts: 100 }, { id: 11, name: "api", hosts: 20 }] }],
    uplinks: [["dc1", "inet"]],
    routers: [["dc1", "rtr1"]],
  };
  const { plan, lock } = ok(spec);
  const site = plan.sites[0];

  it("sizes and places zone, VLAN and infrastructure blocks largest first", () => {
    expect(site.zones).toEqual([{ site: "dc1", zone: "dmz", ipv4: "10.16.0.0/22", ipv6: "2001:db8:100::/56" }]);
    expect(site.infrastructure).toEqual({ ipv4: "10.16.4.0/24", ipv6: "2001:db8:100:100::/64" });
    expect(site.subnets.map((s) => [s.vlanName, s.ipv4.prefix, s.ipv6.prefix])).toEqual([
      ["web", "10.16.0.0/24", "2001:db8:100:1::/64"],
      ["api", "10.16.1.0/26", "2001:db8:100::/64"],
    ]);
    expect(site.links).toEqual([{ site: "dc1", id: "inet", ipv4: "10.16.4.0/31", ipv6: "2001:db8:100:100::/127" }]);
    expect(site.loopbacks).toEqual([{ site: "dc1", device: "rtr1", ipv4: "10.16.4.2/32", ipv6: "2001:db8:100:100::2/128" }]);
  });
  it("lays out gateway, reserved range and pool in each family", () => {
    const web = site.subnets[0];
    expect(web.ipv4).toEqual({ prefix: "10.16.0.0/24", gateway: "10.16.0.1", reserved: [{ start: "10.16.0.2", end: "10.16.0.11" }], pool: { start: "10.16.0.12", end: "10.16.0.254" } });
    expect(web.ipv6).toEqual({
      prefix: "2001:db8:100:1::/64",
      gateway: "2001:db8:100:1::1",
      reserved: [{ start: "2001:db8:100:1::2", end: "2001:db8:100:1::ff" }],
      pool: { start: "2001:db8:100:1::100", end: "2001:db8:100:1:ffff:ffff:ffff:ffff" },
    });
    expect(web.physnet).toBe("physnet1");
    expect(web.ipv6Mode).toBe("slaac");
  });
  it("pins every allocation in the lock by identity", () => {
    expect(Object.keys(lock.allocations).sort()).toEqual(["dc1/infrastructure", "dc1/link/inet", "dc1/loopback/rtr1", "dc1/vlan/dmz/api", "dc1/vlan/dmz/web", "dc1/zone/dmz"]);
    expect(lock.allocations["dc1/vlan/dmz/web"]).toEqual({ ipv4: "10.16.0.0/24", ipv6: "2001:db8:100:1::/64" });
  });
});

describe("explicit prefixes", () => {
  it("are kept, and a zone without its own prefix is anchored around its VLANs' explicit prefixes", () => {
    const { plan } = ok({
      sites: [SITE],
      zones: [{ id: "db", site: "dc1", vlans: [{ id: 30, name: "db", hosts: 10, prefix: { ipv4: "10.16.40.0/24", ipv6: "2001:db8:100:4a1::/64" } }, { id: 31, name: "rep", hosts: 10 }] }],
    });
    const s = plan.sites[0];
    // rep: 10 × 1.5 + 13 = 28 → /27; (256 + 32) × 2 → /22, aligned down around 10.16.40.0; IPv6 /56 around :4a1::.
    expect(s.zones[0]).toMatchObject({ ipv4: "10.16.40.0/22", ipv6: "2001:db8:100:400::/56" });
    expect(s.subnets[0].ipv4.prefix).toBe("10.16.40.0/24");
    expect(s.subnets[0].ipv6.prefix).toBe("2001:db8:100:4a1::/64");
    expect(s.subnets[1].ipv4.prefix).toBe("10.16.41.0/27");
    expect(s.subnets[1].ipv6.prefix).toBe("2001:db8:100:400::/64");
  });
  it("anchorBlock grows IPv6 blocks by whole nibbles until every prefix fits", () => {
    const pp = (t: string): Prefix => (parsePrefix(t) as { prefix: Prefix }).prefix;
    expect(anchorBlock([pp("2001:db8:100:1::/64"), pp("2001:db8:100:fff::/64")], 56).prefix.length).toBe(52);
    expect(anchorBlock([pp("10.0.0.0/24"), pp("10.0.3.0/24")], 23).prefix.length).toBe(22);
  });
  it("a TSLCD prefix inside the aggregate is never allocated", () => {
    const { plan } = ok({ sites: [{ ...SITE, tslcd: ["10.16.0.0/17"] }], zones: [{ id: "z", site: "dc1", vlans: [{ id: 1, name: "a", hosts: 10 }] }] });
    // The /24 infrastructure block is placed first (largest first), then the zone's /26 (16 + 13 = 29 → /27, ×2).
    expect(plan.sites[0].infrastructure?.ipv4).toBe("10.16.128.0/24");
    expect(plan.sites[0].zones[0].ipv4).toBe("10.16.129.0/26");
    const entry = { site: "dc1", purpose: "level-II VPN", carrier: "VNPT", reference: "VNPT-0", level: "II", holds: "province-agencies" };
    expect(plan.sites[0].tslcd).toEqual([
      { ...entry, prefix: "10.16.0.0/17" },
      { ...entry, prefix: "2001:db8:ff00::/48" },
    ]);
  });
});

describe("problems, each with its field and file", () => {
  const where = (p: Problem) => p.location?.file;
  it("reports exhaustion with the block, what was needed and what is free", () => {
    const ps = problems({ sites: [{ ...SITE, ipv4: ["10.16.0.0/24"] }], zones: [{ id: "big", site: "dc1", vlans: [{ id: 1, name: "a", hosts: 1000 }] }] });
    expect(ps).toHaveLength(1);
    expect(ps[0].message).toBe(
      'the IPv4 aggregates 10.16.0.0/24 of site "dc1" is exhausted: zone "big" at site "dc1" needs a /20 (4096 addresses); 256 addresses are free and the largest free block is a /24',
    );
    expect(where(ps[0])).toBe("inventory.yaml#zones.0");
  });
  it("reports an overlap naming both owners", () => {
    const ps = problems({
      sites: [SITE],
      zones: [{ id: "z", site: "dc1", prefix: { ipv4: "10.16.0.0/22" }, vlans: [{ id: 1, name: "a", hosts: 10, prefix: { ipv4: "10.16.0.0/24" } }, { id: 2, name: "b", hosts: 10, prefix: { ipv4: "10.16.0.128/25" } }] }],
    });
    expect(ps).toHaveLength(1);
    expect(ps[0].message).toBe('10.16.0.128/25 for VLAN "b" (2) of zone "z" at site "dc1" overlaps VLAN "a" (1) of zone "z" at site "dc1"');
    expect(where(ps[0])).toBe("inventory.yaml#zones.0.vlans.1.prefix.ipv4");
  });
  it("reports host bits, invalid text, mixed families and prefixes outside their parent all at once", () => {
    const ps = problems({
      sites: [SITE],
      zones: [
        { id: "a", site: "dc1", prefix: { ipv4: "10.16.4.5/22" }, vlans: [{ id: 1, name: "x", hosts: 1 }] },
        { id: "b", site: "dc1", vlans: [{ id: 2, name: "y", hosts: 1, prefix: { ipv4: "10.16.0/24" } }] },
        { id: "c", site: "dc1", prefix: { ipv4: "2001:db8:100::/56" }, vlans: [{ id: 3, name: "z", hosts: 1 }] },
        { id: "d", site: "dc1", prefix: { ipv4: "192.168.0.0/24" }, vlans: [{ id: 4, name: "w", hosts: 1 }] },
      ],
    });
    expect(ps.map((p) => [where(p), p.found])).toEqual([
      ["inventory.yaml#zones.0.prefix.ipv4", "10.16.4.5/22"],
      ["inventory.yaml#zones.2.prefix.ipv4", "2001:db8:100::/56"],
      ["inventory.yaml#zones.3.prefix.ipv4", "192.168.0.0/24"],
      ["inventory.yaml#zones.1.vlans.0.prefix.ipv4", "10.16.0/24"],
    ]);
    expect(ps[0].message).toContain("did you mean 10.16.4.0/22");
    expect(ps[1].message).toBe("expected an IPv4 prefix here, found an IPv6 one");
    expect(ps[3].message).toContain('"10.16.0" is not an IP address');
    expect(ps[2].message).toBe('192.168.0.0/24 for zone "d" at site "dc1" is outside the IPv4 aggregates 10.16.0.0/16 of site "dc1"');
  });
  it("reports an explicit prefix on a carrier's TSLCD prefix, and TSLCD text with host bits", () => {
    const ps = problems({ sites: [{ ...SITE, tslcd: ["10.16.8.0/24", "172.16.0.1/24"] }], zones: [{ id: "z", site: "dc1", prefix: { ipv4: "10.16.8.0/22" }, vlans: [{ id: 1, name: "a", hosts: 1 }] }] });
    expect(ps.map((p) => where(p))).toEqual(["inventory.yaml#sites.0.tslcd.1.prefix", "inventory.yaml#zones.0.prefix.ipv4"]);
    expect(ps[1].message).toBe('10.16.8.0/22 for zone "z" at site "dc1" overlaps TSLCD prefix 10.16.8.0/24 (VNPT-0)');
  });
  it("reports overlapping aggregates of two sites and a non-/64 VLAN IPv6 prefix", () => {
    const ps = problems({
      sites: [SITE, { id: "dc2", ipv4: ["10.16.128.0/17"], ipv6: ["2001:db8:200::/48"] }],
      zones: [{ id: "z", site: "dc1", vlans: [{ id: 1, name: "a", hosts: 1, prefix: { ipv6: "2001:db8:100::/60" } }] }],
    });
    expect(ps.map((p) => p.message)).toEqual([
      'IPv4 aggregate 10.16.128.0/17 of site "dc2" overlaps aggregate 10.16.0.0/16 of site "dc1"',
      '2001:db8:100::/60 for VLAN "a" (1) of zone "z" at site "dc1": a VLAN\'s IPv6 subnet must be a /64 (SLAAC and RFC 7421), found a /60',
    ]);
  });
});

describe("the lock", () => {
  const base: ModelSpec = { sites: [SITE], zones: [{ id: "z", site: "dc1", vlans: [{ id: 1, name: "a", hosts: 20 }, { id: 2, name: "b", hosts: 20 }] }] };
  it("keeps a locked block that has become too small as a precise problem, never a silent move", () => {
    const { lock } = ok(base);
    const grown: ModelSpec = { ...base, zones: [{ ...base.zones[0], vlans: [{ id: 1, name: "a", hosts: 60 }, { id: 2, name: "b", hosts: 20 }] }] };
    const ps = problems(grown, lock);
    expect(ps).toHaveLength(1);
    expect(ps[0].message).toBe(
      'VLAN "a" (1) of zone "z" at site "dc1" is locked at 10.16.1.0/26, which no longer fits: its pool holds 51 addresses after the gateway and reserved range, but the VLAN declares 60 hosts; delete the lock entry "dc1/vlan/z/a" to allocate a larger block (its addresses change)',
    );
    expect(ps[0].location?.file).toBe("inventory.yaml#zones.0.vlans.0");
  });
  it("frees a removed VLAN's block for the next new one and moves nothing else", () => {
    const { lock } = ok(base);
    const swapped: ModelSpec = { ...base, zones: [{ ...base.zones[0], vlans: [{ id: 2, name: "b", hosts: 20 }, { id: 3, name: "c", hosts: 20 }] }] };
    const after = ok(swapped, lock).lock.allocations;
    expect(after["dc1/vlan/z/b"]).toEqual(lock.allocations["dc1/vlan/z/b"]);
    expect(after["dc1/vlan/z/c"]).toEqual(lock.allocations["dc1/vlan/z/a"]);
    expect(after["dc1/vlan/z/a"]).toBeUndefined();
  });
  it("reports a locked zone that the aggregates no longer cover", () => {
    const { lock } = ok(base);
    const ps = problems({ ...base, sites: [{ ...SITE, ipv4: ["10.32.0.0/16"] }] }, lock);
    expect(ps.map((p) => p.message)).toEqual([
      'the infrastructure block (links, loopbacks) of site "dc1" is locked at 10.16.0.0/24, which is outside the IPv4 aggregates 10.32.0.0/16 of site "dc1"; restore the aggregate or delete the lock entry "dc1/infrastructure" to allocate it afresh',
      'zone "z" at site "dc1" is locked at 10.16.1.0/24, which is outside the IPv4 aggregates 10.32.0.0/16 of site "dc1"; restore the aggregate or delete the lock entry "dc1/zone/z" to allocate it afresh',
    ]);
  });
  it("reports a malformed lock entry and allocates afresh", () => {
    const ps = problems(base, { province: "na", allocations: { "dc1/vlan/z/a": { ipv4: "10.16.0.1/26" } } });
    expect(ps[0].message).toContain('lock entry "dc1/vlan/z/a" ipv4: host bits are set');
  });
});

describe("references", () => {
  it("reports a zone at an undeclared site", () => {
    const ps = problems({ sites: [SITE], zones: [{ id: "z", site: "dc9", vlans: [{ id: 1, name: "a", hosts: 1 }] }] });
    expect(ps.map((p) => [p.message, p.location?.file])).toEqual([['zone "z" refers to site "dc9", which is not declared', "inventory.yaml#zones.0.site"]]);
  });
});
