import type { HostedSystem, Inventory } from "../../inventory/model";
import type { Dataset } from "./datasets";

/** Data classes, least to most sensitive. */
const CLASS_ORDER: readonly HostedSystem["dataClass"][] = ["public", "internal", "confidential", "personal", "sensitive-personal"];

/**
 * The etcd of each cluster the program builds that names a backup policy: one dataset at the cluster's
 * site and zone, backed up by that policy. It holds the state of every system whose container tiers run on
 * the cluster, so it answers to the most demanding of them (highest security level, then shortest recovery
 * point objective), and it holds Secrets, so it is at least confidential. A cluster running no system's
 * tier protects nothing of a system's: it has no dataset (K8S-15 still asks for its backup policy).
 * @param inv the inventory
 */
export function etcdDatasets(inv: Inventory): Dataset[] {
  const out: Dataset[] = [];
  for (const c of inv.clusters) {
    if (c.external || c.etcdBackupPolicy === undefined) continue;
    const running = inv.systems
      .map((s, systemIndex) => ({ s, systemIndex }))
      .filter(({ s }) => s.sites.includes(c.site) && s.tiers.some((t) => t.form === "container" && t.cluster === c.id))
      .sort((a, b) => b.s.securityLevel - a.s.securityLevel || (a.s.recoveryPointHours ?? Infinity) - (b.s.recoveryPointHours ?? Infinity) || a.systemIndex - b.systemIndex);
    if (running.length === 0) continue;
    const top = running[0];
    const dataClass = CLASS_ORDER[Math.max(CLASS_ORDER.indexOf("confidential"), ...running.map(({ s }) => CLASS_ORDER.indexOf(s.dataClass)))];
    out.push({ id: `${c.id}/${c.site}/etcd`, system: top.s.id, site: c.site, tier: "etcd", zone: c.zone, kind: "etcd", dataClass, policy: c.etcdBackupPolicy, systemIndex: top.systemIndex });
  }
  return out;
}
