import type { Policy } from "@pulumi/policy";
import { Finding, ifAny, judged, resourcePolicy, stackPolicy } from "./lib/definePolicy";
import { T, asArr, asObj, tagsOf } from "./lib/resourceView";

/** Host security policies (HOST-*). */

export const host01 = stackPolicy("HOST-01", false, [T.roleAssignment, T.role, T.user], (plan, ctx) => {
  const findings: Finding[] = [];
  const adminRoles = ctx.params.strings("adminRoles");
  if (ctx.inventory && ctx.inventory.security.adminMfa === false)
    findings.push({ text: "the province declares administrators without MFA (security.adminMfa: false)", subject: "security/adminMfa", at: "security.adminMfa" });
  const admins = new Set<string>();
  for (const ra of plan.ofType(T.roleAssignment)) {
    const role = plan.dependencyOfType(ra, T.role);
    const roleName = role ? String(role.props.name ?? role.name) : String(ra.props.roleId ?? "");
    if (!adminRoles.includes(roleName)) continue;
    const user = plan.dependencyOfType(ra, T.user);
    if (user) admins.add(user.urn);
  }
  for (const u of admins) {
    const user = plan.byUrn.get(u)!;
    if (user.props.multiFactorAuthEnabled !== true || asArr(user.props.multiFactorAuthRules).length === 0)
      findings.push({ text: "administrator without MFA (multiFactorAuthEnabled and multiFactorAuthRules)", urn: u });
  }
  return judged(admins.size + (ctx.inventory ? 1 : 0), findings, "administrator users or inventory");
});

export const host02 = resourcePolicy("HOST-02", [T.user], (r) => {
  const flags = ["ignorePasswordExpiry", "ignoreLockoutFailureAttempts", "ignoreChangePasswordUponFirstUse"].filter((k) => r.props[k] === true);
  return flags.length ? [{ text: `user is exempt from the password policy (${flags.join(", ")})` }] : [];
});

export const host03 = resourcePolicy("HOST-03", [T.instance], (r) => {
  const f: Finding[] = [];
  if (r.props.adminPass !== undefined && r.props.adminPass !== "") f.push({ text: "adminPass is set; use key pairs" });
  if (typeof r.props.userData === "string" && /(password|passwd)\s*[:=]\s*\S+/i.test(r.props.userData)) f.push({ text: "user data carries a password" });
  return f;
});

export const host05 = stackPolicy("HOST-05", false, [T.instance, T.port], (plan) => {
  const findings: Finding[] = [];
  const instances = plan.ofType(T.instance);
  for (const i of instances) {
    const named = asArr(i.props.securityGroups).filter((s) => s !== "default");
    const ports = plan.dependenciesOfType(i, T.port);
    const portsOk = ports.length > 0 && ports.every((p) => asArr(p.props.securityGroupIds).length > 0);
    if (named.length === 0 && !portsOk) findings.push({ text: "instance has no security group besides 'default', directly or on its ports", urn: i.urn });
  }
  return judged(instances.length, findings, "instances");
});

export const host06 = resourcePolicy("HOST-06", [T.instance], (r, ctx) => {
  const approved = ctx.params.strings("approvedImages");
  const image = typeof r.props.imageName === "string" ? r.props.imageName : undefined;
  if (!image) {
    const bootFromVolume = asArr(r.props.blockDevices).some((b) => asObj(b)?.sourceType === "volume");
    return bootFromVolume ? [] : [{ text: "instance boots by image id; name an approved imageName so the image can be checked" }];
  }
  return approved.includes(image) ? [] : [{ text: `image ${image} is not in the approved list (${approved.join(", ") || "none declared"})` }];
});

/**
 * The instances the inventory asks to be spread over hypervisors: every VM of a tier with two or more
 * instances per site in a system marked `ha` (found by the plan's system and tier tags).
 */
export const host10 = stackPolicy("HOST-10", true, [T.instance, T.serverGroup], (plan, ctx) => {
  const inv = ctx.inventory!;
  const haTiers = new Set(inv.systems.filter((s) => s.ha).flatMap((s) => s.tiers.filter((t) => t.form === "vm" && t.instances >= 2).map((t) => `${s.id}/${t.name}`)));
  const findings: Finding[] = [];
  const members = plan.ofType(T.instance).filter((i) => {
    const tags = tagsOf(i);
    return haTiers.has(`${tags.get("system")}/${tags.get("tier")}`);
  });
  for (const i of members) {
    const sg = plan.dependencyOfType(i, T.serverGroup);
    const policies = sg ? asArr(sg.props.policies).map(String) : [];
    const hinted = asArr(i.props.schedulerHints).some((h) => asObj(h)?.group !== undefined);
    if (!sg || !hinted) findings.push({ text: `instance of HA tier ${tagsOf(i).get("system")}/${tagsOf(i).get("tier")} has no scheduler hint to a server group`, urn: i.urn });
    else if (!policies.includes("anti-affinity")) findings.push({ text: `server group policy is ${policies.join(", ") || "none"}, not anti-affinity`, urn: i.urn });
  }
  return ifAny(members.length, findings, "instances of HA tiers (systems marked ha, two or more VM instances per site)");
});

/** Every host policy. */
export const hostPolicies: Policy[] = [host01, host02, host03, host05, host06, host10];
