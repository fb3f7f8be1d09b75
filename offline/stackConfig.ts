import * as fs from "node:fs";
import * as path from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { fileErrorText, InputError, UsageError } from "../cli/command";

/** A stack's configuration as the CLI would hand it to the program. */
export interface StackConfig {
  /** Project name from Pulumi.yaml. */
  project: string;
  /** `namespace:key` → value (objects JSON-encoded, as the CLI does). */
  config: Record<string, string>;
  /** Keys whose value is `secure:` in the stack file; they cannot be decrypted offline. */
  secureKeys: string[];
}

/** What a secret reads as in an offline run (never a real value; the plan redacts it as "[secret]"). */
export const OFFLINE_SECRET_PLACEHOLDER = "offline-placeholder-not-a-secret";

/** A path as messages show it: relative inside the working directory, absolute outside it. */
export function shownPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel === "" || rel.startsWith("..") || path.isAbsolute(rel) ? file : rel;
}

function asConfigValue(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

/**
 * Reads a Pulumi YAML file (project or stack) as a mapping; anything wrong is one line naming the file
 * (and the line, for a syntax error).
 * @param file the file
 * @param shown how the file is named in messages
 */
function readPulumiYaml(file: string, shown: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError(`${shown}: cannot read it: ${fileErrorText(e)}`);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const { line, col } = lineCounter.linePos(err.pos[0]);
    throw new InputError(`${shown}:${line}:${col}: not valid YAML: ${err.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}`);
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw new InputError(`${shown}: expected a mapping of keys (such as "config:"), found ${Array.isArray(value) ? "a list" : JSON.stringify(value)}`);
  return value as Record<string, unknown>;
}

/**
 * Reads Pulumi.yaml (project name, config defaults) and Pulumi.<stack>.yaml the way the CLI does.
 * Keys without a namespace take the project's. A missing or malformed file is an `InputError` naming it.
 * Exported for testing.
 */
export function readStackConfig(dir: string, stack: string): StackConfig {
  const project = readPulumiYaml(path.join(dir, "Pulumi.yaml"), shownPath(path.join(dir, "Pulumi.yaml"))) as { name?: unknown; config?: Record<string, { default?: unknown }> };
  if (typeof project.name !== "string" || project.name === "") throw new InputError(`${shownPath(path.join(dir, "Pulumi.yaml"))}: expected "name:" with the project name`);
  const stackFile = path.join(dir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(stackFile)) throw new InputError(`${shownPath(stackFile)}: no such stack file (stacks here: ${listStacks(dir).join(", ") || "none"})`);
  const doc = readPulumiYaml(stackFile, shownPath(stackFile)) as { config?: unknown };
  if (doc.config !== undefined && (doc.config === null || typeof doc.config !== "object" || Array.isArray(doc.config)))
    throw new InputError(`${shownPath(stackFile)}: expected "config:" to be a mapping of keys to values`);
  const projectName = project.name;
  const qualify = (k: string): string => (k.includes(":") ? k : `${projectName}:${k}`);
  const config: Record<string, string> = {};
  const secureKeys: string[] = [];
  for (const [k, spec] of Object.entries(project.config ?? {})) {
    if (spec && typeof spec === "object" && "default" in spec) config[qualify(k)] = asConfigValue(spec.default);
  }
  for (const [k, v] of Object.entries((doc.config ?? {}) as Record<string, unknown>)) {
    if (v && typeof v === "object" && "secure" in (v as Record<string, unknown>)) {
      secureKeys.push(qualify(k));
      continue;
    }
    config[qualify(k)] = asConfigValue(v);
  }
  // Secrets cannot be decrypted (nor should they be needed) offline: every secret the project declares or the
  // stack encrypts gets a placeholder, marked secret, so the program runs and the plan shows "[secret]".
  for (const [k, spec] of Object.entries(project.config ?? {})) {
    if (spec && typeof spec === "object" && (spec as { secret?: unknown }).secret === true && !secureKeys.includes(qualify(k)) && config[qualify(k)] === undefined) secureKeys.push(qualify(k));
  }
  for (const k of secureKeys) config[k] = OFFLINE_SECRET_PLACEHOLDER;
  return { project: projectName, config, secureKeys };
}

/**
 * A stack's `hatang:province`: the inventory it reads, or an `InputError` saying how to set it.
 * @param dir the project folder
 * @param stack the stack
 */
export function stackProvince(dir: string, stack: string): string {
  const province = readStackConfig(dir, stack).config["hatang:province"];
  if (!province) throw new InputError(`${shownPath(path.join(dir, `Pulumi.${stack}.yaml`))}: config "hatang:province" is not set; expected the inventory folder, e.g. inventory/provinces/ninh-an`);
  return province;
}

/** Stack names with a Pulumi.<stack>.yaml in `dir`, sorted. */
export function listStacks(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => Boolean(s))
    .sort();
}

/**
 * The stacks a command works on: those asked for, else every stack in `dir`; an unknown name is an
 * error that lists the stacks there.
 */
export function selectStacks(dir: string, requested: readonly string[] | undefined): { ok: true; stacks: string[] } | { ok: false; message: string } {
  const all = listStacks(dir);
  const stacks = requested && requested.length > 0 ? [...requested] : all;
  const unknown = stacks.filter((s) => !all.includes(s));
  return unknown.length > 0 ? { ok: false, message: `unknown stack(s): ${unknown.join(", ")}; stacks here: ${all.join(", ")}` } : { ok: true, stacks };
}

/**
 * `selectStacks` for commands: an unknown stack is a usage error (exit 2), no stack at all an input error.
 * @param dir the project folder
 * @param requested the `--stack` values
 */
export function stacksToRun(dir: string, requested: readonly string[]): string[] {
  const selected = selectStacks(dir, requested);
  if (!selected.ok) throw new UsageError(selected.message);
  if (selected.stacks.length === 0) throw new InputError(`no Pulumi.<stack>.yaml in ${dir}: nothing to do`);
  return selected.stacks;
}
