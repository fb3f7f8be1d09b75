import * as pulumi from "@pulumi/pulumi";
import * as openstack from "@pulumi/openstack";
import { childOptions } from "../childOptions";
import type { BackupTargetSpec } from "../../compilers/backupTargets";

/** Arguments of a {@link BackupTargets}. */
export interface BackupTargetsArgs {
  /** Site id; prefixes container names. */
  site: string;
  /** One object-storage target per backup policy used at the site, compiled by `compileBackupTargets`. */
  targets: BackupTargetSpec[];
  /** Storage policy of the backup zone's object store (a separate Swift/RGW ring from production). */
  storagePolicy?: pulumi.Input<string>;
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
    for (const t of args.targets) {
      const c = new openstack.objectstorage.Container(t.container, {
        name: t.container,
        versioning: true,
        storagePolicy: args.storagePolicy,
        metadata: t.metadata,
        forceDestroy: false,
      }, { ...childOptions(this, opts), protect: t.immutable });
      this.containers[t.policy] = c.name;
    }
    this.registerOutputs({ containers: this.containers });
  }
}
