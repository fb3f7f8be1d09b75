/**
 * Kubernetes zone compiler: compiles and validates a synthetic province's cluster objects
 * (300 container systems × 2 tiers on one cluster, 4 flows each in both families).
 */
import { compileKubernetes } from "../../compilers/kubernetes/compile";
import { validateObjects } from "../../compilers/kubernetes/validate";
import { Inventory } from "../../inventory/model";
import type { ResolvedRule } from "../../compilers/flows/types";
import { elapsedMs, writeBenchResult } from "./result";
import { FIXTURE_INTERNET } from "../../tests/fixtures/internet";

const SYSTEMS = 300;
const site = { id: "hq", name: "HQ", role: "primary", location: { address: "a", city: "c", latitude: 0, longitude: 0 }, facility: { tierTarget: 3, standard: "TIA-942-B", powerPaths: ["A", "B"], upsRedundancy: "N+1", coolingRedundancy: "N+1" }, aggregates: { ipv4: ["10.0.0.0/8"], ipv6: ["2001:db8::/32"] }, physnets: [{ name: "physnet1", vlanMin: 1, vlanMax: 4094 }] };
const zone = (id: string, kind: string): unknown => ({ id, site: "hq", kind, name: id, enforcedBy: "fw", vlans: [{ id: 10 + id.length, name: `${id}-v`, purpose: "p", hosts: 10 }] });
const inventory = Inventory.parse({
  province: { code: "na", name: "N", nameEn: "N", operator: "O" },
  security: { siemCollector: "10.9.9.9:514" },
  sites: [site],
  zones: [zone("dmz", "dmz"), zone("app", "internal-server"), zone("backup", "backup")],
  clusters: [{ id: "k8s", site: "hq", zone: "app", version: "1.32", nodePools: [{ name: "w", count: 10, flavor: "f" }] }],
  backupPolicies: [{ id: "daily", schedule: "0 1 * * *", retentionDays: 30, copies: [{ id: "object", site: "hq", zone: "backup", media: "object", immutable: true, encrypted: true }], targetZone: "backup" }],
  systems: Array.from({ length: SYSTEMS }, (_, i) => ({
    id: `sys${i}`, name: `S${i}`, owner: "STTTT", securityLevel: 3, exposure: ["internet"], dataClass: "public", backupPolicy: "daily", sites: ["hq"],
    tiers: [
      { name: "web", zone: "dmz", form: "container", cluster: "k8s", instances: 2, publish: [{ protocol: "tcp", port: 443 }] },
      { name: "api", zone: "app", form: "container", cluster: "k8s", instances: 2 },
    ],
  })),
});
const tier = (i: number, t: string, z: string): ResolvedRule["from"] => ({ kind: "tier", label: `sys${i}/${t}`, system: `sys${i}`, tier: t, zone: z, prefixes: ["10.1.0.0/24", "2001:db8:1::/64"] });
const rules: ResolvedRule[] = [];
for (let i = 0; i < SYSTEMS; i++) {
  for (const family of ["ipv4", "ipv6"] as const) {
    rules.push({ flow: `in-${i}`, site: "hq", family, protocol: "tcp", portMin: 443, portMax: 443, from: FIXTURE_INTERNET, to: tier(i, "web", "dmz") });
    rules.push({ flow: `web-api-${i}`, site: "hq", family, protocol: "tcp", portMin: 8080, portMax: 8080, from: tier(i, "web", "dmz"), to: tier(i, "api", "app") });
    rules.push({ flow: `api-db-${i}`, site: "hq", family, protocol: "tcp", portMin: 5432, portMax: 5432, from: tier(i, "api", "app"), to: { kind: "prefixes", label: "db", prefixes: ["10.2.0.0/24", "2001:db8:2::/64"] } });
    rules.push({ flow: `mgmt-${i}`, site: "hq", family, protocol: "tcp", portMin: 9000, portMax: 9100, from: { kind: "prefixes", label: "mgmt", prefixes: ["10.3.0.0/24", "2001:db8:3::/64"] }, to: tier(i, "api", "app") });
  }
}
const subnets = ["dmz", "app", "backup"].map((z, n) => ({ site: "hq", zone: z, vlanId: 10 + n, vlanName: `${z}-v`, purpose: "p", physnet: "physnet1", ipv6Mode: "slaac" as const, ipv4: { prefix: `10.5.${n}.0/24`, gateway: `10.5.${n}.1`, pool: { start: "a", end: "b" }, reserved: [] }, ipv6: { prefix: `2001:db8:5:${n}::/64`, gateway: `2001:db8:5:${n}::1`, pool: { start: "a", end: "b" }, reserved: [] } }));
const ranges = [{ site: "hq", cluster: "k8s", pods: { ipv4: "10.128.0.0/16", ipv6: "2001:db8:100::/56" }, services: { ipv4: "10.129.0.0/20", ipv6: "2001:db8:200::/112" } }];

const t0 = performance.now();
const result = compileKubernetes({ inventory, clusterRanges: ranges, subnets, rules, options: { logShipperImage: `r/fluent-bit@sha256:${"0".repeat(64)}` } });
const compileMs = elapsedMs(t0);
const objects = result.clusters.flatMap((c) => c.objects);
const t1 = performance.now();
const issues = validateObjects(objects);
const validateMs = elapsedMs(t1);
if (issues.length > 0 || result.problems.length > 0) throw new Error(`unexpected issues: ${issues.length} validation, ${result.problems.length} compile`);
writeBenchResult("kubernetes", "Kubernetes zone compiler (synthetic: 300 systems, 2,400 rules)", [
  { metric: "objects", value: objects.length, unit: "objects" },
  { metric: "compile", value: compileMs, unit: "ms" },
  { metric: "validate", value: validateMs, unit: "ms" },
  { metric: "peak RSS", value: Math.round(process.resourceUsage().maxRSS / 1024), unit: "MB" },
]);
