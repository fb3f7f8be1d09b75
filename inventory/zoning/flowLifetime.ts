/**
 * A flow's lifetime: a flow may carry an `expires` date; from the day after it, the flow compiles to
 * nothing (every stage reads the same evaluation date, `cli/asOf.ts`) and reports list it.
 */
import type { Flow } from "../model";

/**
 * True when the flow has expired on the evaluation date (it is still valid on its `expires` day).
 * @param flow the flow
 * @param asOf the evaluation date, YYYY-MM-DD
 */
export function flowExpired(flow: Pick<Flow, "expires">, asOf: string): boolean {
  return flow.expires !== undefined && flow.expires < asOf;
}

/**
 * The flows in force on the evaluation date.
 * @param flows every declared flow
 * @param asOf the evaluation date, YYYY-MM-DD
 */
export function activeFlows<F extends Pick<Flow, "expires">>(flows: readonly F[], asOf: string): F[] {
  return flows.filter((f) => !flowExpired(f, asOf));
}
