/**
 * Whether two circuits are physically diverse, decided on identities only (never on free text): they
 * come in by different entrances (when both name one), on different routes that share no duct.
 */
import type { PhysicalRoute } from "../model";

/** One circuit's physical identity. */
export interface CircuitPath {
  /** Carrier entrance id at the site (DC circuits). */
  entrance?: string;
  /** Physical route id. */
  route?: string;
}

/**
 * Why two circuits are not diverse, or undefined when they are.
 * @param a one circuit
 * @param b the other
 * @param routes physical routes by id
 */
export function notDiverse(a: CircuitPath, b: CircuitPath, routes: ReadonlyMap<string, PhysicalRoute>): string | undefined {
  if (a.entrance !== undefined && a.entrance === b.entrance) return `both enter by entrance "${a.entrance}"`;
  if (a.route === undefined || b.route === undefined) return "a circuit names no physical route";
  if (a.route === b.route) return `both run on route "${a.route}"`;
  const ducts = new Set(routes.get(a.route)?.ducts ?? []);
  const shared = (routes.get(b.route)?.ducts ?? []).filter((d) => ducts.has(d));
  return shared.length > 0 ? `routes "${a.route}" and "${b.route}" share duct ${shared.map((d) => `"${d}"`).join(", ")}` : undefined;
}

/**
 * A pair of diverse circuits among those given, or undefined.
 * @param circuits the circuits
 * @param routes physical routes by id
 */
export function diversePair<T extends CircuitPath>(circuits: readonly T[], routes: ReadonlyMap<string, PhysicalRoute>): [T, T] | undefined {
  for (let i = 0; i < circuits.length; i++) for (let j = i + 1; j < circuits.length; j++) if (notDiverse(circuits[i], circuits[j], routes) === undefined) return [circuits[i], circuits[j]];
  return undefined;
}
