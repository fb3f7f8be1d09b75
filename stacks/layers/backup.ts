import type * as pulumi from "@pulumi/pulumi";
import type { Inventory } from "../../inventory/model";
import { compileBackupTargets } from "../../compilers/backupTargets";
import { BackupTargets } from "../../components/backup/backupTargets";

/** The backup layer's OpenStack side: versioned object-storage targets per backup policy in use. */
export function backupLayer(inventory: Inventory, site: string, opts: pulumi.ComponentResourceOptions = {}): Record<string, pulumi.Output<string>> {
  return new BackupTargets(`${site}-backup`, { site, targets: compileBackupTargets(inventory, site) }, opts).containers;
}
