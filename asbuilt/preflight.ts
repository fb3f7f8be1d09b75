/**
 * Pre-flight validation of planned networking resources, before anything is sent to a cloud: what
 * Neutron would refuse (so a plan fails early, all problems at once) and what it accepts but the DC
 * must not (VLANs outside the site's plan: Neutron lets admins use any VLAN). Pure.
 */
import type { Plan, PlannedResource } from "../offline/planTypes";

/** One pre-flight problem. */
export interface PreflightProblem {
  /** Stable code: `duplicate-vlan`, `slaac-prefix`, `ra-address-mode`, `ethertype-prefix`, `duplicate-rule`, `vlan-outside-plan`, `port-range`. */
  code: string;
  /** URN of the offending resource. */
  urn: string;
  /** Input path, e.g. `segments[0].segmentationId`. */
  field: string;
  /** What is wrong, what was expected, what to do. */
  message: string;
}

/** VLAN ranges per physical network (the site's VLAN plan): physnet → inclusive [min, max] ranges. */
export type VlanRanges = Record<string, Array<readonly [number, number]>>;

/**
 * Parses ML2's `network_vlan_ranges` syntax (`physnet-dc:100:3999,physnet-ext`).
 * @param text the ranges text
 */
export function parseVlanRanges(text: string): VlanRanges {
  const out: VlanRanges = {};
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const [net, lo, hi] = part.split(":");
    if (!net) continue;
    out[net] ??= [];
    if (lo !== undefined && hi !== undefined) (out[net] as Array<readonly [number, number]>).push([Number(lo), Number(hi)]);
  }
  return out;
}

const NET = "openstack:networking/network:Network";
const SUBNET = "openstack:networking/subnet:Subnet";
const RULE = "openstack:networking/secGroupRule:SecGroupRule";

function segmentsOf(r: PlannedResource): Array<{ networkType?: string; physicalNetwork?: string; segmentationId?: number }> {
  return Array.isArray(r.inputs.segments) ? (r.inputs.segments as Array<{ networkType?: string; physicalNetwork?: string; segmentationId?: number }>) : [];
}

/**
 * Every problem of the plan's networking resources.
 * @param plan the plan
 * @param vlanRanges the site's VLAN plan; physnets absent from it are not range-checked
 */
export function preflight(plan: Plan, vlanRanges: VlanRanges = {}): PreflightProblem[] {
  const problems: PreflightProblem[] = [];
  const vlans = new Map<string, PlannedResource>();
  const rules = new Map<string, PlannedResource>();
  for (const r of plan.resources) {
    if (r.type === NET) {
      segmentsOf(r).forEach((s, i) => {
        if (s.networkType !== "vlan" || s.segmentationId === undefined) return;
        const field = `segments[${i}].segmentationId`;
        const key = `${s.physicalNetwork}/${s.segmentationId}`;
        const first = vlans.get(key);
        if (first) problems.push({ code: "duplicate-vlan", urn: r.urn, field, message: `VLAN ${s.segmentationId} on ${s.physicalNetwork} is already used by ${first.name}; give each network its own VLAN` });
        else vlans.set(key, r);
        const ranges = s.physicalNetwork ? vlanRanges[s.physicalNetwork] : undefined;
        if (ranges && !ranges.some(([lo, hi]) => s.segmentationId! >= lo && s.segmentationId! <= hi)) {
          problems.push({ code: "vlan-outside-plan", urn: r.urn, field, message: `VLAN ${s.segmentationId} is outside the site's VLAN plan for ${s.physicalNetwork} (${ranges.map(([lo, hi]) => `${lo}–${hi}`).join(", ") || "no VLANs"})` });
        }
      });
    } else if (r.type === SUBNET) {
      const { cidr, ipv6RaMode: ra, ipv6AddressMode: am, ipVersion } = r.inputs as { cidr?: string; ipv6RaMode?: string; ipv6AddressMode?: string; ipVersion?: number };
      const len = typeof cidr === "string" ? Number(cidr.split("/")[1]) : undefined;
      if ((ra === "slaac" || am === "slaac" || am === "dhcpv6-stateless") && ipVersion === 6 && len !== 64) {
        problems.push({ code: "slaac-prefix", urn: r.urn, field: "cidr", message: `SLAAC needs a /64, found ${cidr}` });
      }
      if (ra && am && ra !== am) {
        problems.push({ code: "ra-address-mode", urn: r.urn, field: "ipv6RaMode", message: `ipv6RaMode "${ra}" with ipv6AddressMode "${am}": when both are set they must be equal` });
      }
    } else if (r.type === RULE) {
      const i = r.inputs as { ethertype?: string; remoteIpPrefix?: string; portRangeMin?: number; portRangeMax?: number };
      if (typeof i.remoteIpPrefix === "string") {
        const v6 = i.remoteIpPrefix.includes(":");
        if ((i.ethertype === "IPv6") !== v6) problems.push({ code: "ethertype-prefix", urn: r.urn, field: "remoteIpPrefix", message: `ethertype ${i.ethertype} with the ${v6 ? "IPv6" : "IPv4"} prefix ${i.remoteIpPrefix}` });
      }
      if (i.portRangeMin !== undefined && i.portRangeMax !== undefined && i.portRangeMin > i.portRangeMax) {
        problems.push({ code: "port-range", urn: r.urn, field: "portRangeMin", message: `portRangeMin ${i.portRangeMin} is above portRangeMax ${i.portRangeMax}` });
      }
      const k = ["securityGroupId", "direction", "ethertype", "protocol", "portRangeMin", "portRangeMax", "remoteIpPrefix", "remoteGroupId"].map((f) => String(r.inputs[f] ?? "")).join("|");
      const first = rules.get(k);
      if (first) problems.push({ code: "duplicate-rule", urn: r.urn, field: "", message: `same rule as ${first.name}: Neutron refuses duplicates; merge them (descriptions can list both flows)` });
      else rules.set(k, r);
    }
  }
  return problems;
}
