import { Inventory } from "../../inventory/model";
import { smallProvinceInput } from "../fixtures/smallProvince";

/** A server or hypervisor with one port per fabric (or the ones listed). */
export function host(name: string, role: "server" | "hypervisor", n: number, fabrics: readonly string[] = ["fab-a", "fab-b"]): Record<string, unknown> {
  const hex = n.toString(16).padStart(2, "0");
  return {
    name,
    site: "tp-dc1",
    rack: "r1",
    role,
    model: "Vendor server",
    powerSupplies: { A: 1, B: 1 },
    sanPorts: fabrics.map((f) => ({ fabric: f, wwpn: `21:00:00:24:ff:00:${hex}:${f === "fab-a" ? "a0" : "b0"}` })),
  };
}

/** An array controller with two target ports per fabric. */
function controller(name: string, n: number): Record<string, unknown> {
  return {
    name,
    site: "tp-dc1",
    rack: "r1",
    role: "storage-array",
    model: "Vendor array",
    powerSupplies: { A: 1, B: 1 },
    sanPorts: ["a0", "b0"].flatMap((side) => [1, 2].map((p) => ({ fabric: side === "a0" ? "fab-a" : "fab-b", wwpn: `50:06:0e:80:00:0${n}:${side}:0${p}` }))),
  };
}

/**
 * The small province with a SAN: fabric A on Brocade FOS, fabric B on Cisco MDS (VSAN 30), one array with
 * a general pool, the portal's database servers sharing two LUNs, the IOC's server with its own, a hypervisor.
 */
export function sanProvinceInput(): Record<string, unknown> {
  const input = smallProvinceInput();
  input.racks = [{ id: "r1", site: "tp-dc1", row: "A", feeds: ["A", "B"] }];
  input.devices = [
    { name: "san-a", site: "tp-dc1", rack: "r1", role: "san-switch", model: "Brocade G720", powerSupplies: { A: 1, B: 1 } },
    { name: "san-b", site: "tp-dc1", rack: "r1", role: "san-switch", model: "Cisco MDS 9148T", powerSupplies: { A: 1, B: 1 } },
    controller("ctl-1", 1),
    controller("ctl-2", 2),
    host("db-1", "server", 1),
    host("db-2", "server", 2),
    host("stream-1", "server", 3),
    host("hv-1", "hypervisor", 4),
  ];
  input.sanFabrics = [
    { id: "fab-a", site: "tp-dc1", side: "A", protocol: "fc", switches: ["san-a"], cli: "brocade-fos" },
    { id: "fab-b", site: "tp-dc1", side: "B", protocol: "fc", switches: ["san-b"], cli: "cisco-mds", vsan: 30 },
  ];
  input.storageArrays = [{ id: "arr1", site: "tp-dc1", devices: ["ctl-1", "ctl-2"], pools: [{ id: "ssd", tier: "ssd", capacityTiB: 50, backend: "arr1-ssd" }] }];
  const systems = input.systems as Array<Record<string, unknown>>;
  systems[0].luns = [
    { name: "data", pool: "ssd", sizeGiB: 2048, hosts: ["db-1", "db-2"], hostLunId: 10 },
    { name: "wal", pool: "ssd", sizeGiB: 256, hosts: ["db-1", "db-2"] },
  ];
  systems[1].luns = [{ name: "stream", pool: "ssd", sizeGiB: 1024, hosts: ["stream-1"] }];
  return input;
}

/** The validated SAN province. */
export function sanProvince(input: Record<string, unknown> = sanProvinceInput()): Inventory {
  return Inventory.parse(input);
}
