/**
 * The SAN checker: what each host can actually reach through a generated SAN configuration, compared
 * with what the model says it should. Independent of the generator on purpose: it reads only the
 * vendor-neutral document (zones by WWPN, host groups by WWPN, LUN masking) and the inventory's raw
 * facts (which device owns which WWPN on which fabric, which LUN belongs to which system and host), and
 * never calls the code that wrote the document.
 */
import type { Inventory } from "../../inventory/model";

/** The parts of the vendor-neutral SAN document the checker reads (`hatang.san/v1`). */
export interface SanDocumentView {
  /** Site. */
  site: string;
  /** Zoning per fabric. */
  fabrics: Array<{ fabric: string; zones: Array<{ name: string; initiator: string; targets: string[] }> }>;
  /** Host groups: hosts with the WWPNs the array knows them by. */
  hostGroups: Array<{ name: string; array: string; hosts: Array<{ device: string; wwpns: string[] }> }>;
  /** LUN masking. */
  luns: Array<{ array: string; system: string; lun: string; hostGroup: string; hosts: string[] }>;
}

/** Kinds of findings. */
export type SanFindingKind = "missing" | "foreign" | "unmasked" | "fabric-loss" | "not-single-initiator" | "unknown-port";

/** One thing wrong with what a host reaches. */
export interface SanFinding {
  /** Kind. */
  kind: SanFindingKind;
  /** Host (device) concerned, when one is. */
  host?: string;
  /** Fabric concerned. */
  fabric?: string;
  /** LUN (`<system>/<lun>`) concerned. */
  lun?: string;
  /** One sentence. */
  text: string;
}

/** What the checker found. */
export interface SanVerification {
  /** Site. */
  site: string;
  /** Fibre Channel fabrics of the site (from the inventory). */
  fabrics: string[];
  /** Hosts judged (LUN hosts and hypervisors with SAN ports). */
  hosts: number;
  /** Zones read. */
  zones: number;
  /** LUNs the model masks at the site. */
  luns: number;
  /** Host–LUN–fabric paths that exist. */
  paths: number;
  /** Findings, sorted. */
  findings: SanFinding[];
}

const lower = (w: string): string => w.toLowerCase();

/**
 * Checks a site's SAN document against the model: every host sees exactly its own system's LUNs on
 * every fabric of the site (multipath); no host sees another system's LUN; losing any one fabric leaves
 * every host a path to each of its LUNs (and every hypervisor to each array it uses); every zone holds
 * exactly one initiator, and only ports the model knows on that fabric.
 * @param inventory the validated inventory (the intent)
 * @param doc the generated document of the site
 */
export function verifySan(inventory: Inventory, doc: SanDocumentView): SanVerification {
  const site = doc.site;
  const findings: SanFinding[] = [];
  const fabrics = inventory.sanFabrics.filter((f) => f.site === site && f.protocol === "fc").map((f) => f.id).sort();

  // Raw facts: who owns each WWPN, on which fabric; which array a controller belongs to.
  const arrayOfController = new Map<string, string>();
  for (const a of inventory.storageArrays) if (a.site === site) for (const c of a.devices) arrayOfController.set(c, a.id);
  const owner = new Map<string, { device: string; fabric: string; target: boolean }>();
  for (const d of inventory.devices) {
    if (d.site !== site) continue;
    for (const p of d.sanPorts) owner.set(lower(p.wwpn), { device: d.name, fabric: p.fabric, target: arrayOfController.has(d.name) });
  }
  const arrayOfPool = new Map<string, string>();
  for (const a of inventory.storageArrays) if (a.site === site) for (const p of a.pools) arrayOfPool.set(p.id, a.id);

  // The intent: each host's LUNs, and each LUN's owner.
  const expected = new Map<string, Set<string>>();
  const systemsOfHost = new Map<string, Set<string>>();
  const lunOwner = new Map<string, string>();
  for (const s of inventory.systems)
    for (const l of s.luns) {
      if (!arrayOfPool.has(l.pool)) continue;
      const id = `${s.id}/${l.name}`;
      lunOwner.set(id, s.id);
      for (const h of l.hosts) {
        expected.set(h, (expected.get(h) ?? new Set<string>()).add(id));
        systemsOfHost.set(h, (systemsOfHost.get(h) ?? new Set<string>()).add(s.id));
      }
    }
  // A host given the LUNs of two systems sees another system's storage by design (the loader refuses it;
  // a model that skipped the loader must not pass here either).
  const systemOfHost = new Map<string, string>();
  for (const [h, systems] of systemsOfHost) {
    const sorted = [...systems].sort();
    systemOfHost.set(h, sorted[0]);
    if (sorted.length > 1) findings.push({ kind: "foreign", host: h, text: `host ${h} is given LUNs of systems ${sorted.join(", ")}: a host serves one system, or it sees another's storage` });
  }
  const hypervisors = inventory.devices.filter((d) => d.site === site && d.role === "hypervisor" && d.sanPorts.length > 0 && !expected.has(d.name)).map((d) => d.name);

  // Masking as the arrays hold it: per array, per initiator WWPN, the LUNs it may read.
  const groupWwpns = new Map<string, Map<string, string[]>>();
  for (const g of doc.hostGroups) groupWwpns.set(`${g.array}|${g.name}`, new Map(g.hosts.map((h) => [h.device, h.wwpns.map(lower)])));
  const masked = new Map<string, Map<string, Set<string>>>();
  for (const m of doc.luns) {
    const members = groupWwpns.get(`${m.array}|${m.hostGroup}`) ?? new Map<string, string[]>();
    const byWwpn = masked.get(m.array) ?? new Map<string, Set<string>>();
    for (const h of m.hosts) for (const w of members.get(h) ?? []) byWwpn.set(w, (byWwpn.get(w) ?? new Set<string>()).add(`${m.system}/${m.lun}`));
    masked.set(m.array, byWwpn);
  }

  // Zoning: per fabric, per initiator WWPN, the arrays whose target ports share a zone with it.
  const reach = new Map<string, Map<string, Set<string>>>();
  let zoneCount = 0;
  for (const f of doc.fabrics) {
    const byInitiator = reach.get(f.fabric) ?? new Map<string, Set<string>>();
    reach.set(f.fabric, byInitiator);
    for (const z of f.zones) {
      zoneCount++;
      const members = [z.initiator, ...z.targets].map(lower);
      const known = members.map((w) => ({ w, o: owner.get(w) }));
      for (const { w, o } of known)
        if (!o || o.fabric !== f.fabric)
          findings.push({ kind: "unknown-port", fabric: f.fabric, text: `zone ${z.name} on fabric ${f.fabric} holds ${w}, ${o ? `a port of ${o.device} on fabric ${o.fabric}` : "a WWPN no device of the site has"}` });
      const initiators = known.filter((k) => k.o && k.o.fabric === f.fabric && !k.o.target);
      if (initiators.length !== 1)
        findings.push({ kind: "not-single-initiator", fabric: f.fabric, text: `zone ${z.name} on fabric ${f.fabric} holds ${initiators.length} initiators (${initiators.map((k) => k.o!.device).join(", ") || "none"}); a zone holds exactly one` });
      const arrays = new Set(known.filter((k) => k.o && k.o.fabric === f.fabric && k.o.target).map((k) => arrayOfController.get(k.o!.device)!));
      for (const i of initiators) {
        const set = byInitiator.get(i.w) ?? new Set<string>();
        for (const a of arrays) set.add(a);
        byInitiator.set(i.w, set);
      }
    }
  }

  // What a host sees on a fabric: LUNs of arrays zoned to one of its ports there and masked to that port.
  const portsOf = new Map<string, Array<{ wwpn: string; fabric: string }>>();
  for (const [w, o] of owner) if (!o.target) portsOf.set(o.device, [...(portsOf.get(o.device) ?? []), { wwpn: w, fabric: o.fabric }]);
  const sees = (host: string, fabric: string): { luns: Set<string>; arrays: Set<string> } => {
    const luns = new Set<string>();
    const arrays = new Set<string>();
    for (const p of portsOf.get(host) ?? []) {
      if (p.fabric !== fabric) continue;
      for (const a of reach.get(fabric)?.get(p.wwpn) ?? []) {
        arrays.add(a);
        for (const l of masked.get(a)?.get(p.wwpn) ?? []) luns.add(l);
      }
    }
    return { luns, arrays };
  };

  let paths = 0;
  const judged = [...new Set([...expected.keys(), ...hypervisors, ...[...owner.values()].filter((o) => !o.target).map((o) => o.device)])].sort();
  for (const host of judged) {
    const want = expected.get(host) ?? new Set<string>();
    const mine = systemOfHost.get(host);
    const perFabric = new Map(fabrics.map((f) => [f, sees(host, f)]));
    for (const [fabric, seen] of perFabric) {
      paths += seen.luns.size;
      for (const l of want) if (!seen.luns.has(l)) findings.push({ kind: "missing", host, fabric, lun: l, text: `host ${host} does not see LUN ${l} on fabric ${fabric}` });
      for (const l of seen.luns) {
        if (want.has(l)) continue;
        const other = lunOwner.get(l);
        if (other !== mine) findings.push({ kind: "foreign", host, fabric, lun: l, text: `host ${host}${mine ? ` (system ${mine})` : ""} sees LUN ${l} of system ${other ?? "unknown"} on fabric ${fabric}` });
        else findings.push({ kind: "unmasked", host, fabric, lun: l, text: `host ${host} sees LUN ${l} on fabric ${fabric}, which the model does not give it` });
      }
    }
    // Losing one fabric: what is left must still reach every LUN (and every array a hypervisor uses).
    const allArrays = new Set([...perFabric.values()].flatMap((s) => [...s.arrays]));
    for (const lost of fabrics) {
      const left = fabrics.filter((f) => f !== lost).map((f) => perFabric.get(f)!);
      for (const l of want) if (!left.some((s) => s.luns.has(l))) findings.push({ kind: "fabric-loss", host, fabric: lost, lun: l, text: `losing fabric ${lost} leaves host ${host} no path to LUN ${l}` });
      if (want.size === 0 && hypervisors.includes(host))
        for (const a of allArrays) if (!left.some((s) => s.arrays.has(a))) findings.push({ kind: "fabric-loss", host, fabric: lost, text: `losing fabric ${lost} leaves hypervisor ${host} no path to array ${a}` });
    }
  }
  findings.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  return { site, fabrics, hosts: judged.length, zones: zoneCount, luns: lunOwner.size, paths, findings };
}
