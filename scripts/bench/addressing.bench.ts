/**
 * Address plan benchmark: a synthetic province of 10,000 dual-stack VLANs (4 sites × 25 zones × 100
 * VLANs) allocated by our allocator, and the same requests, in the same order, through ip-num's Pool
 * (the npm peer). Also checks the two agree on every IPv4 VLAN prefix (a differential test for free).
 */
import { IPv4CidrRange, IPv4Prefix, IPv6CidrRange, IPv6Prefix, Pool } from "ip-num";
import { allocateAddressPlan, compareText, infraIpv4Length, vlanIpv4Length, zoneIpv4Length, zoneIpv6Length } from "../../inventory/addressing";
import { Inventory } from "../../inventory/model";
import { elapsedMs, writeBenchResult } from "./result";

const SITES = 4;
const ZONES = 25;
const VLANS = 100;
const RUNS = 5;

/** Host counts cycle through small and large VLANs so blocks of many sizes interleave. */
const hostsOf = (z: number, v: number): number => [6, 20, 60, 120, 200, 400][(z * 7 + v * 3) % 6];

function syntheticInventory(): Inventory {
  const sites = Array.from({ length: SITES }, (_, s) => ({
    id: `dc${s + 1}`,
    name: `DC ${s + 1}`,
    role: s === 0 ? "primary" : "dr",
    location: { address: "1 Street", city: "Ninh An", latitude: 20, longitude: 105 },
    facility: { tierTarget: 3, standard: "TIA-942-B", powerPaths: ["A", "B"], upsRedundancy: "N+1", coolingRedundancy: "N+1" },
    aggregates: { ipv4: [`10.${64 * s}.0.0/10`], ipv6: [`2001:db8:${(s + 1).toString(16)}00::/48`] },
    physnets: [{ name: "physnet1", vlanMin: 1, vlanMax: 4094 }],
  }));
  const zones = sites.flatMap((site) =>
    Array.from({ length: ZONES }, (_, z) => ({
      id: `zone-${z}`,
      site: site.id,
      kind: "internal-server",
      name: `Zone ${z}`,
      enforcedBy: "fw",
      vlans: Array.from({ length: VLANS }, (_, v) => ({ id: 100 + v, name: `vlan-${v}`, purpose: "bench", hosts: hostsOf(z, v) })),
    })),
  );
  return Inventory.parse({ province: { code: "bn", name: "Bench", nameEn: "Bench", operator: "Ops" }, sites, zones });
}

/** The same requests through ip-num's Pool, in our order (largest first, then identity). */
function peerAllocate(inv: Inventory): Map<string, string> {
  const out = new Map<string, string>();
  for (const site of inv.sites) {
    const zones = inv.zones.filter((z) => z.site === site.id);
    for (const family of ["ipv4", "ipv6"] as const) {
      const v4 = family === "ipv4";
      const pool = Pool.fromCidrRanges(v4 ? [IPv4CidrRange.fromCidr(site.aggregates.ipv4[0])] : [IPv6CidrRange.fromCidr(site.aggregates.ipv6[0])]);
      const top = [
        ...zones.map((z) => ({ id: `${site.id}/zone/${z.id}`, length: v4 ? zoneIpv4Length(z.vlans.map((v) => vlanIpv4Length(v.hosts))) : zoneIpv6Length(z.vlans.length), zone: z })),
        { id: `${site.id}/infrastructure`, length: v4 ? infraIpv4Length(0, 0) : 64, zone: undefined },
      ].sort((a, b) => a.length - b.length || compareText(a.id, b.id));
      for (const t of top) {
        const block = pool.getCidrRange(v4 ? IPv4Prefix.fromNumber(BigInt(t.length)) : IPv6Prefix.fromNumber(BigInt(t.length)));
        if (t.zone === undefined) continue;
        const zonePool = Pool.fromCidrRanges(v4 ? [block as IPv4CidrRange] : [block as IPv6CidrRange]);
        const vlans = t.zone.vlans
          .map((v) => ({ id: `${site.id}/vlan/${t.zone!.id}/${v.name}`, length: v4 ? vlanIpv4Length(v.hosts) : 64 }))
          .sort((a, b) => a.length - b.length || compareText(a.id, b.id));
        for (const v of vlans) {
          const got = zonePool.getCidrRange(v4 ? IPv4Prefix.fromNumber(BigInt(v.length)) : IPv6Prefix.fromNumber(BigInt(v.length)));
          if (v4) out.set(v.id, got.toCidrString());
        }
      }
    }
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function main(): void {
  const inv = syntheticInventory();
  const vlanCount = inv.zones.reduce((n, z) => n + z.vlans.length, 0);
  console.log(`synthetic province: ${inv.sites.length} sites, ${inv.zones.length} zones, ${vlanCount} dual-stack VLANs`);
  const ours: number[] = [];
  let result = allocateAddressPlan(inv); // warm-up (JIT), not timed
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    result = allocateAddressPlan(inv);
    ours.push(elapsedMs(t));
  }
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("\n"));
  const relock = performance.now();
  const again = allocateAddressPlan(inv, result.lock);
  const lockedMs = elapsedMs(relock);
  if (!again.ok) throw new Error("re-allocation with the lock failed");

  const t = performance.now();
  const peer = peerAllocate(inv);
  const peerMs = elapsedMs(t);
  let agree = 0;
  for (const [id, entry] of Object.entries(result.lock.allocations)) if (peer.get(id) === entry.ipv4) agree++;

  const oursMs = median(ours);
  writeBenchResult("addressing", `Address plan: ${vlanCount} dual-stack VLANs (${inv.sites.length} sites × ${ZONES} zones × ${VLANS})`, [
    { metric: "hatang allocate (median of 5)", value: oursMs, unit: "ms", note: "validation, both families, gateways/pools/reserved, lock; target < 500 ms" },
    { metric: "hatang allocate with its own lock", value: lockedMs, unit: "ms", note: "every block pinned" },
    { metric: "ip-num Pool, same requests", value: peerMs, unit: "ms", note: "allocation only: no validation, layout or text output" },
    { metric: "speed-up over ip-num", value: Math.round((peerMs / oursMs) * 10) / 10, unit: "×" },
    { metric: "IPv4 VLAN prefixes identical to ip-num's", value: agree, unit: `of ${vlanCount}` },
  ]);
  // Fail on what does not depend on machine load: disagreement with the peer, or losing to it.
  // The 500 ms target is reported above; on a shared, loaded machine absolute times inflate.
  if (peerMs <= oursMs || agree !== vlanCount) process.exitCode = 1;
}

main();
