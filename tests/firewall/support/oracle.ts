/**
 * The contract's semantics (ruleBaseTypes.ts), evaluated on one concrete packet, written directly from
 * the doc comment and independent of the renderers and their interval code: the checker the nftables
 * rendering, the kernel and the analysis are compared with.
 */
import { parseAddress } from "../../../inventory/addressing/address";
import { parsePrefix, lastAddress } from "../../../inventory/addressing/prefix";
import type { RuleBase } from "../../../compilers/firewall/ruleBaseTypes";

/** A concrete first packet of a connection. */
export interface Packet {
  family: "ipv4" | "ipv6";
  src: string;
  dst: string;
  /** `other`: any protocol but tcp/udp/icmp echo (e.g. GRE, or an ICMP type other than echo-request). */
  protocol: "tcp" | "udp" | "icmp" | "other";
  port?: number;
}

const prefixCache = new Map<string, { family: string; lo: bigint; hi: bigint } | null>();
const addressCache = new Map<string, { family: string; value: bigint } | null>();

function inPrefix(address: string, prefix: string): boolean {
  let a = addressCache.get(address);
  if (a === undefined) addressCache.set(address, (a = parseAddress(address) ?? null));
  let p = prefixCache.get(prefix);
  if (p === undefined) {
    const r = parsePrefix(prefix);
    prefixCache.set(prefix, (p = r.ok ? { family: r.prefix.family, lo: r.prefix.network, hi: lastAddress(r.prefix) } : null));
  }
  if (!a || !p || a.family !== p.family) return false;
  return a.value >= p.lo && a.value <= p.hi;
}

/**
 * First-match verdict and the deciding rule (undefined: no rule matched, deny).
 * @param rb the rule base
 * @param p the packet (addresses as the device sees them, after destination NAT)
 */
export function oracleVerdict(rb: RuleBase, p: Packet): { action: "accept" | "deny"; rule?: string } {
  const objects = new Map(rb.addresses.map((a) => [a.name, a]));
  const services = new Map(rb.services.map((s) => [s.name, s]));
  const inObjects = (addr: string, names: string[]): boolean =>
    names.length === 0 || names.some((n) => (objects.get(n)?.[p.family] ?? []).some((pre) => inPrefix(addr, pre)));
  for (const r of rb.rules) {
    if (!r.families.includes(p.family)) continue;
    if (!inObjects(p.src, r.sources) || !inObjects(p.dst, r.destinations)) continue;
    const svcOk =
      r.services.length === 0 ||
      r.services.some((n) => {
        const s = services.get(n);
        if (!s) return false;
        if (s.protocol === "any") return true;
        if (s.protocol !== p.protocol) return false;
        if (s.protocol === "icmp") return true;
        if (s.portMin === undefined) return true;
        return p.port !== undefined && p.port >= s.portMin && p.port <= (s.portMax ?? s.portMin);
      });
    if (svcOk) return { action: r.action, rule: r.id };
  }
  return { action: "deny" };
}
