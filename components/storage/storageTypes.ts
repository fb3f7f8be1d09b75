import * as pulumi from "@pulumi/pulumi";
import * as openstack from "@pulumi/openstack";
import { childOptions } from "../childOptions";
import { integerIn, knownKey, requireArray, requireRecord, requireText, throwIfInvalid, uniqueKeys, type ArgProblem } from "../validation";
import type { VolumeTypeSpec } from "../../compilers/openstack/storage";
import { encryptionExtraSpecs } from "../../compilers/openstack/volumeEncryption";

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
 * Every problem with a StorageTypes' arguments (pure; exported for tests).
 * @param args the arguments as given
 */
export function checkStorageTypesArgs(args: Partial<StorageTypesArgs>): ArgProblem[] {
  const problems = [
    ...requireText("site", args.site, "the site id that prefixes resource names"),
    ...requireRecord("projectIds", args.projectIds, "project ids by project key"),
    ...requireArray("types", args.types, "volume types (compileVolumeTypes)"),
  ];
  if (!Array.isArray(args.types)) return problems;
  problems.push(...uniqueKeys("types", args.types, (t) => t.key));
  args.types.forEach((t, i) => {
    problems.push(...requireText(`types[${i}].key`, t.key, "the volume type's name"));
    if (t.maxIops !== undefined) problems.push(...integerIn(`types[${i}].maxIops`, t.maxIops, 1));
    if (!t.isPublic && t.projectKey === undefined) problems.push(`types[${i}].projectKey is required for a private type: the project that may use "${t.key}" (found undefined)`);
    if (t.projectKey !== undefined) problems.push(...knownKey(`types[${i}].projectKey`, t.projectKey, args.projectIds, "projectIds"));
  });
  return problems;
}

/**
 * Cinder volume types per SAN tier (backend, multi-attach, QoS) and private types per system whose
 * storage is logically separate or that owns a reserved pool. An encrypted type's Cinder encryption spec
 * rides on its extra specs (`hatang:encryption-*`): provider 3.15.2 has no volume-encryption-type
 * resource, so the project's client creates the real encryption type from them (README, "known gaps").
 */
export class StorageTypes extends pulumi.ComponentResource {
  /** Volume type id per type key. */
  public readonly typeIds: Record<string, pulumi.Output<string>> = {};
  /** Volume type name per type key, as an output: a volume that names its type through it waits for the type. */
  public readonly typeNames: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: StorageTypesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hatang:storage:StorageTypes", name, {}, opts);
    throwIfInvalid(this, "StorageTypes", name, checkStorageTypesArgs(args));
    const parent = childOptions(this, opts);
    for (const t of args.types) {
      const rname = `${args.site}-vt-${t.key}`;
      const vt = new openstack.blockstorage.VolumeTypeV3(rname, {
        name: t.key,
        description: t.description,
        isPublic: t.isPublic,
        extraSpecs: { ...t.extraSpecs, ...encryptionExtraSpecs(t.encryption) },
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
