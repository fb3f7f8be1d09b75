/**
 * Names for port sets: the inventory's services, then the admin ports and a sample of high ports
 * (probes the report states explicitly), so a matrix cell reads `https, ssh` and anything left over
 * is printed as raw ranges.
 */
import type { Inventory } from "../inventory/model";
import { servicePortSet } from "./intent/resolver";
import { formatSet, isEmpty, isSubset, overlaps, singleSet, subtract, union, type PortSet } from "./portSet";

/** A named port set. */
export interface NamedService {
  /** Service name, or `admin tcp/22`, `high tcp/49152`. */
  name: string;
  /** Its ports. */
  ports: PortSet;
  /** Where it comes from. */
  origin: "service" | "admin-port" | "high-port";
}

/** High ports probed in both protocols: ephemeral-range edges and common unregistered ports. */
export const HIGH_PORT_SAMPLE: readonly number[] = [1024, 8081, 30000, 32767, 49152, 65535];

/**
 * The catalog: every service of the inventory, every admin port, the high-port sample.
 * @param inventory the inventory
 */
export function serviceCatalog(inventory: Pick<Inventory, "services" | "security">): NamedService[] {
  const services = [...inventory.services].sort((a, b) => a.name.localeCompare(b.name)).map((s): NamedService => ({ name: s.name, ports: servicePortSet(s), origin: "service" }));
  const admin = inventory.security.adminPorts.map((p): NamedService => ({ name: `admin tcp/${p}`, ports: singleSet("tcp", p), origin: "admin-port" }));
  const high = HIGH_PORT_SAMPLE.flatMap((p): NamedService[] => [
    { name: `high tcp/${p}`, ports: singleSet("tcp", p), origin: "high-port" },
    { name: `high udp/${p}`, ports: singleSet("udp", p), origin: "high-port" },
  ]);
  return [...services, ...admin, ...high];
}

/**
 * Describes a port set by the services it fully contains, then what is left as raw ranges.
 * @param set the set
 * @param catalog named services (only `service` entries name cells; probes are reported apart)
 */
export function describePorts(set: PortSet, catalog: readonly NamedService[]): string[] {
  const named = catalog.filter((s) => s.origin === "service" && !isEmpty(s.ports) && isSubset(set, s.ports));
  const rest = subtract(set, union(...named.map((s) => s.ports)));
  return [...named.map((s) => s.name), ...(isEmpty(rest) ? [] : [formatSet(rest)])];
}

/**
 * The services (and probes) that overlap a set: for discrepancy messages.
 * @param set the set
 * @param catalog the catalog
 */
export function overlapping(set: PortSet, catalog: readonly NamedService[]): string[] {
  return catalog.filter((s) => overlaps(set, s.ports)).map((s) => s.name);
}
