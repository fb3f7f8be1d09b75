import * as pulumi from "@pulumi/pulumi";
import * as openstack from "@pulumi/openstack";
import { childOptions } from "../childOptions";
import type { VolumeTypeSpec } from "../../compilers/openstack/storage";

/** Arguments of a {@link StorageTypes}. */
export interface StorageTypesArgs {
  /** Site id; prefixes resource names. */
  site: string;
  /** Volume types compiled by `compileVolumeTypes` (per SAN pool, per separate system). */
  types: VolumeTypeSpec[];
  /** Project id per project key, for private per-system types. */
  projectIds: Record<string, pulumi.Input<string>>;
}

/**
 * Cinder volume types per SAN tier (backend, multi-attach, QoS) and private types per system whose
 * storage is logically separate. Encryption of a type is declared in `extraSpecs` as metadata only:
 * provider 3.15.2 has no volume-encryption-type resource (see README, "known gaps").
 */
export class StorageTypes extends pulumi.ComponentResource {
  /** Volume type id per type key. */
  public readonly typeIds: Record<string, pulumi.Output<string>> = {};
  /** Volume type name per type key, as an output: a volume that names its type through it waits for the type. */
  public readonly typeNames: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: StorageTypesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hatang:storage:StorageTypes", name, {}, opts);
    const parent = childOptions(this, opts);
    for (const t of args.types) {
      const rname = `${args.site}-vt-${t.key}`;
      const vt = new openstack.blockstorage.VolumeTypeV3(rname, {
        name: t.key,
        description: t.description,
        isPublic: t.isPublic,
        extraSpecs: { ...t.extraSpecs, "hatang:encrypted": t.encrypted ? "true" : "false" },
      }, parent);
      this.typeIds[t.key] = vt.id;
      this.typeNames[t.key] = vt.name;
      if (t.maxIops) {
        const qos = new openstack.blockstorage.QosV3(`${rname}-qos`, { name: `${t.key}-qos`, consumer: "back-end", specs: { total_iops_sec: String(t.maxIops) } }, parent);
        new openstack.blockstorage.QosAssociationV3(`${rname}-qos-assoc`, { qosId: qos.id, volumeTypeId: vt.id }, parent);
      }
      const project = t.projectKey ? args.projectIds[t.projectKey] : undefined;
      if (!t.isPublic && project) {
        new openstack.blockstorage.VolumeTypeAccessV3(`${rname}-access`, { projectId: project, volumeTypeId: vt.id }, parent);
      }
    }
    this.registerOutputs({ typeIds: this.typeIds });
  }
}
