/** A port range as a security-group rule states it; absent bounds mean every port. */
export interface PortRange {
  /** First port (absent: 1). */
  min?: number;
  /** Last port (absent: 65535). */
  max?: number;
}

/**
 * True when a rule's range includes `port`. Neutron treats a rule without ports as every port.
 * @param range the rule's range.
 * @param port the port to test.
 */
export function rangeIncludes(range: PortRange, port: number): boolean {
  const min = range.min ?? 1;
  const max = range.max ?? 65535;
  return port >= min && port <= max;
}

/**
 * Ports from `ports` that the range opens.
 * @param range the rule's range.
 * @param ports ports of interest.
 */
export function openedPorts(range: PortRange, ports: readonly number[]): number[] {
  return ports.filter((p) => rangeIncludes(range, p));
}

/**
 * True when the whole range lies inside the allowed ports (each port of the range is allowed).
 * @param range the rule's range.
 * @param allowed allowed ports.
 */
export function rangeWithin(range: PortRange, allowed: readonly number[]): boolean {
  const min = range.min ?? 1;
  const max = range.max ?? 65535;
  if (max - min > 1024) return false;
  for (let p = min; p <= max; p++) if (!allowed.includes(p)) return false;
  return true;
}
