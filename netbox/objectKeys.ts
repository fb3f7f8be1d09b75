/**
 * Per NetBox object type: its natural key (how an existing object is found again, computed from what NetBox
 * returns), the attributes a reference to it sends (NetBox looks the object up by them; they satisfy the
 * type's `Brief…Request` schema, plus scoping attributes where a name alone could match objects elsewhere),
 * the order types are written in, and whether it carries tags.
 */
import type { ObjectType } from "../clients/netbox/endpoints";

/** An object as NetBox returns it (fields by name). */
export type Fields = Record<string, unknown>;

const str = (v: unknown): string => (v === null || v === undefined ? "" : String(v));
const sub = (o: Fields, f: string): Fields => (typeof o[f] === "object" && o[f] !== null ? (o[f] as Fields) : {});

/** How each type is found: its natural key from an object as read. */
const KEYS: Readonly<Record<ObjectType, (o: Fields) => string>> = {
  "extras.tag": (o) => str(o.slug),
  "tenancy.tenantgroup": (o) => str(o.slug),
  "tenancy.tenant": (o) => str(o.slug),
  "dcim.site": (o) => str(o.slug),
  "dcim.location": (o) => `${str(sub(o, "site").slug)}/${str(o.slug)}`,
  "dcim.rack": (o) => `${str(sub(o, "site").slug)}/${str(o.name)}`,
  "dcim.powerpanel": (o) => `${str(sub(o, "site").slug)}/${str(o.name)}`,
  "dcim.powerfeed": (o) => `${str(sub(o, "power_panel").name)}/${str(o.name)}`,
  "dcim.manufacturer": (o) => str(o.slug),
  "dcim.devicetype": (o) => `${str(sub(o, "manufacturer").slug)}/${str(o.model)}`,
  "dcim.devicerole": (o) => str(o.slug),
  "dcim.device": (o) => `${str(sub(o, "site").slug)}/${str(o.name)}`,
  "dcim.interface": (o) => `${str(sub(o, "device").name)}/${str(o.name)}`,
  "dcim.cable": (o) => str(o.label),
  "ipam.vrf": (o) => str(o.name),
  "ipam.rir": (o) => str(o.slug),
  "ipam.aggregate": (o) => str(o.prefix),
  "ipam.role": (o) => str(o.slug),
  "ipam.vlangroup": (o) => str(o.slug),
  "ipam.vlan": (o) => `${str(sub(o, "group").slug)}/${str(o.vid)}`,
  "ipam.prefix": (o) => `${str(sub(o, "vrf").name)}/${str(o.prefix)}`,
  "ipam.iprange": (o) => `${str(sub(o, "vrf").name)}/${str(o.start_address)}`,
  "ipam.ipaddress": (o) => `${str(sub(o, "vrf").name)}/${str(o.address)}`,
  "circuits.provider": (o) => str(o.slug),
  "circuits.circuittype": (o) => str(o.slug),
  "circuits.circuit": (o) => `${str(sub(o, "provider").slug)}/${str(o.cid)}`,
  "circuits.circuittermination": (o) => `${str(sub(o, "circuit").cid)}/${str(o.term_side)}`,
  "virtualization.clustertype": (o) => str(o.slug),
  "virtualization.cluster": (o) => str(o.name),
  "virtualization.virtualmachine": (o) => `${str(sub(o, "cluster").name)}/${str(o.name)}`,
};

/**
 * The natural key of an object as NetBox returns it.
 * @param type the object type
 * @param o the object
 */
export function naturalKey(type: ObjectType, o: Fields): string {
  return KEYS[type](o);
}

/**
 * The attributes a reference sends, per field: `null` for a plain value, a type for a nested reference.
 * The required fields of each type's `Brief…Request` come first.
 */
export const REF_ATTRIBUTES: Readonly<Record<ObjectType, Readonly<Record<string, ObjectType | null>>>> = {
  "extras.tag": { name: null, slug: null },
  "tenancy.tenantgroup": { name: null, slug: null },
  "tenancy.tenant": { name: null, slug: null },
  "dcim.site": { name: null, slug: null },
  "dcim.location": { name: null, slug: null, site: "dcim.site" },
  "dcim.rack": { name: null, site: "dcim.site" },
  "dcim.powerpanel": { name: null, site: "dcim.site" },
  "dcim.powerfeed": { name: null, power_panel: "dcim.powerpanel" },
  "dcim.manufacturer": { name: null, slug: null },
  "dcim.devicetype": { manufacturer: "dcim.manufacturer", model: null, slug: null },
  "dcim.devicerole": { name: null, slug: null },
  "dcim.device": { name: null, site: "dcim.site" },
  "dcim.interface": { device: "dcim.device", name: null },
  "dcim.cable": { label: null },
  "ipam.vrf": { name: null },
  "ipam.rir": { name: null, slug: null },
  "ipam.aggregate": { prefix: null },
  "ipam.role": { name: null, slug: null },
  "ipam.vlangroup": { name: null, slug: null },
  "ipam.vlan": { vid: null, name: null, group: "ipam.vlangroup" },
  "ipam.prefix": { prefix: null, vrf: "ipam.vrf" },
  "ipam.iprange": { start_address: null, vrf: "ipam.vrf" },
  "ipam.ipaddress": { address: null, vrf: "ipam.vrf" },
  "circuits.provider": { name: null, slug: null },
  "circuits.circuittype": { name: null, slug: null },
  "circuits.circuit": { cid: null, provider: "circuits.provider" },
  "circuits.circuittermination": { circuit: "circuits.circuit", term_side: null },
  "virtualization.clustertype": { name: null, slug: null },
  "virtualization.cluster": { name: null },
  "virtualization.virtualmachine": { name: null, cluster: "virtualization.cluster" },
};

/**
 * The order the sync writes types in: every type after the types its objects refer to. Deletes run in the
 * reverse order, so dependents go before what they depend on.
 */
export const SYNC_ORDER: readonly ObjectType[] = [
  "extras.tag",
  "tenancy.tenantgroup",
  "tenancy.tenant",
  "dcim.site",
  "dcim.location",
  "dcim.rack",
  "dcim.powerpanel",
  "dcim.powerfeed",
  "dcim.manufacturer",
  "dcim.devicetype",
  "dcim.devicerole",
  "dcim.device",
  "dcim.interface",
  "ipam.vrf",
  "ipam.rir",
  "ipam.aggregate",
  "ipam.role",
  "ipam.vlangroup",
  "ipam.vlan",
  "ipam.prefix",
  "ipam.iprange",
  "ipam.ipaddress",
  "circuits.provider",
  "circuits.circuittype",
  "circuits.circuit",
  "circuits.circuittermination",
  "dcim.cable",
  "virtualization.clustertype",
  "virtualization.cluster",
  "virtualization.virtualmachine",
];

/** Types without a `tags` field: never owned by tag, so never deleted. */
export const UNTAGGED_TYPES: ReadonlySet<ObjectType> = new Set(["extras.tag"]);
