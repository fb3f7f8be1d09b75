#!/usr/bin/env tsx
/** `npm run explain -- --stack S --from PLACE --to PLACE --port 5432/tcp [--family ipv6]`: see reachability/explainCommand.ts. */
import { runCommand } from "../cli/command";
import { EXPLAIN_COMMAND, explainMain } from "../reachability/explainCommand";

runCommand(EXPLAIN_COMMAND, (args) => explainMain(args));
