/**
 * Typed Cinder (block storage v3) calls the program needs and the provider lacks: volume types and
 * their encryption specs (`@pulumi/openstack` 3.15.2 has no volume-encryption-type resource).
 */
import type { OpenStackClient } from "./client";

/** Service types Cinder v3 is registered under, newest first (clouds still register the legacy one). */
export const CINDER_SERVICE_TYPES: readonly string[] = ["block-storage", "volumev3"];

/** A volume type (the fields the read-back uses). */
export interface VolumeType {
  /** UUID. */
  id: string;
  /** Name. */
  name: string;
  /** Public to every project. */
  is_public?: boolean;
  /** Extra specs. */
  extra_specs?: Record<string, string>;
  /** Free text. */
  description?: string | null;
}

/** A volume type's encryption spec as Cinder stores it. */
export interface VolumeTypeEncryption {
  /** Id of the encryption spec (for update and delete). */
  encryption_id: string;
  /** Volume type it belongs to. */
  volume_type_id: string;
  /** Encryptor (`luks`, `luks2`, `plain`). */
  provider: string;
  /** dm-crypt cipher, or null. */
  cipher: string | null;
  /** Key size in bits, or null. */
  key_size: number | null;
  /** `front-end` or `back-end`. */
  control_location: string;
}

/** What creating or updating a spec sends. */
export interface EncryptionFields {
  /** Encryptor. */
  provider: string;
  /** Cipher. */
  cipher: string;
  /** Key size in bits. */
  key_size: number;
  /** Where encryption happens. */
  control_location: string;
}

/** Cinder calls over an authenticated client. */
export class Cinder {
  private service: Promise<string> | undefined;

  /**
   * @param client an authenticated client
   * @param serviceType force a catalog service type (default: the first of `CINDER_SERVICE_TYPES` the catalog has)
   */
  constructor(
    readonly client: OpenStackClient,
    private readonly serviceType?: string,
  ) {}

  /** The service type to call: the forced one, else the first Cinder v3 type the catalog lists. */
  private serviceName(): Promise<string> {
    this.service ??= (async () => {
      if (this.serviceType) return this.serviceType;
      const types = new Set(this.client.catalog.map((e) => e.type));
      const found = CINDER_SERVICE_TYPES.find((t) => types.has(t));
      if (!found) throw new Error(`no Cinder v3 service in the catalog (looked for ${CINDER_SERVICE_TYPES.join(", ")}; found ${[...types].join(", ") || "none"})`);
      return found;
    })();
    return this.service;
  }

  /**
   * Every volume type, private ones included (`is_public=None` asks for both, as an admin may).
   */
  async listVolumeTypes(): Promise<VolumeType[]> {
    const res = await this.client.request<{ volume_types: VolumeType[] }>(await this.serviceName(), "GET", "/types", { query: { is_public: "None" } });
    return res.volume_types;
  }

  /**
   * A type's encryption spec, or undefined when the type is not encrypted (Cinder answers `{}`).
   * @param typeId volume type id
   */
  async getEncryption(typeId: string): Promise<VolumeTypeEncryption | undefined> {
    const res = await this.client.request<Partial<VolumeTypeEncryption> | undefined>(await this.serviceName(), "GET", `/types/${encodeURIComponent(typeId)}/encryption`);
    return res && typeof res.encryption_id === "string" ? (res as VolumeTypeEncryption) : undefined;
  }

  /**
   * Creates a type's encryption spec (admin only; refused once volumes of the type exist).
   * @param typeId volume type id
   * @param fields the spec
   */
  async createEncryption(typeId: string, fields: EncryptionFields): Promise<VolumeTypeEncryption> {
    const res = await this.client.request<{ encryption: VolumeTypeEncryption }>(await this.serviceName(), "POST", `/types/${encodeURIComponent(typeId)}/encryption`, { body: { encryption: fields } });
    return res.encryption;
  }

  /**
   * Updates a type's encryption spec (refused by Cinder while volumes of the type exist).
   * @param typeId volume type id
   * @param encryptionId the spec's id
   * @param fields the new spec
   */
  async updateEncryption(typeId: string, encryptionId: string, fields: EncryptionFields): Promise<void> {
    await this.client.request(await this.serviceName(), "PUT", `/types/${encodeURIComponent(typeId)}/encryption/${encodeURIComponent(encryptionId)}`, { body: { encryption: fields } });
  }

  /**
   * Deletes a type's encryption spec.
   * @param typeId volume type id
   * @param encryptionId the spec's id
   */
  async deleteEncryption(typeId: string, encryptionId: string): Promise<void> {
    await this.client.request(await this.serviceName(), "DELETE", `/types/${encodeURIComponent(typeId)}/encryption/${encodeURIComponent(encryptionId)}`);
  }
}
