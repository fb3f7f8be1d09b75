/**
 * The endpoint classes of one site: every system tier hosted there, every zone (its other hosts, by a
 * sample address outside the zone's VLAN subnets when there is room), the Internet and each TSLCD prefix.
 */
import type { Inventory } from "../inventory/model";
import type { AddressPlan, SitePlan, SubnetPlan } from "../inventory/addressing/types";
import { tierSubnets } from "../compilers/flows/resolve";
import { formatAddress } from "../inventory/addressing/address";
import { internetPrefixes } from "../inventory/addressing/provinceSpace";
import { addressInPrefix, familyOf, parseIp, parseNet, type Family } from "./addresses";
import type { Endpoint, Host } from "./endpointTypes";
import type { DataplaneModel } from "./actual";
import { holds } from "./prefixCache";

const FAMILIES: readonly Family[] = ["ipv4", "ipv6"];

/** Internet sample candidates: documentation ranges (RFC 5737, RFC 3849, RFC 9637), first one outside every known prefix wins. */
export const INTERNET_CANDIDATES: Readonly<Record<Family, readonly string[]>> = {
  ipv4: ["198.51.100.10", "203.0.113.10", "192.0.2.10"],
  ipv6: ["2001:db8:ffff::10", "3fff:0:ffff::10", "3fff::10"],
};

/**
 * The Neutron subnet (most specific) holding an address, if any.
 * @param model the dataplane
 * @param address the address
 */
export function subnetHolding(model: DataplaneModel, address: string): string | undefined {
  let best: { id: string; len: number } | undefined;
  for (const s of model.neutron.subnets.values()) {
    if (!holds(s.cidr, address)) continue;
    const len = parseNet(s.cidr)?.length ?? 0;
    if (!best || len > best.len) best = { id: s.id, len };
  }
  return best?.id;
}

function sampleHost(model: DataplaneModel, id: string, address: Partial<Record<Family, string>>): Host {
  const subnetId: Partial<Record<Family, string>> = {};
  for (const f of FAMILIES) {
    const a = address[f];
    const s = a !== undefined ? subnetHolding(model, a) : undefined;
    if (s !== undefined) subnetId[f] = s;
  }
  return { id, address, subnetId };
}

/**
 * The first address of a block outside every listed prefix (skipping the block's network address),
 * or undefined when the prefixes cover the whole block.
 * @param block the zone block
 * @param taken the VLAN subnets inside it
 */
export function addressOutside(block: string, taken: readonly string[]): string | undefined {
  const b = parseNet(block);
  if (!b) return undefined;
  const bits = b.family === "ipv4" ? 32 : 128;
  const last = b.network + (1n << BigInt(bits - b.length)) - 1n;
  const ranges = taken
    .map(parseNet)
    .filter((n): n is NonNullable<typeof n> => n !== undefined && n.family === b.family)
    .map((n) => [n.network, n.network + (1n << BigInt(bits - n.length)) - 1n] as const)
    .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  let cursor = b.network + 1n;
  for (const [lo, hi] of ranges) {
    if (cursor < lo) break;
    if (cursor <= hi) cursor = hi + 1n;
  }
  return cursor <= last ? formatAddress(b.family, cursor) : undefined;
}

/**
 * Matrix columns of the networks outside the DC. Parenthesised, so they can never be mistaken for a zone
 * (zone ids are slugs: the example has a zone called `tslcd` too).
 */
export const EXTERNAL_COLUMNS = { internet: "(Internet)", tslcd: "(TSLCD)" } as const;

/**
 * The Internet's sample address per family: the first candidate outside every aggregate, zone block,
 * TSLCD prefix and cluster range of the province.
 * @param addressPlan the province's address plan
 */

export function internetSample(addressPlan: AddressPlan): Record<Family, string> {
  const known = addressPlan.sites.flatMap((s) => [
    ...s.ipv4Aggregates,
    ...s.ipv6Aggregates,
    ...s.zones.flatMap((z) => [z.ipv4, z.ipv6]),
    ...s.tslcd.map((t) => t.prefix),
    ...s.clusters.flatMap((c) => [c.pods.ipv4, c.pods.ipv6, c.services.ipv4, c.services.ipv6]),
  ]);
  const pick = (f: Family): string => {
    const found = INTERNET_CANDIDATES[f].find((c) => !known.some((p) => holds(p, c)));
    if (!found) throw new Error(`every Internet sample candidate (${INTERNET_CANDIDATES[f].join(", ")}) lies inside the province's own prefixes`);
    return found;
  };
  return { ipv4: pick("ipv4"), ipv6: pick("ipv6") };
}

/**
 * The address a host with this MAC takes by SLAAC in a /64 (RFC 4291 Appendix A: the MAC's 48 bits
 * split by ff:fe, the universal/local bit inverted). Written here, apart from the compiler's own, so the
 * proof does not trust the compiler. Undefined when the subnet is not a /64 or the MAC is malformed.
 */
export function slaacAddress(cidr: string, mac: string): string | undefined {
  const [net, len] = cidr.split("/");
  const bytes = mac.split(":").map((h) => Number.parseInt(h, 16));
  if (len !== "64" || bytes.length !== 6 || bytes.some((b) => Number.isNaN(b) || b < 0 || b > 255)) return undefined;
  const hex = (a: number, b: number): string => ((a << 8) | b).toString(16);
  const iid = [hex(bytes[0] ^ 2, bytes[1]), hex(bytes[2], 0xff), hex(0xfe, bytes[3]), hex(bytes[4], bytes[5])].join(":");
  const groups = expandV6(net).slice(0, 4).join(":");
  return `${groups}:${iid}`;
}

/** The eight 16-bit groups of an IPv6 address, as hex text. */
function expandV6(addr: string): string[] {
  const [head, tail] = addr.includes("::") ? addr.split("::") : [addr, undefined];
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const fill = tail === undefined ? [] : Array(8 - h.length - t.length).fill("0");
  return [...h, ...fill, ...t];
}

function subnetSample(subnets: readonly SubnetPlan[]): Partial<Record<Family, string>> {
  const s = subnets[0];
  return s ? { ipv4: s.ipv4.pool.start, ipv6: s.ipv6.pool.start } : {};
}

function tierEndpoints(inventory: Inventory, sitePlan: SitePlan, model: DataplaneModel): Endpoint[] {
  const site = sitePlan.site;
  const out: Endpoint[] = [];
  for (const system of inventory.systems) {
    if (!system.sites.includes(site)) continue;
    for (const tier of system.tiers) {
      const subnets = tierSubnets({ inventory, plan: sitePlan }, system, tier.name);
      const id = `tier:${system.id}/${tier.name}`;
      const base = { id, label: `${system.id}/${tier.name}`, kind: "tier" as const, column: tier.zone, system: system.id, tier: tier.name, form: tier.form };
      const sample = sampleHost(model, `${id}#sample`, subnetSample(subnets));
      if (tier.form === "vm") {
        const ports = model.neutron.ports.filter((p) => p.tags["system"] === system.id && p.tags["tier"] === tier.name && (p.tags["site"] ?? site) === site);
        if (ports.length === 0) {
          out.push({ ...base, hosts: [sample], note: "VM tier without a port in the plan: represented by an unenforced sample address" });
          continue;
        }
        const hosts = ports.map((p, i): Host => {
          const address: Partial<Record<Family, string>> = {};
          const subnetId: Partial<Record<Family, string>> = {};
          for (const f of p.fixedIps) {
            const sn = model.neutron.subnets.get(f.subnetId);
            const fam = f.address !== undefined ? familyOf(f.address) : sn?.family;
            if (!fam || address[fam] !== undefined) continue;
            // SLAAC: Neutron derives the address from the MAC (modified EUI-64); without a fixed MAC any address of the subnet stands for it.
            const a = f.address ?? (sn ? (p.mac && fam === "ipv6" ? slaacAddress(sn.cidr, p.mac) : undefined) ?? addressInPrefix(sn.cidr, 0x10000n + BigInt(i)) : undefined);
            if (a === undefined || !parseIp(a)) continue;
            address[fam] = a;
            subnetId[fam] = f.subnetId;
          }
          return { id: p.urn, address, subnetId, port: { urn: p.urn, name: p.name, groupIds: p.groupIds } };
        });
        out.push({ ...base, hosts });
      } else if (tier.form === "container") {
        const ns = model.kube.namespaces.find(
          (n) => n.labels["hatang.vn/system"] === system.id && n.labels["hatang.vn/zone"] === tier.zone && (n.cluster === `${site}-${tier.cluster}` || n.cluster === "default"),
        );
        if (!ns) {
          out.push({ ...base, hosts: [sample], note: "container tier without a namespace in the plan: represented by an unenforced sample address" });
          continue;
        }
        // Traffic to and from pods outside the cluster uses the nodes' VLAN (the tier's subnet), as the flow intent does.
        out.push({ ...base, hosts: [{ ...sample, pod: { cluster: ns.cluster, namespace: ns.name, labels: { "hatang.vn/tier": tier.name } } }] });
      } else {
        out.push({ ...base, hosts: [sample], note: "bare metal: enforced by the physical firewalls, not by the cloud" });
      }
    }
  }
  return out;
}

/**
 * Marks, per family, the hosts whose subnet is routed and guarded by an enabled FWaaS group.
 * @param endpoints endpoints to mark (in place)
 * @param model the dataplane
 */
export function markFirewalled(endpoints: readonly Endpoint[], model: DataplaneModel): void {
  for (const e of endpoints) {
    for (const h of e.hosts) {
      for (const f of FAMILIES) {
        const s = h.subnetId[f];
        if (s !== undefined && model.neutron.subnets.get(s)?.routed && model.firewalls.some((g) => g.adminStateUp && g.subnetIds.includes(s))) {
          h.firewalled = { ...h.firewalled, [f]: true };
        }
      }
    }
  }
}

/**
 * Every endpoint class of a site.
 * @param inventory the validated inventory
 * @param addressPlan the province's address plan
 * @param site the site id
 * @param model the plan's dataplane
 */
export function siteEndpoints(inventory: Inventory, addressPlan: AddressPlan, site: string, model: DataplaneModel): Endpoint[] {
  const sitePlan = addressPlan.sites.find((s) => s.site === site);
  if (!sitePlan) throw new Error(`the address plan has no site "${site}"`);
  const out = tierEndpoints(inventory, sitePlan, model);
  for (const z of [...sitePlan.zones].sort((a, b) => a.zone.localeCompare(b.zone))) {
    const subnets = sitePlan.subnets.filter((s) => s.zone === z.zone);
    const address: Partial<Record<Family, string>> = {};
    let note: string | undefined;
    for (const f of FAMILIES) {
      const outside = addressOutside(z[f], subnets.map((s) => s[f].prefix));
      const fallback = subnets.length > 0 ? subnets[subnets.length - 1][f].pool.end : undefined;
      const a = outside ?? fallback;
      if (a !== undefined) address[f] = a;
      if (outside === undefined && fallback !== undefined) note = `the zone's VLAN subnets fill its block; sample taken in VLAN ${subnets[subnets.length - 1].vlanName}`;
    }
    out.push({ id: `zone:${z.zone}`, label: `zone ${z.zone}`, kind: "zone", column: z.zone, hosts: [sampleHost(model, `zone:${z.zone}#sample`, address)], note });
  }
  // One sample per prefix of the Internet (the complement of the province's space): a rule that opens
  // only part of the Internet is seen wherever it falls.
  const internet = internetPrefixes(addressPlan);
  const samples: Host[] = FAMILIES.flatMap((f) => internet[f].map((p) => ({ id: `internet#${p}`, address: { [f]: addressInPrefix(p, 10n) }, subnetId: {} })));
  out.push({ id: "internet", label: "Internet", kind: "internet", column: EXTERNAL_COLUMNS.internet, hosts: samples });
  for (const t of sitePlan.tslcd) {
    const f = familyOf(t.prefix);
    out.push({
      id: `tslcd:${t.prefix}`,
      label: `TSLCD ${t.carrier} ${t.prefix}`,
      kind: "tslcd",
      column: EXTERNAL_COLUMNS.tslcd,
      hosts: [{ id: `tslcd:${t.prefix}#sample`, address: { [f]: addressInPrefix(t.prefix, 10n) }, subnetId: {} }],
    });
  }
  markFirewalled(out, model);
  return out;
}
