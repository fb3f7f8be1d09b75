import { ID_PREFIX } from "../../offline/mockEngine";
import type { PlannedResource } from "../../offline/planTypes";
import type { Inventory } from "../../inventory/model";
import { ofType, planExampleStack, T } from "./planExample";
import { loadInventory } from "../../inventory/loader";
import { loadProvince } from "../../inventory/province/loadProvince";
import { internetPrefixes } from "../../inventory/addressing/provinceSpace";
import { formatIssues, validateObjects } from "../../compilers/kubernetes/validate";
import { isDefaultDeny } from "../../components/kubernetes/kubernetesZone";
import type { KubeObject } from "../../compilers/kubernetes/types";
import { BUNDLED_AS_OF } from "../bundledAsOf";
import { backupJobOutputs, siteBackupJobs } from "../../offline/backupJobFiles";
import { stackProvenance } from "../../offline/stackOutputs";
import { evaluate } from "../policies/fixtures/evaluate";

/** The id the mock engine gave a resource: `id-of:<type>::<name>`. */
function idOf(r: PlannedResource): string {
  return `${ID_PREFIX}${r.type}::${r.name}`;
}

/**
 * The plan-wide assertions of issue 4, over one stack's plan and the inventory it came from.
 * Shared by the per-stack test files (each stack needs its own jest file: the SDK's state is global).
 */
export function examplePlanAssertions(getPlan: () => PlannedResource[], getInventory: () => Inventory, site: string): void {
  it("gives every VLAN of the site's zones a network with an IPv4 and an IPv6 subnet", () => {
    const plan = getPlan();
    const inv = getInventory();
    const vlans = inv.zones.filter((z) => z.site === site).flatMap((z) => z.vlans.map((v) => ({ zone: z.id, vlan: v })));
    const networks = ofType(plan, T.network);
    expect(networks.length).toBe(vlans.length);
    const subnets = ofType(plan, T.subnet);
    for (const n of networks) {
      const mine = subnets.filter((s) => s.inputs.networkId === idOf(n));
      expect(mine.map((s) => s.inputs.ipVersion).sort()).toEqual([4, 6]);
    }
  });

  it("uses SLAAC only on /64 subnets; Neutron advertises (RA mode equal to the address mode) only where its router is the gateway", () => {
    const plan = getPlan();
    const v6 = ofType(plan, T.subnet).filter((s) => s.inputs.ipVersion === 6);
    expect(v6.length).toBeGreaterThan(0);
    const routedSubnets = new Set(ofType(plan, T.routerInterface).map((r) => String(r.inputs.subnetId)));
    for (const s of v6) {
      expect(s.inputs.ipv6AddressMode).toBeDefined();
      expect(s.inputs.ipv6RaMode).toBe(routedSubnets.has(idOf(s)) ? s.inputs.ipv6AddressMode : undefined);
      if (s.inputs.ipv6AddressMode === "slaac") expect(String(s.inputs.cidr).endsWith("/64")).toBe(true);
    }
  });

  it("keeps the model's VLAN ids, unique per physnet", () => {
    const inv = getInventory();
    const segs = ofType(getPlan(), T.network).map((n) => (n.inputs.segments as Array<{ physicalNetwork: string; segmentationId: number }>)[0]);
    const keys = segs.map((s) => `${s.physicalNetwork}/${s.segmentationId}`);
    expect(new Set(keys).size).toBe(keys.length);
    const model = inv.zones.filter((z) => z.site === site).flatMap((z) => z.vlans.map((v) => v.id)).sort((a, b) => a - b);
    expect(segs.map((s) => s.segmentationId).sort((a, b) => a - b)).toEqual(model);
  });

  it("never opens 0.0.0.0/0 or ::/0; opens the Internet (outside the province) inbound only to ports the model publishes from the DMZ, outbound only for declared Internet flows", () => {
    const inv = getInventory();
    const published = new Set(
      inv.systems
        .filter((s) => s.sites.includes(site))
        .flatMap((s) => s.tiers.filter((t) => t.publish.length > 0).flatMap((t) => t.publish.map((p) => `${s.id}/${t.name}/${p.protocol}/${p.port}`))),
    );
    const toInternet = new Set(inv.flows.filter((f) => f.to.external === "internet").map((f) => f.name));
    const groups = new Map(ofType(getPlan(), T.group).map((g) => [idOf(g), g]));
    expect(ofType(getPlan(), T.rule).filter((r) => r.inputs.remoteIpPrefix === "0.0.0.0/0" || r.inputs.remoteIpPrefix === "::/0")).toEqual([]);
    const province = loadProvince("inventory/provinces/ninh-an", { asOf: BUNDLED_AS_OF });
    if (!province.ok) throw new Error("the example must load");
    const inet = internetPrefixes(province.province.addressPlan);
    const internet = new Set([...inet.ipv4, ...inet.ipv6]);
    const open = ofType(getPlan(), T.rule).filter((r) => internet.has(String(r.inputs.remoteIpPrefix)));
    expect(open.length).toBeGreaterThan(0);
    for (const r of open) {
      if (r.inputs.direction === "egress") {
        const flows = String(r.inputs.description).replace(/^flows: /, "").split(", ");
        for (const f of flows) expect(toInternet).toContain(f);
        continue;
      }
      const g = groups.get(String(r.inputs.securityGroupId));
      const tags = (g?.inputs.tags ?? []) as string[];
      expect(tags).toContain("zone:dmz");
      const system = tags.find((t) => t.startsWith("system:"))?.slice(7);
      const tier = String(g?.inputs.name).split(`tier-${system}-`)[1];
      expect(published).toContain(`${system}/${tier}/${r.inputs.protocol}/${r.inputs.portRangeMin}`);
    }
  });

  it("gives every IPv4 rule an IPv6 twin", () => {
    const rules = ofType(getPlan(), T.rule);
    const shape = (r: PlannedResource): string =>
      [r.inputs.securityGroupId, r.inputs.direction, r.inputs.protocol === "ipv6-icmp" ? "icmp" : r.inputs.protocol, r.inputs.portRangeMin, r.inputs.portRangeMax, r.inputs.remoteGroupId ?? "prefix"].join("|");
    const v6 = new Set(rules.filter((r) => r.inputs.ethertype === "IPv6").map(shape));
    const v4 = rules.filter((r) => r.inputs.ethertype === "IPv4");
    expect(v4.length).toBeGreaterThan(0);
    for (const r of v4) expect(v6.has(shape(r))).toBe(true);
  });

  it("never writes a 1-65535 port range", () => {
    expect(ofType(getPlan(), T.rule).filter((r) => r.inputs.portRangeMin === 1 && r.inputs.portRangeMax === 65535)).toEqual([]);
  });

  it("shares networks by RBAC only with named projects, never '*'", () => {
    const rbac = ofType(getPlan(), T.rbac);
    expect(rbac.length).toBeGreaterThan(0);
    for (const r of rbac) expect(String(r.inputs.targetTenant)).toMatch(/^id-of:openstack:identity\/project:Project::/);
  });

  it("has no floating IP: published services are reached only through the edge firewall's destination NAT", () => {
    expect(ofType(getPlan(), T.fip)).toEqual([]);
  });

  it("has no router with interfaces in two zones: traffic between zones leaves the cloud for the zone's firewall", () => {
    const plan = getPlan();
    const zoneOfSubnet = new Map<string, string>();
    for (const s of ofType(plan, T.subnet)) {
      const zone = ((s.inputs.tags as string[] | undefined) ?? []).find((t) => t.startsWith("zone:"));
      if (zone) zoneOfSubnet.set(idOf(s), zone);
    }
    const zonesOfRouter = new Map<string, Set<string>>();
    for (const rif of ofType(plan, T.routerInterface)) {
      const zone = zoneOfSubnet.get(String(rif.inputs.subnetId));
      expect(zone).toBeDefined();
      const set = zonesOfRouter.get(String(rif.inputs.routerId)) ?? new Set<string>();
      set.add(zone as string);
      zonesOfRouter.set(String(rif.inputs.routerId), set);
    }
    for (const [router, zones] of zonesOfRouter) expect({ router, zones: [...zones] }).toEqual({ router, zones: [[...zones][0]] });
    // Routers exist only for zones whose boundary is also enforced in the cloud.
    const virtual = getInventory().zones.filter((z) => z.site === site && z.cloud !== false && z.virtualFirewall).length;
    expect(ofType(plan, T.router).length).toBeLessThanOrEqual(virtual);
  });

  it("gives every enforcer of the site one rule base holding exactly the zones it is the gateway of", () => {
    const inv = getInventory();
    const expected = new Map<string, string[]>();
    for (const z of inv.zones.filter((x) => x.site === site)) expected.set(z.enforcedBy, [...(expected.get(z.enforcedBy) ?? []), z.id].sort());
    const bases = ofType(getPlan(), T.ruleBase).map((r) => r.inputs.ruleBase as { device: string; zones: string[]; rules: Array<{ action: string }> });
    expect(new Map(bases.map((b) => [b.device, b.zones]))).toEqual(expected);
    // Each ends with deny-and-log.
    for (const b of bases) expect(b.rules[b.rules.length - 1].action).toBe("deny");
  });

  it("applies every FRR router the site owns over SSH: its frr edge routers and the frr agency CPEs no primary site carries before it, each one remote command triggered by its digest, the configuration secret", () => {
    const inv = getInventory();
    const carried = (s: string) => new Set(inv.uplinks.filter((u) => u.site === s && u.kind === "tslcd").flatMap((u) => u.vpns ?? []));
    const primary = inv.sites.find((s) => s.role === "primary")!.id;
    const edges = inv.devices.filter((d) => d.site === site && d.routerPlatform === "frr" && inv.uplinks.some((u) => u.device === d.name && u.kind === "tslcd" && (u.vpns ?? []).length > 0)).map((d) => d.name);
    const cpes = inv.tslcdEndpoints
      .filter((e) => e.attachments.some((a) => a.cpe.platform === "frr" && a.cpe.routing === "bgp"))
      .filter((e) => e.attachments.some((a) => carried(site).has(a.vpn)) && (site === primary || !e.attachments.some((a) => carried(primary).has(a.vpn))))
      .map((e) => `cpe-${e.id}`);
    const routers = ofType(getPlan(), "hatang:wan:FrrRouter");
    expect(routers.map((r) => r.inputs.device).sort()).toEqual([...edges, ...cpes].sort());
    for (const r of routers) {
      expect(r.name).toBe(`${site}-router-${String(r.inputs.device)}`);
      const cmd = getPlan().find((c) => c.parent === r.urn && c.type === "command:remote:Command")!;
      expect(cmd.name).toBe(`${site}-frr-${String(r.inputs.device)}`);
      expect(cmd.inputs.triggers).toEqual([r.inputs.contentHash]);
      expect([cmd.inputs.stdin, cmd.inputs.connection]).toEqual(["[secret]", "[secret]"]);
    }
    expect(JSON.stringify(getPlan())).not.toMatch(/route-map RM-|prefix-list PL-/);
  });

  it("redacts nothing it does not have to and leaks no secret", () => {
    // Credentials appear only as "[secret]" (the offline run's placeholders never), wherever they sit.
    const leaks: string[] = [];
    const walk = (v: unknown, path: string): void => {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
      else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) {
        if (/password|secret|kubeconfig|privatekey|token/i.test(k) && typeof x === "string" && x !== "[secret]") leaks.push(`${path}.${k}`);
        walk(x, `${path}.${k}`);
      }
    };
    for (const r of getPlan()) walk(r.inputs, r.urn);
    expect(leaks).toEqual([]);
    expect(JSON.stringify(getPlan())).not.toMatch(/offline placeholder|BEGIN .*PRIVATE KEY/i);
    expect(getPlan().filter((r) => r.type === "pulumi:providers:openstack").map((r) => r.inputs.password)).toEqual(["[secret]"]);
  });
}

/** Kubernetes objects of a plan, as the provider receives them. */
function kubeObjects(plan: readonly PlannedResource[]): PlannedResource[] {
  return plan.filter((r) => r.custom && r.type.startsWith("kubernetes:") && !r.type.startsWith("kubernetes:yaml:"));
}

/** Kubernetes assertions of issue 4: every object validates against the OpenAPI schemas, every namespace has default-deny. */
export function exampleKubernetesAssertions(getPlan: () => PlannedResource[]): void {
  it("validates every Kubernetes object against the Kubernetes (and Velero CRD) schemas", () => {
    const objects = kubeObjects(getPlan()).map((r) => r.inputs);
    expect(objects.length).toBeGreaterThan(10);
    expect(formatIssues(validateObjects(objects as never))).toBe("");
  });

  it("gives every namespace a default-deny NetworkPolicy for ingress and egress", () => {
    const objects = kubeObjects(getPlan()).map((r) => r.inputs as unknown as KubeObject);
    const namespaces = objects.filter((o) => o.kind === "Namespace").map((o) => o.metadata.name);
    expect(namespaces.length).toBeGreaterThan(0);
    for (const ns of namespaces) expect(objects.some((o) => isDefaultDeny(o, ns))).toBe(true);
  });
}

/**
 * The whole suite for one stack of the example province. Call it from a test file of its own per
 * stack: the Pulumi SDK's runtime state is global to a module registry.
 */
export function describeExampleStack(stack: string): void {
  describe(`offline plan of the example province, stack ${stack}`, () => {
    let plan: PlannedResource[] = [];
    let inventory: Inventory;
    beforeAll(async () => {
      const loaded = loadInventory("inventory/provinces/ninh-an");
      if (!loaded.ok) throw new Error("the example province does not load");
      inventory = loaded.inventory;
      plan = await planExampleStack(stack);
    });
    examplePlanAssertions(() => plan, () => inventory, stack);
    exampleKubernetesAssertions(() => plan);
    it("K8S-16 holds on the real plan and judges its API rules: opening one to the Internet fails it on exactly that rule", async () => {
      const site = stack;
      const tags = (r: PlannedResource): string[] => ((r.inputs as { tags?: string[] }).tags ?? []);
      const cpPorts = plan.filter((r) => r.type === "openstack:networking/port:Port" && tags(r).some((t) => t === "role:control-plane" || t === "role:api-vip"));
      expect(cpPorts.length).toBeGreaterThan(0);
      const groups = new Set(cpPorts.flatMap((p) => p.dependencies.filter((d) => d.includes("secGroup:SecGroup::"))));
      // The rules those ports' groups admit the API (6443) with, found from the plan alone (not the policy's code).
      const api = plan.filter((r) => {
        const i = r.inputs as { direction?: string; portRangeMin?: number; portRangeMax?: number; remoteIpPrefix?: string; ethertype?: string };
        return r.type === "openstack:networking/secGroupRule:SecGroupRule" && i.direction === "ingress" && r.dependencies.some((d) => groups.has(d)) && (i.portRangeMin ?? 0) <= 6443 && 6443 <= (i.portRangeMax ?? 0);
      });
      const withPrefix = api.filter((r) => typeof (r.inputs as { remoteIpPrefix?: string }).remoteIpPrefix === "string" && (r.inputs as { ethertype?: string }).ethertype === "IPv4");
      expect(withPrefix.length).toBeGreaterThan(0);
      const k16 = async (resources: PlannedResource[]) => {
        const r = await evaluate({ project: "hatang", stack, province: "ninh-an", resources }, inventory, { site, asOf: BUNDLED_AS_OF });
        return { status: r.controls.find((c) => c.id === "K8S-16")?.status, urns: r.findings.filter((f) => f.control === "K8S-16").map((f) => f.urn) };
      };
      expect(await k16(plan)).toEqual({ status: "pass", urns: [] });
      const opened = withPrefix[0];
      const mutated = plan.map((r) => (r === opened ? { ...r, inputs: { ...r.inputs, remoteIpPrefix: "0.0.0.0/0" } } : r));
      expect(await k16(mutated)).toEqual({ status: "fail", urns: [opened.urn] });
    });
    it("drives the job plan's Cinder-backup and database-dump runs of the site as CronJobs in its cluster's backup namespace, and plans the appliance's job plan", () => {
      const site = stack; // the example's stacks are named after their sites
      const cron = kubeObjects(plan).filter((r) => r.type === "kubernetes:batch/v1:CronJob").map((r) => r.inputs as unknown as KubeObject);
      const runs = siteBackupJobs(inventory, site).filter((j) => j.role === "backup" && j.driver.startsWith("cronjob "));
      expect(runs.length).toBeGreaterThan(0);
      expect(cron.map((o) => `${o.metadata.namespace}/${o.metadata.name}`).sort()).toEqual(runs.map((j) => j.driver.split("/").slice(2).join("/")).sort());
      expect(runs.map((j) => j.method).sort()).toEqual(expect.arrayContaining(["cinder-backup", "database-dump"]));
      const provenance = stackProvenance(process.cwd(), { command: "npm run plan", asOf: BUNDLED_AS_OF, stack, site, province: "inventory/provinces/ninh-an", plan: null });
      const files = new Map(backupJobOutputs(inventory, site, provenance));
      expect([...files.keys()]).toEqual(["backup/jobs.json", "backup/jobs.csv", "backup/jobs.md"]);
      const json = JSON.parse(files.get("backup/jobs.json")!) as { madeFrom: { inventory: { digest: string } }; jobs: unknown[] };
      expect(json.jobs).toHaveLength(siteBackupJobs(inventory, site).length);
      expect(json.madeFrom.inventory.digest).toBe(provenance.inventory?.digest);
      expect(files.get("backup/jobs.csv")!.startsWith("\uFEFF")).toBe(true);
      expect(files.get("backup/jobs.csv")!.trimEnd().split("\r\n")).toHaveLength(json.jobs.length + 1);
      expect(files.get("backup/jobs.md")).toContain(`Made from: inventory inventory/provinces/ninh-an`);
    });
  });
}
