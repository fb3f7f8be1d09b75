import * as pulumi from "@pulumi/pulumi";
import * as openstack from "@pulumi/openstack";
import { childOptions } from "../childOptions";
import { integerIn, knownKey, requireRecord, requireText, throwIfInvalid, uniqueKeys, type ArgProblem } from "../validation";
import type { PlacementSpec } from "../../compilers/openstack/placements";

/** Arguments of a {@link Placements}. */
export interface PlacementsArgs {
  /** Site id; tags every resource. */
  site: string;
  /** Instances and server groups compiled by `compilePlacements`. */
  placements: PlacementSpec;
  /** Network id per network key. */
  networkIds: Record<string, pulumi.Input<string>>;
  /** Subnet ids per network key and family. */
  subnetIds: Record<string, { ipv4: pulumi.Input<string>; ipv6: pulumi.Input<string> }>;
  /** Security group id per group key. */
  groupIds: Record<string, pulumi.Input<string>>;
  /** Project id per project key (`system-<id>`): instances' ports belong to their system's project. */
  projectIds: Record<string, pulumi.Input<string>>;
  /**
   * Volume type names per type key, from the storage layer. A volume names its type through this output,
   * so it waits for exactly that type (a `dependsOn` on the whole storage component would make every
   * child wait for every type: quadratic in a large province).
   */
  volumeTypeNames: Record<string, pulumi.Input<string>>;
}

/**
 * Every problem with a Placements' arguments (pure; exported for tests).
 * @param args the arguments as given
 */
export function checkPlacementsArgs(args: Partial<PlacementsArgs>): ArgProblem[] {
  const problems = [
    ...requireText("site", args.site, "the site id that tags every resource"),
    ...requireRecord("networkIds", args.networkIds, "network ids by network key"),
    ...requireRecord("subnetIds", args.subnetIds, "subnet ids by network key and family"),
    ...requireRecord("groupIds", args.groupIds, "security group ids by group key"),
    ...requireRecord("projectIds", args.projectIds, "project ids by project key"),
    ...requireRecord("volumeTypeNames", args.volumeTypeNames, "volume type names by type key"),
  ];
  const p = args.placements;
  if (!p || !Array.isArray(p.instances) || !Array.isArray(p.serverGroups)) {
    return [...problems, "placements is required: the instances and server groups compiled by compilePlacements (found " + (p === undefined ? "undefined" : "no instances/serverGroups lists") + ")"];
  }
  if (problems.length > 0) return problems;
  const groups = Object.fromEntries(p.serverGroups.map((g) => [g.key, g]));
  problems.push(...uniqueKeys("placements.serverGroups", p.serverGroups, (g) => g.key), ...uniqueKeys("placements.instances", p.instances, (i) => i.key), ...uniqueKeys("placements.instances", p.instances, (i) => i.name, "name"));
  p.instances.forEach((i, n) => {
    const at = `placements.instances[${n}]`;
    problems.push(...knownKey(`${at}.networkKey`, i.networkKey, args.networkIds, "networkIds"), ...knownKey(`${at}.networkKey`, i.networkKey, args.subnetIds, "subnetIds"));
    problems.push(...knownKey(`${at}.system`, `system-${i.system}`, args.projectIds, "projectIds"));
    i.securityGroupKeys.forEach((k, j) => problems.push(...knownKey(`${at}.securityGroupKeys[${j}]`, k, args.groupIds, "groupIds")));
    if (i.serverGroupKey !== undefined) problems.push(...knownKey(`${at}.serverGroupKey`, i.serverGroupKey, groups, "placements.serverGroups"));
    problems.push(...integerIn(`${at}.volumeGiB`, i.volumeGiB, 0));
    if (i.volumeGiB > 0 && i.volumeType !== undefined) problems.push(...knownKey(`${at}.volumeType`, i.volumeType, args.volumeTypeNames, "volumeTypeNames"));
  });
  return problems;
}

/**
 * The VMs the model declares: ports created explicitly with fixed addresses from the plan and the
 * zone's and tier's security groups, servers on those ports from approved images, anti-affinity
 * server groups for HA tiers, and per-instance volumes of the system's volume type.
 */
export class Placements extends pulumi.ComponentResource {
  /** Port id per instance key (floating IPs attach here). */
  public readonly portIds: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: PlacementsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hatang:compute:Placements", name, {}, opts);
    throwIfInvalid(this, "Placements", name, checkPlacementsArgs(args));
    const parent = childOptions(this, opts);
    const serverGroups: Record<string, pulumi.Output<string>> = {};
    for (const g of args.placements.serverGroups) {
      serverGroups[g.key] = new openstack.compute.ServerGroup(g.name, { name: g.name, policies: [g.policy] }, parent).id;
    }
    for (const i of args.placements.instances) {
      const subnets = args.subnetIds[i.networkKey];
      const tags = [`site:${args.site}`, `system:${i.system}`, `tier:${i.tier}`, `zone:${i.zone}`, "hatang"];
      const port = new openstack.networking.Port(`${i.name}-port`, {
        name: `${i.name}-port`,
        networkId: args.networkIds[i.networkKey],
        // Fixed, so the SLAAC address the rules name is the one the port gets.
        macAddress: i.mac,
        tenantId: args.projectIds[`system-${i.system}`],
        fixedIps: [
          { subnetId: subnets.ipv4, ipAddress: i.ipv4 },
          // SLAAC subnets derive the address from the MAC; only stateful DHCPv6 takes a fixed one.
          i.ipv6Fixed ? { subnetId: subnets.ipv6, ipAddress: i.ipv6 } : { subnetId: subnets.ipv6 },
        ],
        securityGroupIds: i.securityGroupKeys.map((k) => args.groupIds[k]),
        adminStateUp: true,
        tags,
      }, parent);
      this.portIds[i.key] = port.id;
      const server = new openstack.compute.Instance(i.name, {
        name: i.name,
        imageName: i.image,
        flavorName: i.flavor,
        networks: [{ port: port.id }],
        schedulerHints: i.serverGroupKey ? [{ group: serverGroups[i.serverGroupKey] }] : undefined,
        metadata: { site: args.site, system: i.system, tier: i.tier, zone: i.zone },
        tags,
      }, parent);
      if (i.volumeGiB > 0) {
        const volume = new openstack.blockstorage.Volume(`${i.name}-data`, {
          name: `${i.name}-data`,
          size: i.volumeGiB,
          volumeType: i.volumeType === undefined ? undefined : (args.volumeTypeNames[i.volumeType] ?? i.volumeType),
          metadata: { site: args.site, system: i.system, "data-class": i.dataClass },
        }, parent);
        new openstack.compute.VolumeAttach(`${i.name}-data-attach`, { instanceId: server.id, volumeId: volume.id }, parent);
      }
    }
    this.registerOutputs({ portIds: this.portIds });
  }
}
