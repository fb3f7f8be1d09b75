import * as fs from "node:fs";
import * as path from "node:path";
import type { Inventory } from "../model";
import type { Problem, SourceMap } from "../loader/types";
import { loadInventory } from "../loader";
import { LOCK_FILE_NAME, allocateAddressPlan, parseLock, type AddressLock } from "../addressing";
import type { AddressPlan } from "../addressing/types";

/** A province ready for the compilers: the validated inventory, where each field came from, and its address plan. */
export interface Province {
  /** The inventory folder or file. */
  path: string;
  inventory: Inventory;
  sources: SourceMap;
  addressPlan: AddressPlan;
  /** The lock the plan was allocated against (as committed; absent for a new province). */
  lock?: AddressLock;
  /** The lock the allocation produced (equal to `lock` when the lock is up to date). */
  newLock: AddressLock;
}

/** Loading a province gives the province, or every problem of the inventory, the lock and the address plan at once. */
export type ProvinceResult = { ok: true; province: Province } | { ok: false; problems: Problem[] };

/** The lock file of a province folder (or of the folder holding a single-file province). */
export function lockPathOf(provincePath: string): string {
  const dir = fs.existsSync(provincePath) && fs.statSync(provincePath).isDirectory() ? provincePath : path.dirname(provincePath);
  return path.join(dir, LOCK_FILE_NAME);
}

const loadedOnce = new Map<string, ProvinceResult>();

/**
 * `loadProvince`, once per path and process: the offline plan's driver and the stack program it runs
 * read the same province, and it does not change during one run.
 */
export function loadProvinceOnce(provincePath: string): ProvinceResult {
  const key = path.resolve(provincePath);
  let r = loadedOnce.get(key);
  if (!r) {
    r = loadProvince(provincePath);
    loadedOnce.set(key, r);
  }
  return r;
}

/** Loads, validates and allocates a province: the one entry point every script and the stack program use. */
export function loadProvince(provincePath: string): ProvinceResult {
  const loaded = loadInventory(provincePath);
  if (!loaded.ok) return { ok: false, problems: loaded.problems };
  const lockFile = lockPathOf(provincePath);
  let lock: AddressLock | undefined;
  if (fs.existsSync(lockFile)) {
    const parsed = parseLock(fs.readFileSync(lockFile, "utf8"), path.relative(process.cwd(), lockFile));
    if (!parsed.ok) return { ok: false, problems: parsed.problems };
    lock = parsed.lock;
  }
  const allocated = allocateAddressPlan(loaded.inventory, lock, loaded.sources);
  if (!allocated.ok) return { ok: false, problems: allocated.problems };
  return {
    ok: true,
    province: { path: provincePath, inventory: loaded.inventory, sources: loaded.sources, addressPlan: allocated.plan, lock, newLock: allocated.lock },
  };
}
