/**
 * A binary prefix trie per family: longest-prefix match of an address against many prefixes in
 * O(address bits), whatever their number (VLAN subnets, zone blocks, TSLCD prefixes).
 */
import { familyBits, parseIp, parseNet, type Family, type Ip } from "./addresses";

interface TrieNode<T> {
  zero?: TrieNode<T>;
  one?: TrieNode<T>;
  /** Values stored at this prefix (several prefixes may be equal). */
  values?: T[];
}

/** Longest-prefix lookups over prefixes of both families. */
export class PrefixTrie<T> {
  private readonly roots: Record<Family, TrieNode<T>> = { ipv4: {}, ipv6: {} };

  /**
   * Stores a value under a prefix (text); prefixes that do not parse are ignored and reported false.
   * @param prefix e.g. `10.0.0.0/24`
   * @param value what to find there
   */
  insert(prefix: string, value: T): boolean {
    const net = parseNet(prefix);
    if (!net) return false;
    const bits = familyBits(net.family);
    let node = this.roots[net.family];
    for (let i = 0; i < net.length; i++) {
      const bit = (net.network >> BigInt(bits - 1 - i)) & 1n;
      const key = bit === 1n ? "one" : "zero";
      node = node[key] ??= {};
    }
    (node.values ??= []).push(value);
    return true;
  }

  /**
   * Every value whose prefix holds the address, shortest prefix first.
   * @param address an address (text or parsed)
   */
  covering(address: string | Ip): T[] {
    const ip = typeof address === "string" ? parseIp(address) : address;
    if (!ip) return [];
    const bits = familyBits(ip.family);
    const out: T[] = [];
    let node: TrieNode<T> | undefined = this.roots[ip.family];
    for (let i = 0; node; i++) {
      if (node.values) out.push(...node.values);
      if (i === bits) break;
      node = ((ip.value >> BigInt(bits - 1 - i)) & 1n) === 1n ? node.one : node.zero;
    }
    return out;
  }

  /**
   * The value of the longest prefix holding the address (the last one stored there), if any.
   * @param address an address
   */
  longest(address: string | Ip): T | undefined {
    const all = this.covering(address);
    return all[all.length - 1];
  }
}
