/**
 * Volume-type encryption, the part of the storage layer the provider cannot create: the plan's
 * volume types carry their Cinder encryption spec in `hatang:encryption-*` extra specs
 * (`compilers/openstack/volumeEncryption.ts`); after `pulumi up` created the types, this applies the
 * specs through the project's Cinder client and reads them back for the drift report.
 */
import { Cinder, type VolumeType } from "../clients/openstack/cinder";
import { encryptionFromExtraSpecs, type EncryptionSpec } from "../compilers/openstack/volumeEncryption";
import type { Plan } from "../offline/planTypes";
import type { AsBuiltObject } from "./model";

/** Type token of the provider's volume type. */
const VOLUME_TYPE = "openstack:blockstorage/volumeTypeV3:VolumeTypeV3";

/** A planned volume type and the encryption spec it asks for (undefined: unencrypted). */
export interface PlannedEncryption {
  /** Cinder name of the type. */
  type: string;
  /** The spec, or undefined when the type is not encrypted. */
  spec?: EncryptionSpec;
  /** Extra-spec keys an encrypted type lacks (a plan the pack would reject). */
  missing?: string[];
}

/**
 * The encryption every planned volume type asks for, sorted by type name.
 * @param plan the offline plan
 */
export function plannedEncryptions(plan: Plan): PlannedEncryption[] {
  const out: PlannedEncryption[] = [];
  for (const r of plan.resources) {
    if (r.type !== VOLUME_TYPE || typeof r.inputs.name !== "string") continue;
    const enc = encryptionFromExtraSpecs(r.inputs.extraSpecs as Record<string, unknown> | undefined);
    if ("spec" in enc) out.push({ type: r.inputs.name, spec: enc.spec });
    else if ("missing" in enc) out.push({ type: r.inputs.name, missing: enc.missing });
    else out.push({ type: r.inputs.name });
  }
  return out.sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
}

/**
 * The planned encryption as as-built objects (kind `volumeTypeEncryption`, key `<type>`), so the drift
 * report compares them like any other object: an unencrypted type expects no spec.
 * @param planned the planned encryptions
 */
export function expectedEncryptionObjects(planned: readonly PlannedEncryption[]): AsBuiltObject[] {
  return planned.map((p) => ({ kind: "volumeTypeEncryption", key: p.type, fields: { encrypted: p.spec !== undefined, ...(p.spec ?? {}) } }));
}

/**
 * Reads the live encryption of the planned types (types absent from the cloud are left out: the
 * reconciler reports them missing).
 * @param cinder the Cinder client
 * @param types type names to read
 */
export async function liveEncryptionObjects(cinder: Cinder, types: readonly string[]): Promise<AsBuiltObject[]> {
  const wanted = new Set(types);
  const live = (await cinder.listVolumeTypes()).filter((t) => wanted.has(t.name));
  const out: AsBuiltObject[] = [];
  for (const t of live) {
    const e = await cinder.getEncryption(t.id);
    out.push({
      kind: "volumeTypeEncryption",
      key: t.name,
      id: t.id,
      fields: e ? { encrypted: true, provider: e.provider, cipher: e.cipher, key_size: e.key_size, control_location: e.control_location } : { encrypted: false },
    });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** What applying the specs did. */
export interface EncryptionApplyReport {
  /** Types given their spec now. */
  created: string[];
  /** Types whose spec already matched. */
  unchanged: string[];
  /** Types that could not be brought to the plan, with the reason (absent type, refused update, a different live spec). */
  failed: Array<{ type: string; reason: string }>;
}

function sameSpec(live: { provider: string; cipher: string | null; key_size: number | null; control_location: string }, spec: EncryptionSpec): boolean {
  return live.provider === spec.provider && live.cipher === spec.cipher && live.key_size === spec.key_size && live.control_location === spec.control_location;
}

/**
 * Gives every planned encrypted type its Cinder encryption spec. Creates a missing spec; never rewrites
 * a different one (Cinder refuses once volumes exist, and a silent rewrite would hide a live change):
 * that is reported for the operator. Idempotent: a second run creates nothing.
 * @param cinder the Cinder client (admin)
 * @param plan the offline plan
 */
export async function applyVolumeEncryption(cinder: Cinder, plan: Plan): Promise<EncryptionApplyReport> {
  const report: EncryptionApplyReport = { created: [], unchanged: [], failed: [] };
  const byName = new Map<string, VolumeType>((await cinder.listVolumeTypes()).map((t) => [t.name, t]));
  for (const p of plannedEncryptions(plan)) {
    if (p.missing) {
      report.failed.push({ type: p.type, reason: `the plan marks it encrypted but lacks ${p.missing.join(", ")}` });
      continue;
    }
    if (!p.spec) continue;
    const live = byName.get(p.type);
    if (!live) {
      report.failed.push({ type: p.type, reason: "no such volume type in the cloud: run `pulumi up` first" });
      continue;
    }
    const current = await cinder.getEncryption(live.id);
    if (!current) {
      await cinder.createEncryption(live.id, p.spec);
      report.created.push(p.type);
    } else if (sameSpec(current, p.spec)) {
      report.unchanged.push(p.type);
    } else {
      report.failed.push({ type: p.type, reason: `live spec ${current.provider}/${current.cipher}/${current.key_size}/${current.control_location} differs from the plan's ${p.spec.provider}/${p.spec.cipher}/${p.spec.key_size}/${p.spec.control_location}; Cinder cannot change it once volumes exist: migrate them to a new type` });
    }
  }
  return report;
}
