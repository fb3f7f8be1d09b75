import type { Inventory } from "../../inventory/model";
import type { Catalogue, ParameterValue } from "../catalogue/schema";

/** Typed access to the pack's parameters. */
export interface Params {
  /** A list of numbers (ports). */
  numbers(name: string): number[];
  /** A list of strings. */
  strings(name: string): string[];
  /** One number. */
  number(name: string): number;
}

/**
 * Resolves one parameter: policy config, else the inventory's `security` field the catalogue names,
 * else the catalogue default. The default is where the source is named; the others are the
 * province's choice.
 * @param cat the catalogue.
 * @param name parameter name.
 * @param config the policy's config (from `getConfig()`).
 * @param inventory the inventory, when loaded.
 */
export function resolveParameter(cat: Catalogue, name: string, config: Record<string, unknown>, inventory: Inventory | undefined): ParameterValue {
  const p = cat.parameters.get(name);
  if (!p) throw new Error(`unknown parameter "${name}"`);
  if (config[name] !== undefined) return config[name] as ParameterValue;
  if (p.inventory && inventory) {
    const v = (inventory.security as Record<string, unknown>)[p.inventory];
    const empty = Array.isArray(v) && v.length === 0 && Array.isArray(p.default) && p.default.length > 0;
    if (v !== undefined && !empty) return v as ParameterValue;
  }
  return p.default;
}

/**
 * Builds the typed reader.
 * @param cat the catalogue.
 * @param config the policy's config.
 * @param inventory the inventory, when loaded.
 */
export function makeParams(cat: Catalogue, config: Record<string, unknown>, inventory: Inventory | undefined): Params {
  const get = (name: string) => resolveParameter(cat, name, config, inventory);
  return {
    numbers: (name) => {
      const v = get(name);
      return Array.isArray(v) ? v.map(Number) : [Number(v)];
    },
    strings: (name) => {
      const v = get(name);
      return Array.isArray(v) ? v.map(String) : [String(v)];
    },
    number: (name) => Number(get(name)),
  };
}
