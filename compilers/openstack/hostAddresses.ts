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
