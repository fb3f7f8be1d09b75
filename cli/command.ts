/**
 * The one convention every command follows (`npm run <command> -- …`):
 * - `--help` / `-h` prints the usage, options, exit codes and examples, exit 0;
 * - an unknown flag, a missing value or a bad positional prints one line, the usage line and a pointer to
 *   `--help`, exit 2;
 * - invalid input (a broken inventory, a missing file) is reported by the command and exits 1, as do
 *   findings (a failed proof, a violated mandatory control);
 * - never a stack trace: a bug prints one line and the path of a log file holding the trace, exit 3.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";

/** Exit codes, documented in every command's help. */
export const EXIT = {
  /** Everything went well. */
  ok: 0,
  /** Findings (a failed check) or invalid input (the inventory, a file, a value). */
  findings: 1,
  /** The command line itself is wrong (unknown flag, missing value). */
  usage: 2,
  /** A bug of ours: one line on stderr, the trace in a log file. */
  internal: 3,
} as const;

/** One option of a command. */
export interface OptionSpec {
  /** `string` takes a value, `boolean` is a switch. */
  type: "string" | "boolean";
  /** What it does, one line. */
  description: string;
  /** The option may be given several times (values are collected in order). */
  multiple?: boolean;
  /** Single-letter alias. */
  short?: string;
  /** Placeholder of the value in the help (e.g. `SITE`). Default `VALUE`. */
  valueName?: string;
  /** Default value, shown in the help. */
  default?: string | boolean;
}

/** Positional arguments of a command. */
export interface PositionalSpec {
  /** Placeholder (e.g. `PROVINCE`). */
  name: string;
  /** What they are. */
  description: string;
  /** Fewest accepted. Default 0. */
  min?: number;
  /** Most accepted. Default 1. */
  max?: number;
}

/** Everything a command says about itself. */
export interface CommandSpec {
  /** Command name as typed after `npm run` (e.g. `validate`). */
  name: string;
  /** What it does, one line. */
  summary: string;
  /** Longer description (paragraphs), optional. */
  description?: string;
  /** Options (without `help`, which every command has). */
  options: Record<string, OptionSpec>;
  /** Positional arguments; absent means none are accepted. */
  positionals?: PositionalSpec;
  /** What exit code 1 means for this command (e.g. "the proof does not hold"). */
  findings?: string;
  /** Example invocations. */
  examples?: string[];
}

/** Parsed command line. */
export interface ParsedArgs {
  /** Option values by name (strings, booleans, or arrays for `multiple`). */
  values: Record<string, string | boolean | string[] | undefined>;
  /** Positional arguments. */
  positionals: string[];
}

/** Thrown by a command for a wrong command line detected after parsing (e.g. two options that exclude each other): exit 2. */
export class UsageError extends Error {}

/** Thrown by a command for invalid input it cannot go on with (a missing file, a malformed config): exit 1, the message only. */
export class InputError extends Error {}

/** The usage line: `usage: npm run validate -- [options] [PROVINCE]`. */
export function usageLine(spec: CommandSpec): string {
  const p = spec.positionals;
  let pos = "";
  if (p) {
    const max = p.max ?? 1;
    const min = p.min ?? 0;
    const one = min > 0 ? p.name : `[${p.name}]`;
    pos = ` ${one}${max > 1 ? "…" : ""}`;
  }
  return `usage: npm run ${spec.name} -- [options]${pos}`;
}

/**
 * Why a file operation failed, in words a user acts on (the error code, never a trace).
 * @param e the error thrown by `fs`
 */
export function fileErrorText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") return "no such file or folder";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "is a folder, expected a file";
  if (code === "ENOTDIR") return "a part of the path is not a folder";
  if (code === "ENOSPC") return "no space left on the device";
  if (code === "EROFS") return "read-only file system";
  return e instanceof Error ? e.message.split("\n")[0] : String(e);
}

/** The full help text. */
export function helpText(spec: CommandSpec): string {
  const lines = [`${spec.name}: ${spec.summary}`, "", usageLine(spec), ""];
  if (spec.description) lines.push(spec.description.trim(), "");
  if (spec.positionals) lines.push("arguments:", `  ${spec.positionals.name.padEnd(24)} ${spec.positionals.description}`, "");
  lines.push("options:");
  const entries: Array<[string, OptionSpec]> = [...Object.entries(spec.options), ["help", { type: "boolean", short: "h", description: "show this help and exit" }]];
  for (const [name, o] of entries) {
    const flag = `${o.short ? `-${o.short}, ` : ""}--${name}${o.type === "string" ? ` ${o.valueName ?? "VALUE"}` : ""}`;
    const extra = [o.multiple ? "repeatable" : undefined, o.default !== undefined && o.default !== false ? `default: ${String(o.default)}` : undefined].filter(Boolean).join("; ");
    lines.push(`  ${flag.padEnd(24)} ${o.description}${extra ? ` (${extra})` : ""}`);
  }
  lines.push(
    "",
    "exit codes:",
    "  0  success",
    `  1  ${spec.findings ?? "findings or invalid input"}`,
    "  2  wrong command line (unknown option, missing value)",
    "  3  internal error (a bug: the message names a log file with the details)",
  );
  if (spec.examples && spec.examples.length > 0) lines.push("", "examples:", ...spec.examples.map((e) => `  ${e}`));
  return lines.join("\n") + "\n";
}

/** What parsing gives: the arguments, a request for help, or a usage problem. */
export type ParseOutcome = { kind: "args"; args: ParsedArgs } | { kind: "help" } | { kind: "usage"; message: string };

/**
 * Parses a command line against the spec without exiting. Exported for testing.
 * @param spec the command
 * @param argv arguments after the script name
 */
export function parseCommandLine(spec: CommandSpec, argv: readonly string[]): ParseOutcome {
  if (argv.includes("--help") || argv.includes("-h")) return { kind: "help" };
  const options: Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string; default?: string | boolean }> = {};
  for (const [name, o] of Object.entries(spec.options)) {
    options[name] = { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}), ...(o.default !== undefined ? { default: o.default } : {}) };
  }
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (e) {
    return { kind: "usage", message: cleanParseMessage(e) };
  }
  const p = spec.positionals;
  const min = p?.min ?? 0;
  const max = p ? (p.max ?? 1) : 0;
  if (parsed.positionals.length > max) {
    const extra = parsed.positionals.slice(max).map((x) => JSON.stringify(x)).join(" ");
    return { kind: "usage", message: max === 0 ? `unexpected argument ${extra}` : `too many arguments: ${extra}` };
  }
  if (parsed.positionals.length < min) return { kind: "usage", message: `missing ${p?.name ?? "argument"}` };
  for (const [name, o] of Object.entries(spec.options)) {
    const v = parsed.values[name];
    const vals = Array.isArray(v) ? v : [v];
    if (o.type === "string" && vals.some((x) => typeof x === "string" && x.startsWith("-") && x.length > 1)) {
      return { kind: "usage", message: `option --${name} needs a value (found another option: ${String(vals.find((x) => typeof x === "string" && x.startsWith("-")))})` };
    }
  }
  return { kind: "args", args: { values: parsed.values as ParsedArgs["values"], positionals: parsed.positionals } };
}

/** Node's parseArgs messages, shortened to what a user needs. */
function cleanParseMessage(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  const unknown = /Unknown option '([^']+)'/.exec(m);
  if (unknown) return `unknown option ${unknown[1]}`;
  const missing = /Option '([^']+)' argument missing/.exec(m);
  if (missing) return `option ${missing[1].replace(/^-\w, /, "").replace(/ <value>$/, "")} needs a value`;
  const ambiguous = /Option '([^']+)' argument is ambiguous/.exec(m);
  if (ambiguous) return `option ${ambiguous[1].replace(/^-\w, /, "")} needs a value (found another option after it)`;
  const notTaking = /Option '([^']+)' does not take an argument/.exec(m);
  if (notTaking) return `option ${notTaking[1].replace(/^-\w, /, "")} takes no value`;
  return m.split("\n")[0].replace(/^TypeError \[[A-Z_]+\]: /, "").replace(/\. To specify.*$/, "");
}

/**
 * Writes the details of an unexpected error to a log file and returns its path (out/logs when writable,
 * else the system's temporary folder). The message may not hold secrets: commands never put any in errors.
 */
export function writeCrashLog(command: string, error: unknown): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const body = [`command: ${command}`, `argv: ${process.argv.slice(2).join(" ")}`, `time: ${new Date().toISOString()}`, `node: ${process.version}`, "", error instanceof Error ? (error.stack ?? error.message) : String(error), ""].join("\n");
  for (const dir of [path.resolve("out", "logs"), os.tmpdir()]) {
    try {
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${command}-${stamp}-${process.pid}.log`);
      fs.writeFileSync(file, body);
      return file;
    } catch {
      // try the next place
    }
  }
  return "(no writable place for a log file)";
}

/** The one line a user sees for an unexpected error. */
function internalErrorLine(command: string, error: unknown): string {
  const msg = error instanceof Error ? error.message.split("\n")[0] : String(error);
  const log = writeCrashLog(command, error);
  return `${command}: internal error: ${msg}\n${command}: this is a bug; details in ${log}`;
}

/** Work to undo when a command stops before finishing (staged outputs are thrown away). */
const cleanups: Array<() => void> = [];

/**
 * Registers work to run when a command ends: after it returns, fails or is interrupted (SIGINT, SIGTERM).
 * Cleanups must be idempotent and must not throw for what is already clean.
 * @param fn the cleanup
 */
export function addCleanup(fn: () => void): void {
  if (!cleanups.includes(fn)) cleanups.push(fn);
}

function runCleanups(): void {
  for (const fn of cleanups) {
    try {
      fn();
    } catch {
      // A cleanup that fails must not hide why the command stopped.
    }
  }
}

/**
 * Runs a command's main function under the convention and exits the process with its code.
 * `main` returns an exit code (0 or 1 usually); it throws `UsageError` (exit 2) or `InputError` (exit 1)
 * for problems it finds in its arguments or input; anything else is a bug (exit 3, log file).
 * @param spec the command's self-description
 * @param main the work, given the parsed arguments
 * @param argv the arguments (default: the process's, after the script name)
 */
export function runCommand(spec: CommandSpec, main: (args: ParsedArgs) => number | Promise<number>, argv: readonly string[] = process.argv.slice(2)): void {
  const fail = (e: unknown): void => {
    runCleanups();
    if (e instanceof UsageError) {
      process.stderr.write(`${spec.name}: ${e.message}\n${usageLine(spec)}\n(npm run ${spec.name} -- --help for more)\n`);
      process.exit(EXIT.usage);
    }
    if (e instanceof InputError) {
      process.stderr.write(`${spec.name}: ${e.message}\n`);
      process.exit(EXIT.findings);
    }
    process.stderr.write(`${internalErrorLine(spec.name, e)}\n`);
    process.exit(EXIT.internal);
  };
  process.on("uncaughtException", fail);
  process.on("unhandledRejection", fail);
  // Interrupted: nothing half-written stays behind (128 + the signal's number, as shells report it).
  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    process.on(signal, () => {
      runCleanups();
      process.exit(code);
    });
  }
  // A reader closing the pipe (`| head`) is not an error.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(EXIT.ok);
  });
  const outcome = parseCommandLine(spec, argv);
  if (outcome.kind === "help") {
    process.stdout.write(helpText(spec));
    process.exit(EXIT.ok);
  }
  if (outcome.kind === "usage") return fail(new UsageError(outcome.message));
  Promise.resolve()
    .then(() => main(outcome.args))
    .then((code) => {
      // Leave once pending writes to stdout have drained (open handles such as HTTP keep-alive must not keep us).
      runCleanups();
      process.exitCode = code;
      const leave = (): never => process.exit(code);
      if (process.stdout.writableNeedDrain) process.stdout.once("drain", leave);
      else setImmediate(leave);
    }, fail);
}

/** A string option's value, or undefined. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === "string" ? v : undefined;
}

/** A repeatable string option's values (empty when absent). */
export function stringList(args: ParsedArgs, name: string): string[] {
  const v = args.values[name];
  return Array.isArray(v) ? v : typeof v === "string" ? [v] : [];
}

/** A boolean option's value. */
export function flag(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}
