#!/usr/bin/env tsx
/**
 * `npm run addressplan -- [PROVINCE] [--check] [--out DIR]`: allocates the dual-stack address plan,
 * writes `<province>/addressplan.lock.yaml` and `DIR/<site>/addressplan.md|csv`. `--check` writes nothing
 * and exits 1 when the lock is out of date (CI). Logic: inventory/addressing/command.ts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileErrorText, flag, InputError, runCommand, type CommandSpec } from "../cli/command";
import { isoDate } from "../cli/asOf";
import { OUT_OPTION, outArg } from "../cli/options";
import { runAddressPlan, type CommandIo } from "../inventory/addressing/command";
import { LOCK_FILE_NAME } from "../inventory/addressing";
import { DEFAULT_PROVINCE, loadInventory } from "../inventory/loader";
import { writeFileAtomic } from "../offline/stagedOutput";
import { beginStackOutput, finishStackOutput, stackProvenance } from "../offline/stackOutputs";

const spec: CommandSpec = {
  name: "addressplan",
  summary: "allocate the province's dual-stack address plan and pin it in addressplan.lock.yaml",
  description: "Allocates every prefix by stable identity, keeps what the lock pins, and writes the per-site tables DIR/<site>/addressplan.md and .csv.",
  options: { check: { type: "boolean", description: "write nothing; exit 1 when the lock is out of date (CI)" }, out: OUT_OPTION },
  positionals: { name: "PROVINCE", description: `the province folder (default: ${DEFAULT_PROVINCE})` },
  findings: "the inventory or the lock has problems, or (with --check) the lock is out of date",
  examples: ["npm run addressplan", "npm run addressplan -- inventory/provinces/ninh-an --check"],
};

runCommand(spec, (args) => {
  const root = process.cwd();
  const province = args.positionals[0] ?? DEFAULT_PROVINCE;
  const out = outArg(args);
  // Writes are collected and made only when the whole allocation succeeded.
  const pending = new Map<string, string>();
  const io: CommandIo = {
    readFile: (file) => {
      try {
        return fs.readFileSync(file, "utf8");
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw new InputError(`${file}: cannot read it: ${fileErrorText(e)}`);
      }
    },
    writeFile: (file, text) => void pending.set(file, text),
    log: (line) => console.log(line),
    error: (line) => console.error(line),
  };
  const code = runAddressPlan({ province, check: flag(args, "check"), out }, loadInventory, io);
  if (code !== 0 || pending.size === 0) return code;
  const lockPath = path.join(province, LOCK_FILE_NAME);
  const bySite = new Map<string, Array<[string, string]>>();
  for (const [file, text] of pending) {
    if (file === lockPath) continue;
    const [site, ...rest] = path.relative(out, file).split(path.sep);
    bySite.set(site, [...(bySite.get(site) ?? []), [rest.join("/"), text]]);
  }
  const stages = [...bySite].map(([site, files]) => {
    const stage = beginStackOutput(out, site);
    for (const [name, text] of files) stage.write(name, text);
    return { site, stage };
  });
  const lock = pending.get(lockPath);
  if (lock !== undefined) {
    try {
      writeFileAtomic(lockPath, lock);
    } catch (e) {
      throw new InputError(`${lockPath}: cannot write it: ${fileErrorText(e)}`);
    }
  }
  for (const { site, stage } of stages) {
    const provenance = stackProvenance(root, { command: "npm run addressplan", asOf: isoDate(new Date()), stack: null, site, province, plan: null });
    finishStackOutput(root, out, stage, provenance);
  }
  return 0;
});


