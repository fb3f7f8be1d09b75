#!/usr/bin/env tsx
/**
 * `npm run merge -- <former-A> <former-B> [...] --into <folder> [--keep A]`: merges former provinces into one
 * (offline/merge/run.ts): conflicts, renumbering plan, the merged province and a staged plan whose every
 * stage is planned, checked and proved.
 */
import * as path from "node:path";
import { parseAsOf } from "../cli/asOf";
import { flag, runCommand, stringOption, UsageError, type CommandSpec } from "../cli/command";
import { AS_OF_OPTION, asOfArg } from "../cli/options";
import { runMerge } from "../offline/merge/run";

const spec: CommandSpec = {
  name: "merge",
  summary: "merge former provinces into one: conflicts, renumbering plan, merged province and a staged plan",
  description: [
    "Reads two or more provinces, each valid on its own (their own problems are reported first). The kept province",
    "(--keep, default the first) keeps every address, VLAN and identity; the others are renamed where they clash and",
    "renumbered into free space of the kept province's address space (province.addressSpace) through the address",
    "plan's allocator and lock. Writes the merged province to FOLDER with FOLDER/merge/: conflicts.md|json,",
    "renumbering.csv|md, stages.md and stages/<nn-name>/ (each a complete province). Every stage is planned offline,",
    "checked by the level-3 pack and the reachability proof, and diffed against the one before (unless --no-checks).",
  ].join("\n"),
  positionals: { name: "PROVINCE", description: "the former provinces' folders (two or more)", min: 2, max: 9 },
  options: {
    into: { type: "string", valueName: "FOLDER", description: "the folder the merged province is written to (new, or written by an earlier merger)" },
    keep: { type: "string", valueName: "PROVINCE", description: "the province kept unchanged: its folder, folder name or code (default: the first)" },
    "merged-on": { type: "string", valueName: "YYYY-MM-DD", description: "the date the provinces merged; their agencies cease then", default: "2025-07-01" },
    "retire-by": { type: "string", valueName: "YYYY-MM-DD", description: "the date duplicate systems are switched off", default: "2027-06-30" },
    "no-checks": { type: "boolean", description: "write the stages without planning, checking and proving them" },
    "as-of": AS_OF_OPTION,
  },
  findings: "an input is invalid, the provinces cannot be merged (space or VLAN ids missing), or a stage fails a check",
  examples: [
    "npm run merge -- inventory/provinces/ninh-an inventory/provinces/vinh-lam --into inventory/provinces/ninh-an-merged",
    "npm run merge -- A B C --into merged --keep B --retire-by 2027-12-31",
  ],
};

/** A date option, checked like --as-of. */
function dateOption(args: Parameters<typeof stringOption>[0], name: string, fallback: string): string {
  const text = stringOption(args, name) ?? fallback;
  const r = parseAsOf(text);
  if (!r.ok) throw new UsageError(r.message.replace("--as-of", `--${name}`));
  return r.date;
}

runCommand(spec, async (args) => {
  const into = stringOption(args, "into");
  if (into === undefined) throw new UsageError("--into FOLDER is required");
  const mergedOn = dateOption(args, "merged-on", "2025-07-01");
  const retireBy = dateOption(args, "retire-by", "2027-06-30");
  if (retireBy <= mergedOn) throw new UsageError(`--retire-by ${retireBy} must come after --merged-on ${mergedOn}`);
  const r = await runMerge({
    provinces: args.positionals,
    into,
    keep: stringOption(args, "keep"),
    mergedOn,
    retireBy,
    checks: !flag(args, "no-checks"),
    asOf: asOfArg(args),
    root: process.cwd(),
    log: (line) => console.log(line),
  });
  const failed = (r.checks ?? []).filter((c) => !c.ok).length;
  console.log(failed === 0 ? "done" : `${failed} stage(s) fail a check: see ${path.join(into, "merge", "stages.md")}`);
  return failed === 0 ? 0 : 1;
});
