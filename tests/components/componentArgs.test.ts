/**
 * Every component (except the network and firewall ones, being rewritten) checks its arguments with
 * exact messages, all at once; a component given bad arguments throws one ResourceError before
 * creating anything.
 */
import * as pulumi from "@pulumi/pulumi";
import { checkDeployerQuotaArgs } from "../../components/identity/deployerQuota";
import { checkTenancyArgs } from "../../components/identity/tenancy";
import { checkStorageTypesArgs } from "../../components/storage/storageTypes";
import { checkBackupTargetsArgs } from "../../components/backup/backupTargets";
import { checkPlacementsArgs } from "../../components/compute/placements";
import { checkZoneSecurityArgs } from "../../components/security/zoneSecurity";
import type { InstanceSpec } from "../../compilers/openstack/placements";
import type { SecurityGroupSpec } from "../../compilers/openstack/securityGroups";

const quota = { network: 1, subnet: 2, router: 1, port: 4, securityGroup: 3, securityGroupRule: 10, rbacPolicy: 1, floatingip: 0 };

describe("DeployerQuota", () => {
  it("accepts a full quota and lists every bad limit", () => {
    expect(checkDeployerQuotaArgs({ site: "s", projectId: "p", quota })).toEqual([]);
    expect(checkDeployerQuotaArgs({ site: "", quota: { ...quota, port: -2, subnet: 1.5 } })).toEqual([
      'site is required: the site id that names the quota (found "")',
      "projectId is required: the deploying project's id (identity.getAuthScope) (found undefined)",
      "quota.subnet must be a whole number from -1 up (found 1.5)",
      "quota.port must be a whole number from -1 up (found -2)",
    ]);
  });
});

describe("Tenancy", () => {
  const project = (key: string, parentKey?: string) => ({ key, name: `n-${key}`, description: "", agency: "A", tags: [], ...(parentKey ? { parentKey } : {}) });
  it("finds duplicate projects, unknown parents and shares to unknown networks or projects", () => {
    const problems = checkTenancyArgs({
      site: "s", memberRoleId: "r", networkIds: { net1: "id" },
      tenancy: { projects: [project("a"), project("b", "zz"), project("a")], shares: [{ key: "k", networkKey: "net2", projectKey: "b" }, { key: "k2", networkKey: "net1", projectKey: "q" }] },
    });
    expect(problems).toEqual([
      'tenancy.projects[2].key must be unique: "a" is also tenancy.projects[0].key',
      'tenancy.projects[2].name must be unique: "n-a" is also tenancy.projects[0].name',
      'tenancy.projects[1].parentKey refers to "zz", which is not a key of tenancy.projects (keys: a, b)',
      'tenancy.shares[0].networkKey refers to "net2", which is not a key of networkIds (keys: net1)',
      'tenancy.shares[1].projectKey refers to "q", which is not a key of tenancy.projects (keys: a, b)',
    ]);
    expect(checkTenancyArgs({})).toEqual([
      "site is required: the site id that prefixes every resource name (found undefined)",
      "memberRoleId is required: the id of the role granted to operators groups (found undefined)",
      "networkIds must be a map of network ids by network key (found undefined)",
      "tenancy is required: the projects and shares compiled by compileTenancy (found undefined)",
    ]);
  });
});

describe("StorageTypes", () => {
  it("needs a project for private types and a positive IOPS limit", () => {
    expect(checkStorageTypesArgs({ site: "s", projectIds: { p: "1" }, types: [
      { key: "gold", description: "", isPublic: true, extraSpecs: {}, pool: "p", encrypted: false, maxIops: 0 },
      { key: "sys", description: "", isPublic: false, extraSpecs: {}, pool: "p", encrypted: true },
      { key: "sys2", description: "", isPublic: false, projectKey: "nope", extraSpecs: {}, pool: "p", encrypted: true },
    ] })).toEqual([
      "types[0].maxIops must be a whole number from 1 up (found 0)",
      'types[1].projectKey is required for a private type: the project that may use "sys" (found undefined)',
      'types[2].projectKey refers to "nope", which is not a key of projectIds (keys: p)',
    ]);
  });
});

describe("BackupTargets", () => {
  it("refuses duplicate policies or containers and invalid container names", () => {
    const t = (policy: string, container: string) => ({ policy, container, metadata: {}, immutable: false });
    expect(checkBackupTargetsArgs({ site: "s", targets: [t("a", "c/1"), t("a", "c2"), t("b", "c2")] })).toEqual([
      'targets[1].policy must be unique: "a" is also targets[0].policy',
      'targets[2].container must be unique: "c2" is also targets[1].container',
      'targets[0].container must be a Swift container name (1–256 characters, no "/") (found "c/1")',
    ]);
  });
});

describe("Placements", () => {
  const instance: InstanceSpec = {
    key: "i1", name: "vm-1", system: "portal", tier: "web", zone: "dmz", networkKey: "dmz-10", image: "img", flavor: "small",
    securityGroupKeys: ["sg-web"], volumeGiB: 10, volumeType: "gold", dataClass: "internal", publish: [], ipv4: "10.0.0.5",
  } as unknown as InstanceSpec;
  const ok = { site: "s", networkIds: { "dmz-10": "n" }, subnetIds: { "dmz-10": { ipv4: "a", ipv6: "b" } }, groupIds: { "sg-web": "g" }, projectIds: { "system-portal": "p" }, volumeTypeNames: { gold: "gold" } };
  it("accepts consistent references and names every dangling one", () => {
    expect(checkPlacementsArgs({ ...ok, placements: { instances: [instance], serverGroups: [], problems: [] } })).toEqual([]);
    const bad = { ...instance, networkKey: "x", securityGroupKeys: ["sg-web", "sg-no"], serverGroupKey: "grp", volumeType: "tin", system: "other" } as InstanceSpec;
    expect(checkPlacementsArgs({ ...ok, placements: { instances: [bad], serverGroups: [], problems: [] } })).toEqual([
      'placements.instances[0].networkKey refers to "x", which is not a key of networkIds (keys: dmz-10)',
      'placements.instances[0].networkKey refers to "x", which is not a key of subnetIds (keys: dmz-10)',
      'placements.instances[0].system refers to "system-other", which is not a key of projectIds (keys: system-portal)',
      'placements.instances[0].securityGroupKeys[1] refers to "sg-no", which is not a key of groupIds (keys: sg-web)',
      'placements.instances[0].serverGroupKey refers to "grp", which is not a key of placements.serverGroups (keys: none)',
      'placements.instances[0].volumeType refers to "tin", which is not a key of volumeTypeNames (keys: gold)',
    ]);
  });
});

describe("ZoneSecurity", () => {
  it("refuses a rule key used twice across groups and remote groups that do not exist", () => {
    const rule = (key: string, remoteGroupKey?: string) => ({ key, remoteGroupKey }) as unknown as SecurityGroupSpec["rules"][number];
    const groups = [
      { key: "a", name: "ga", description: "", zone: "z", rules: [rule("r1"), rule("r2", "zz")] },
      { key: "b", name: "gb", description: "", zone: "z", rules: [rule("r1", "a")] },
    ] as unknown as SecurityGroupSpec[];
    expect(checkZoneSecurityArgs({ site: "s", groups })).toEqual([
      'groups[0].rules[1].remoteGroupKey refers to "zz", which is not a key of groups (keys: a, b)',
      'groups[1].rules[0].key must be unique across groups: "r1" is also groups[0].rules[0].key',
    ]);
  });
});

describe("a component with bad arguments", () => {
  it("throws one ResourceError listing them, before creating any child", async () => {
    const created: string[] = [];
    await pulumi.runtime.setMocks({ newResource: (a) => (created.push(a.type), { id: a.name, state: a.inputs }), call: (a) => a.inputs }, "hatang", "t", false);
    const { BackupTargets } = await import("../../components/backup/backupTargets");
    expect(() => new BackupTargets("b", { site: "", targets: [{ policy: "p", container: "a/b", metadata: {}, immutable: false }] })).toThrow(
      'BackupTargets "b" has 2 invalid argument(s):\n  - site is required: the site id that prefixes container names (found "")\n  - targets[0].container must be a Swift container name (1–256 characters, no "/") (found "a/b")',
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(created.filter((t) => t.startsWith("openstack:"))).toEqual([]);
  });
});
