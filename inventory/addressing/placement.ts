import type { FieldPath } from "../loader/types";
import { FreeSpace } from "./freeSpace";
import { compareText } from "./identity";
import { Prefix, blockSize, contains, formatPrefix, lastAddress } from "./prefix";

/** One block wanted inside a set of parent spaces. */
export interface BlockRequest {
  /** Stable identity (the lock key). */
  identity: string;
  /** Human description of the owner for messages, e.g. `VLAN "web" of zone "dmz" at site "dc1"`. */
  owner: string;
  /** Field path of the owner in the inventory. */
  path: FieldPath;
  /** Prefix length to allocate when nothing fixes the block. */
  length: number;
  /** A prefix the operator wrote (or one derived from what they wrote), and where. */
  explicit?: { prefix: Prefix; path: FieldPath; derivedFrom?: string };
  /** The prefix the lock file pins for this identity. */
  locked?: Prefix;
  /** For a fixed (explicit or locked) block: why it cannot serve the owner, or undefined when it can. */
  check?: (p: Prefix) => string | undefined;
}

/** Where requests are placed and how problems are reported. */
export interface PlacementContext {
  /** The parent spaces, in the order they are tried (ascending network). */
  spaces: FreeSpace[];
  /** Human description of the parents, e.g. `the IPv4 aggregates 10.16.0.0/16 of site "dc1"`. */
  parentLabel: string;
  /**
   * True for blocks inside a zone or infrastructure block: a lock entry outside the parent means the
   * operator moved the parent, so the child follows. False at the top level, where a lock entry outside
   * the aggregates is a problem (silently renumbering a whole zone is never right).
   */
  followParent: boolean;
  /** Records a problem at a field path. */
  report: (path: FieldPath, message: string, found?: string) => void;
  /** Where the parents are written (the aggregates): several blocks that do not fit are one problem there, not one each. */
  parentPath?: FieldPath;
}

/**
 * Places requests in three passes: explicit prefixes, then locked ones, then new ones first-fit,
 * largest first and by identity within a size. The order of the input never matters: every pass sorts.
 * @param ctx where to place and how to report
 * @param requests the blocks wanted
 * @returns the placed block of every request that could be placed
 */
export function placeRequests(ctx: PlacementContext, requests: readonly BlockRequest[]): Map<string, Prefix> {
  const placed = new Map<string, Prefix>();
  const byIdentity = [...requests].sort((a, b) => compareText(a.identity, b.identity));
  const pending: BlockRequest[] = [];
  const spaceFor = (p: Prefix): FreeSpace | undefined => ctx.spaces.find((s) => contains(s.parent, p));

  for (const r of byIdentity.filter((x) => x.explicit !== undefined)) {
    const { prefix, path, derivedFrom } = r.explicit!;
    const text = formatPrefix(prefix);
    const origin = derivedFrom === undefined ? "" : ` (the smallest block of its size holding ${derivedFrom})`;
    const space = spaceFor(prefix);
    if (space === undefined) {
      ctx.report(path, `${text}${origin} for ${r.owner} is outside ${ctx.parentLabel}`, text);
      continue;
    }
    const wrong = r.check?.(prefix);
    if (wrong !== undefined) {
      ctx.report(path, `${text} for ${r.owner}: ${wrong}`, text);
      continue;
    }
    if (reserveOrReport(ctx, space, prefix, r, path, "")) placed.set(r.identity, prefix);
  }

  for (const r of byIdentity.filter((x) => x.explicit === undefined)) {
    if (r.locked === undefined) {
      pending.push(r);
      continue;
    }
    const text = formatPrefix(r.locked);
    const space = spaceFor(r.locked);
    if (space === undefined) {
      if (ctx.followParent) pending.push(r);
      else ctx.report(r.path, `${r.owner} is locked at ${text}, which is outside ${ctx.parentLabel}; restore the aggregate or delete the lock entry "${r.identity}" to allocate it afresh`, text);
      continue;
    }
    const wrong = r.check?.(r.locked);
    if (wrong !== undefined) {
      ctx.report(r.path, `${r.owner} is locked at ${text}, which no longer fits: ${wrong}; delete the lock entry "${r.identity}" to allocate a larger block (its addresses change)`, text);
      continue;
    }
    if (reserveOrReport(ctx, space, r.locked, r, r.path, " (locked)")) placed.set(r.identity, r.locked);
  }

  pending.sort((a, b) => a.length - b.length || compareText(a.identity, b.identity));
  // The room left when a block did not fit, as it was then (blocks placed after it may fill the rest).
  const unplaced: Array<{ r: BlockRequest; room: string }> = [];
  for (const r of pending) {
    let got: Prefix | undefined;
    for (const space of ctx.spaces) {
      got = space.allocate(r.length, r.owner);
      if (got !== undefined) break;
    }
    if (got !== undefined) placed.set(r.identity, got);
    else unplaced.push({ r, room: roomLeft(ctx) });
  }
  if (unplaced.length > 0) reportExhaustion(ctx, unplaced);
  return placed;
}

/** What is still free in the parents, in words. */
function roomLeft(ctx: PlacementContext): string {
  const free = ctx.spaces.reduce((n, s) => n + s.freeCount(), 0n);
  const largest = ctx.spaces.map((s) => s.largestFreeLength()).filter((l): l is number => l !== undefined);
  return free === 0n || largest.length === 0 ? "nothing is free" : `${free} addresses are free and the largest free block is a /${Math.min(...largest)}`;
}

/**
 * The blocks that did not fit: one problem for one block; one problem at the parents for several (the
 * root cause is the parent's size, not each block), naming every block and the room they need in all.
 */
function reportExhaustion(ctx: PlacementContext, unplaced: ReadonlyArray<{ r: BlockRequest; room: string }>): void {
  const family = ctx.spaces[0]?.parent.family ?? "ipv4";
  if (unplaced.length === 1 || ctx.parentPath === undefined) {
    for (const { r, room } of unplaced) ctx.report(r.path, `${ctx.parentLabel} is exhausted: ${r.owner} needs a /${r.length} (${blockSize(family, r.length)} addresses); ${room}`);
    return;
  }
  const needed = unplaced.reduce((n, { r }) => n + blockSize(family, r.length), 0n);
  const blocks = unplaced.map(({ r }) => `${r.owner} a /${r.length}`).join("; ");
  ctx.report(ctx.parentPath, `${ctx.parentLabel} is too small: ${unplaced.length} blocks do not fit (${blocks}), ${needed} addresses in all, and when the first did not fit ${unplaced[0].room}; widen the aggregate or add another`);
}

function reserveOrReport(ctx: PlacementContext, space: FreeSpace, p: Prefix, r: BlockRequest, path: FieldPath, how: string): boolean {
  const outcome = space.reserve(p.network, lastAddress(p), `${r.owner}${how}`);
  if (outcome.ok) return true;
  const others = outcome.conflicts.map((c) => c.owner).join(", ");
  ctx.report(path, `${formatPrefix(p)} for ${r.owner}${how} overlaps ${others || "another block"}`, formatPrefix(p));
  return false;
}
