/**
 * Declared ports no NetworkPolicy can allow. NetworkPolicy matches TCP, UDP and SCTP only, so the ICMP of
 * a flow to or from pods is dropped by the pods' default deny whatever the compiler writes. Such ICMP is
 * listed apart (and counts against the proof unless a waiver accepts it); any other layer also blocking
 * it keeps it a discrepancy.
 */
import type { PairVerdict } from "./evaluate";
import { emptySet, intersect, isEmpty, isSubset, singleSet, subtract, type PortSet } from "./portSet";

/**
 * The part of the missing ports that is ICMP blocked by NetworkPolicies alone: on every host pair that
 * loses it, each enforcement point that blocks it is a NetworkPolicy. Empty otherwise.
 * @param pairs the host pairs' verdicts
 * @param missing the ports declared but not allowed for every host pair
 */
export function inexpressibleInNetworkPolicy(pairs: readonly Pick<PairVerdict, "allowed" | "points">[], missing: PortSet): PortSet {
  const icmp = intersect(missing, singleSet("icmp"));
  if (isEmpty(icmp)) return emptySet();
  let lostSomewhere = false;
  for (const pair of pairs) {
    const lost = subtract(icmp, pair.allowed);
    if (isEmpty(lost)) continue;
    lostSomewhere = true;
    const blocking = pair.points.filter((p) => !isSubset(p.allowed, lost));
    if (blocking.length === 0 || blocking.some((p) => p.layer !== "network-policy")) return emptySet();
  }
  return lostSomewhere ? icmp : emptySet();
}
