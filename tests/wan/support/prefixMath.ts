/**
 * Prefix containment for the tests, written apart from inventory/addressing (a checker independent of the
 * code it checks): IPv4 dotted quads and IPv6 with `::`, as bigints.
 */

function v6(text: string): bigint {
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const h = head === "" ? [] : head.split(":");
  const t = tail === undefined ? [] : tail === "" ? [] : tail.split(":");
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

function v4(text: string): bigint {
  return text.split(".").reduce((acc, o) => (acc << 8n) | BigInt(Number(o)), 0n);
}

/** Parses `a/len` into bits, length and width. */
function parse(p: string): { bits: bigint; len: number; width: number } {
  const [addr, len] = p.split("/");
  const six = addr.includes(":");
  return { bits: six ? v6(addr) : v4(addr), len: Number(len), width: six ? 128 : 32 };
}

/**
 * Whether `outer` contains `inner` (same family; equal counts as contained).
 * @param outer a prefix
 * @param inner a prefix
 */
export function containsPrefix(outer: string, inner: string): boolean {
  const o = parse(outer);
  const i = parse(inner);
  if (o.width !== i.width || i.len < o.len) return false;
  const shift = BigInt(o.width - o.len);
  return o.bits >> shift === i.bits >> shift;
}
