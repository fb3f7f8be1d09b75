import * as fs from "node:fs";
import * as path from "node:path";
import type { Inventory } from "../model";
import type { Problem, SourceMap } from "../loader/types";
import { loadInventory } from "../loader";
import { LOCK_FILE_NAME, allocateAddressPlan, parseLock, type AddressLock } from "../addressing";
import type { AllocationResult } from "../addressing/allocate";
import type { AddressPlan } from "../addressing/types";
import { locateRuleProblem } from "../loader/loadInventory";
import { DataFileError } from "../loader/yamlData";
import { isoDate } from "../../cli/asOf";
import { shippedBaseline } from "../zoning/baseline";
import { checkFlowZoning, type ExpiredFlow } from "../zoning/checkFlows";
import { checkBoundaryControls } from "../zoning/boundaryControls";
import { checkTierSeparation } from "../zoning/tierSeparation";
import type { WaivedFinding } from "../zoning/waivedFinding";
import { checkManagementRanges } from "../zoning/managementRanges";
import { readWaiverFile, waiverFileOf } from "../waivers/waiverFile";
import type { Waiver } from "../waivers/waivers";

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
  /** The evaluation date the province was checked on (flow expiry, waivers). */
  asOf: string;
  /** The province's waivers (every stage applies them the same way). */
  waivers: Waiver[];
  /** Load-time control findings a waiver lets through (zone baseline, boundary devices), and flows past their expiry. */
  zoning: { waived: WaivedFinding[]; expired: ExpiredFlow[] };
}

/** How to load a province. */
export interface LoadOptions {
  /** Evaluation date, YYYY-MM-DD (default today). */
  asOf?: string;
  /** Waiver file (default `policies/waivers/<province folder>.yaml` under the working directory). */
  waiverFile?: string;
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
export function loadProvinceOnce(provincePath: string, options: LoadOptions = {}): ProvinceResult {
  const key = `${path.resolve(provincePath)}\u0000${options.asOf ?? ""}\u0000${options.waiverFile ?? ""}`;
  let r = loadedOnce.get(key);
  if (!r) {
    r = loadProvince(provincePath, options);
    loadedOnce.set(key, r);
  }
  return r;
}

/**
 * Loads, validates and allocates a province, and holds its flows to the level-3 zone baseline: the one
 * entry point every script and the stack program use.
 */
export function loadProvince(provincePath: string, options: LoadOptions = {}): ProvinceResult {
  const loaded = loadInventory(provincePath);
  if (!loaded.ok) return { ok: false, problems: loaded.problems };
  const asOf = options.asOf ?? isoDate(new Date());
  const waiverFile = options.waiverFile ?? waiverFileOf(provincePath);
  let waivers: Waiver[];
  try {
    waivers = readWaiverFile(waiverFile).waivers;
  } catch (e) {
    if (!(e instanceof DataFileError)) throw e;
    return { ok: false, problems: e.problems.map((p) => ({ path: [], message: p })) };
  }
  const waiverText = path.relative(process.cwd(), waiverFile);
  const baseline = shippedBaseline();
  const zoning = checkFlowZoning({ inventory: loaded.inventory, baseline, waivers, asOf, waiverFile: waiverText });
  const boundaries = checkBoundaryControls({ inventory: loaded.inventory, waivers, asOf, waiverFile: waiverText });
  const separation = checkTierSeparation({ inventory: loaded.inventory, waivers, asOf, waiverFile: waiverText, control: baseline.control });
  const addressed = addressPlanOf(provincePath, loaded.inventory, loaded.sources);
  if ("lockProblems" in addressed) return { ok: false, problems: addressed.lockProblems };
  const { lock, allocated } = addressed;
  const zoningProblems = [...zoning.problems, ...boundaries.problems, ...separation.problems].map((p) => locateRuleProblem(p, loaded.sources));
  const rangeProblems = allocated.ok ? checkManagementRanges(loaded.inventory, allocated.plan).map((p) => locateRuleProblem(p, loaded.sources)) : [];
  if (!allocated.ok || zoningProblems.length > 0 || rangeProblems.length > 0) {
    return { ok: false, problems: [...zoningProblems, ...rangeProblems, ...(allocated.ok ? [] : allocated.problems)] };
  }
  return {
    ok: true,
    province: {
      path: provincePath,
      inventory: loaded.inventory,
      sources: loaded.sources,
      addressPlan: allocated.plan,
      lock,
      newLock: allocated.lock,
      asOf,
      waivers,
      zoning: { waived: [...zoning.waived, ...boundaries.waived, ...separation.waived], expired: zoning.expired },
    },
  };
}

/**
 * A loaded province's address plan against its committed lock (the allocator's problems, located), or the
 * lock file's own problems: what `npm run validate` and every later stage check of addresses.
 * @param provincePath the province folder or file
 * @param inventory the validated inventory
 * @param sources where each field came from
 */
export function addressPlanOf(provincePath: string, inventory: Inventory, sources: SourceMap): { lock?: AddressLock; allocated: AllocationResult } | { lockProblems: Problem[] } {
  const lockFile = lockPathOf(provincePath);
  let lock: AddressLock | undefined;
  if (fs.existsSync(lockFile)) {
    const parsed = parseLock(fs.readFileSync(lockFile, "utf8"), path.relative(process.cwd(), lockFile));
    if (!parsed.ok) return { lockProblems: parsed.problems };
    lock = parsed.lock;
  }
  return { lock, allocated: allocateAddressPlan(inventory, lock, sources) };
}
