/**
 * A small dual-site province with two clusters, container tiers in the DMZ and internal-server zones,
 * a VM database tier, and hand-made resolved rules (the resolver is built elsewhere).
 */
import { Inventory } from "../../inventory/model";
import type { ClusterRanges, SubnetPlan } from "../../inventory/addressing/types";
import type { ResolvedRule } from "../../compilers/flows/types";
import type { KubernetesZoneInput } from "../../compilers/kubernetes/types";
import { FIXTURE_INTERNET } from "../fixtures/internet";

/** A synthetic digest: tests only check that the image is pinned, never pull it. */
export const TEST_IMAGE = `registry.ninh-an.internal/fluent/fluent-bit:3.2.10@sha256:${"ab".repeat(32)}`;

const site = (id: string, role: "primary" | "dr", v4: string, v6: string): unknown => ({
  id,
  name: `Site ${id}`,
  role,
  location: { address: "1 Street", city: "Ninh An", latitude: 20, longitude: 105 },
  facility: { tierTarget: 3, standard: "TIA-942-B", powerPaths: ["A", "B"], upsRedundancy: "N+1", coolingRedundancy: "N+1" },
  aggregates: { ipv4: [v4], ipv6: [v6] },
  physnets: [{ name: "physnet1", vlanMin: 100, vlanMax: 999 }],
  dnsDomain: `${id}.ninhan.gov.vn`,
});

const zone = (id: string, siteId: string, kind: string): unknown => ({
  id,
  site: siteId,
  kind,
  name: id,
  enforcedBy: "core-fw",
  vlans: [{ id: 100 + id.length, name: `${id}-v`, purpose: "servers", hosts: 50 }],
});

/** The raw model (before zod defaults). */
export function rawInventory(): Record<string, unknown> {
  return {
    province: { code: "na", name: "Ninh An", nameEn: "Ninh An", operator: "STTTT" },
    security: { siemCollector: "10.20.9.10:6514", logRetentionDays: 365 },
    sites: [site("hq", "primary", "10.20.0.0/16", "2001:db8:20::/48"), site("dr", "dr", "10.30.0.0/16", "2001:db8:30::/48")],
    zones: ["hq", "dr"].flatMap((s) => [zone("dmz", s, "dmz"), zone("app", s, "internal-server"), zone("db", s, "db-server"), zone("backup", s, "backup"), zone("soc", s, "soc")]),
    clusters: [
      { id: "k8s", site: "hq", zone: "app", version: "1.32", image: "ubuntu-24.04-cis", controlPlane: { count: 3, flavor: "m1.large" }, nodePools: [{ name: "workers", count: 3, flavor: "m1.large" }] },
      { id: "k8s", site: "dr", zone: "app", version: "1.32", image: "ubuntu-24.04-cis", controlPlane: { count: 3, flavor: "m1.large" }, nodePools: [{ name: "workers", count: 2, flavor: "m1.large" }] },
    ],
    backupPolicies: [
      {
        id: "daily",
        schedule: "0 1 * * *",
        retentionDays: 30,
        copies: [
          { id: "hq", site: "hq", zone: "backup", media: "object", immutable: true, encrypted: true },
          { id: "dr", site: "dr", zone: "backup", media: "disk", immutable: true, encrypted: true },
        ],
        targetZone: "backup",
      },
      // Copies at hq only: off-site for the DR cluster's data, not for hq's.
      { id: "weekly", schedule: "0 3 * * 0", retentionDays: 90, copies: [{ id: "hq", site: "hq", zone: "backup", media: "object", immutable: false, encrypted: false }], targetZone: "backup" },
    ],
    systems: [
      {
        id: "portal",
        name: "Cổng thông tin",
        owner: "STTTT",
        securityLevel: 3,
        exposure: ["internet"],
        dataClass: "public",
        backupPolicy: "daily",
        sites: ["hq"],
        tiers: [
          { name: "web", zone: "dmz", form: "container", cluster: "k8s", instances: 2, publish: [{ protocol: "tcp", port: 443 }] },
          { name: "api", zone: "app", form: "container", cluster: "k8s", instances: 2 },
          { name: "db", zone: "db", form: "vm", instances: 2 },
        ],
      },
      {
        id: "lgsp",
        name: "Nền tảng tích hợp",
        owner: "STTTT",
        securityLevel: 3,
        exposure: ["internal"],
        dataClass: "internal",
        backupPolicy: "weekly",
        sites: ["hq", "dr"],
        tiers: [{ name: "gw", zone: "app", form: "container", cluster: "k8s", instances: 1 }],
      },
    ],
  };
}

/** The validated model. */
export function inventory(): Inventory {
  return Inventory.parse(rawInventory());
}

const fam = (v4: string, v6: string, gw4: string, gw6: string): SubnetPlan["ipv4"] & { v6: SubnetPlan["ipv6"] } => ({
  prefix: v4,
  gateway: gw4,
  pool: { start: gw4, end: gw4 },
  reserved: [],
  v6: { prefix: v6, gateway: gw6, pool: { start: gw6, end: gw6 }, reserved: [] },
});

function subnet(siteId: string, zoneId: string, n: number): SubnetPlan {
  const base = siteId === "hq" ? 20 : 30;
  const f = fam(`10.${base}.${n}.0/24`, `2001:db8:${base}:${n}::/64`, `10.${base}.${n}.1`, `2001:db8:${base}:${n}::1`);
  const { v6, ...v4 } = f;
  return { site: siteId, zone: zoneId, vlanId: 100 + n, vlanName: `${zoneId}-v`, purpose: "servers", physnet: "physnet1", ipv6Mode: "slaac", ipv4: v4, ipv6: v6 };
}

/** Address plan pieces. */
export function subnets(): SubnetPlan[] {
  return ["hq", "dr"].flatMap((s) => [subnet(s, "dmz", 1), subnet(s, "app", 2), subnet(s, "db", 3), subnet(s, "backup", 4), subnet(s, "soc", 9)]);
}

/** Pod/service ranges. */
export function clusterRanges(): ClusterRanges[] {
  return [
    { site: "hq", cluster: "k8s", pods: { ipv4: "10.128.0.0/16", ipv6: "2001:db8:20:100::/56" }, services: { ipv4: "10.129.0.0/20", ipv6: "2001:db8:20:200::/112" } },
    { site: "dr", cluster: "k8s", pods: { ipv4: "10.130.0.0/16", ipv6: "2001:db8:30:100::/56" }, services: { ipv4: "10.131.0.0/20", ipv6: "2001:db8:30:200::/112" } },
  ];
}

const tierEp = (system: string, tier: string, z: string, prefixes: string[]): ResolvedRule["from"] => ({ kind: "tier", label: `${system}/${tier}`, system, tier, zone: z, prefixes });

/** Hand-made resolved rules, both families, as the resolver would produce for the fixture's flows. */
export function rules(): ResolvedRule[] {
  const out: ResolvedRule[] = [];
  for (const family of ["ipv4", "ipv6"] as const) {
    const p = (v4: string, v6: string): string[] => [family === "ipv4" ? v4 : v6];
    // Internet → portal web on 443 (published).
    out.push({ flow: "internet-to-portal", site: "hq", family, protocol: "tcp", portMin: 443, portMax: 443, from: FIXTURE_INTERNET, to: tierEp("portal", "web", "dmz", p("10.20.1.0/24", "2001:db8:20:1::/64")) });
    // web → api on 8080 (pod to pod, two namespaces).
    out.push({ flow: "portal-web-to-api", site: "hq", family, protocol: "tcp", portMin: 8080, portMax: 8080, from: tierEp("portal", "web", "dmz", p("10.20.1.0/24", "2001:db8:20:1::/64")), to: tierEp("portal", "api", "app", p("10.20.2.0/24", "2001:db8:20:2::/64")) });
    // api → db VM on 5432 (pod to VM subnet).
    out.push({ flow: "portal-api-to-db", site: "hq", family, protocol: "tcp", portMin: 5432, portMax: 5432, from: tierEp("portal", "api", "app", p("10.20.2.0/24", "2001:db8:20:2::/64")), to: tierEp("portal", "db", "db", p("10.20.3.0/24", "2001:db8:20:3::/64")) });
    // management prefixes → lgsp gw on a port range.
    out.push({ flow: "tslcd-to-lgsp", site: "hq", family, protocol: "tcp", portMin: 8443, portMax: 8445, from: { kind: "prefixes", label: "tslcd", prefixes: p("10.250.0.0/16", "2001:db8:250::/48") }, to: tierEp("lgsp", "gw", "app", p("10.20.2.0/24", "2001:db8:20:2::/64")) });
    // Same flow at the DR site: there is no lgsp container at dr (lgsp runs at both sites), so nothing compiles there.
    out.push({ flow: "tslcd-to-lgsp", site: "dr", family, protocol: "tcp", portMin: 8443, portMax: 8445, from: { kind: "prefixes", label: "tslcd", prefixes: p("10.250.0.0/16", "2001:db8:250::/48") }, to: tierEp("lgsp", "gw", "app", p("10.30.2.0/24", "2001:db8:30:2::/64")) });
  }
  return out;
}

/** The whole compiler input. */
export function input(): KubernetesZoneInput {
  return { inventory: inventory(), clusterRanges: clusterRanges(), subnets: subnets(), rules: rules(), options: { logShipperImage: TEST_IMAGE } };
}
