/**
 * Conformance replay of the example province's REAL plans (both sites, generated here by the offline
 * planner) against the real Keystone + Neutron: every identity and networking resource must be
 * accepted, every other one listed as not replayed with its reason; our pre-flight finds nothing; and
 * the as-built read-back finds zero drift, then exactly the two drifts made through the API.
 *
 * The two sites are two clouds in reality and reuse VLAN ids (physnet-dc 800 at both) and the one
 * flat physnet-ext, so they cannot share one Neutron: each site is replayed, checked and removed
 * before the next one, and each site first clears every site's leftovers (by tag, then by name), so
 * one site's failed run cannot break the other's.
 *
 * Every site is replayed through a proxy in front of Neutron that loses the reply of chosen requests
 * after the server carried them out (timeouts and connection resets; single and bulk creates, a
 * router interface): the replay must converge with zero duplicates and zero drift.
 */
import { Address6 } from "ip-address";
import { OpenStackClient } from "../../clients/openstack/client";
import { Keystone } from "../../clients/openstack/keystone";
import { Neutron } from "../../clients/openstack/neutron";
import { expectedModel } from "../../asbuilt/expected";
import { siteVlanRanges } from "../../asbuilt/ml2Physnets";
import { preflight } from "../../asbuilt/preflight";
import { readAsBuilt } from "../../asbuilt/readback";
import { reconcile } from "../../asbuilt/reconcile";
import { replayPlan, undoReplay, type ReplayReport } from "../../asbuilt/replay";
import { provideSiteExternals, removeSiteExternals, siteExternalConfig, unresolvedRefs, type SiteExternals } from "../../asbuilt/siteCloud";
import { loadInventory } from "../../inventory/loader";
import { readStackConfig } from "../../offline/stackConfig";
import { DEPLOYER_PROJECT_REF, type Plan } from "../../offline/planTypes";
import { stackTag } from "../../asbuilt/stackTag";
import { FAULT_TIMEOUT_MS, localClient, localCloud, STEP_TIMEOUT_MS } from "./support/cloud";
import { startFaultProxy, type ArmedFault, type FaultProxy } from "./support/faultProxy";
import { clearLeftovers, plannedNames } from "./support/leftovers";
import { planStacks, subnetsWithoutPorts } from "./support/realPlan";

const ROOT = `${__dirname}/../..`;
const STACKS = ["na-dc1", "na-dc2"] as const;
/** Replay, clean-up and read-back of ~1,000 objects on a loaded 2-core machine (configurable). */
const SLOW = STEP_TIMEOUT_MS;
const REPLAYED = /^openstack:(identity|networking)\//;

/** The reason a resource of another service must carry, by what it is. */
function expectedReason(type: string, custom: boolean): RegExp {
  if (!custom) return /component resource/;
  if (type.startsWith("pulumi:providers:")) return /Pulumi provider resource/;
  if (type.startsWith("kubernetes:")) return /kubernetes resource: not an OpenStack service/;
  // A built cluster's kubeconfig is read from its first control-plane node over SSH.
  if (type.startsWith("command:")) return /command resource: not an OpenStack service/;
  if (type.startsWith("openstack:compute/")) return /Nova/;
  if (type.startsWith("openstack:blockstorage/")) return /Cinder/;
  if (type.startsWith("openstack:objectstorage/")) return /Swift/;
  if (type.startsWith("openstack:firewall/") || type === "pulumi-nodejs:dynamic/hatang:FirewallQuota") return /FWaaS is not packaged/;
  if (type.startsWith("openstack:loadbalancer/")) return /Octavia/;
  return /^$/; // anything else must not be skipped: fails with the type in the diff
}

let plans: Record<string, Plan>;
let client: OpenStackClient;

/** The external (transit) network's name of each site, as provideSiteExternals names it. */
const externalNames = (): string[] => STACKS.map((s) => `hatang-transit-${s}`);
/** Every site's leftovers, whichever site or step left them (see support/leftovers). */
const clearAll = (): Promise<string[]> => clearLeftovers(client, STACKS.map((s) => plans[s] as Plan), externalNames());

beforeAll(async () => {
  [plans, client] = await Promise.all([planStacks(STACKS), localClient()]);
}, SLOW);

/**
 * The faults, per site: each loses the reply of the first request of its kind after Neutron carried it
 * out. Timeouts and resets at both sites, on single creates (routers, ports, groups), bulk creates
 * (subnets, rules) and a router interface (a PUT the client retries: the second finds it there).
 */
const FAULTS: Record<(typeof STACKS)[number], readonly ArmedFault[]> = {
  "na-dc1": [
    { fault: "timeout", method: "POST", path: /^\/v2\.0\/ports$/ },
    { fault: "reset", method: "POST", path: /^\/v2\.0\/subnets$/ },
    { fault: "reset", method: "POST", path: /^\/v2\.0\/security_groups$/ },
  ],
  "na-dc2": [
    { fault: "timeout", method: "POST", path: /^\/v2\.0\/security_group_rules$/ },
    { fault: "reset", method: "POST", path: /^\/v2\.0\/routers$/ },
    { fault: "reset", method: "PUT", path: /^\/v2\.0\/routers\/[^/]+\/add_router_interface$/ },
  ],
};

/** Ids of what the server created for a request whose reply the proxy lost. */
function createdIds(body: unknown): string[] {
  if (!body || typeof body !== "object") return [];
  const b = body as Record<string, unknown>;
  if (typeof b.port_id === "string") return [b.port_id]; // router interface
  return Object.values(b).flatMap((v) => (Array.isArray(v) ? v : [v])).flatMap((o) => (o && typeof o === "object" && typeof (o as { id?: unknown }).id === "string" ? [(o as { id: string }).id] : []));
}

describe.each(STACKS)("the real plan of %s, replayed through a proxy that loses replies (timeouts, resets) after Neutron acted", (stack) => {
  let plan: Plan;
  let ext: SiteExternals | undefined;
  let proxy: FaultProxy | undefined;
  let report: ReplayReport | undefined;
  // If this step times out on a slow machine, the replay must not go on creating behind the clean-up:
  // afterAll cancels it and waits for the requests in flight before deleting anything.
  const cancel = new AbortController();
  let replaying: Promise<ReplayReport> | undefined;

  beforeAll(async () => {
    plan = plans[stack] as Plan;
    const cidr = stack === "na-dc1" ? "203.0.113.0/24" : "198.51.100.0/24";
    // Whatever an earlier, failed run of any site left (by tag, then by name) goes first.
    expect(await clearAll()).toEqual([]);
    ext = await provideSiteExternals(client, { ...siteExternalConfig(readStackConfig(ROOT, stack).config), stack }, cidr);
    const cloud = localCloud();
    proxy = await startFaultProxy(cloud.neutronUrl, FAULTS[stack]);
    const faulty = await OpenStackClient.connect({ credentials: cloud, concurrency: 16, timeoutMs: FAULT_TIMEOUT_MS, endpointOverrides: { network: proxy.url } });
    replaying = replayPlan(plan, { client: faulty, externals: ext.externals, signal: cancel.signal });
    report = await replaying;
  }, SLOW);

  afterAll(async () => {
    cancel.abort();
    report ??= await replaying?.catch(() => undefined);
    await proxy?.close();
    // By tag and by name, not by the report: a replay that failed half-way leaves no report to undo,
    // and an object whose create was lost and never adopted carries no tag.
    const undo = report ? await undoReplay(client, report) : [];
    const rest = await clearAll();
    if (ext) await removeSiteExternals(client, ext).catch(() => undefined);
    expect({ undo, rest }).toEqual({ undo: [], rest: [] });
  }, SLOW);

  it("passes our pre-flight against the site's VLAN plan from the inventory", () => {
    const inv = loadInventory("inventory/provinces/ninh-an");
    if (!inv.ok) throw new Error("example inventory does not load");
    const site = inv.inventory.sites.find((s) => s.id === stack);
    expect(site).toBeDefined();
    expect(preflight(plan, siteVlanRanges(site!))).toEqual([]);
  });

  it("refers outside itself only to what the site's config provides", () => {
    expect(unresolvedRefs(plan).filter((r) => !(r in (ext?.externals ?? {})))).toEqual([]);
  });

  it("is accepted by the real Keystone and Neutron: every identity and networking resource", () => {
    expect(report!.failed).toEqual([]);
    const wanted = plan.resources.filter((r) => r.custom && REPLAYED.test(r.type)).map((r) => r.urn).sort();
    expect(report!.replayed.map((r) => r.urn).sort()).toEqual(wanted);
    // Every kind the issue names is really in the plan (a plan that lost them would pass vacuously).
    const kinds = new Set(report!.replayed.map((r) => r.type.split(":")[2]));
    for (const k of ["Project", "GroupV3", "RoleAssignment", "QuotaV2", "Network", "Subnet", "SecGroup", "SecGroupRule", "Port", "RbacPolicyV2"]) expect(kinds).toContain(k);
    // A router only where a zone has a virtual firewall, with interfaces in that zone alone; never a floating IP.
    const zonesWithRouter = plan.resources.filter((r) => r.type === "hatang:network:ZoneRouter").length;
    if (zonesWithRouter > 0) for (const k of ["Router", "RouterInterface"]) expect(kinds).toContain(k);
    expect(kinds.has("FloatingIp")).toBe(false);
  });

  it("lists every other resource as not replayed, with the reason", () => {
    const all = plan.resources.map((r) => r.urn).sort();
    expect([...report!.replayed.map((r) => r.urn), ...report!.notReplayed.map((n) => n.urn)].sort()).toEqual(all);
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    for (const n of report!.notReplayed) {
      const r = byUrn.get(n.urn)!;
      expect({ type: n.type, reason: n.reason }).toEqual({ type: n.type, reason: expect.stringMatching(expectedReason(r.type, r.custom)) });
    }
  });

  it("created what the plan says: VLAN segments, SLAAC subnets, fixed addresses, parents, grants, quotas, sharing", async () => {
    const neutron = new Neutron(client);
    const keystone = new Keystone(client);
    const inputsOf = (type: string): Array<Record<string, unknown>> => plan.resources.filter((r) => r.type === type).map((r) => r.inputs);
    const planned = inputsOf("openstack:networking/network:Network").map((n) => ({ name: n.name, seg: (n.segments as Array<Record<string, unknown>>)[0] }));
    // The transit network is the config's, not the plan's.
    const live = (await neutron.list("networks", { tags: `site:${stack}` })).filter((n) => n.id !== ext!.networkId);
    expect(live.map((n) => ({ name: n.name, seg: { networkType: n["provider:network_type"], physicalNetwork: n["provider:physical_network"], segmentationId: n["provider:segmentation_id"] } })).sort((a, b) => a.name.localeCompare(b.name)))
      .toEqual(planned.sort((a, b) => String(a.name).localeCompare(String(b.name))));

    const port = inputsOf("openstack:networking/port:Port").find((p) => (p.fixedIps as Array<Record<string, unknown>>)[0]?.ipAddress)!;
    const [livePort] = await neutron.list("ports", { name: String(port.name) });
    expect(livePort?.fixed_ips.map((f) => f.ip_address)).toContain((port.fixedIps as Array<Record<string, unknown>>)[0]!.ipAddress);

    const child = inputsOf("openstack:identity/project:Project").find((p) => p.parentId)!;
    const [liveChild] = await keystone.listProjects({ name: String(child.name) });
    const [liveParent] = await keystone.listProjects({ name: String(child.parentId).split("::")[1] });
    expect(liveChild?.parent_id).toBe(liveParent?.id);

    const quotas = plan.resources.filter((r) => r.type === "openstack:networking/quotaV2:QuotaV2");
    const quota = quotas.find((r) => String(r.inputs.projectId).startsWith("id-of:openstack:identity/project:Project::"))!;
    const quotaProject = report!.replayed.find((r) => r.name === String(quota.inputs.projectId).split("::")[1])!;
    expect(await neutron.getQuota(quotaProject.id)).toMatchObject({ port: quota.inputs.port, security_group_rule: quota.inputs.securityGroupRule, floatingip: quota.inputs.floatingip });
    // The deployer's own quota lands on the project the admin credentials work in.
    const deployer = quotas.find((r) => r.inputs.projectId === DEPLOYER_PROJECT_REF)!;
    expect(await neutron.getQuota(client.projectId!)).toMatchObject({ security_group_rule: deployer.inputs.securityGroupRule, rbac_policy: deployer.inputs.rbacPolicy });

    expect(await neutron.list("floatingips", { tags: `site:${stack}` })).toEqual([]);
    // Fixed MAC addresses (the hosts' SLAAC addresses derive from them).
    const livePorts = new Map((await neutron.list("ports", { tags: `site:${stack}` })).map((p) => [p.name, p.mac_address]));
    const macs = inputsOf("openstack:networking/port:Port").map((p) => [p.name, p.macAddress]);
    expect(macs.length).toBeGreaterThan(0);
    expect(macs.map(([n]) => [n, livePorts.get(String(n))])).toEqual(macs);
    // Zone routers: an uplink on the external (transit) network, no SNAT.
    const routers = await neutron.list("routers", { tags: `site:${stack}` });
    expect(routers.map((r) => ({ name: r.name, net: r.external_gateway_info?.network_id, snat: r.external_gateway_info?.enable_snat })).sort((a, b) => a.name.localeCompare(b.name)))
      .toEqual(inputsOf("openstack:networking/router:Router").map((r) => ({ name: r.name, net: ext!.networkId, snat: false })).sort((a, b) => String(a.name).localeCompare(String(b.name))));
  });

  it("created every cluster's networking in Neutron: node and API VIP ports with their fixed addresses, the cluster's groups and rules, read back without drift", async () => {
    const neutron = new Neutron(client);
    const inv = loadInventory("inventory/provinces/ninh-an");
    if (!inv.ok) throw new Error("example inventory does not load");
    const built = inv.inventory.clusters.filter((c) => c.site === stack && !c.external);
    expect(built.length).toBeGreaterThan(0);
    const expected = expectedModel(plan, ext!.externals);
    const live = await readAsBuilt(client, { stack, externals: ext!.externals });
    for (const c of built) {
      // From the model, not from the compiler: control-plane nodes, every pool's nodes, the VIP unless a load balancer fronts the API.
      const nodeCount = (c.controlPlane?.count ?? 0) + c.nodePools.reduce((n, p) => n + p.count, 0);
      const ports = plan.resources.filter((r) => r.type === "openstack:networking/port:Port" && (r.inputs.tags as string[]).includes(`cluster:${c.id}`));
      const nodePorts = ports.filter((p) => (p.inputs.tags as string[]).some((t) => t.startsWith("node:")));
      const vipPorts = ports.filter((p) => (p.inputs.tags as string[]).includes("role:api-vip"));
      expect({ cluster: c.id, nodes: nodePorts.length, vips: vipPorts.length }).toEqual({ cluster: c.id, nodes: nodeCount, vips: c.apiEndpoint.loadBalancer === undefined ? 1 : 0 });
      const groups = plan.resources.filter((r) => r.type === "openstack:networking/secGroup:SecGroup" && String(r.inputs.description).startsWith(`cluster ${c.id}:`));
      expect(groups.length).toBe(2);
      const groupNames = new Set(groups.map((g) => String(g.inputs.name)));
      const rules = plan.resources.filter((r) => r.type === "openstack:networking/secGroupRule:SecGroupRule" && groupNames.has(String(r.inputs.securityGroupId).split("::").pop() ?? ""));
      // etcd between control-plane nodes, in both families, among them.
      expect(rules.filter((r) => r.inputs.portRangeMin === 2379 && r.inputs.portRangeMax === 2380).length).toBeGreaterThanOrEqual(4);

      const liveSubnets = new Map((await neutron.list("subnets", { tags: `site:${stack}` })).map((sn) => [sn.id, sn]));
      const liveGroups = new Map((await neutron.list("security_groups", { tags: `site:${stack}` })).map((g) => [g.id, g.name]));
      for (const p of ports) {
        const name = String(p.inputs.name);
        const found = await neutron.list("ports", { name });
        expect({ name, count: found.length }).toEqual({ name, count: 1 });
        const lp = found[0]!;
        const planned = p.inputs.fixedIps as Array<{ ipAddress?: string }>;
        const addresses = lp.fixed_ips.map((f) => f.ip_address);
        // Every fixed address the plan names (IPv4 always; IPv6 where the subnet is stateful).
        for (const a of planned.flatMap((f) => (f.ipAddress ? [f.ipAddress] : []))) expect({ name, addresses }).toEqual({ name, addresses: expect.arrayContaining([a]) });
        // On a SLAAC subnet Neutron derives the IPv6 address from the fixed MAC (EUI-64): computed here, not by the compiler.
        for (const f of lp.fixed_ips.filter((x) => x.ip_address.includes(":"))) {
          const sn = liveSubnets.get(f.subnet_id);
          if (sn?.ipv6_address_mode === "slaac") expect({ name, ipv6: canonical6(f.ip_address) }).toEqual({ name, ipv6: eui64(String(sn.cidr), String(p.inputs.macAddress)) });
        }
        expect({ name, v4: addresses.filter((a) => !a.includes(":")).length, v6: addresses.filter((a) => a.includes(":")).length }).toEqual({ name, v4: 1, v6: 1 });
        expect({ name, mac: lp.mac_address }).toEqual({ name, mac: p.inputs.macAddress });
        expect({ name, groups: lp.security_groups.map((id) => liveGroups.get(id)).sort() }).toEqual({ name, groups: (p.inputs.securityGroupIds as string[]).map((ref) => ref.split("::").pop()).sort() });
      }
      // The read-back of exactly these objects matches the plan field by field.
      const ours = (m: typeof expected): typeof expected => ({
        ...m,
        objects: m.objects.filter((o) => (o.kind === "port" && ports.some((p) => o.key === `port/${String(p.inputs.name)}`)) || (o.kind === "securityGroup" && groupNames.has(o.key.split("/")[1]!)) || (o.kind === "securityGroupRule" && groupNames.has(o.key.split("/")[2]!))),
      });
      const want = ours(expected);
      expect(want.objects.filter((o) => o.kind === "securityGroupRule").length).toBe(rules.length);
      expect(want.objects.length).toBe(ports.length + groups.length + rules.length);
      const got = ours(live);
      expect(reconcile(want, got).drifts).toEqual([]);
      expect(got.objects.map((o) => o.key).sort()).toEqual(want.objects.map((o) => o.key).sort());
    }
  }, SLOW);

  it("lost every chosen reply after Neutron carried the request out", () => {
    expect(proxy!.armed).toEqual([]);
    const fired = proxy!.fired.map((f) => ({ fault: f.fault, method: f.method, path: f.path, done: f.upstreamStatus >= 200 && f.upstreamStatus < 300, created: createdIds(f.upstreamBody).length > 0 }));
    expect(fired.sort((a, b) => String(a.path).localeCompare(String(b.path))))
      .toEqual(FAULTS[stack].map((f) => ({ ...f, done: true, created: true })).sort((a, b) => String(a.path).localeCompare(String(b.path))));
  });

  it("converges: every identity and networking resource replayed, the lost creates adopted, not made again", () => {
    expect(report!.failed).toEqual([]);
    expect(report!.replayed.map((r) => r.urn).sort()).toEqual(plan.resources.filter((r) => r.custom && REPLAYED.test(r.type)).map((r) => r.urn).sort());
    const replayedIds = new Set(report!.replayed.map((r) => r.id));
    for (const f of proxy!.fired) expect({ path: f.requestPath, adopted: createdIds(f.upstreamBody).filter((id) => !replayedIds.has(id)) }).toEqual({ path: f.requestPath, adopted: [] });
  });

  it("left zero duplicates: each planned name exactly once, listed by name and by the stack's tag", async () => {
    const neutron = new Neutron(client);
    const named: Array<[string, "ports" | "routers" | "networks" | "security_groups" | "subnets"]> = [
      ["openstack:networking/port:Port", "ports"], ["openstack:networking/router:Router", "routers"],
      ["openstack:networking/network:Network", "networks"], ["openstack:networking/secGroup:SecGroup", "security_groups"],
      ["openstack:networking/subnet:Subnet", "subnets"],
    ];
    for (const [type, collection] of named) {
      const names = plannedNames(plan, type).sort();
      if (collection !== "routers") expect(names.length).toBeGreaterThan(0);
      const byName = ((await neutron.list(collection, { fields: ["id", "name"] })) as Array<{ name: string }>).map((o) => o.name).filter((n) => names.includes(n)).sort();
      const byTag = ((await neutron.list(collection, { tags: stackTag(stack), fields: ["id", "name"] })) as Array<{ name: string }>).map((o) => o.name).filter((n) => names.includes(n)).sort();
      expect({ collection, byName, byTag }).toEqual({ collection, byName: names, byTag: names });
    }
  });

  it("reads back with zero drift right after the replay (a duplicated rule or interface would be an extra object)", async () => {
    const drift = reconcile(expectedModel(plan, ext!.externals), await readAsBuilt(client, { stack, externals: ext!.externals }));
    expect(drift.drifts).toEqual([]);
    expect(drift.live).toBe(drift.planned);
  });

  it("finds exactly two drifts after one rule is changed and one subnet deleted through the API", async () => {
    const neutron = new Neutron(client);
    const expected = expectedModel(plan, ext!.externals);
    const keys = expected.objects.map((o) => o.key);
    // A TCP rule whose identity is unique in its group, so changing it cannot renumber its siblings.
    const rule = expected.objects.find((o) => o.kind === "securityGroupRule" && o.fields.protocol === "tcp" && typeof o.fields.remote_ip_prefix === "string" && !o.key.includes("#") && !keys.includes(`${o.key}#2`))!;
    const sgName = rule.key.split("/")[2]!;
    const [sg] = await neutron.list("security_groups", { name: sgName });
    const live = sg?.security_group_rules?.find((r) => `${r.port_range_min}|${r.port_range_max}|${r.remote_ip_prefix}|${r.protocol}` === `${rule.fields.port_range_min}|${rule.fields.port_range_max}|${rule.fields.remote_ip_prefix}|tcp` && rule.key.includes(`/${r.direction}/${r.ethertype}/${r.description}`));
    if (!sg || !live) throw new Error(`replayed rule ${rule.key} not found`);
    // Neutron rules are immutable: "changing" one is delete + create, as an operator would do it.
    await neutron.delete("security_group_rules", live.id);
    await neutron.create("security_group_rules", { ...pickRule(live), port_range_min: 65000, port_range_max: 65000 });
    const subnet = subnetsWithoutPorts(plan)[0]!;
    const [liveSubnet] = await neutron.list("subnets", { name: subnet });
    await neutron.delete("subnets", liveSubnet!.id);

    const drift = reconcile(expected, await readAsBuilt(client, { stack, externals: ext!.externals }));
    expect(drift.drifts).toEqual([
      {
        status: "changed", kind: "securityGroupRule", key: rule.key, id: expect.any(String),
        changes: [{ field: "port_range_min", planned: rule.fields.port_range_min, live: 65000 }, { field: "port_range_max", planned: rule.fields.port_range_max, live: 65000 }],
      },
      { status: "missing", kind: "subnet", key: `subnet/${subnet}` },
    ]);
  });
});

/** An IPv6 address in canonical form (the library's, independent of the compiler). */
function canonical6(a: string): string {
  return new Address6(a).correctForm();
}

/** The SLAAC address of a MAC on a /64 (modified EUI-64: U/L bit flipped, ff:fe in the middle). */
function eui64(cidr: string, mac: string): string {
  const b = mac.split(":").map((h) => parseInt(h, 16));
  b[0] = b[0]! ^ 0x02;
  const iid = [b[0], b[1], b[2], 0xff, 0xfe, b[3], b[4], b[5]].map((x) => x!.toString(16).padStart(2, "0"));
  const groups = [0, 2, 4, 6].map((i) => `${iid[i]}${iid[i + 1]}`);
  const prefix = new Address6(cidr).startAddress().canonicalForm().split(":").slice(0, 4);
  return canonical6([...prefix, ...groups].join(":"));
}

function pickRule(r: { security_group_id: string; direction: string; ethertype: string; protocol: string | null; remote_ip_prefix: string | null; description?: string }): Record<string, unknown> {
  return { security_group_id: r.security_group_id, direction: r.direction, ethertype: r.ethertype, protocol: r.protocol, remote_ip_prefix: r.remote_ip_prefix, description: r.description };
}
