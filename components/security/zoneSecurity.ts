import * as pulumi from "@pulumi/pulumi";
import * as openstack from "@pulumi/openstack";
import { childOptions } from "../childOptions";
import { knownKey, requireArray, requireText, throwIfInvalid, uniqueKeys, type ArgProblem } from "../validation";
import { securityRuleInputs, type SecurityGroupSpec } from "../../compilers/openstack/securityGroups";

/** Arguments of a {@link ZoneSecurity}. */
export interface ZoneSecurityArgs {
  /** Site id; prefixes every resource name. */
  site: string;
  /** Groups and their rules, compiled from the flow intent by `compileSecurityGroups`. */
  groups: SecurityGroupSpec[];
}

/**
 * Every problem with a ZoneSecurity's arguments (pure; exported for tests).
 * @param args the arguments as given
 */
export function checkZoneSecurityArgs(args: Partial<ZoneSecurityArgs>): ArgProblem[] {
  const problems = [...requireText("site", args.site, "the site id that prefixes every resource name"), ...requireArray("groups", args.groups, "security groups (compileSecurityGroups)")];
  if (!Array.isArray(args.groups)) return problems;
  const groups = Object.fromEntries(args.groups.map((g) => [g.key, g]));
  problems.push(...uniqueKeys("groups", args.groups, (g) => g.key), ...uniqueKeys("groups", args.groups, (g) => g.name, "name"));
  // Rule resource names are `<site>-sgr-<key>`: one key twice anywhere would be two resources of one name.
  const rules = args.groups.flatMap((g, i) => g.rules.map((r, j) => ({ at: `groups[${i}].rules[${j}]`, r })));
  const seen = new Map<string, string>();
  for (const { at, r } of rules) {
    const first = seen.get(r.key);
    if (first) problems.push(`${at}.key must be unique across groups: ${JSON.stringify(r.key)} is also ${first}.key`);
    else seen.set(r.key, at);
    if (r.remoteGroupKey !== undefined) problems.push(...knownKey(`${at}.remoteGroupKey`, r.remoteGroupKey, groups, "groups"));
  }
  return problems;
}

/**
 * A site's security groups (one per zone, one per VM tier) with default rules deleted and every
 * allowed flow written as explicit ingress/egress rules, IPv4 and IPv6. Rule resource names are
 * digests of rule content, so re-ordering flows never replaces a rule.
 */
export class ZoneSecurity extends pulumi.ComponentResource {
  /** Security group id per group key. */
  public readonly groupIds: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: ZoneSecurityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hatang:security:ZoneSecurity", name, {}, opts);
    throwIfInvalid(this, "ZoneSecurity", name, checkZoneSecurityArgs(args));
    const parent = childOptions(this, opts);
    for (const g of args.groups) {
      const sg = new openstack.networking.SecGroup(g.name, {
        name: g.name,
        description: g.description,
        deleteDefaultRules: true,
        tags: [`site:${args.site}`, `zone:${g.zone}`, ...(g.system ? [`system:${g.system}`] : []), "hatang"],
      }, parent);
      this.groupIds[g.key] = sg.id;
    }
    for (const g of args.groups) {
      for (const r of g.rules) {
        new openstack.networking.SecGroupRule(
          `${args.site}-sgr-${r.key}`,
          securityRuleInputs(r, this.groupIds[g.key], r.remoteGroupKey ? this.groupIds[r.remoteGroupKey] : undefined),
          parent,
        );
      }
    }
    this.registerOutputs({ groupIds: this.groupIds });
  }
}
