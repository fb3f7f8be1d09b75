/**
 * A reading of FRR configuration text for the tests, independent of the renderer: prefix lists, BGP
 * neighbours and originated networks per `router bgp` instance (keyed by VRF name, "default" without one).
 */

/** What the tests look at in an FRR configuration. */
export interface FrrText {
  /** prefix-list name → entries in order. */
  prefixLists: Map<string, Array<{ action: "permit" | "deny"; prefix: string }>>;
  /** VRF → neighbour addresses. */
  neighbors: Map<string, string[]>;
  /** VRF → the instance's own AS. */
  localAs: Map<string, number>;
  /** VRF → neighbour → its remote AS. */
  remoteAs: Map<string, Map<string, number>>;
  /** VRF → neighbour → every `neighbor <peer> …` clause after the address (both levels), in order. */
  clauses: Map<string, Map<string, string[]>>;
  /** VRF → `network` prefixes (both families). */
  networks: Map<string, string[]>;
}

/**
 * Parses the lines the tests need.
 * @param text the configuration
 */
export function parseFrr(text: string): FrrText {
  const out: FrrText = { prefixLists: new Map(), neighbors: new Map(), networks: new Map(), localAs: new Map(), remoteAs: new Map(), clauses: new Map() };
  let vrf: string | undefined;
  for (const line of text.split("\n")) {
    const pl = /^(?:ip|ipv6) prefix-list (\S+) seq \d+ (permit|deny) (\S+)$/.exec(line);
    if (pl) {
      const list = out.prefixLists.get(pl[1]) ?? [];
      list.push({ action: pl[2] as "permit" | "deny", prefix: pl[3] });
      out.prefixLists.set(pl[1], list);
      continue;
    }
    const bgp = /^router bgp (\d+)(?: vrf (\S+))?$/.exec(line);
    if (bgp) {
      vrf = bgp[2] ?? "default";
      out.localAs.set(vrf, Number(bgp[1]));
      continue;
    }
    if (line === "exit") vrf = undefined;
    if (vrf === undefined) continue;
    const nb = /^ neighbor (\S+) remote-as (\d+)$/.exec(line);
    if (nb) {
      out.neighbors.set(vrf, [...(out.neighbors.get(vrf) ?? []), nb[1]]);
      const m = out.remoteAs.get(vrf) ?? new Map<string, number>();
      out.remoteAs.set(vrf, m.set(nb[1], Number(nb[2])));
    }
    const clause = /^ {1,2}neighbor (\S+) (.+)$/.exec(line);
    if (clause) {
      const m = out.clauses.get(vrf) ?? new Map<string, string[]>();
      out.clauses.set(vrf, m.set(clause[1], [...(m.get(clause[1]) ?? []), clause[2]]));
    }
    const net = /^ {2}network (\S+)$/.exec(line);
    if (net) out.networks.set(vrf, [...(out.networks.get(vrf) ?? []), net[1]]);
  }
  return out;
}

/**
 * The prefixes a prefix list permits (exact matches); throws when the list is not defined (FRR would
 * accept a reference to it and match nothing).
 * @param t the parsed text
 * @param name the list
 */
export function prefixListPermits(t: FrrText, name: string): string[] {
  const list = t.prefixLists.get(name);
  if (list === undefined) throw new Error(`prefix-list ${name} is not defined`);
  return list.filter((e) => e.action === "permit").map((e) => e.prefix);
}
