/**
 * One site's address plan as NetBox IPAM: a VRF per zone, RIRs and aggregates, VLAN groups (per physnet)
 * and VLANs, prefixes with roles (zone blocks, VLAN subnets, links, the infrastructure block, Kubernetes
 * ranges, the carrier's TSLCD prefixes), DHCP pools and reserved ranges as IP ranges, and IP addresses
 * (gateways, loopbacks, management addresses on their interfaces).
 */
import { Address4, Address6 } from "ip-address";
import type { Inventory, Site, ZoneKind } from "../../inventory/model";
import type { SitePlan } from "../../inventory/addressing/types";
import { compareText } from "../../exports/table";
import { ZONE_KIND_NAMES } from "../../exports/zoneNames";
import { idRef, ref, slugify, type DesiredObject } from "../desired";
import { IFACE } from "./plant";

/** IPAM roles beside the zone kinds. */
export const EXTRA_ROLES: Readonly<Record<string, { vi: string; en: string }>> = {
  "p2p-link": { vi: "Liên kết điểm-điểm", en: "Point-to-point link" },
  infrastructure: { vi: "Khối hạ tầng (liên kết, loopback)", en: "Infrastructure block (links, loopbacks)" },
  "k8s-pods": { vi: "Dải địa chỉ pod Kubernetes", en: "Kubernetes pod range" },
  "k8s-services": { vi: "Dải địa chỉ dịch vụ Kubernetes", en: "Kubernetes service range" },
  "tslcd-carrier": { vi: "Địa chỉ TSLCD do nhà mạng cấp", en: "TSLCD prefix assigned by the carrier" },
};

/** The VRF of a zone at a site. */
export function zoneVrf(site: string, zone: string): string {
  return `${site}-${zone}`;
}

/** The VLAN group of a site's physnet. */
export function vlanGroupSlug(site: string, physnet: string): string {
  return slugify(`${site}-${physnet}`);
}

/** The registry an aggregate comes from: RFC 1918 / RFC 4193 private space, RFC 3849 documentation space, else the national registry. */
export function rirOf(prefix: string): { slug: string; name: string; private: boolean } {
  if (prefix.includes(":")) {
    const a = new Address6(prefix);
    if (a.isInSubnet(new Address6("fc00::/7"))) return { slug: "rfc4193", name: "RFC 4193 (ULA)", private: true };
    if (a.isInSubnet(new Address6("2001:db8::/32"))) return { slug: "rfc3849", name: "RFC 3849 (documentation)", private: true };
    return { slug: "vnnic", name: "VNNIC", private: false };
  }
  const a = new Address4(prefix);
  if (["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].some((p) => a.isInSubnet(new Address4(p)))) return { slug: "rfc1918", name: "RFC 1918", private: true };
  return { slug: "vnnic", name: "VNNIC", private: false };
}

/** The prefix length of a prefix text. */
const lengthOf = (prefix: string): string => prefix.split("/")[1];

/** Whether an address lies in a prefix. */
function contains(prefix: string, address: string): boolean {
  if (prefix.includes(":") !== address.includes(":")) return false;
  return prefix.includes(":") ? new Address6(address).isInSubnet(new Address6(prefix)) : new Address4(address).isInSubnet(new Address4(prefix));
}

/**
 * The IPAM objects of one site.
 * @param inventory the province
 * @param site the site
 * @param plan the site's address plan
 */
export function ipamObjects(inventory: Inventory, site: Site, plan: SitePlan): DesiredObject[] {
  const out: DesiredObject[] = [];
  const siteId = idRef("dcim.site", site.id);
  const zones = inventory.zones.filter((z) => z.site === site.id).sort((a, b) => compareText(a.id, b.id));
  const kindOf = new Map(zones.map((z) => [z.id, z.kind]));
  for (const z of zones) out.push({ type: "ipam.vrf", key: zoneVrf(site.id, z.id), body: { name: zoneVrf(site.id, z.id), enforce_unique: true, description: `${z.name} (${site.id})`.slice(0, 200) } });
  for (const p of [...plan.ipv4Aggregates, ...plan.ipv6Aggregates].sort(compareText)) {
    out.push({ type: "ipam.aggregate", key: p, body: { prefix: p, rir: ref("ipam.rir", rirOf(p).slug), description: `Khối địa chỉ / aggregate of ${site.id}` } });
  }
  for (const physnet of [...new Set(plan.subnets.map((s) => s.physnet))].sort(compareText)) {
    const slug = vlanGroupSlug(site.id, physnet);
    out.push({ type: "ipam.vlangroup", key: slug, body: { name: `${site.id} ${physnet}`.slice(0, 100), slug, scope_type: "dcim.site", scope_id: siteId, description: `VLAN ${physnet} @ ${site.id}` } });
  }
  const prefixes = new Map<string, DesiredObject>();
  const addPrefix = (vrf: string | undefined, prefix: string, body: Record<string, unknown>): void => {
    const key = `${vrf ?? ""}/${prefix}`;
    // The most specific use wins when two coincide (a zone of one VLAN as wide as its block).
    if (prefixes.has(key)) return;
    prefixes.set(key, { type: "ipam.prefix", key, body: { prefix, ...(vrf ? { vrf: ref("ipam.vrf", vrf) } : {}), scope_type: "dcim.site", scope_id: siteId, ...body } });
  };
  const ipRanges: DesiredObject[] = [];
  const addresses = new Map<string, DesiredObject>();
  const addAddress = (vrf: string | undefined, address: string, body: Record<string, unknown>): void => {
    const key = `${vrf ?? ""}/${address}`;
    if (!addresses.has(key)) addresses.set(key, { type: "ipam.ipaddress", key, body: { address, ...(vrf ? { vrf: ref("ipam.vrf", vrf) } : {}), status: "active", ...body } });
  };
  for (const s of [...plan.subnets].sort((a, b) => a.vlanId - b.vlanId || compareText(a.zone, b.zone))) {
    const group = vlanGroupSlug(site.id, s.physnet);
    const vrf = zoneVrf(site.id, s.zone);
    const role = ref("ipam.role", kindOf.get(s.zone) ?? "internal");
    out.push({ type: "ipam.vlan", key: `${group}/${s.vlanId}`, body: { group: ref("ipam.vlangroup", group), vid: s.vlanId, name: s.vlanName, status: "active", role, description: s.purpose.slice(0, 200) } });
    for (const fam of [s.ipv4, s.ipv6]) {
      addPrefix(vrf, fam.prefix, { vlan: ref("ipam.vlan", `${group}/${s.vlanId}`), status: "active", role, description: `${s.zone}/${s.vlanName}` });
      const len = lengthOf(fam.prefix);
      ipRanges.push({ type: "ipam.iprange", key: `${vrf}/${fam.pool.start}/${len}`, body: { start_address: `${fam.pool.start}/${len}`, end_address: `${fam.pool.end}/${len}`, vrf: ref("ipam.vrf", vrf), status: "active", role, description: `Cấp phát / pool ${s.vlanName}` } });
      for (const r of fam.reserved) {
        ipRanges.push({ type: "ipam.iprange", key: `${vrf}/${r.start}/${len}`, body: { start_address: `${r.start}/${len}`, end_address: `${r.end}/${len}`, vrf: ref("ipam.vrf", vrf), status: "reserved", role, description: `Dành riêng / reserved ${s.vlanName}` } });
      }
      addAddress(vrf, `${fam.gateway}/${len}`, { role: "vip", description: `Cổng / gateway ${s.vlanName}` });
    }
  }
  for (const z of plan.zones) {
    for (const p of [z.ipv4, z.ipv6]) addPrefix(zoneVrf(site.id, z.zone), p, { status: "container", role: ref("ipam.role", kindOf.get(z.zone) ?? "internal"), description: `Khối vùng / zone block ${z.zone}` });
  }
  for (const c of plan.clusters) {
    const zone = inventory.clusters.find((k) => k.id === c.cluster)?.zone;
    const vrf = zone ? zoneVrf(site.id, zone) : undefined;
    for (const p of [c.pods.ipv4, c.pods.ipv6]) addPrefix(vrf, p, { status: "container", role: ref("ipam.role", "k8s-pods"), description: `Pods ${c.cluster}` });
    for (const p of [c.services.ipv4, c.services.ipv6]) addPrefix(vrf, p, { status: "container", role: ref("ipam.role", "k8s-services"), description: `Services ${c.cluster}` });
  }
  if (plan.infrastructure) for (const p of [plan.infrastructure.ipv4, plan.infrastructure.ipv6]) addPrefix(undefined, p, { status: "container", role: ref("ipam.role", "infrastructure"), description: `Hạ tầng / infrastructure ${site.id}` });
  for (const l of plan.links) for (const p of [l.ipv4, l.ipv6]) addPrefix(undefined, p, { status: "active", role: ref("ipam.role", "p2p-link"), description: `Liên kết / link ${l.id}` });
  // The TSLCD's prefixes are the province's, shared by every site: no site scope, or each site's sync
  // would move them to itself and the next sync of another site would move them back.
  for (const t of plan.tslcd) addPrefix(undefined, t.prefix, { status: "active", role: ref("ipam.role", "tslcd-carrier"), description: `${t.purpose}`.slice(0, 200), comments: `${t.carrier}: ${t.reference}`, scope_type: null, scope_id: null });
  for (const l of plan.loopbacks) {
    for (const a of [l.ipv4, l.ipv6]) addAddress(undefined, a, { role: "loopback", assigned_object_type: "dcim.interface", assigned_object_id: idRef("dcim.interface", `${l.device}/${IFACE.loopback}`), description: `Loopback ${l.device}` });
  }
  for (const d of inventory.devices.filter((x) => x.site === site.id && x.mgmtAddress !== undefined).sort((a, b) => compareText(a.name, b.name))) {
    const address = d.mgmtAddress as string;
    const subnet = plan.subnets.flatMap((s) => [{ s, f: s.ipv4 }, { s, f: s.ipv6 }]).find((x) => contains(x.f.prefix, address));
    const full = `${address}/${subnet ? lengthOf(subnet.f.prefix) : address.includes(":") ? "128" : "32"}`;
    addAddress(subnet ? zoneVrf(site.id, subnet.s.zone) : undefined, full, { assigned_object_type: "dcim.interface", assigned_object_id: idRef("dcim.interface", `${d.name}/${IFACE.mgmt}`), description: `Quản trị / management ${d.name}` });
  }
  return [...out, ...prefixes.values(), ...ipRanges, ...addresses.values()];
}

/**
 * Province-wide IPAM catalogue: RIRs of every site's aggregates and the prefix/VLAN roles.
 * @param inventory the province
 * @param plans every site's plan
 */
export function ipamCatalogue(inventory: Inventory, plans: readonly SitePlan[]): DesiredObject[] {
  const out: DesiredObject[] = [];
  const rirs = new Map(plans.flatMap((p) => [...p.ipv4Aggregates, ...p.ipv6Aggregates]).map((a) => [rirOf(a).slug, rirOf(a)]));
  for (const r of [...rirs.values()].sort((a, b) => compareText(a.slug, b.slug))) out.push({ type: "ipam.rir", key: r.slug, body: { name: r.name, slug: r.slug, is_private: r.private } });
  const kinds = [...new Set(inventory.zones.map((z) => z.kind))].sort(compareText) as ZoneKind[];
  const roles: [string, { vi: string; en: string }][] = [...kinds.map((k): [string, { vi: string; en: string }] => [k, ZONE_KIND_NAMES[k]]), ...Object.entries(EXTRA_ROLES)];
  for (const [slug, n] of roles) out.push({ type: "ipam.role", key: slug, body: { name: `${n.en}`.slice(0, 100), slug, description: `${n.vi} / ${n.en}`.slice(0, 200) } });
  return out;
}
