#!/usr/bin/env tsx
/**
 * `npm run addressplan -- [province-folder] [--check] [--out dir]`: allocates the dual-stack address plan,
 * writes `<province>/addressplan.lock.yaml` and `out/<site>/addressplan.md|csv`. `--check` writes nothing
 * and exits 1 when the lock is out of date (CI). Logic: inventory/addressing/command.ts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { LoadResult } from "../inventory/loader/types";
import { CommandIo, parseAddressPlanArgs, runAddressPlan } from "../inventory/addressing/command";

const io: CommandIo = {
  readFile: (file) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined),
  writeFile: (file, text) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  },
  log: (line) => console.log(line),
  error: (line) => console.error(line),
};

async function main(): Promise<number> {
  const args = parseAddressPlanArgs(process.argv.slice(2));
  if ("error" in args) {
    console.error(args.error);
    return 2;
  }
  // Loaded by name at run time: the loader is a sibling module that may not be built yet.
  const loaderModule = "../inventory/loader";
  let load: (folder: string) => LoadResult;
  try {
    load = ((await import(loaderModule)) as { loadInventory: (folder: string) => LoadResult }).loadInventory;
  } catch {
    console.error("the inventory loader (inventory/loader/index.ts, loadInventory) is not available");
    return 2;
  }
  return runAddressPlan(args, load, io);
}

main().then((code) => process.exit(code));
