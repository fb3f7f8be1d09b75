/**
 * The physical plant of one site as NetBox objects: site, locations (rack rows), racks, power panels and
 * feeds (A/B), manufacturers, device types and roles, devices, interfaces (management, loopback, uplinks,
 * HA LAGs) and the cables the model declares (HA peer links, uplink hand-offs).
 */
import type { Device, Inventory, Site } from "../../inventory/model";
import type { SitePlan } from "../../inventory/addressing/types";
import { compareText } from "../../exports/table";
import { idRef, ref, slugify, type DesiredObject } from "../desired";
import { manufacturerOf } from "./vendors";

/** Interface names the mapping gives every device. */
export const IFACE = { mgmt: "mgmt0", loopback: "lo0", haLag: "ha-bond", ha1: "ha1", ha2: "ha2", uplink: (id: string): string => `uplink-${id}` } as const;

/** A location's slug from its row label (unique within the site). */
export function locationSlug(row: string): string {
  return slugify(row);
}

/** The power panel of a site's path. */
export function powerPanelName(site: string, path: string): string {
  return `${site}-pp-${path.toLowerCase()}`;
}

/**
 * NetBox objects of one site's plant.
 * @param inventory the province
 * @param site the site
 * @param plan the site's address plan (loopbacks)
 */
export function plantObjects(inventory: Inventory, site: Site, plan: SitePlan): DesiredObject[] {
  const out: DesiredObject[] = [];
  const siteRef = ref("dcim.site", site.id);
  out.push({
    type: "dcim.site",
    key: site.id,
    body: {
      name: site.name.slice(0, 100),
      slug: site.id,
      status: "active",
      facility: `Tier ${site.facility.tierTarget} (${site.facility.standard})`.slice(0, 50),
      time_zone: "Asia/Ho_Chi_Minh",
      physical_address: `${site.location.address}, ${site.location.city}`.slice(0, 200),
      latitude: Math.round(site.location.latitude * 1e6) / 1e6,
      longitude: Math.round(site.location.longitude * 1e6) / 1e6,
      description: (site.role === "primary" ? "Điểm chính / Primary site" : "Điểm dự phòng / Disaster recovery site") + (site.location.hostedBy ? ` — ${site.location.hostedBy}` : ""),
    },
  });
  const racks = inventory.racks.filter((r) => r.site === site.id).sort((a, b) => compareText(a.id, b.id));
  for (const row of [...new Set(racks.map((r) => r.row))].sort(compareText)) {
    out.push({ type: "dcim.location", key: `${site.id}/${locationSlug(row)}`, body: { name: row.slice(0, 100), slug: locationSlug(row), site: siteRef, status: "active" } });
  }
  for (const path of [...new Set(site.facility.powerPaths)].sort()) {
    out.push({ type: "dcim.powerpanel", key: `${site.id}/${powerPanelName(site.id, path)}`, body: { site: siteRef, name: powerPanelName(site.id, path), description: `Nhánh nguồn ${path} / Power path ${path}` } });
  }
  for (const r of racks) {
    out.push({
      type: "dcim.rack",
      key: `${site.id}/${r.id}`,
      body: {
        name: r.id,
        site: siteRef,
        location: ref("dcim.location", `${site.id}/${locationSlug(r.row)}`),
        status: "active",
        u_height: r.units,
        description: `Nguồn / feeds ${[...r.feeds].sort().join("+")}${r.powerKw !== undefined ? `, ${r.powerKw} kW` : ""}`,
      },
    });
    for (const path of [...new Set(r.feeds)].sort()) {
      const panel = powerPanelName(site.id, path);
      out.push({
        type: "dcim.powerfeed",
        key: `${panel}/${r.id}-${path.toLowerCase()}`,
        body: { power_panel: ref("dcim.powerpanel", `${site.id}/${panel}`), rack: ref("dcim.rack", `${site.id}/${r.id}`), name: `${r.id}-${path.toLowerCase()}`, status: "active", type: path === "A" ? "primary" : "redundant" },
      });
    }
  }
  const devices = inventory.devices.filter((d) => d.site === site.id).sort((a, b) => compareText(a.name, b.name));
  const loopbacks = new Map(plan.loopbacks.map((l) => [l.device, l]));
  const uplinks = inventory.uplinks.filter((u) => u.site === site.id);
  for (const d of devices) {
    const devKey = `${site.id}/${d.name}`;
    const maker = manufacturerOf(d.model);
    out.push({
      type: "dcim.device",
      key: devKey,
      body: {
        name: d.name,
        device_type: ref("dcim.devicetype", `${slugify(maker)}/${d.model}`),
        role: ref("dcim.devicerole", d.role),
        site: siteRef,
        location: ref("dcim.location", `${site.id}/${locationSlug(inventory.racks.find((r) => r.id === d.rack)?.row ?? d.rack)}`),
        rack: ref("dcim.rack", `${site.id}/${d.rack}`),
        status: "active",
        serial: d.serial ?? "",
        description: `${d.haGroup ? `HA ${d.haGroup}; ` : ""}${powerText(d)}`.slice(0, 200),
      },
    });
    const iface = (name: string, body: Record<string, unknown>): void => {
      out.push({ type: "dcim.interface", key: `${d.name}/${name}`, body: { device: ref("dcim.device", devKey), name, ...body } });
    };
    if (d.mgmtAddress !== undefined) iface(IFACE.mgmt, { type: "1000base-t", mgmt_only: true, description: "Quản trị / Management" });
    if (loopbacks.has(d.name)) iface(IFACE.loopback, { type: "virtual", description: "Loopback" });
    for (const u of uplinks.filter((x) => x.device === d.name).sort((a, b) => compareText(a.id, b.id))) iface(IFACE.uplink(u.id), { type: "10gbase-x-sfpp", description: `${u.kind} ${u.provider}`.slice(0, 200) });
    if (d.haGroup) {
      iface(IFACE.haLag, { type: "lag", description: `HA ${d.haGroup}` });
      for (const m of [IFACE.ha1, IFACE.ha2]) iface(m, { type: "10gbase-x-sfpp", lag: idRef("dcim.interface", `${d.name}/${IFACE.haLag}`), description: `HA ${d.haGroup}` });
    }
  }
  // HA peer links as a ring: member i's ha1 to member i+1's ha2 (a pair gets two links, one per port).
  const groups = new Map<string, Device[]>();
  for (const d of devices) if (d.haGroup) groups.set(d.haGroup, [...(groups.get(d.haGroup) ?? []), d]);
  for (const [group, members] of [...groups.entries()].sort((a, b) => compareText(a[0], b[0]))) {
    if (members.length < 2) continue;
    members.forEach((m, i) => {
      const peer = members[(i + 1) % members.length];
      out.push(cable(`ha:${group}:${i + 1}`, { object_type: "dcim.interface", object_id: idRef("dcim.interface", `${m.name}/${IFACE.ha1}`) }, { object_type: "dcim.interface", object_id: idRef("dcim.interface", `${peer.name}/${IFACE.ha2}`) }));
    });
  }
  return out;
}

/** Power supplies per path, as the device record says: "PSU A:1 B:1". */
function powerText(d: Device): string {
  return `PSU ${(["A", "B"] as const).map((p) => `${p}:${d.powerSupplies[p] ?? 0}`).join(" ")}`;
}

/**
 * A cable between two terminations, keyed by its label.
 * @param label the label (the cable's natural key)
 * @param a the A end
 * @param b the B end
 */
export function cable(label: string, a: Record<string, unknown>, b: Record<string, unknown>): DesiredObject {
  return { type: "dcim.cable", key: label, body: { label, status: "connected", a_terminations: [a], b_terminations: [b] } };
}

/**
 * The province-wide catalogue the plant refers to: manufacturers, device types and device roles (from every
 * site's devices, so each site's sync wants the same set).
 * @param inventory the province
 */
export function catalogueObjects(inventory: Inventory): DesiredObject[] {
  const out: DesiredObject[] = [];
  const models = [...new Set(inventory.devices.map((d) => d.model))].sort(compareText);
  const makers = [...new Set(models.map(manufacturerOf))].sort(compareText);
  for (const m of makers) out.push({ type: "dcim.manufacturer", key: slugify(m), body: { name: m.slice(0, 100), slug: slugify(m) } });
  for (const model of models) {
    const maker = manufacturerOf(model);
    out.push({ type: "dcim.devicetype", key: `${slugify(maker)}/${model}`, body: { manufacturer: ref("dcim.manufacturer", slugify(maker)), model: model.slice(0, 100), slug: slugify(model) } });
  }
  for (const role of [...new Set(inventory.devices.map((d) => d.role))].sort(compareText)) {
    out.push({ type: "dcim.devicerole", key: role, body: { name: role, slug: role, color: roleColor(role), vm_role: false } });
  }
  return out;
}

/** A stable colour per device role (security devices red, network blue, storage green, the rest grey). */
export function roleColor(role: string): string {
  if (/firewall|waf|ips|ddos|nac|siem/.test(role)) return "c0392b";
  if (/switch|router|balancer|tap|console/.test(role)) return "2e86c1";
  if (/storage|san|backup|tape/.test(role)) return "27ae60";
  return "7f8c8d";
}
