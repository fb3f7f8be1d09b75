/**
 * The desired state of NetBox: plain objects per type, each with its natural key, whose fields are what
 * NetBox's POST body takes — except references, written as markers the sync resolves against what exists:
 * `ref()` for fields NetBox types as a nested object (sent as the attributes that find the object, the
 * form NetBox's schema gives), `idRef()` for fields it types as an integer id.
 */
import type { ObjectType } from "../clients/netbox/endpoints";

/** A reference sent as the attributes that identify the object (`{"name": …, "slug": …}`). */
export interface Ref {
  $ref: ObjectType;
  key: string;
}

/** A reference sent as the object's integer id. */
export interface IdRef {
  $id: ObjectType;
  key: string;
}

/** Who owns an object: the whole province (shared by every site's sync) or one site. */
export type Scope = { kind: "province"; id: string } | { kind: "site"; id: string };

/** One object NetBox should hold. */
export interface DesiredObject {
  type: ObjectType;
  /** Natural key, as `naturalKey()` computes it from the object NetBox returns. */
  key: string;
  /** POST body (references as markers; tags are added by the sync). */
  body: Record<string, unknown>;
}

/**
 * A nested-object reference.
 * @param type the referenced object's type
 * @param key its natural key
 */
export function ref(type: ObjectType, key: string): Ref {
  return { $ref: type, key };
}

/**
 * An integer-id reference.
 * @param type the referenced object's type
 * @param key its natural key
 */
export function idRef(type: ObjectType, key: string): IdRef {
  return { $id: type, key };
}

/** Whether a value is a nested-object reference marker. */
export function isRef(v: unknown): v is Ref {
  return typeof v === "object" && v !== null && "$ref" in v && "key" in v;
}

/** Whether a value is an integer-id reference marker. */
export function isIdRef(v: unknown): v is IdRef {
  return typeof v === "object" && v !== null && "$id" in v && "key" in v;
}

/**
 * A NetBox slug from any text: lower case, ASCII letters, digits, hyphens and underscores (Vietnamese
 * letters lose their marks; "đ" becomes "d"), at most 100 characters.
 * @param text the text
 */
export function slugify(text: string): string {
  const s = text
    .replace(/[đĐ]/g, "d")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 100)
    .replace(/-+$/, "");
  return s || "x";
}
