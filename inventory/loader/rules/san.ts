import { canonicalWwpn, mayUsePool, poolRefusal, type Inventory, type StorageArray, type StoragePool } from "../../model";
import type { InventoryIndex } from "./inventoryIndex";
import { duplicates, unknownReference, type RuleProblem } from "./ruleProblem";

type Path = (string | number)[];

/** Device roles a LUN may be masked to: the ones that run an operating system on SAN storage. */
const LUN_HOST_ROLES: ReadonlySet<string> = new Set(["server", "hypervisor", "backup-appliance", "siem"]);

/** Where each pool is: its array and the array's site. */
function poolHomes(inv: Inventory): Map<string, { pool: StoragePool; array: StorageArray }> {
  const out = new Map<string, { pool: StoragePool; array: StorageArray }>();
  for (const array of inv.storageArrays) for (const pool of array.pools) if (!out.has(pool.id)) out.set(pool.id, { pool, array });
  return out;
}

/**
 * The SAN as data: WWPNs unique province-wide and on Fibre Channel fabrics of the device's site; a Cisco
 * MDS fabric names its VSAN; a reserved pool names a system that runs at the pool's site (a log store
 * must be reserved); each LUN is on a pool its system may use at one of its sites, masked to servers
 * at that site that have SAN ports and serve no other system; fixed host LUN ids unique per system and
 * array (one host group); replication
 * between arrays of two sites.
 * @param inv a schema-valid inventory
 * @param idx shared lookups
 */
export function sanRules(inv: Inventory, idx: InventoryIndex): RuleProblem[] {
  const p: RuleProblem[] = [];
  const fabrics = new Map(inv.sanFabrics.map((f) => [f.id, f]));

  // Ports: fabric at the device's site, Fibre Channel, WWPN unique.
  const ports: Array<{ wwpn: string; path: Path }> = [];
  inv.devices.forEach((d, di) =>
    d.sanPorts.forEach((port, pi) => {
      const base: Path = ["devices", di, "sanPorts", pi];
      ports.push({ wwpn: canonicalWwpn(port.wwpn), path: [...base, "wwpn"] });
      const f = fabrics.get(port.fabric);
      if (!f) p.push(unknownReference([...base, "fabric"], port.fabric, "a SAN fabric id defined under sanFabrics", fabrics.keys()));
      else if (f.site !== d.site) p.push({ path: [...base, "fabric"], message: `expected a SAN fabric at site "${d.site}"; "${f.id}" is at site "${f.site}"`, found: JSON.stringify(port.fabric) });
      else if (f.protocol !== "fc") p.push({ path: [...base, "fabric"], message: `expected a Fibre Channel fabric (a WWPN is a Fibre Channel name); "${f.id}" is ${f.protocol}`, found: JSON.stringify(port.fabric) });
    }),
  );
  p.push(...duplicates(ports, (x) => x.wwpn, (i) => ports[i].path, (x) => `duplicate WWPN ${x.wwpn}: every Fibre Channel port has its own`));

  inv.sanFabrics.forEach((f, fi) => {
    if (f.cli === "cisco-mds" && f.vsan === undefined) p.push({ path: ["sanFabrics", fi, "cli"], message: "a Cisco MDS fabric names the VSAN its zones live in: set vsan (2–4093)", found: JSON.stringify(f.cli) });
    if (f.vsan !== undefined && f.cli !== "cisco-mds") p.push({ path: ["sanFabrics", fi, "vsan"], message: "vsan applies to Cisco MDS fabrics (cli: cisco-mds) only", found: String(f.vsan) });
  });

  // Pools reserved for a system.
  inv.storageArrays.forEach((a, ai) =>
    a.pools.forEach((pool, pi) => {
      const base: Path = ["storageArrays", ai, "pools", pi];
      if (pool.purpose === "log-store" && pool.reservedFor === undefined)
        p.push({ path: [...base, "purpose"], message: "a log-store pool is reserved for the system that keeps the logs: set reservedFor", found: JSON.stringify(pool.purpose) });
      if (pool.reservedFor === undefined) return;
      const owner = idx.systems.get(pool.reservedFor);
      if (!owner) p.push(unknownReference([...base, "reservedFor"], pool.reservedFor, "a system id defined under systems", idx.systems.keys()));
      else if (!owner.sites.includes(a.site))
        p.push({ path: [...base, "reservedFor"], message: `expected a system that runs at site "${a.site}"; "${owner.id}" runs at ${owner.sites.join(", ")}`, found: JSON.stringify(pool.reservedFor) });
    }),
  );

  // LUNs.
  const homes = poolHomes(inv);
  const hostOwner = new Map<string, { system: string; path: Path }>();
  const hostLunIds = new Map<string, Map<number, Path>>();
  inv.systems.forEach((s, si) => {
    p.push(...duplicates(s.luns, (l) => l.name, (i) => ["systems", si, "luns", i, "name"], (l) => `duplicate LUN name "${l.name}" in system "${s.id}"`));
    s.luns.forEach((lun, li) => {
      const base: Path = ["systems", si, "luns", li];
      const home = homes.get(lun.pool);
      if (!home) {
        p.push(unknownReference([...base, "pool"], lun.pool, "a storage pool id defined under storageArrays[].pools", homes.keys()));
        return;
      }
      const site = home.array.site;
      if (!s.sites.includes(site)) p.push({ path: [...base, "pool"], message: `expected a pool at one of the system's sites (${s.sites.join(", ")}); "${lun.pool}" is at site "${site}"`, found: JSON.stringify(lun.pool) });
      else if (!mayUsePool(home.pool, s.id)) p.push({ path: [...base, "pool"], message: `system "${s.id}" may not use pool "${lun.pool}": ${poolRefusal(home.pool, s.id)}`, found: JSON.stringify(lun.pool) });
      lun.hosts.forEach((h, hi) => {
        const path: Path = [...base, "hosts", hi];
        const d = idx.devices.get(h);
        if (!d) return void p.push(unknownReference(path, h, "a device name defined under devices", idx.devices.keys()));
        if (d.site !== site) return void p.push({ path, message: `expected a device at site "${site}" (the pool's); "${h}" is at site "${d.site}"`, found: JSON.stringify(h) });
        if (!LUN_HOST_ROLES.has(d.role)) return void p.push({ path, message: `expected a host (${[...LUN_HOST_ROLES].join(", ")}); "${h}" is a ${d.role}`, found: JSON.stringify(h) });
        if (d.sanPorts.length === 0) p.push({ path, message: `expected a host with SAN ports: "${h}" lists no sanPorts (WWPN per fabric), so no zone or mask can reach it`, found: JSON.stringify(h) });
        const owner = hostOwner.get(h);
        if (owner && owner.system !== s.id)
          p.push({ path, message: `host "${h}" already serves the LUNs of system "${owner.system}": a host belongs to one system, so no host sees another's storage (Circular 12/2022 Art. 9.9c)`, found: JSON.stringify(h), firstAt: owner.path });
        else if (!owner) hostOwner.set(h, { system: s.id, path });
      });
      // The system's hosts see one array's LUNs through one host group, so an id names one LUN per group.
      if (lun.hostLunId !== undefined) {
        const group = `${s.id}/${home.array.id}`;
        const ids = hostLunIds.get(group) ?? new Map<number, Path>();
        const first = ids.get(lun.hostLunId);
        if (first) p.push({ path: [...base, "hostLunId"], message: `host LUN id ${lun.hostLunId} is taken by another LUN of system "${s.id}" on array "${home.array.id}"`, found: String(lun.hostLunId), firstAt: first });
        else ids.set(lun.hostLunId, [...base, "hostLunId"]);
        hostLunIds.set(group, ids);
      }
    });
  });

  // Replication between arrays of two sites.
  const arrays = new Map(inv.storageArrays.map((a) => [a.id, a]));
  p.push(...duplicates(inv.storageReplication, (r) => r.id, (i) => ["storageReplication", i, "id"], (r) => `duplicate storage replication id "${r.id}": it must be unique`));
  inv.storageReplication.forEach((r, ri) => {
    const base: Path = ["storageReplication", ri];
    const src = arrays.get(r.source);
    const dst = arrays.get(r.target);
    if (!src) p.push(unknownReference([...base, "source"], r.source, "a storage array id defined under storageArrays", arrays.keys()));
    if (!dst) p.push(unknownReference([...base, "target"], r.target, "a storage array id defined under storageArrays", arrays.keys()));
    if (src && dst && src.site === dst.site)
      p.push({ path: [...base, "target"], message: `expected an array at another site than the source's ("${src.site}"): replication protects against losing a site`, found: JSON.stringify(r.target) });
    if (r.mode === "asynchronous" && r.intervalMinutes === undefined) p.push({ path: [...base, "mode"], message: "asynchronous replication names its cycle: set intervalMinutes", found: JSON.stringify(r.mode) });
    if (r.mode === "synchronous" && r.intervalMinutes !== undefined) p.push({ path: [...base, "intervalMinutes"], message: "synchronous replication has no cycle (its recovery point is zero)", found: String(r.intervalMinutes) });
    r.pools?.forEach((pool, pi) => {
      if (src && !src.pools.some((x) => x.id === pool)) p.push(unknownReference([...base, "pools", pi], pool, `a pool of array "${src.id}"`, src.pools.map((x) => x.id)));
    });
  });
  return p;
}
