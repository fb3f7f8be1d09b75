/**
 * Options several commands share, written once so they read and behave the same everywhere.
 */
import { evaluationDate } from "./asOf";
import { stringList, stringOption, UsageError, type OptionSpec, type ParsedArgs } from "./command";

/** `--stack STACK` (repeatable): the stacks to work on; default every `Pulumi.<stack>.yaml`. */
export const STACK_OPTION: OptionSpec = { type: "string", multiple: true, valueName: "STACK", description: "a stack (Pulumi.<stack>.yaml); default: every stack" };

/** `--out DIR`: the output root; each stack's files go to `DIR/<stack>/`. */
export const OUT_OPTION: OptionSpec = { type: "string", valueName: "DIR", description: "output root; each stack writes DIR/<stack>/", default: "out" };

/** `--as-of YYYY-MM-DD`: the one evaluation date of the run. */
export const AS_OF_OPTION: OptionSpec = { type: "string", valueName: "YYYY-MM-DD", description: "evaluation date of waivers, evidence, expiries and reports (default: today, UTC)" };

/**
 * The run's evaluation date from `--as-of`, else today; a date that is not a real calendar date is a usage error.
 * @param args the parsed command line
 * @param now the clock
 */
export function asOfArg(args: ParsedArgs, now: Date = new Date()): string {
  const r = evaluationDate(stringOption(args, "as-of"), now);
  if (!r.ok) throw new UsageError(r.message);
  return r.date;
}

/** The `--stack` values given (empty: every stack). */
export function stackArgs(args: ParsedArgs): string[] {
  return stringList(args, "stack");
}

/** The `--out` root (default `out`). */
export function outArg(args: ParsedArgs): string {
  return stringOption(args, "out") ?? "out";
}
