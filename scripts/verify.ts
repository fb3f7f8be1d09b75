#!/usr/bin/env tsx
/** `npm run verify -- --manifests <dir|file> [--format connlist|json|csv|md] [--out FILE]`: see reachability/verifyCommand.ts. */
import { runCommand } from "../cli/command";
import { VERIFY_COMMAND, verifyMain } from "../reachability/verifyCommand";

runCommand(VERIFY_COMMAND, (args) => verifyMain(args));
