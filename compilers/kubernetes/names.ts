/**
 * Names of Kubernetes objects, derived from stable identities or from content, never from list
 * positions: re-ordering the inventory or the rules must never rename (and so replace) an object.
 */
import { createHash } from "node:crypto";

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * True when `text` is an RFC 1123 label (namespaces, most names): ≤63 lower-case alphanumerics or '-', alphanumeric at both ends.
 * @param text candidate name
 */
export function isDns1123Label(text: string): boolean {
  return text.length <= 63 && DNS1123_LABEL.test(text);
}

/**
 * True when `text` is an RFC 1123 subdomain (names of most namespaced objects): ≤253 characters of dot-separated labels.
 * @param text candidate name
 */
export function isDns1123Subdomain(text: string): boolean {
  return text.length <= 253 && DNS1123_SUBDOMAIN.test(text);
}

/**
 * Short hex digest of `text` (SHA-256 prefix).
 * @param text canonical content to hash
 * @param length hex characters kept (default 10: 40 bits, collisions negligible at a province's scale)
 */
export function contentHash(text: string, length = 10): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

/**
 * Joins slug parts with '-' into a DNS-1123 label. When the result is longer than 63 characters the
 * tail is cut and a hash of the whole name appended, so two long names never collide after cutting.
 * @param parts slug parts (lower-case letters, digits, hyphens)
 */
export function dnsLabel(parts: readonly string[]): string {
  const full = parts.join("-");
  if (full.length <= 63) return full;
  const hash = contentHash(full, 8);
  return `${full.slice(0, 63 - hash.length - 1).replace(/-+$/, "")}-${hash}`;
}

/**
 * Namespace of a system's tiers placed in one zone: `<system>-<zone>`. Both are stable identities,
 * so the name survives any re-ordering of the model.
 * @param system system id
 * @param zone zone id
 */
export function namespaceName(system: string, zone: string): string {
  return dnsLabel([system, zone]);
}

/**
 * Name of an allow policy: `<flow>-<in|out>-<hash of its content>`. The hash covers the whole
 * canonical content, so re-ordering rules never renames a policy and changing a rule renames it.
 * @param flow flow name
 * @param direction `in` for ingress, `out` for egress
 * @param canonicalContent canonical JSON of the policy's namespace, pod selector, peers and ports
 */
export function allowPolicyName(flow: string, direction: "in" | "out", canonicalContent: string): string {
  const hash = contentHash(canonicalContent);
  const head = `${flow}-${direction}`.slice(0, 63 - hash.length - 1).replace(/-+$/, "");
  return `${head}-${hash}`;
}
