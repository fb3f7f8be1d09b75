import type { PoolEncryption } from "../../inventory/model";

/**
 * The Cinder encryption spec of a volume type, and how the plan carries it. `@pulumi/openstack` 3.15.2
 * has no volume-encryption-type resource, so the spec rides on the type's extra specs under the
 * `hatang:` scope (Cinder's capabilities filter ignores scoped keys other than `capabilities:`), and the
 * project's own client (`clients/openstack/cinder.ts`) creates and reads back the real encryption type
 * from it (`asbuilt/volumeEncryption.ts`). One mapping, used by the component, the policy pack and the
 * read-back.
 */

/** A Cinder encryption spec, in the API's words (`POST /types/{id}/encryption`). */
export interface EncryptionSpec {
  /** Encryptor (`luks`, `luks2`). */
  provider: string;
  /** dm-crypt cipher (`aes-xts-plain64`). */
  cipher: string;
  /** Key size in bits. */
  key_size: number;
  /** `front-end` (the compute host) or `back-end`. */
  control_location: string;
}

/** Extra-spec keys of the spec, by API field. */
export const ENCRYPTION_SPEC_KEYS: Readonly<Record<keyof EncryptionSpec, string>> = {
  provider: "hatang:encryption-provider",
  cipher: "hatang:encryption-cipher",
  key_size: "hatang:encryption-key-size",
  control_location: "hatang:encryption-control-location",
};

/** Extra-spec key that says whether the type is encrypted at all. */
export const ENCRYPTED_KEY = "hatang:encrypted";

/**
 * The API spec of a pool's encryption.
 * @param e the pool's encryption (model)
 */
export function encryptionSpecOf(e: PoolEncryption): EncryptionSpec {
  return { provider: e.provider, cipher: e.cipher, key_size: e.keySize, control_location: e.controlLocation };
}

/**
 * Extra specs that carry a type's encryption: `hatang:encrypted`, and the spec when encrypted.
 * @param spec the spec, or undefined for an unencrypted type
 */
export function encryptionExtraSpecs(spec: EncryptionSpec | undefined): Record<string, string> {
  if (!spec) return { [ENCRYPTED_KEY]: "false" };
  const out: Record<string, string> = { [ENCRYPTED_KEY]: "true" };
  for (const [field, key] of Object.entries(ENCRYPTION_SPEC_KEYS) as Array<[keyof EncryptionSpec, string]>) out[key] = String(spec[field]);
  return out;
}

/**
 * Reads the spec back from a type's extra specs: the spec, or the fields that are missing or malformed.
 * @param extraSpecs the type's extra specs (as planned, or as read from Cinder)
 */
export function encryptionFromExtraSpecs(extraSpecs: Record<string, unknown> | undefined): { spec: EncryptionSpec } | { missing: string[] } | { unencrypted: true } {
  const specs = extraSpecs ?? {};
  if (specs[ENCRYPTED_KEY] !== "true") return { unencrypted: true };
  const text = (f: keyof EncryptionSpec): string | undefined => (typeof specs[ENCRYPTION_SPEC_KEYS[f]] === "string" && specs[ENCRYPTION_SPEC_KEYS[f]] !== "" ? (specs[ENCRYPTION_SPEC_KEYS[f]] as string) : undefined);
  const keySize = Number(text("key_size"));
  const missing = (["provider", "cipher", "key_size", "control_location"] as const).filter((f) => text(f) === undefined || (f === "key_size" && !Number.isInteger(keySize)));
  if (missing.length > 0) return { missing: missing.map((f) => ENCRYPTION_SPEC_KEYS[f]) };
  return { spec: { provider: text("provider") as string, cipher: text("cipher") as string, key_size: keySize, control_location: text("control_location") as string } };
}

/** Providers that encrypt with LUKS (what level 3's encryption at rest is judged against). */
export const LUKS_PROVIDERS: readonly string[] = ["luks", "luks2", "nova.volume.encryptors.luks.LuksEncryptor", "os_brick.encryptors.luks.LuksEncryptor"];

/**
 * Why a spec is too weak for data at rest (undefined: it is not): a LUKS provider, an XTS cipher and a
 * key of at least 256 bits.
 * @param spec the spec
 */
export function weakEncryption(spec: EncryptionSpec): string | undefined {
  if (!LUKS_PROVIDERS.includes(spec.provider)) return `provider ${spec.provider} is not LUKS`;
  if (!/-xts-/.test(spec.cipher)) return `cipher ${spec.cipher} is not an XTS mode`;
  if (spec.key_size < 256) return `a ${spec.key_size}-bit key is shorter than 256 bits`;
  return undefined;
}
