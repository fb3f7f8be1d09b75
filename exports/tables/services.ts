import { agencyMap, currentOwner, tierVlan, type HostedSystem, type Tier } from "../../inventory/model";
import type { AsBuiltInput } from "../input";
import { compareText, type Table } from "../table";
import { list } from "../labels";
import { orderTiers } from "./systems";

/** What a cell says when the inventory does not say it. */
export const NOT_DECLARED = "Chưa khai báo / Not declared";

/**
 * Where a tier runs: its VMs with their flavor, its Kubernetes cluster with the node pools, or physical servers.
 * @param system the system
 * @param tier the tier
 * @param input the site's as-built input
 */
function hostCell(system: HostedSystem, tier: Tier, input: AsBuiltInput): string {
  if (tier.form === "vm") {
    const vms = input.compiled.placements.instances.filter((i) => i.system === system.id && i.tier === tier.name).sort((a, b) => compareText(a.name, b.name));
    return `Máy ảo / VM: ${list(vms.map((i) => `${i.name} (${i.flavor})`))}`;
  }
  if (tier.form === "container") {
    const cluster = input.inventory.clusters.find((c) => c.id === tier.cluster && c.site === input.site.id);
    if (!cluster) return `Kubernetes: ${tier.cluster ?? NOT_DECLARED}`;
    const pools = [...cluster.nodePools].sort((a, b) => compareText(a.name, b.name)).map((p) => `${p.name} ×${p.count} ${p.flavor}`);
    return `Kubernetes ${cluster.id} (${cluster.version}; ${list(pools)}), ${tier.instances} bản sao / replicas`;
  }
  return `Máy chủ vật lý / Physical servers ×${tier.instances}`;
}

/**
 * The operating system: the tier's image, or for containers the cluster's Kubernetes version (images are per workload).
 * @param tier the tier
 * @param input the site's as-built input
 */
function osCell(tier: Tier, input: AsBuiltInput): string {
  if (tier.image) return tier.image;
  if (tier.form === "container") {
    const cluster = input.inventory.clusters.find((c) => c.id === tier.cluster && c.site === input.site.id);
    return cluster ? `Ảnh container theo ứng dụng; nút Kubernetes ${cluster.version} / Container images per workload; Kubernetes ${cluster.version} nodes` : NOT_DECLARED;
  }
  return NOT_DECLARED;
}

/**
 * The services the site hosts, for the dossier (Decree 331/2026 Art. 22.3d): per system and tier, the owner and
 * level, what the tier does, where it runs (host), its operating system, and its location (site, zone, VLAN,
 * both prefixes), with the ports it publishes.
 * @param input the site's as-built input
 */
export function servicesTable(input: AsBuiltInput): Table {
  const zones = input.inventory.zones.filter((z) => z.site === input.site.id);
  const zoneKinds = new Map(zones.map((z) => [z.id, z.kind]));
  const agencies = agencyMap(input.inventory.agencies);
  const rows = input.inventory.systems
    .filter((s) => s.sites.includes(input.site.id))
    .sort((a, b) => compareText(a.id, b.id))
    .flatMap((s) => {
      const owner = currentOwner(agencies, s.owner) ?? s.owner;
      return orderTiers(s.tiers, zoneKinds).map((t) => {
        const zone = zones.find((z) => z.id === t.zone);
        const vlan = zone ? tierVlan(zone, t) : undefined;
        const subnet = input.plan.subnets.find((x) => x.zone === t.zone && x.vlanName === vlan?.name);
        return [
          s.id,
          `${s.name}${s.nameEn ? ` / ${s.nameEn}` : ""}`,
          `${owner}${agencies.get(owner) ? ` — ${agencies.get(owner)?.name}` : ""}`,
          s.securityLevel,
          t.name,
          t.role ?? "",
          t.form,
          hostCell(s, t, input),
          osCell(t, input),
          `${input.site.name} (${input.site.id})`,
          `${t.zone}/${vlan?.name ?? ""}${vlan ? ` (VLAN ${vlan.id})` : ""}`,
          list([subnet?.ipv4.prefix ?? "", subnet?.ipv6.prefix ?? ""].filter((p) => p !== "")),
          list([...t.publish].sort((a, b) => a.port - b.port || compareText(a.protocol, b.protocol)).map((p) => `${p.protocol}/${p.port}`)),
        ];
      });
    });
  return {
    id: "services",
    titleVi: "Dịch vụ: máy chủ, hệ điều hành, vị trí",
    titleEn: "Services: host, operating system, location",
    sheet: "Dịch vụ - Services",
    columns: [
      { vi: "Hệ thống", en: "System" },
      { vi: "Tên hệ thống", en: "System name" },
      { vi: "Chủ quản", en: "Owner" },
      { vi: "Cấp độ", en: "Level", type: "integer" },
      { vi: "Lớp", en: "Tier" },
      { vi: "Vai trò", en: "Role" },
      { vi: "Hình thức", en: "Form" },
      { vi: "Máy chủ", en: "Host" },
      { vi: "Hệ điều hành", en: "Operating system" },
      { vi: "Điểm", en: "Site" },
      { vi: "Vùng/VLAN", en: "Zone/VLAN" },
      { vi: "Dải địa chỉ", en: "Prefixes" },
      { vi: "Cổng công bố", en: "Published ports" },
    ],
    rows,
  };
}
