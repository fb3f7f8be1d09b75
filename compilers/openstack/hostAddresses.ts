import { Address4, Address6 } from "ip-address";
import { createHash } from "node:crypto";
import type { AddressRange } from "../../inventory/addressing/types";

/** Integer value of an IPv4 or IPv6 address. */
function toBig(addr: string): bigint {
  return addr.includes(":") ? new Address6(addr).bigInt() : new Address4(addr).bigInt();
}

/** Canonical text of an address value in the given family (IPv6 per RFC 5952). */
function fromBig(value: bigint, v6: boolean): string {
  return v6 ? Address6.fromBigInt(value).correctForm() : Address4.fromBigInt(value).correctForm();
}

/** Addresses in a first–last range. */
export function poolSize(pool: AddressRange): bigint {
  return toBig(pool.end) - toBig(pool.start) + 1n;
}

/**
 * Picks a fixed address inside `pool` for each identity. Each identity hashes to a slot; a taken
 * slot moves it to the next free one. Identities are placed in sorted order, so the result depends
 * only on the set of identities, not on declaration order, and adding a host moves no other host
 * unless their hashes collide. Returns undefined for identities that did not fit.
 * Exported for testing.
 */
export function assignHostAddresses(pool: AddressRange, identities: readonly string[]): Map<string, string> {
  const v6 = pool.start.includes(":");
  const start = toBig(pool.start);
  const size = toBig(pool.end) - start + 1n;
  const taken = new Set<bigint>();
  const out = new Map<string, string>();
  const sorted = [...new Set(identities)].sort();
  if (BigInt(sorted.length) > size) throw new Error(`pool ${pool.start}–${pool.end} holds ${size} addresses; ${sorted.length} hosts need one each`);
  for (const id of sorted) {
    const digest = BigInt("0x" + createHash("sha256").update(id).digest("hex").slice(0, 16));
    let slot = digest % size;
    while (taken.has(slot)) slot = (slot + 1n) % size;
    taken.add(slot);
    out.set(id, fromBig(start + slot, v6));
  }
  return out;
}

/**
 * A MAC address for each identity on one network, from OpenStack's own prefix (fa:16:3e) and a digest
 * of the identity; a collision moves to the next free value. Fixing the MAC fixes the port's SLAAC
 * address (EUI-64), so rules can name a VM's IPv6 host address before it exists. Exported for testing.
 * @param identities the ports' stable identities on one network
 */
export function assignMacAddresses(identities: readonly string[]): Map<string, string> {
  const taken = new Set<number>();
  const out = new Map<string, string>();
  for (const id of [...new Set(identities)].sort()) {
    let low = parseInt(createHash("sha256").update(`mac:${id}`).digest("hex").slice(0, 6), 16);
    while (taken.has(low)) low = (low + 1) % 0x1000000;
    taken.add(low);
    const hex = low.toString(16).padStart(6, "0");
    out.set(id, `fa:16:3e:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`);
  }
  return out;
}

/**
 * The SLAAC address (modified EUI-64, RFC 4291 Appendix A) a host with this MAC takes in a /64: the
 * universal/local bit flipped, ff:fe in the middle. This is what Neutron assigns on a SLAAC subnet.
 * @param prefix the subnet, a /64
 * @param mac the MAC, `aa:bb:cc:dd:ee:ff`
 */
export function eui64Address(prefix: string, mac: string): string {
  const [net, len] = prefix.split("/");
  if (len !== "64") throw new Error(`SLAAC needs a /64, found ${prefix}`);
  const b = mac.split(":").map((x) => parseInt(x, 16));
  if (b.length !== 6 || b.some((x) => !(x >= 0 && x <= 255))) throw new Error(`not a MAC address: ${mac}`);
  const iid = [b[0] ^ 0x02, b[1], b[2], 0xff, 0xfe, b[3], b[4], b[5]].reduce((acc, x) => (acc << 8n) | BigInt(x), 0n);
  const base = new Address6(net).bigInt() & ~((1n << 64n) - 1n);
  return fromBig(base | iid, true);
}
