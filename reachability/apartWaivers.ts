/**
 * What the proof lists apart — ports open only because the cloud cannot tell two endpoints apart (address
 * sharing), ICMP to or from pods that no NetworkPolicy can express, and pairs of tiers of different
 * systems sharing a VLAN with nothing enforcing between them — counts against "holds" unless a waiver of
 * the province (`policies/waivers/<province>.yaml`) accepts it. A waiver selects items by `name`
 * (globs allowed): `reachability/<site>/<kind>/<from>-><to>/<family>`.
 */
import { decideWaiver, type Waiver } from "../inventory/waivers/waivers";
import type { Family } from "./addresses";

/** Kinds of items listed apart. */
export type ApartKind = "address-sharing" | "icmp-not-expressible" | "unenforced-shared-vlan";

/** The control each kind is waived against. */
export const APART_CONTROL: Readonly<Record<ApartKind, string>> = {
  // Logical separation of systems in a shared DC.
  "address-sharing": "NET-18",
  "unenforced-shared-vlan": "NET-18",
  // Inter-zone access control, default deny.
  "icmp-not-expressible": "NET-02",
};

/**
 * The name a waiver selects an item by.
 * @param site site id
 * @param kind the kind
 * @param family the family
 * @param from source endpoint id
 * @param to destination endpoint id
 */
export function apartName(site: string, kind: ApartKind, family: Family, from: string, to: string): string {
  return `reachability/${site}/${kind}/${from}->${to}/${family}`;
}

/** A waiver's decision on an item. */
export interface ApartWaiverDecision {
  /** The active waiver accepting it. */
  waiver?: { id: string; approver: string; expires: string };
  /** A matching waiver that has expired (the item counts again). */
  expiredWaiver?: { id: string; expires: string };
}

/**
 * Decides whether a waiver accepts an item on the evaluation date.
 * @param kind the kind
 * @param name the item's name
 * @param waivers the province's waivers
 * @param asOf the evaluation date
 */
export function decideApart(kind: ApartKind, name: string, waivers: readonly Waiver[], asOf: string): ApartWaiverDecision {
  const d = decideWaiver({ control: APART_CONTROL[kind], name }, waivers, asOf);
  if (d.waived) return { waiver: { id: d.waiver.id, approver: d.waiver.approver, expires: d.waiver.expires } };
  return d.expired ? { expiredWaiver: { id: d.expired.id, expires: d.expired.expires } } : {};
}
