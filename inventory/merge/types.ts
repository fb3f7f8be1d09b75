import type { AddressLock } from "../addressing/lockFile";
import type { AddressPlan } from "../addressing/types";
import type { SourceMap } from "../loader/types";
import type { Inventory } from "../model";
import type { Waiver } from "../waivers/waivers";
import type { ZoneBaseline } from "../zoning/baseline";

/** One former province going into a merger, valid on its own. */
export interface MergeInput {
  /** Name used in reports: the folder's base name (e.g. `vinh-lam`). */
  name: string;
  /** The folder as given on the command line. */
  path: string;
  /** Its validated inventory. */
  inventory: Inventory;
  /** Where each of its fields came from (conflicts name both files and lines). */
  sources: SourceMap;
  /** Its allocated address plan. */
  plan: AddressPlan;
  /** Its lock (as allocated, so a province without a committed lock merges the same way). */
  lock: AddressLock;
}

/** Where an earlier run of the same merger put a moved site's aggregate (kept while still free: stability). */
export interface AggregatePin {
  /** The moved province (input name). */
  province: string;
  /** The site's id in its former province. */
  site: string;
  family: "ipv4" | "ipv6";
  /** The aggregate as the former province declares it. */
  old: string;
  /** The block of it that moved (the aggregate, or the part its site used). */
  from: string;
  /** Where that block landed. */
  to: string;
}

/** The new id an earlier run gave a moved province's VLAN id on a joined physnet. */
export interface VlanPin {
  /** The moved province (input name). */
  province: string;
  physnet: string;
  old: number;
  new: number;
}

/**
 * The decisions of an earlier run of the same merger (its `merge/merge.lock.json`). A re-run keeps every one
 * that still fits, so changing the inputs moves only what the change needs: like the address plan's lock.
 */
export interface MergePins {
  aggregates: AggregatePin[];
  vlans: VlanPin[];
}

/** What the merger decides beyond its inputs. */
export interface MergeOptions {
  /** Index (in the inputs) of the province that keeps its addresses, VLANs, ids and name. */
  keep: number;
  /** Date the former provinces merged (their agencies cease then). */
  mergedOn: string;
  /** Date the duplicate systems are switched off. */
  retireBy: string;
  /** An earlier run's decisions, kept where they still fit. */
  pins?: MergePins;
  /**
   * What the migration flows are held to: the zone baseline (default the shipped one) and the waivers that may
   * let a forbidden one through, at their evaluation date (default none).
   */
  zoning?: { baseline?: ZoneBaseline; waivers: readonly Waiver[]; asOf: string };
}

/** Kinds of conflict, in report order. */
export const CONFLICT_KINDS = [
  "aggregate-overlap",
  "prefix-overlap",
  "tslcd-overlap",
  "public-prefix-overlap",
  "cluster-range-overlap",
  "vlan-id",
  "tslcd-level-ii",
  "site-id",
  "zone-id",
  "system-id",
  "system-kind",
  "agency-code",
  "agency-name",
  "admin-code",
  "service",
  "wwpn",
  "identity",
  "migration-flow",
] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/** Where one side of a conflict is written. */
export interface ConflictPlace {
  /** Province (input name). */
  province: string;
  /** File, relative to the working directory. */
  file?: string;
  /** 1-based line. */
  line?: number;
  /** Field path in that province's inventory, dotted. */
  path: string;
}

/** Something two former provinces both have that one merged province cannot. */
export interface Conflict {
  kind: ConflictKind;
  /** What clashes. */
  message: string;
  /** Every place involved, the kept province's first. */
  places: ConflictPlace[];
  /** What the merger does about it. */
  resolution: string;
}

/** One row of the renumbering plan: what an address, prefix or VLAN of a moved site was and becomes. */
export interface RenumberRow {
  /** Site in the merged province. */
  site: string;
  /** Site id in its former province (differs when renamed). */
  formerSite: string;
  /** What it is. */
  kind: "aggregate" | "zone" | "subnet" | "gateway" | "vlan" | "link" | "loopback" | "cluster" | "infrastructure" | "host";
  /** Which one (zone, VLAN, link, device, instance …). */
  object: string;
  /** IPv4, IPv6, or "" for a VLAN id. */
  family: "ipv4" | "ipv6" | "";
  old: string;
  new: string;
}

/** Space a merger could not find, per family. */
export interface Shortfall {
  family: "ipv4" | "ipv6";
  /** The kept province's address space. */
  space: string[];
  /** Blocks that found no room: which site's aggregate, and the smallest block it could have shrunk to. */
  unplaced: Array<{ site: string; aggregate: string; needs: string }>;
  /** Addresses the unplaced blocks need at least. */
  missing: bigint;
  /** Addresses still free in the space. */
  free: bigint;
  /** Length of the largest free aligned block, if any. */
  largestFree?: number;
}

/** One stage of the consolidation: a complete province. */
export interface Stage {
  /** Folder name, e.g. `01-interconnect-renumber`. */
  id: string;
  /** Vietnamese and English title. */
  title: string;
  /** What the stage changes, for the reviewer. */
  summary: string[];
  /** The province at the end of the stage. */
  inventory: Inventory;
}
