/**
 * A small nftables interpreter for the subset the renderer emits, reading the rendered TEXT (not the
 * renderer's data): sets, verdict maps on concatenated intervals, chains with jump/goto/return, and the
 * matches used. It decides the first packet of a connection (ct state new). Anything it does not know
 * throws, so a renderer change cannot slip past it unread.
 */
import { parseAddress } from "../../../inventory/addressing/address";
import { lastAddress, parsePrefix } from "../../../inventory/addressing/prefix";
import type { Packet } from "./oracle";

type Range = [bigint, bigint];

interface Ruleset {
  sets: Map<string, Range[]>;
  maps: Map<string, Array<{ src: Range; dst: Range; verdict: string; chain: string }>>;
  chains: Map<string, { policy?: string; rules: string[][] }>;
}

function tokenize(line: string): string[] {
  const out: string[] = [];
  const re = /"[^"]*"|[{},]|[^\s{},]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) out.push(m[0]);
  return out;
}

function rangeOf(text: string): Range {
  if (text.includes("/")) {
    const p = parsePrefix(text);
    if (!p.ok) throw new Error(`bad prefix ${text}`);
    return [p.prefix.network, lastAddress(p.prefix)];
  }
  const dash = text.lastIndexOf("-");
  if (dash > 0 && !text.startsWith("-")) {
    const a = parseAddress(text.slice(0, dash));
    const b = parseAddress(text.slice(dash + 1));
    if (a && b) return [a.value, b.value];
  }
  const a = parseAddress(text);
  if (!a) throw new Error(`bad address ${text}`);
  return [a.value, a.value];
}

/** Parses the renderer's output. */
export function parseRuleset(text: string): Ruleset {
  const rs: Ruleset = { sets: new Map(), maps: new Map(), chains: new Map() };
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    let m = /^(set|map) (\S+) \{$/.exec(line);
    if (m) {
      let body = "";
      while (lines[++i].trim() !== "}") body += " " + lines[i].trim();
      const el = /elements = \{(.*)\}/.exec(body);
      const items = el ? el[1].split(",").map((x) => x.trim()).filter((x) => x !== "") : [];
      if (m[1] === "set") rs.sets.set(m[2], items.map(rangeOf));
      else {
        rs.maps.set(
          m[2],
          items.map((it) => {
            const mm = /^(\S+) \. (\S+) : (jump|goto) (\S+)$/.exec(it);
            if (!mm) throw new Error(`map element not understood: ${it}`);
            return { src: rangeOf(mm[1]), dst: rangeOf(mm[2]), verdict: mm[3], chain: mm[4] };
          }),
        );
      }
      continue;
    }
    m = /^chain (\S+) \{$/.exec(line);
    if (m) {
      const chain: { policy?: string; rules: string[][] } = { rules: [] };
      while (lines[++i].trim() !== "}") {
        const l = lines[i].trim();
        if (l === "" || l.startsWith("#")) continue;
        const pm = /^type filter hook forward priority filter; policy (accept|drop);$/.exec(l);
        if (pm) chain.policy = pm[1];
        else if (/^type nat hook/.test(l)) chain.policy = "accept";
        else chain.rules.push(tokenize(l));
      }
      rs.chains.set(m[1], chain);
    }
  }
  return rs;
}

function inRanges(v: bigint, rs: Range[]): boolean {
  return rs.some(([a, b]) => a <= v && v <= b);
}

/** Reads `{ a, b }` or a single value at position i; returns values and the next position. */
function valueList(t: string[], i: number): [string[], number] {
  if (t[i] !== "{") return [[t[i]], i + 1];
  const out: string[] = [];
  let j = i + 1;
  for (; t[j] !== "}"; j++) if (t[j] !== ",") out.push(t[j]);
  return [out, j + 1];
}

type Outcome = { kind: "accept" | "drop"; comment?: string } | { kind: "jump" | "goto"; chain: string } | { kind: "continue" };

function evalRule(rs: Ruleset, t: string[], p: Packet, addr: { src: bigint; dst: bigint }): Outcome {
  let i = 0;
  let comment: string | undefined;
  const ipKw = p.family === "ipv4" ? "ip" : "ip6";
  while (i < t.length) {
    const w = t[i];
    if ((w === "ip" || w === "ip6") && (t[i + 1] === "saddr" || t[i + 1] === "daddr")) {
      if (t[i + 1] === "saddr" && t[i + 2] === ".") {
        // ip saddr . ip daddr vmap @map
        if (t[i + 5] !== "vmap") throw new Error(`unknown concatenation in ${t.join(" ")}`);
        if (w !== ipKw) return { kind: "continue" };
        const map = rs.maps.get(t[i + 6].slice(1));
        if (!map) throw new Error(`unknown map ${t[i + 6]}`);
        const hit = map.filter((e) => e.src[0] <= addr.src && addr.src <= e.src[1] && e.dst[0] <= addr.dst && addr.dst <= e.dst[1]);
        if (hit.length > 1) throw new Error("overlapping map elements");
        if (hit.length === 0) return { kind: "continue" };
        return { kind: hit[0].verdict as "jump" | "goto", chain: hit[0].chain };
      }
      if (w !== ipKw) return { kind: "continue" };
      const v = t[i + 1] === "saddr" ? addr.src : addr.dst;
      let ranges: Range[];
      let next: number;
      if (t[i + 2].startsWith("@")) {
        const s = rs.sets.get(t[i + 2].slice(1));
        if (!s) throw new Error(`unknown set ${t[i + 2]}`);
        ranges = s;
        next = i + 3;
      } else {
        const [vals, n] = valueList(t, i + 2);
        ranges = vals.map(rangeOf);
        next = n;
      }
      if (!inRanges(v, ranges)) return { kind: "continue" };
      i = next;
      continue;
    }
    if (w === "meta" && t[i + 1] === "nfproto") {
      if (t[i + 2] !== p.family) return { kind: "continue" };
      i += 3;
      continue;
    }
    if (w === "meta" && t[i + 1] === "l4proto") {
      if (t[i + 2] !== p.protocol) return { kind: "continue" };
      i += 3;
      continue;
    }
    if ((w === "tcp" || w === "udp") && t[i + 1] === "dport") {
      if (p.protocol !== w) return { kind: "continue" };
      const [vals, n] = valueList(t, i + 2);
      const ok = vals.some((x) => {
        const [a, b] = x.split("-").map(Number);
        return p.port !== undefined && p.port >= a && p.port <= (b ?? a);
      });
      if (!ok) return { kind: "continue" };
      i = n;
      continue;
    }
    if ((w === "icmp" || w === "icmpv6") && t[i + 1] === "type" && t[i + 2] === "echo-request") {
      if (p.protocol !== "icmp" || (w === "icmp") !== (p.family === "ipv4")) return { kind: "continue" };
      i += 3;
      continue;
    }
    if (w === "ct" && t[i + 1] === "state") return { kind: "continue" }; // a first packet is new: neither established nor invalid
    if (w === "log") {
      i += 3; // log prefix "…"
      if (t[i] === "level") i += 2;
      continue;
    }
    if (w === "counter") {
      i++;
      continue;
    }
    if (w === "ct" && t[i + 1] === "mark" && t[i + 2] === "set") {
      i += 4;
      continue;
    }
    if (w === "comment") {
      comment = t[i + 1].slice(1, -1);
      i += 2;
      continue;
    }
    if (w === "accept" || w === "drop") {
      const rest = t.slice(i + 1);
      if (rest[0] === "comment") comment = rest[1].slice(1, -1);
      return { kind: w, comment };
    }
    if (w === "jump" || w === "goto") return { kind: w, chain: t[i + 1] };
    throw new Error(`token not understood: ${w} in ${t.join(" ")}`);
  }
  return { kind: "continue" };
}

/**
 * The verdict of the forward chain for a packet, and the comment of the deciding rule.
 * @param rs the parsed ruleset
 * @param p the packet
 */
export function interpret(rs: Ruleset, p: Packet): { action: "accept" | "drop"; comment?: string } {
  const src = parseAddress(p.src)!.value;
  const dst = parseAddress(p.dst)!.value;
  const run = (name: string, depth: number): { action: "accept" | "drop"; comment?: string } | "return" => {
    if (depth > 16) throw new Error("jump loop");
    const chain = rs.chains.get(name);
    if (!chain) throw new Error(`unknown chain ${name}`);
    for (const rule of chain.rules) {
      const o = evalRule(rs, rule, p, { src, dst });
      if (o.kind === "continue") continue;
      if (o.kind === "accept" || o.kind === "drop") return { action: o.kind, comment: o.comment };
      if (o.kind !== "jump" && o.kind !== "goto") continue;
      const r = run(o.chain, depth + 1);
      if (r !== "return") return r;
      if (o.kind === "goto") return "return";
    }
    return "return";
  };
  const r = run("forward", 0);
  if (r === "return") return { action: (rs.chains.get("forward")!.policy ?? "accept") as "accept" | "drop" };
  return r;
}
