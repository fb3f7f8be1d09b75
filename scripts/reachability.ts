#!/usr/bin/env tsx
/** `npm run reachability -- [--stack S]… [--out DIR] [--as-of YYYY-MM-DD] [--diff old/plan.json]`: see reachability/command.ts. */
import { runCommand } from "../cli/command";
import { REACHABILITY_COMMAND, reachabilityMain } from "../reachability/command";

runCommand(REACHABILITY_COMMAND, (args) => reachabilityMain(args));
