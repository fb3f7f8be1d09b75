#!/usr/bin/env tsx
/**
 * `npm run netbox -- --stack <site> [--apply]`: see netbox/command.ts. Token and URL from the environment
 * (NETBOX_URL, NETBOX_TOKEN); dry run unless --apply.
 */
import { runCommand } from "../cli/command";
import { NETBOX_SPEC, runNetBox } from "../netbox/command";

runCommand(NETBOX_SPEC, (args) => runNetBox(args, process.cwd(), process.env, { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }));
