import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

/** A stack's configuration as the CLI would hand it to the program. */
export interface StackConfig {
  /** Project name from Pulumi.yaml. */
  project: string;
  /** `namespace:key` → value (objects JSON-encoded, as the CLI does). */
  config: Record<string, string>;
  /** Keys whose value is `secure:` in the stack file; they cannot be decrypted offline. */
  secureKeys: string[];
}

function asConfigValue(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

/**
 * Reads Pulumi.yaml (project name, config defaults) and Pulumi.<stack>.yaml the way the CLI does.
 * Keys without a namespace take the project's. Exported for testing.
 */
export function readStackConfig(dir: string, stack: string): StackConfig {
  const project = parse(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")) as { name: string; config?: Record<string, { default?: unknown }> };
  const stackFile = path.join(dir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(stackFile)) throw new Error(`${stackFile}: no such stack file (stacks here: ${listStacks(dir).join(", ") || "none"})`);
  const doc = (parse(fs.readFileSync(stackFile, "utf8")) ?? {}) as { config?: Record<string, unknown> };
  const qualify = (k: string): string => (k.includes(":") ? k : `${project.name}:${k}`);
  const config: Record<string, string> = {};
  const secureKeys: string[] = [];
  for (const [k, spec] of Object.entries(project.config ?? {})) {
    if (spec && typeof spec === "object" && "default" in spec) config[qualify(k)] = asConfigValue(spec.default);
  }
  for (const [k, v] of Object.entries(doc.config ?? {})) {
    if (v && typeof v === "object" && "secure" in (v as Record<string, unknown>)) {
      secureKeys.push(qualify(k));
      continue;
    }
    config[qualify(k)] = asConfigValue(v);
  }
  return { project: project.name, config, secureKeys };
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
