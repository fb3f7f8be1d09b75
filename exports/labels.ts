/** Bilingual words the tables share, so "yes" reads the same in every sheet. */

/**
 * A yes/no cell: "Có / Yes" or "Không / No".
 * @param value the flag
 */
export function yesNo(value: boolean): string {
  return value ? "Có / Yes" : "Không / No";
}

/**
 * A list cell: items joined by ", " (empty list → empty cell).
 * @param items the items, already in the order to show
 */
export function list(items: readonly string[]): string {
  return items.join(", ");
}

/**
 * A port range as people write it: "443", "8000–8010", or "" when the rule has no ports (any, icmp).
 * @param min first port
 * @param max last port
 */
export function portRange(min: number | undefined, max: number | undefined): string {
  if (min === undefined && max === undefined) return "";
  if (min === undefined || max === undefined || min === max) return String(min ?? max);
  return `${min}–${max}`;
}
