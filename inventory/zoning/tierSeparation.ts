/**
 * Tiers the network cannot tell apart. A VM tier is named by its hosts' addresses and guarded by its own
 * security group, and a container tier by its pods' labels; a bare-metal tier is only its VLAN's prefix
 * and has no host-level layer. Two bare-metal tiers on one VLAN therefore get each other's flows at every
 * layer: the firewall, FWaaS and NetworkPolicies name both by the same prefix. That is a load error at
 * the second tier, naming both and the fix (separate VLANs), unless an active waiver of the zone baseline
 * control names the VLAN (`match: { name: "vlan/<site>/<zone>/<vlan>" }`): then it is reported apart.
 */
import { tierVlan, type Inventory } from "../model";
import type { RuleProblem } from "../loader/rules";
import type { FieldPath } from "../loader/types";
import type { Waiver } from "../waivers/waivers";
import { waiveOrReport, type WaivedFinding } from "./waivedFinding";

/** What the check needs. */
export interface TierSeparationInput {
  inventory: Inventory;
  waivers: readonly Waiver[];
  asOf: string;
  /** The waiver file, for the message. */
  waiverFile: string;
  /** The zone baseline's control (its waivers let a shared VLAN through). */
  control: string;
}

/**
 * Finds every VLAN shared by bare-metal tiers of more than one system or tier. Pure.
 * @param input inventory, waivers, evaluation date
 */
export function checkTierSeparation(input: TierSeparationInput): { problems: RuleProblem[]; waived: WaivedFinding[] } {
  const inv = input.inventory;
  const control = input.control;
  const byVlan = new Map<string, Array<{ label: string; path: FieldPath }>>();
  inv.systems.forEach((s, si) =>
    s.tiers.forEach((t, ti) => {
      if (t.form !== "bare-metal") return;
      for (const site of s.sites) {
        const zone = inv.zones.find((z) => z.site === site && z.id === t.zone);
        const vlan = zone ? tierVlan(zone, t) : undefined;
        if (!vlan) continue;
        const key = `vlan/${site}/${t.zone}/${vlan.name}`;
        byVlan.set(key, [...(byVlan.get(key) ?? []), { label: `${s.id}/${t.name}`, path: ["systems", si, "tiers", ti, "zone"] }]);
      }
    }),
  );
  const problems: RuleProblem[] = [];
  const waived: WaivedFinding[] = [];
  for (const [subject, tiers] of [...byVlan.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (tiers.length < 2) continue;
    const names = tiers.map((t) => t.label).join(", ");
    const r = waiveOrReport(
      control,
      subject,
      tiers[1].path,
      tiers.slice(1).map((t) => ({
        path: t.path,
        message: `expected bare-metal tier ${t.label} on a VLAN of its own: it shares ${subject.slice(5)} with ${tiers[0].label}, and nothing in the network can tell bare-metal tiers on one VLAN apart (each would get the other's flows); give each its own VLAN (tier.vlan), or waive ${control} for it in ${input.waiverFile} (match: { name: "${subject}" }) with a justification, an approver and an expiry`,
        found: names,
      })),
      [`bare-metal tiers ${names} share one VLAN`],
      input.waivers,
      input.asOf,
    );
    if (r.waived) waived.push(r.waived);
    problems.push(...r.problems);
  }
  return { problems, waived };
}
