/**
 * The whole desired NetBox state of one site: the province-wide objects (tags, tenant groups and tenants
 * for the agencies, the device and IPAM catalogues, providers, circuit and cluster types) — the same for
 * every site's sync — and the site's own (plant, IPAM, circuits, clusters and VMs). Each object's scope tag
 * says which sync may delete it.
 */
import type { Inventory, Site } from "../../inventory/model";
import type { SitePlan } from "../../inventory/addressing/types";
import type { CompiledSite } from "../../compilers/site";
import { compareText } from "../../exports/table";
import type { ObjectType } from "../../clients/netbox/endpoints";
import { idRef, ref, slugify, type DesiredObject } from "../desired";
import type { Ownership } from "../sync";
import { cable, catalogueObjects, IFACE, plantObjects } from "./plant";
import { ipamCatalogue, ipamObjects } from "./ipam";

/** The ownership tag every object hatang creates carries. */
export const OWNER_TAG = "hatang";

/** Types shared by the province: every site's sync wants the same set, scoped to the province. */
const PROVINCE_TYPES: ReadonlySet<ObjectType> = new Set([
  "extras.tag",
  "tenancy.tenantgroup",
  "tenancy.tenant",
  "dcim.manufacturer",
  "dcim.devicetype",
  "dcim.devicerole",
  "ipam.rir",
  "ipam.role",
  "circuits.provider",
  "circuits.circuittype",
  "virtualization.clustertype",
]);

/** Tenant groups: one per kind of agency. */
const AGENCY_KINDS: Readonly<Record<string, { vi: string; en: string }>> = {
  "province-office": { vi: "Văn phòng tỉnh", en: "Province offices" },
  department: { vi: "Sở, ban, ngành", en: "Departments" },
  district: { vi: "Huyện, thị xã, thành phố", en: "Districts" },
  commune: { vi: "Xã, phường, thị trấn", en: "Communes" },
  sector: { vi: "Đơn vị ngành dọc", en: "Sector units" },
};

/** Circuit types per uplink kind. */
const CIRCUIT_TYPES: Readonly<Record<string, string>> = { internet: "Internet", tslcd: "TSLCD (mạng truyền số liệu chuyên dùng)", "dr-link": "DR link (kết nối dự phòng)" };

/** The scope tags of a province and of a site. */
export function scopeTags(provinceCode: string, site: string): { province: string; site: string } {
  return { province: `hatang-province-${provinceCode}`, site: `hatang-site-${site}` };
}

/**
 * Who owns what in one site's sync.
 * @param provinceCode the province code
 * @param site the site id
 */
export function siteOwnership(provinceCode: string, site: string): Ownership {
  const tags = scopeTags(provinceCode, site);
  return { owner: OWNER_TAG, scopes: new Set([tags.province, tags.site]), scopeOf: (o) => (PROVINCE_TYPES.has(o.type) ? tags.province : tags.site) };
}

/** A tenant's slug from an agency code. */
export function tenantSlug(code: string): string {
  return slugify(code);
}

/**
 * The desired NetBox objects of one site.
 * @param inventory the province
 * @param plans every site's address plan
 * @param site the site
 * @param compiled the site compiled (VM placements)
 */
export function mapSite(inventory: Inventory, plans: readonly SitePlan[], site: Site, compiled: CompiledSite): DesiredObject[] {
  const plan = plans.find((p) => p.site === site.id);
  if (!plan) throw new Error(`no address plan for site ${site.id}`);
  const tags = scopeTags(inventory.province.code, site.id);
  const out: DesiredObject[] = [
    { type: "extras.tag", key: OWNER_TAG, body: { name: OWNER_TAG, slug: OWNER_TAG, color: "1f618d", description: "Tạo và quản lý bởi hatang / Created and managed by hatang: do not edit by hand" } },
    ...[tags.province, tags.site].map((t): DesiredObject => ({ type: "extras.tag", key: t, body: { name: t, slug: t, color: "85929e", description: `Phạm vi đồng bộ / sync scope ${t.replace(/^hatang-/, "")}` } })),
  ];
  // Every site's sync asks for every scope tag it may meet, so none flips back and forth.
  for (const s of inventory.sites) if (s.id !== site.id) out.push({ type: "extras.tag", key: scopeTags(inventory.province.code, s.id).site, body: { name: scopeTags(inventory.province.code, s.id).site, slug: scopeTags(inventory.province.code, s.id).site, color: "85929e", description: `Phạm vi đồng bộ / sync scope site-${s.id}` } });
  for (const kind of [...new Set(inventory.agencies.map((a) => a.kind))].sort(compareText)) {
    const n = AGENCY_KINDS[kind] ?? { vi: kind, en: kind };
    out.push({ type: "tenancy.tenantgroup", key: `agency-${kind}`, body: { name: `${n.vi} / ${n.en}`.slice(0, 100), slug: `agency-${kind}` } });
  }
  for (const a of [...inventory.agencies].sort((x, y) => compareText(x.code, y.code))) {
    out.push({
      type: "tenancy.tenant",
      key: tenantSlug(a.code),
      body: { name: `${a.code} – ${a.name}`.slice(0, 100), slug: tenantSlug(a.code), group: ref("tenancy.tenantgroup", `agency-${a.kind}`), description: (a.nameEn ?? "").slice(0, 200), comments: a.parent ? `Trực thuộc / under ${a.parent}` : "" },
    });
  }
  out.push(...catalogueObjects(inventory), ...ipamCatalogue(inventory, plans));
  for (const p of [...new Set(inventory.uplinks.map((u) => u.provider))].sort(compareText)) out.push({ type: "circuits.provider", key: slugify(p), body: { name: p.slice(0, 100), slug: slugify(p) } });
  for (const kind of [...new Set(inventory.uplinks.map((u) => u.kind))].sort(compareText)) out.push({ type: "circuits.circuittype", key: kind, body: { name: CIRCUIT_TYPES[kind] ?? kind, slug: kind } });
  for (const t of ["openstack", "kubernetes"]) out.push({ type: "virtualization.clustertype", key: t, body: { name: t === "openstack" ? "OpenStack" : "Kubernetes", slug: t } });

  out.push(...plantObjects(inventory, site, plan), ...ipamObjects(inventory, site, plan));
  for (const u of inventory.uplinks.filter((x) => x.site === site.id).sort((a, b) => compareText(a.id, b.id))) {
    const entrance = site.carrierEntrances.find((e) => e.id === u.entrance);
    const circuitKey = `${slugify(u.provider)}/${u.id}`;
    out.push({ type: "circuits.circuit", key: circuitKey, body: { cid: u.id, provider: ref("circuits.provider", slugify(u.provider)), type: ref("circuits.circuittype", u.kind), status: "active", commit_rate: u.bandwidthMbps * 1000, description: u.route.slice(0, 200) } });
    out.push({
      type: "circuits.circuittermination",
      key: `${u.id}/A`,
      body: { circuit: ref("circuits.circuit", circuitKey), term_side: "A", termination_type: "dcim.site", termination_id: idRef("dcim.site", site.id), port_speed: u.bandwidthMbps * 1000, description: `${u.entrance}${entrance ? ` (${entrance.carrier}): ${entrance.route}` : ""}`.slice(0, 200) },
    });
    out.push(cable(`uplink:${u.id}`, { object_type: "circuits.circuittermination", object_id: idRef("circuits.circuittermination", `${u.id}/A`) }, { object_type: "dcim.interface", object_id: idRef("dcim.interface", `${u.device}/${IFACE.uplink(u.id)}`) }));
  }
  const openstack = `${site.id}-openstack`;
  out.push({ type: "virtualization.cluster", key: openstack, body: { name: openstack, type: ref("virtualization.clustertype", "openstack"), status: "active", scope_type: "dcim.site", scope_id: idRef("dcim.site", site.id) } });
  for (const c of inventory.clusters.filter((k) => k.site === site.id).sort((a, b) => compareText(a.id, b.id))) {
    out.push({ type: "virtualization.cluster", key: c.id, body: { name: c.id, type: ref("virtualization.clustertype", "kubernetes"), status: "active", scope_type: "dcim.site", scope_id: idRef("dcim.site", site.id), description: `Kubernetes ${c.version}, zone ${c.zone}` } });
  }
  const owners = new Map(inventory.systems.map((s) => [s.id, s.owner]));
  for (const i of [...compiled.placements.instances].sort((a, b) => compareText(a.name, b.name))) {
    const owner = owners.get(i.system);
    out.push({
      type: "virtualization.virtualmachine",
      key: `${openstack}/${i.name}`,
      body: { name: i.name, cluster: ref("virtualization.cluster", openstack), site: ref("dcim.site", site.id), status: "active", ...(owner ? { tenant: ref("tenancy.tenant", tenantSlug(owner)) } : {}), description: `${i.system}/${i.tier} @ ${i.zone}`.slice(0, 200), comments: `image ${i.image}, flavor ${i.flavor}, ${i.ipv4}` },
    });
  }
  return out;
}
