#!/usr/bin/env tsx
/** `npm run san -- [--stack <site>]… [--out <dir>]`: see exports/san/command.ts. */
import { runCommand } from "../cli/command";
import { runSan, SAN_SPEC } from "../exports/san/command";

runCommand(SAN_SPEC, (args) => runSan(args, process.cwd()));
