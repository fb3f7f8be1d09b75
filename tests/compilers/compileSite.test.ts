import fc from "fast-check";
import { Inventory } from "../../inventory/model";
import { allocateAddressPlan, internetPrefixes, overlaps, parsePrefix } from "../../inventory/addressing";
import type { AddressPlan } from "../../inventory/addressing/types";
import { compileSite, type CompiledSite } from "../../compilers/site";
import { smallProvince, smallProvinceInput } from "../fixtures/smallProvince";
import { seedArb, shuffleDeep } from "../fixtures/shuffle";

function planOf(inv: Inventory): AddressPlan {
  const r = allocateAddressPlan(inv);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.plan;
}

function overlapsText(a: string, b: string): boolean {
  const x = parsePrefix(a);
  const y = parsePrefix(b);
  return x.ok && y.ok && overlaps(x.prefix, y.prefix);
}

function compileSmall(input = smallProvinceInput()): CompiledSite {
  const inv = Inventory.parse(input);
  const plan = planOf(inv);
  return compileSite(inv, plan.sites[0], { province: plan });
}

describe("compileSite on the small province", () => {
  const c = compileSmall();
  const rules = c.securityGroups.flatMap((g) => g.rules.map((r) => ({ ...r, group: g.key })));

  it("gives every IPv4 rule an IPv6 twin in the same group, direction, protocol and ports", () => {
    const shape = (r: (typeof rules)[number]): string =>
      [r.group, r.direction, r.protocol === "ipv6-icmp" ? "icmp" : r.protocol, r.portRangeMin, r.portRangeMax, r.remoteGroupKey ?? (r.remoteIpPrefix ? "prefix" : "")].join("|");
    const v4 = rules.filter((r) => r.ethertype === "IPv4").map(shape).sort();
    const v6 = new Set(rules.filter((r) => r.ethertype === "IPv6").map(shape));
    expect(v4.length).toBeGreaterThanOrEqual(10);
    for (const s of v4) expect(v6).toContain(s);
  });

  it("never opens 0.0.0.0/0 or ::/0, and opens the Internet (outside the province) only as ingress to the published DMZ port", () => {
    expect(rules.filter((r) => r.remoteIpPrefix === "0.0.0.0/0" || r.remoteIpPrefix === "::/0")).toEqual([]);
    const inet = internetPrefixes(planOf(Inventory.parse(smallProvinceInput())));
    const fromInternet = rules.filter((r) => r.remoteIpPrefix !== undefined && [...inet.ipv4, ...inet.ipv6].includes(r.remoteIpPrefix));
    expect([...new Set(fromInternet.map((r) => `${r.group} ${r.direction} ${r.protocol}/${r.portRangeMin} ${r.ethertype}`))].sort()).toEqual([
      "tier-portal-web ingress tcp/443 IPv4",
      "tier-portal-web ingress tcp/443 IPv6",
    ]);
    // Every Internet prefix, and nothing of the province's own space.
    const v4 = fromInternet.filter((r) => r.ethertype === "IPv4").map((r) => r.remoteIpPrefix).sort();
    expect(v4).toEqual([...inet.ipv4].sort());
    for (const p of v4) expect(["10.16.0.0/14", "10.250.1.0/24"].some((own) => overlapsText(p as string, own))).toBe(false);
  });

  it("uses remote groups for flows inside one system and prefixes across systems", () => {
    const webToApp = rules.filter((r) => r.flows.includes("portal-web-to-app"));
    expect(webToApp.every((r) => r.remoteGroupKey !== undefined && r.remoteIpPrefix === undefined)).toBe(true);
    const iocToApp = rules.filter((r) => r.flows.includes("ioc-to-portal-app") && r.group === "tier-portal-app");
    expect(iocToApp.map((r) => r.remoteIpPrefix).every((p) => typeof p === "string" && p.includes("/"))).toBe(true);
  });

  it("never writes a 1-65535 port range and never writes protocol icmp with IPv6", () => {
    expect(rules.some((r) => r.portRangeMin === 1 && r.portRangeMax === 65535)).toBe(false);
    expect(rules.filter((r) => r.ethertype === "IPv6").some((r) => r.protocol === "icmp")).toBe(false);
    expect(rules.filter((r) => r.ethertype === "IPv6" && r.flows.includes("mgmt-ssh")).map((r) => r.protocol)).toContain("ipv6-icmp");
  });

  it("gives container tiers no Neutron group: they get NetworkPolicies", () => {
    expect(c.securityGroups.map((g) => g.key)).not.toContain("tier-ioc-api");
    expect(c.securityGroups.map((g) => g.key)).toEqual(expect.arrayContaining(["zone-app", "zone-db", "zone-dmz", "zone-k8s", "zone-mgmt", "tier-portal-web"]));
  });

  it("merges identical rules from two flows into one rule naming both", () => {
    const input = smallProvinceInput();
    (input.flows as unknown[]).push({ name: "mgmt-ssh-again", from: { zone: "mgmt" }, to: { zone: "app" }, services: ["ssh"], justification: "twice" });
    const again = compileSmall(input).securityGroups.flatMap((g) => g.rules);
    expect(again.length).toBe(c.securityGroups.flatMap((g) => g.rules).length);
    expect(again.filter((r) => r.flows.includes("mgmt-ssh-again")).every((r) => r.flows.includes("mgmt-ssh"))).toBe(true);
  });

  it("makes SLAAC subnets /64, sets Neutron's RA mode (equal to the address mode) only where its router is the gateway, and keeps the model's VLAN ids", () => {
    for (const n of c.networks) {
      expect(n.ipv6.ipv6AddressMode).toBeDefined();
      expect(n.ipv6.ipv6RaMode).toBe(n.routed ? n.ipv6.ipv6AddressMode : undefined);
      if (n.ipv6.ipv6AddressMode === "slaac") expect(n.ipv6.cidr.endsWith("/64")).toBe(true);
    }
    expect(c.networks.map((n) => n.vlanId).sort()).toEqual([110, 120, 130, 140, 150]);
  });

  it("places instances on distinct addresses inside their pools, with fixed IPv6 only on stateful subnets", () => {
    const ips = c.placements.instances.map((i) => i.ipv4);
    expect(new Set(ips).size).toBe(ips.length);
    const db = c.placements.instances.filter((i) => i.tier === "db");
    expect(db.every((i) => i.ipv6Fixed)).toBe(true);
    // SLAAC: the address is the fixed MAC's EUI-64 one, not requested as a fixed IP.
    const web = c.placements.instances.filter((i) => i.tier === "web");
    expect(web.every((i) => !i.ipv6Fixed && /:f816:3eff:fe/.test(i.ipv6))).toBe(true);
    expect(c.placements.serverGroups.map((g) => g.key)).toEqual(["portal-app", "portal-db", "portal-web"]);
  });

  it("shares each network only with the projects that have instances on it", () => {
    expect(c.tenancy.shares.map((s) => s.key)).toEqual(["app-app-to-system-portal", "db-db-to-system-portal", "dmz-dmz-web-to-system-portal"]);
    expect(c.tenancy.projects.find((p) => p.key === "system-portal")?.parentKey).toBe("agency-vpubnd");
  });

  it("compiles to the same result whatever the order of every list in the inventory", () => {
    const base = JSON.stringify(c);
    fc.assert(
      fc.property(seedArb, (seed) => {
        const shuffled = shuffleDeep(smallProvinceInput(), seed) as Record<string, unknown>;
        // A boolean, so a failure prints the seed rather than two pages of JSON.
        expect(JSON.stringify(compileSmall(shuffled)) === base).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it("raises the deployer's Neutron quota above everything its project will hold, Neutron's default rules included", () => {
    const q = c.deployerQuota;
    const groups = c.securityGroups.length;
    const rules = c.securityGroups.reduce((n, g) => n + g.rules.length, 0);
    expect(q.securityGroup).toBeGreaterThan(groups + 1);
    expect(q.securityGroupRule).toBeGreaterThanOrEqual(rules + 2 * (groups + 1));
    expect(q.rbacPolicy).toBeGreaterThanOrEqual(c.tenancy.shares.length);
    expect(q.network).toBeGreaterThanOrEqual(c.networks.length);
    expect(q.subnet).toBeGreaterThanOrEqual(2 * c.networks.length);
    expect(q.port).toBeGreaterThanOrEqual(2 * c.networks.filter((n) => n.routed).length);
  });

  it("is the same inventory the fixture says it is", () => {
    expect(smallProvince().systems.map((s) => s.id)).toEqual(["portal", "ioc"]);
  });
});
