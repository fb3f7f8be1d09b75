import * as pulumi from "@pulumi/pulumi";
import * as openstack from "@pulumi/openstack";
import { childOptions } from "../childOptions";
import { requireArray, requireText, throwIfInvalid, uniqueKeys, type ArgProblem } from "../validation";
import type { BackupTargetSpec } from "../../compilers/backupTargets";

/** Arguments of a {@link BackupTargets}. */
export interface BackupTargetsArgs {
  /** Site id; prefixes container names. */
  site: string;
  /**
   * One object-storage target per backup policy used at the site, compiled by `compileBackupTargets`; each carries
   * the storage policy of its target zone's object store (a separate Swift/RGW ring from production) when declared.
   */
  targets: BackupTargetSpec[];
}

/** Swift's container-name rules: 1–256 bytes, no slash. */
const CONTAINER_NAME = /^[^/]{1,256}$/;

/**
 * Every problem with a BackupTargets' arguments (pure; exported for tests).
 * @param args the arguments as given
 */
export function checkBackupTargetsArgs(args: Partial<BackupTargetsArgs>): ArgProblem[] {
  const problems = [...requireText("site", args.site, "the site id that prefixes container names"), ...requireArray("targets", args.targets, "backup targets (compileBackupTargets)")];
  if (!Array.isArray(args.targets)) return problems;
  problems.push(...uniqueKeys("targets", args.targets, (t) => t.policy, "policy"), ...uniqueKeys("targets", args.targets, (t) => t.container, "container"));
  args.targets.forEach((t, i) => {
    if (!CONTAINER_NAME.test(t.container ?? "")) problems.push(`targets[${i}].container must be a Swift container name (1–256 characters, no "/") (found ${JSON.stringify(t.container)})`);
  });
  return problems;
}

/**
 * Object-storage containers that receive backups (Velero, database dumps): versioned so a deleted or
 * overwritten backup is kept, with the policy's retention and immutability recorded as metadata.
 */
export class BackupTargets extends pulumi.ComponentResource {
  /** Container name per policy id. */
  public readonly containers: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: BackupTargetsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hatang:backup:BackupTargets", name, {}, opts);
    throwIfInvalid(this, "BackupTargets", name, checkBackupTargetsArgs(args));
    for (const t of args.targets) {
      const c = new openstack.objectstorage.Container(t.container, {
        name: t.container,
        versioning: true,
        storagePolicy: t.storagePolicy,
        metadata: t.metadata,
        forceDestroy: false,
      }, { ...childOptions(this, opts), protect: t.immutable });
      this.containers[t.policy] = c.name;
    }
    this.registerOutputs({ containers: this.containers });
  }
}
