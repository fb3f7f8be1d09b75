import { syntheticProvince, type SyntheticSizes } from "../../inventory/synthetic/syntheticProvince";
import type { Inventory } from "../../inventory/model";

/**
 * A synthetic province whose one site holds everything, adjusted the way an operator would for that: the
 * whole private /8 to allocate from (the province's space widened to hold it), (its backup copies are all at the one site, as the generator gives a one-site province), and tiers spread
 * over their zone's VLANs so no VLAN holds more hosts than it has.
 * @param sizes the synthetic sizes (sites should be 1)
 */
export function oneSiteProvince(sizes: SyntheticSizes): Inventory {
  const inv = syntheticProvince(sizes);
  if (inv.province.addressSpace) inv.province.addressSpace.ipv4 = ["10.0.0.0/8"];
  inv.sites[0].aggregates.ipv4 = ["10.0.0.0/8"];
  inv.systems.forEach((s, i) =>
    s.tiers.forEach((t) => {
      const vlans = inv.zones.find((z) => z.id === t.zone)?.vlans ?? [];
      if (vlans.length > 0) t.vlan = vlans[i % vlans.length].name;
    }),
  );
  return inv;
}
