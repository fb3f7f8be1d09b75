import * as fs from "node:fs";
import * as path from "node:path";
import type { Inventory } from "../../inventory/model";
import { EvidenceRegister } from "./evidence";
import { Waiver, WaiverFile } from "./waivers";
import { readYamlData } from "./yamlData";

/**
 * What the pack reads besides the resources: the inventory, the evidence register, waivers and the
 * as-of date. In `pulumi preview --policy-pack` runs they come from the policy config
 * (`inventoryPath`, `evidencePath`, `waiversPath`, `asOf`); the offline runner hands them over
 * directly (it already loaded them, and must apply waivers itself to count them).
 */
export interface PackInputs {
  /** The validated inventory. */
  inventory?: Inventory;
  /** The evidence register. */
  evidence?: EvidenceRegister;
  /** Waivers the pack applies itself (CLI runs only: the runner applies them after the handlers). */
  waivers?: Waiver[];
  /** Evaluation date YYYY-MM-DD. */
  asOf?: string;
  /** The stack's site: per-site inventory checks judge only it (province-wide ones judge everything). */
  site?: string;
}

let injected: PackInputs | undefined;
let generation = 0;

/** Changes whenever the inputs change, so derived values can be cached safely. */
export function packInputsGeneration(): number {
  return generation;
}

/**
 * Sets the inputs for in-process runs (the runner); `undefined` returns to config-driven loading.
 * @param inputs what to use.
 */
export function setPackInputs(inputs: PackInputs | undefined): void {
  injected = inputs;
  generation++;
}

/** Config keys every policy accepts (shared, so any policy's config can point at the files). */
export const SHARED_CONFIG_SCHEMA = {
  inventoryPath: { type: "string", description: "Province inventory file or folder (read with the inventory loader)." },
  evidencePath: { type: "string", description: "Evidence register YAML." },
  waiversPath: { type: "string", description: "Waiver YAML (applied by the pack in CLI runs)." },
  asOf: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "Evaluation date; default today." },
  site: { type: "string", description: "Site (stack) whose per-site inventory records are judged; default every site." },
} as const;

const inventoryCache = new Map<string, Promise<Inventory | undefined>>();

interface LoaderModule {
  loadInventory(p: string): unknown;
}

/**
 * Loads an inventory with the project's loader (`inventory/loader`), once per path.
 * @param p file or folder.
 */
async function loadWithLoader(p: string): Promise<Inventory | undefined> {
  const modPath = path.join(__dirname, "..", "..", "inventory", "loader");
  // Loaded lazily so the pack also runs where the loader is absent (it then reports "not assessed").
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(modPath) as LoaderModule;
  const res = (await Promise.resolve(mod.loadInventory(p))) as { ok: boolean; inventory?: Inventory; problems?: Array<{ message: string }> };
  if (!res.ok) throw new Error(`inventory ${p} is invalid: ${(res.problems ?? []).map((x) => x.message).join("; ")}`);
  return res.inventory;
}

/**
 * The inventory for this run, or undefined when none is configured.
 * @param config a policy's config.
 */
export function packInventory(config: Record<string, unknown>): Promise<Inventory | undefined> {
  if (injected) return Promise.resolve(injected.inventory);
  const p = typeof config.inventoryPath === "string" && config.inventoryPath !== "" ? config.inventoryPath : undefined;
  if (!p) return Promise.resolve(undefined);
  let cached = inventoryCache.get(p);
  if (!cached) {
    cached = loadWithLoader(p);
    inventoryCache.set(p, cached);
  }
  return cached;
}

/**
 * The evidence register for this run (empty when none).
 * @param config a policy's config.
 */
export function packEvidence(config: Record<string, unknown>): EvidenceRegister {
  if (injected) return injected.evidence ?? { evidence: [], notApplicable: [] };
  const p = typeof config.evidencePath === "string" ? config.evidencePath : undefined;
  if (!p || !fs.existsSync(p)) return { evidence: [], notApplicable: [] };
  return readYamlData(p, EvidenceRegister);
}

/**
 * Waivers the pack applies itself (CLI runs); the runner passes none.
 * @param config a policy's config.
 */
export function packWaivers(config: Record<string, unknown>): Waiver[] {
  if (injected) return injected.waivers ?? [];
  const p = typeof config.waiversPath === "string" ? config.waiversPath : undefined;
  if (!p || !fs.existsSync(p)) return [];
  return readYamlData(p, WaiverFile).waivers;
}

/**
 * The as-of date: injected, configured, or today (UTC).
 * @param config a policy's config.
 */
export function packAsOf(config: Record<string, unknown>): string {
  if (injected?.asOf) return injected.asOf;
  if (typeof config.asOf === "string") return config.asOf;
  return new Date().toISOString().slice(0, 10);
}

/**
 * The site in scope, injected or configured (undefined: every site).
 * @param config a policy's config.
 */
export function packSite(config: Record<string, unknown>): string | undefined {
  if (injected) return injected.site;
  return typeof config.site === "string" && config.site !== "" ? config.site : undefined;
}
