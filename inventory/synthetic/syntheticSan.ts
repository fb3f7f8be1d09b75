/**
 * A synthetic SAN of any size on a one-site synthetic province, for the SAN benchmark and property
 * tests: `hosts` servers (one port per fabric) spread over systems of ten, `luns` LUNs spread over the
 * systems, `arrays` arrays of two controllers (two target ports per fabric each); each system's LUNs
 * sit on two arrays, so every host is zoned to two arrays on each fabric. Pure and deterministic.
 */
import type { Device, Inventory, Lun, StorageArray } from "../model";
import { syntheticProvince } from "./syntheticProvince";

/** How big the SAN is. */
export interface SyntheticSanSizes {
  /** Servers with LUNs. */
  hosts: number;
  /** LUNs over all systems. */
  luns: number;
  /** Arrays (at least 2). Default 4. */
  arrays?: number;
  /** Hosts per system. Default 10. */
  hostsPerSystem?: number;
}

const hex2 = (n: number): string => (n & 0xff).toString(16).padStart(2, "0");

/**
 * The province with its SAN.
 * @param sizes how big
 */
export function syntheticSanProvince(sizes: SyntheticSanSizes): Inventory {
  const arrays = Math.max(2, sizes.arrays ?? 4);
  const perSystem = Math.max(1, sizes.hostsPerSystem ?? 10);
  const systemCount = Math.max(1, Math.ceil(sizes.hosts / perSystem));
  const inv = syntheticProvince({ sites: 1, systems: systemCount, devices: 7 });
  const site = inv.sites[0].id;
  const rack = inv.racks.find((r) => r.site === site)!.id;
  const fabrics = inv.sanFabrics.filter((f) => f.site === site).map((f) => f.id).sort();
  const device = (name: string, role: Device["role"], ports: Array<[string, string]>): Device => ({
    name,
    site,
    rack,
    role,
    model: role === "server" ? "Bench server" : "Bench array",
    powerSupplies: { A: 1, B: 1 },
    sanFabrics: [],
    sanPorts: ports.map(([fabric, wwpn]) => ({ fabric, wwpn })),
  });
  const storage: StorageArray[] = [];
  const devices: Device[] = [];
  for (let a = 0; a < arrays; a++) {
    const controllers = [1, 2].map((c) => `${site}-bench-arr${a + 1}-c${c}`);
    controllers.forEach((name, c) =>
      devices.push(device(name, "storage-array", fabrics.flatMap((f, fi) => [1, 2].map((p) => [f, `50:06:0e:80:${hex2(a >> 8)}:${hex2(a)}:${hex2(0xa0 + fi * 16 + c)}:${hex2(p)}`] as [string, string])))),
    );
    storage.push({
      id: `${site}-bench-arr${a + 1}`,
      site,
      devices: controllers,
      pools: [{ id: `${site}-bench-pool${a + 1}`, tier: "ssd", capacityTiB: 500, backend: `bench-${a + 1}`, multiattach: false, encrypted: true, encryption: { provider: "luks", cipher: "aes-xts-plain64", keySize: 512, controlLocation: "front-end" }, purpose: "general" }],
    });
  }
  const hostsOf: string[][] = Array.from({ length: systemCount }, () => []);
  for (let h = 0; h < sizes.hosts; h++) {
    const name = `${site}-bench-host-${String(h + 1).padStart(5, "0")}`;
    hostsOf[Math.floor(h / perSystem)].push(name);
    devices.push(device(name, "server", fabrics.map((f, fi) => [f, `21:00:00:24:${hex2(h >> 16)}:${hex2(h >> 8)}:${hex2(h)}:${hex2(0xa0 + fi * 16)}`])));
  }
  const luns: Lun[][] = Array.from({ length: systemCount }, () => []);
  for (let l = 0; l < sizes.luns; l++) {
    const s = l % systemCount;
    const array = (s + (Math.floor(l / systemCount) % 2)) % arrays;
    luns[s].push({ name: `lun-${String(l + 1).padStart(5, "0")}`, pool: `${site}-bench-pool${array + 1}`, sizeGiB: 100, hosts: hostsOf[s] });
  }
  return {
    ...inv,
    devices: [...inv.devices, ...devices],
    storageArrays: [...inv.storageArrays.filter((a) => a.site !== site), ...inv.storageArrays.filter((a) => a.site === site), ...storage],
    systems: inv.systems.map((s, i) => ({ ...s, luns: hostsOf[i]?.length ? luns[i] : [] })),
  };
}
