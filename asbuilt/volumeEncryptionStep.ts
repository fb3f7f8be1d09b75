/** The volume-encryption step of `npm run asbuilt`: apply (when asked) and compare, on clouds that run Cinder. */
import { Cinder, CINDER_SERVICE_TYPES } from "../clients/openstack/cinder";
import type { OpenStackClient } from "../clients/openstack/client";
import type { Plan } from "../offline/planTypes";
import type { AsBuiltModel } from "./model";
import { applyVolumeEncryption, expectedEncryptionObjects, liveEncryptionObjects, plannedEncryptions } from "./volumeEncryption";

/**
 * Adds the planned and live volume-type encryption to the models being reconciled; with `apply`, first
 * creates the specs the provider cannot. Clouds without Cinder are left alone (apply then fails loudly).
 * @param client authenticated client
 * @param plan the offline plan
 * @param expected the planned model (extended in place)
 * @param live the as-built model (extended in place)
 * @param apply create missing encryption specs first
 */
export async function withVolumeEncryption(client: OpenStackClient, plan: Plan, expected: AsBuiltModel, live: AsBuiltModel, apply: boolean): Promise<void> {
  const hasCinder = client.catalog.some((e) => CINDER_SERVICE_TYPES.includes(e.type));
  if (!hasCinder) {
    if (apply) throw new Error(`--apply-encryption: the cloud's catalog has no Cinder v3 service (${CINDER_SERVICE_TYPES.join(" or ")})`);
    return;
  }
  const cinder = new Cinder(client);
  if (apply) {
    const r = await applyVolumeEncryption(cinder, plan);
    console.log(`volume encryption: ${r.created.length} created, ${r.unchanged.length} already right, ${r.failed.length} not applied`);
    for (const f of r.failed) console.log(`    ${f.type}: ${f.reason}`);
  }
  const planned = plannedEncryptions(plan);
  expected.objects.push(...expectedEncryptionObjects(planned));
  live.objects.push(...(await liveEncryptionObjects(cinder, planned.map((p) => p.type))));
}
