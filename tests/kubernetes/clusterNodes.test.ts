/**
 * The clusters the program builds: node VMs with fixed addresses unique over every host of the site
 * and inside their VLAN's pool, names from identities, server groups, the API VIP; the cluster's own
 * security groups from the port matrix (etcd only between control-plane nodes, the API only from the
 * management zone, automation hosts and the nodes); the bootstrap as parsed YAML. On both bundled
 * provinces and on synthetic ones; stability under adding and removing a pool (property).
 */
import * as path from "node:path";
import { Address4, Address6 } from "ip-address";
import fc from "fast-check";
import { parse, parseAllDocuments } from "yaml";
import { Inventory } from "../../inventory/model";
import { allocateAddressPlan } from "../../inventory/addressing";
import type { AddressPlan } from "../../inventory/addressing/types";
import { loadProvinceOnce } from "../../inventory/province/loadProvince";
import { syntheticProvince } from "../../inventory/synthetic/syntheticProvince";
import { compileSite, type CompiledSite } from "../../compilers/site";
import { clusterGroupKeys } from "../../compilers/kubernetes/clusterSecurityGroups";
import { JOIN_TOKEN_PLACEHOLDER, renderNodeUserData } from "../../compilers/kubernetes/nodeUserData";
import { smallProvinceInput } from "../fixtures/smallProvince";
import { slotDisplacement } from "../fixtures/hashSlots";

const ROOT = path.resolve(__dirname, "../..");
// Compiling whole provinces on a shared, loaded machine: generous, bounded.
jest.setTimeout(120_000);

function bundled(name: string): { inventory: Inventory; plan: AddressPlan } {
  const r = loadProvinceOnce(path.join(ROOT, "inventory/provinces", name), { asOf: "2026-05-01" });
  if (!r.ok) throw new Error(`${name} does not load`);
  return { inventory: r.province.inventory, plan: r.province.addressPlan };
}

function allocated(inventory: Inventory): { inventory: Inventory; plan: AddressPlan } {
  const r = allocateAddressPlan(inventory);
  if (!r.ok) throw new Error(JSON.stringify(r.problems.slice(0, 3)));
  return { inventory, plan: r.plan };
}

function compiled(p: { inventory: Inventory; plan: AddressPlan }): CompiledSite[] {
  return p.plan.sites.map((s) => compileSite(p.inventory, s, { province: p.plan }));
}

/** Integer of an address, by the library, not by the compiler's arithmetic. */
function big(a: string): bigint {
  return a.includes(":") ? new Address6(a).bigInt() : new Address4(a).bigInt();
}

/** Checks every invariant of one compiled site against the inventory and the plan, independently of the compiler. */
function checkSite(inv: Inventory, plan: AddressPlan, site: CompiledSite): void {
  const sitePlan = plan.sites.find((s) => s.site === site.site)!;
  expect(site.clusters.problems).toEqual([]);
  const built = inv.clusters.filter((c) => c.site === site.site && !c.external);
  expect(site.clusters.clusters.map((c) => c.cluster).sort()).toEqual(built.map((c) => c.id).sort());
  // Every host of the site (VM instances, nodes, VIPs): distinct IPv4, IPv6 and MAC.
  const hosts = [
    ...site.placements.instances.map((i) => ({ name: i.name, ipv4: i.ipv4, ipv6: i.ipv6, mac: i.mac, networkKey: i.networkKey })),
    ...site.clusters.clusters.flatMap((c) => [...c.nodes, ...(c.api.kind === "vip" ? [c.api.vip] : [])]),
  ];
  for (const k of ["ipv4", "ipv6", "mac", "name"] as const) expect(new Set(hosts.map((h) => h[k])).size).toBe(hosts.length);
  for (const c of site.clusters.clusters) {
    const model = built.find((b) => b.id === c.cluster)!;
    expect(c.nodes.filter((n) => n.role === "control-plane")).toHaveLength(model.controlPlane!.count);
    for (const p of model.nodePools) expect(c.nodes.filter((n) => n.pool === p.name)).toHaveLength(p.count);
    for (const n of [...c.nodes, ...(c.api.kind === "vip" ? [c.api.vip] : [])]) {
      const subnet = sitePlan.subnets.find((s) => `${s.zone}-${s.vlanName}` === n.networkKey)!;
      expect(subnet.zone).toBe(model.zone);
      expect(big(n.ipv4) >= big(subnet.ipv4.pool.start) && big(n.ipv4) <= big(subnet.ipv4.pool.end)).toBe(true);
      const v6 = new Address6(subnet.ipv6.prefix);
      expect(new Address6(n.ipv6).isInSubnet(v6)).toBe(true);
    }
    for (const n of c.nodes) {
      expect(n.name).toBe(`${site.site}-${c.cluster}-${n.pool}-${n.index}`);
      if (inv.security.approvedImages.length > 0) expect(inv.security.approvedImages).toContain(n.image);
      const group = c.serverGroups.find((g) => g.key === n.serverGroupKey)!;
      expect(group.policy).toBe("anti-affinity");
      if (n.role === "control-plane") expect(group.maxPerHost).toBeUndefined();
    }
    const keys = clusterGroupKeys(c.cluster);
    const cp = site.securityGroups.find((g) => g.key === keys.controlPlane)!;
    const nodesGroup = site.securityGroups.find((g) => g.key === keys.nodes)!;
    expect(cp && nodesGroup).toBeTruthy();
    const overlaps = (r: { portRangeMin?: number; portRangeMax?: number; protocol?: string }, lo: number, hi: number): boolean =>
      r.protocol === undefined || r.portRangeMin === undefined || (r.portRangeMin <= hi && (r.portRangeMax ?? r.portRangeMin) >= lo);
    // etcd: on the cluster's groups, only between control-plane nodes, in both families.
    for (const g of [cp, nodesGroup]) {
      for (const r of g.rules.filter((x) => x.direction === "ingress" && overlaps(x, 2379, 2380))) expect(r.remoteGroupKey).toBe(keys.controlPlane);
    }
    expect(cp.rules.filter((r) => r.direction === "ingress" && r.portRangeMin === 2379).map((r) => r.ethertype).sort()).toEqual(["IPv4", "IPv6"]);
    // The API: from the management zones' blocks, the automation hosts' groups and the cluster's nodes only.
    const mgmt = new Set(sitePlan.zones.filter((z) => inv.zones.some((m) => m.site === site.site && m.id === z.zone && m.kind === "management")).flatMap((z) => [z.ipv4, z.ipv6]));
    const automation = new Set(model.automationHosts.map((h) => `tier-${h.system}-${h.tier}`));
    const api = cp.rules.filter((r) => r.direction === "ingress" && overlaps(r, 6443, 6443));
    expect(api.length).toBeGreaterThan(0);
    for (const r of api) {
      const ok = r.remoteIpPrefix !== undefined ? mgmt.has(r.remoteIpPrefix) : r.remoteGroupKey === keys.nodes || automation.has(r.remoteGroupKey ?? "");
      expect({ rule: r, ok }).toEqual({ rule: r, ok: true });
    }
    // NodePorts only where allowed.
    const nodePortRules = nodesGroup.rules.filter((r) => r.portRangeMin === 30000);
    expect(nodePortRules.length > 0).toBe(model.nodePorts);
  }
}

describe("clusters on the bundled provinces", () => {
  for (const name of ["ninh-an", "vinh-lam"]) {
    it(`${name}: nodes, addresses, server groups, VIP and security groups hold every invariant`, () => {
      const p = bundled(name);
      const sites = compiled(p);
      expect(sites.some((s) => s.clusters.clusters.length > 0)).toBe(true);
      for (const s of sites) checkSite(p.inventory, p.plan, s);
    });
  }

  it("Ninh An's na1-k8s: 3 control-plane nodes, 12 workers, the VIP held by the control plane", () => {
    const p = bundled("ninh-an");
    const c = compiled(p).find((s) => s.site === "na-dc1")!.clusters.clusters[0];
    expect(c.nodes).toHaveLength(15);
    expect(c.api.kind).toBe("vip");
    if (c.api.kind !== "vip") return;
    for (const n of c.nodes.filter((x) => x.role === "control-plane")) expect(n.allowedAddresses).toEqual([c.api.vip.ipv4, c.api.vip.ipv6]);
    for (const n of c.nodes.filter((x) => x.role === "worker")) expect(n.allowedAddresses).toEqual([]);
    expect(c.serverGroups.find((g) => g.pool === "apps")?.maxPerHost).toBe(2);
  });
});

describe("clusters on synthetic provinces", () => {
  it("hold every invariant at every size", () => {
    for (const sizes of [{ sites: 1 }, { sites: 2, systems: 8 }, { sites: 3, systems: 12, vlans: 30 }]) {
      const p = allocated(syntheticProvince(sizes));
      for (const s of compiled(p)) checkSite(p.inventory, p.plan, s);
    }
  });
});

describe("stability", () => {
  /** The small fixture with extra pools (names drawn at random) on the cluster. */
  function withPools(pools: Array<{ name: string; count: number }>): Inventory {
    const input = smallProvinceInput() as { clusters: Array<{ nodePools: unknown[] }> };
    input.clusters[0].nodePools.push(...pools.map((p) => ({ ...p, flavor: "std.large" })));
    return Inventory.parse(input);
  }
  const poolName = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/).filter((n) => n !== "workers");

  it("adding or removing a pool renames no other node; a node at its own slot never moves, and one that moves only moves nearer it", () => {
    // Addresses are hashed into the VLAN's pool; two identities hashing to one slot make the later one
    // take the next free address. Removing hosts can therefore only pull a displaced host back towards
    // its own slot, and never moves a host that sits on it (the occupied slots of a subset of hosts are
    // a subset). That is the whole guarantee; pinning addresses in the lock file is what would remove it.
    let moved = 0;
    fc.assert(
      fc.property(fc.uniqueArray(fc.record({ name: poolName, count: fc.integer({ min: 1, max: 4 }) }), { selector: (p) => p.name, minLength: 1, maxLength: 4 }), fc.nat(), (pools, drop) => {
        const removed = pools[drop % pools.length];
        const a = compiled(allocated(withPools(pools)))[0];
        const pb = allocated(withPools(pools.filter((p) => p !== removed)));
        const b = compiled(pb)[0];
        const nodesA = new Map(a.clusters.clusters[0].nodes.map((n) => [n.key, n]));
        const nodesB = b.clusters.clusters[0].nodes;
        expect([...nodesA.values()].filter((n) => n.pool === removed.name)).toHaveLength(removed.count);
        const subnets = pb.plan.sites[0].subnets;
        for (const n of nodesB) {
          const before = nodesA.get(n.key)!;
          expect(before.name).toBe(n.name);
          expect(before.mac).toBe(n.mac);
          const pool = subnets.find((s) => `${s.zone}-${s.vlanName}` === n.networkKey)!.ipv4.pool;
          const dA = slotDisplacement(n.key, before.ipv4, pool);
          const dB = slotDisplacement(n.key, n.ipv4, pool);
          if (dA === 0n) expect(n.ipv4).toBe(before.ipv4);
          expect(dB <= dA).toBe(true);
          if (n.ipv4 !== before.ipv4) moved++;
        }
        // The cluster's rules do not depend on its pools: adding one renames no rule.
        const rules = (s: CompiledSite): string[] => s.securityGroups.filter((g) => g.key.startsWith("k8s-")).flatMap((g) => g.rules.map((r) => r.key)).sort();
        expect(rules(a)).toEqual(rules(b));
      }),
      // The case CI found (a removal pulled a displaced node back) is always checked.
      { numRuns: 15, examples: [[[{ name: "quyti", count: 3 }, { name: "g4x02", count: 3 }], 685995531]] },
    );
    // Collisions are rare in a /24 pool; say how many nodes this run saw move (not asserted: chance).
    console.log(`nodes moved nearer their own slot by a removal: ${moved}`);
  });
});

describe("bootstrap", () => {
  const p = bundled("ninh-an");
  const na1 = compiled(p).find((s) => s.site === "na-dc1")!.clusters.clusters[0];
  const services = { ntpServers: p.inventory.security.ntpServers, siemCollector: p.inventory.security.siemCollector };

  it("RKE2: every node's user-data is a cloud-config with the ranges, endpoint, labels, taints, NTP and logs; the token only as the placeholder", () => {
    for (const n of na1.nodes) {
      const text = renderNodeUserData(na1, n, services);
      expect(text.startsWith("#cloud-config\n")).toBe(true);
      const doc = parse(text) as { hostname: string; ntp: { servers: string[] }; write_files: Array<{ path: string; content: string }>; runcmd: string[][] };
      expect(doc.hostname).toBe(n.name);
      expect(doc.ntp.servers).toEqual(p.inventory.security.ntpServers);
      expect(doc.write_files.find((f) => f.path === "/etc/rsyslog.d/60-hatang-siem.conf")?.content).toContain(p.inventory.security.siemCollector);
      const cfg = parse(doc.write_files.find((f) => f.path === "/etc/rancher/rke2/config.yaml")!.content) as Record<string, unknown>;
      expect(cfg["token"]).toBe(JOIN_TOKEN_PLACEHOLDER);
      expect(cfg["node-ip"]).toBe(`${n.ipv4},${n.ipv6}`);
      expect(cfg["node-label"]).toContain(`hatang.vn/pool=${n.pool}`);
      for (const t of n.taints) expect(cfg["node-taint"]).toContain(`${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}`);
      if (n.role === "control-plane") {
        expect(cfg["cluster-cidr"]).toBe(`${na1.podRanges.ipv4},${na1.podRanges.ipv6}`);
        expect(cfg["service-cidr"]).toBe(`${na1.serviceRanges.ipv4},${na1.serviceRanges.ipv6}`);
        expect(cfg["secrets-encryption"]).toBe(true);
        const psa = parse(doc.write_files.find((f) => f.path === "/etc/rancher/rke2/pod-security.yaml")!.content) as { plugins: Array<{ configuration: { defaults: { enforce: string } } }> };
        expect(psa.plugins[0].configuration.defaults.enforce).toBe("restricted");
      }
      if (!(n.role === "control-plane" && n.index === 1)) expect(cfg["server"]).toBe(`https://${na1.apiAddress.ipv4}:9345`);
      else expect(cfg["server"]).toBeUndefined();
    }
  });

  it("kubeadm: init on the first control-plane node, join elsewhere, dual-stack networking", () => {
    const vl = bundled("vinh-lam");
    const c = compiled(vl).find((s) => s.site === "vl-dc1")!.clusters.clusters[0];
    expect(c.distribution).toBe("kubeadm");
    for (const n of c.nodes) {
      const doc = parse(renderNodeUserData(c, n, services)) as { write_files: Array<{ path: string; content: string }>; runcmd: string[][] };
      const docs = parseAllDocuments(doc.write_files.find((f) => f.path === "/etc/kubernetes/kubeadm.yaml")!.content).map((d) => d.toJS() as Record<string, unknown>);
      const kinds = docs.map((d) => d["kind"]);
      if (n.role === "control-plane" && n.index === 1) {
        expect(kinds).toEqual(["InitConfiguration", "ClusterConfiguration"]);
        const net = docs[1]["networking"] as { podSubnet: string; serviceSubnet: string };
        expect(net.podSubnet).toBe(`${c.podRanges.ipv4},${c.podRanges.ipv6}`);
        expect(net.serviceSubnet).toBe(`${c.serviceRanges.ipv4},${c.serviceRanges.ipv6}`);
        expect(docs[1]["controlPlaneEndpoint"]).toBe(`${c.apiAddress.ipv4}:6443`);
      } else {
        expect(kinds).toEqual(["JoinConfiguration"]);
        expect((docs[0]["discovery"] as { bootstrapToken: { apiServerEndpoint: string; token: string } }).bootstrapToken).toMatchObject({ apiServerEndpoint: `${c.apiAddress.ipv4}:6443`, token: JOIN_TOKEN_PLACEHOLDER });
        expect(Boolean(docs[0]["controlPlane"])).toBe(n.role === "control-plane");
      }
    }
  });
});
