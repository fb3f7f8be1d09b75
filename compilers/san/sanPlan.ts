import { canonicalWwpn, type Device, type Inventory, type SanFabric } from "../../inventory/model";
import { compileVolumeTypes } from "../openstack/storage";
import { assignHostLunIds } from "./hostLunIds";
import { fitName, wwpnTail } from "./names";

/**
 * The SAN configuration of one site, generated from the model: per fabric, single-initiator zones (one
 * initiator port and the target ports of one array) in one zone set; per array, a host group per system
 * and the LUN masking of the system's LUNs to its hosts. Pure and deterministic: the same model gives the
 * same configuration whatever the order of its lists, and a zone's name and members depend only on its
 * own initiator and array.
 */

/** A WWPN with a name both CLIs accept. */
export interface SanAlias {
  /** Alias (Brocade alias, Cisco device-alias). */
  name: string;
  /** Canonical WWPN. */
  wwpn: string;
  /** Device the port belongs to. */
  device: string;
  /** Initiator (server, hypervisor) or target (array controller). */
  role: "initiator" | "target";
}

/** One single-initiator zone. */
export interface SanZone {
  /** Zone name. */
  name: string;
  /** The one initiator WWPN. */
  initiator: string;
  /** Target WWPNs of one array on this fabric, sorted. */
  targets: string[];
  /** Host the initiator belongs to. */
  host: string;
  /** Array the targets belong to. */
  array: string;
  /** System whose LUNs the host sees (absent for hypervisors: Cinder masks their volumes per attachment). */
  system?: string;
}

/** The zoning of one fabric. */
export interface FabricZoning {
  /** Fabric id. */
  fabric: string;
  /** Side. */
  side: SanFabric["side"];
  /** CLI the switches speak, if declared. */
  cli?: SanFabric["cli"];
  /** VSAN (Cisco MDS). */
  vsan?: number;
  /** Switches of the fabric. */
  switches: string[];
  /** Zone set (Brocade configuration) name. */
  zoneSet: string;
  /** Aliases of every port zoned on this fabric, sorted by name. */
  aliases: SanAlias[];
  /** Zones, sorted by name. */
  zones: SanZone[];
}

/** A system's hosts as one array knows them. */
export interface HostGroup {
  /** Name, unique per array. */
  name: string;
  /** Array id. */
  array: string;
  /** System id. */
  system: string;
  /** Hosts and their initiator WWPNs (every fabric), sorted. */
  hosts: Array<{ device: string; wwpns: string[] }>;
}

/** One LUN and whom it is masked to. */
export interface LunMapping {
  /** Array id. */
  array: string;
  /** Pool id. */
  pool: string;
  /** Owning system. */
  system: string;
  /** LUN name within the system. */
  lun: string;
  /** Size in GiB. */
  sizeGiB: number;
  /** Host LUN id the hosts see it by. */
  hostLunId: number;
  /** Host group of the system on the array. */
  hostGroup: string;
  /** Hosts the LUN is masked to, sorted (all of the group's hosts, or some). */
  hosts: string[];
}

/** The SAN configuration of a site. */
export interface SanPlan {
  /** Site id. */
  site: string;
  /** Fibre Channel fabrics of the site, sorted by id. */
  fabrics: FabricZoning[];
  /** Host groups, sorted by array then name. */
  hostGroups: HostGroup[];
  /** LUN masking, sorted by array, system, LUN. */
  luns: LunMapping[];
  /** What could not be generated (a host or an array without a port on a fabric…), one sentence each. */
  problems: string[];
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Initiator (or target) WWPNs of a device on a fabric, canonical and sorted. */
function portsOn(device: Device | undefined, fabric: string): string[] {
  return (device?.sanPorts ?? []).filter((p) => p.fabric === fabric).map((p) => canonicalWwpn(p.wwpn)).sort(byText);
}

/**
 * Generates the SAN configuration of one site. Hosts zoned: every server a LUN is masked to (to the
 * arrays holding its LUNs) and every hypervisor with SAN ports (to the arrays holding the site's Cinder
 * pools, whose volumes Cinder masks per attachment). Exported for testing.
 * @param inventory the validated inventory
 * @param site site id
 */
export function compileSanPlan(inventory: Inventory, site: string): SanPlan {
  const problems: string[] = [];
  const devices = new Map(inventory.devices.map((d) => [d.name, d]));
  const fabrics = inventory.sanFabrics.filter((f) => f.site === site && f.protocol === "fc").sort((a, b) => byText(a.id, b.id));
  const arrays = inventory.storageArrays.filter((a) => a.site === site).sort((a, b) => byText(a.id, b.id));
  const arrayOfPool = new Map(arrays.flatMap((a) => a.pools.map((p) => [p.id, a] as const)));

  // Who needs which arrays: LUN hosts (with their system), then hypervisors for Cinder's arrays.
  const needs = new Map<string, { arrays: Set<string>; system?: string }>();
  const luns = inventory.systems.flatMap((s) => s.luns.map((l) => ({ system: s.id, lun: l, array: arrayOfPool.get(l.pool) }))).filter((x) => x.array !== undefined);
  for (const { system, lun, array } of luns)
    for (const h of lun.hosts) {
      const n = needs.get(h) ?? { arrays: new Set<string>(), system };
      n.arrays.add(array!.id);
      needs.set(h, n);
    }
  const cinderPools = new Set(compileVolumeTypes(inventory, site).map((t) => t.pool));
  const cinderArrays = arrays.filter((a) => a.pools.some((p) => cinderPools.has(p.id))).map((a) => a.id);
  for (const d of inventory.devices)
    if (d.site === site && d.role === "hypervisor" && d.sanPorts.length > 0 && !needs.has(d.name) && cinderArrays.length > 0) needs.set(d.name, { arrays: new Set(cinderArrays) });

  const hostNames = [...needs.keys()].sort(byText);
  const zoning: FabricZoning[] = fabrics.map((f) => {
    const aliases = new Map<string, SanAlias>();
    const alias = (device: string, wwpn: string, role: SanAlias["role"]): string => {
      let a = aliases.get(wwpn);
      if (!a) {
        a = { name: fitName("", [device, wwpnTail(wwpn)], `${device}|${wwpn}`), wwpn, device, role };
        aliases.set(wwpn, a);
      }
      return a.name;
    };
    const zones: SanZone[] = [];
    for (const host of hostNames) {
      const need = needs.get(host)!;
      const initiators = portsOn(devices.get(host), f.id);
      if (initiators.length === 0) {
        problems.push(`host ${host} has no SAN port on fabric ${f.id} (side ${f.side}): it is cut off if the other fabric fails`);
        continue;
      }
      for (const arrayId of [...need.arrays].sort(byText)) {
        const array = arrays.find((a) => a.id === arrayId)!;
        const targets = array.devices.flatMap((c) => portsOn(devices.get(c), f.id).map((w) => ({ controller: c, wwpn: w }))).sort((a, b) => byText(a.wwpn, b.wwpn));
        if (targets.length === 0) continue;
        for (const t of targets) alias(t.controller, t.wwpn, "target");
        for (const i of initiators) {
          alias(host, i, "initiator");
          zones.push({ name: fitName("z", [host, arrayId, wwpnTail(i)], `${host}|${arrayId}|${i}`), initiator: i, targets: targets.map((t) => t.wwpn), host, array: arrayId, ...(need.system ? { system: need.system } : {}) });
        }
      }
    }
    for (const a of arrays) {
      const hosts = hostNames.filter((h) => needs.get(h)!.arrays.has(a.id));
      if (hosts.length > 0 && !a.devices.some((c) => portsOn(devices.get(c), f.id).length > 0))
        problems.push(`array ${a.id} has no target port on fabric ${f.id} (side ${f.side}): ${hosts.length} host(s) reach it on the other fabric only`);
    }
    // A digest name could in theory collide with a readable one: never silently merge two objects.
    for (const [what, names] of [["zone", zones.map((z) => ({ name: z.name, of: `${z.initiator}→${z.array}` }))], ["alias", [...aliases.values()].map((a) => ({ name: a.name, of: a.wwpn }))]] as const) {
      const seen = new Map<string, string>();
      for (const n of names) {
        const other = seen.get(n.name);
        if (other !== undefined) problems.push(`${what} name ${n.name} on fabric ${f.id} is given to both ${other} and ${n.of}; rename a device`);
        seen.set(n.name, n.of);
      }
    }
    return {
      fabric: f.id,
      side: f.side,
      ...(f.cli ? { cli: f.cli } : {}),
      ...(f.vsan !== undefined ? { vsan: f.vsan } : {}),
      switches: [...f.switches].sort(byText),
      zoneSet: fitName("zs", [f.id], f.id),
      aliases: [...aliases.values()].sort((a, b) => byText(a.name, b.name)),
      zones: zones.sort((a, b) => byText(a.name, b.name)),
    };
  });

  // Masking: a host group per system and array, LUN ids per group.
  const hostGroups: HostGroup[] = [];
  const mappings: LunMapping[] = [];
  for (const a of arrays) {
    const here = luns.filter((x) => x.array!.id === a.id);
    for (const system of [...new Set(here.map((x) => x.system))].sort(byText)) {
      const mine = here.filter((x) => x.system === system);
      const groupName = fitName("hg", [system], `${a.id}|${system}`);
      const hosts = [...new Set(mine.flatMap((x) => x.lun.hosts))].sort(byText);
      hostGroups.push({ name: groupName, array: a.id, system, hosts: hosts.map((h) => ({ device: h, wwpns: (devices.get(h)?.sanPorts ?? []).map((p) => canonicalWwpn(p.wwpn)).sort(byText) })) });
      const ids = assignHostLunIds(mine.map((x) => ({ identity: `${system}/${x.lun.name}`, fixed: x.lun.hostLunId })));
      for (const x of mine) {
        const id = ids.get(`${system}/${x.lun.name}`);
        if (id === undefined) {
          problems.push(`system ${system} has more LUNs on array ${a.id} than host LUN ids (1–4095): LUN ${x.lun.name} is not masked`);
          continue;
        }
        mappings.push({ array: a.id, pool: x.lun.pool, system, lun: x.lun.name, sizeGiB: x.lun.sizeGiB, hostLunId: id, hostGroup: groupName, hosts: [...x.lun.hosts].sort(byText) });
      }
    }
  }
  mappings.sort((x, y) => byText(x.array, y.array) || byText(x.system, y.system) || byText(x.lun, y.lun));
  return { site, fabrics: zoning, hostGroups, luns: mappings, problems: [...new Set(problems)].sort(byText) };
}
