/**
 * The NetBox object types hatang reads and writes, each by its REST collection path. The generated types
 * (`types.generated.ts`) and the fake's validation derive every schema name from these paths in the
 * OpenAPI document; adding a type here and running `npm run netbox:types` is all a new type needs.
 */
export const ENDPOINTS = {
  "extras.tag": "/api/extras/tags/",
  "tenancy.tenantgroup": "/api/tenancy/tenant-groups/",
  "tenancy.tenant": "/api/tenancy/tenants/",
  "dcim.site": "/api/dcim/sites/",
  "dcim.location": "/api/dcim/locations/",
  "dcim.rack": "/api/dcim/racks/",
  "dcim.powerpanel": "/api/dcim/power-panels/",
  "dcim.powerfeed": "/api/dcim/power-feeds/",
  "dcim.manufacturer": "/api/dcim/manufacturers/",
  "dcim.devicetype": "/api/dcim/device-types/",
  "dcim.devicerole": "/api/dcim/device-roles/",
  "dcim.device": "/api/dcim/devices/",
  "dcim.interface": "/api/dcim/interfaces/",
  "dcim.cable": "/api/dcim/cables/",
  "ipam.vrf": "/api/ipam/vrfs/",
  "ipam.rir": "/api/ipam/rirs/",
  "ipam.aggregate": "/api/ipam/aggregates/",
  "ipam.role": "/api/ipam/roles/",
  "ipam.vlangroup": "/api/ipam/vlan-groups/",
  "ipam.vlan": "/api/ipam/vlans/",
  "ipam.prefix": "/api/ipam/prefixes/",
  "ipam.iprange": "/api/ipam/ip-ranges/",
  "ipam.ipaddress": "/api/ipam/ip-addresses/",
  "circuits.provider": "/api/circuits/providers/",
  "circuits.circuittype": "/api/circuits/circuit-types/",
  "circuits.circuit": "/api/circuits/circuits/",
  "circuits.circuittermination": "/api/circuits/circuit-terminations/",
  "virtualization.clustertype": "/api/virtualization/cluster-types/",
  "virtualization.cluster": "/api/virtualization/clusters/",
  "virtualization.virtualmachine": "/api/virtualization/virtual-machines/",
} as const;

/** An object type's key: NetBox's own `app_label.model` name (what `object_types` and `scope_type` fields hold). */
export type ObjectType = keyof typeof ENDPOINTS;

/** Every object type, in the order of the table above. */
export const OBJECT_TYPES = Object.keys(ENDPOINTS) as ObjectType[];
