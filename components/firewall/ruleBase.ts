import * as pulumi from "@pulumi/pulumi";
import * as command from "@pulumi/command";
import { RULE_BASE_TYPE, type RuleBase as RuleBaseSpec } from "../../compilers/firewall/ruleBaseTypes";
import { contentHash } from "../../compilers/naming";
import { requireText, requireValue, shown, throwIfInvalid, type ArgProblem } from "../validation";

/** How the program reaches a Linux firewall to load its nftables ruleset. */
export interface FirewallConnection {
  /** Management address of each member device, by device name (every member of the rule base needs one). */
  hosts: Record<string, pulumi.Input<string>>;
  /** SSH user allowed to run `nft`. */
  user: pulumi.Input<string>;
  /** SSH private key (a Pulumi secret; never in the plan, the state's plaintext or a log). */
  privateKey: pulumi.Input<string>;
  /** The members' SSH host keys by device name, when pinned (recommended). */
  hostKeys?: Record<string, pulumi.Input<string>>;
}

/** Arguments of a {@link RuleBase}. */
export interface RuleBaseArgs {
  /** The compiled rule base of one enforcing device (`compileRuleBases`); recorded as the component's input so the plan, the proof and a reviewer read it. */
  ruleBase: RuleBaseSpec;
  /**
   * For `platform: nftables` only: the rendered ruleset (`renderNftables`), loaded atomically on every member
   * (`nft -c` first, then `nft -f`). Required for that platform, refused for others.
   */
  nftables?: string;
  /** For `platform: nftables` only: how to reach the members. Required for that platform, refused for others. */
  connection?: FirewallConnection;
}

/** What `nft` runs with the ruleset on its standard input: check the whole file first, then load it in one transaction. */
export const NFT_LOAD_COMMAND = "set -e; f=$(mktemp); trap 'rm -f \"$f\"' EXIT; cat > \"$f\"; nft -c -f \"$f\"; nft -f \"$f\"";

/**
 * Checks a rule base's arguments; every problem at once. Exported for testing.
 * @param args the arguments
 */
export function checkRuleBaseArgs(args: RuleBaseArgs): ArgProblem[] {
  const rb = args.ruleBase as RuleBaseSpec | undefined;
  if (!rb || rb.schema !== "hatang.rulebase/v1") return [`ruleBase is required: a compiled rule base (schema "hatang.rulebase/v1") (found ${shown(rb?.schema ?? rb)})`];
  const p: ArgProblem[] = [...requireText("ruleBase.device", rb.device, "the enforcer it belongs to"), ...requireText("ruleBase.site", rb.site, "its site")];
  if (rb.members.length === 0) p.push(`ruleBase.members must name at least one device (found [])`);
  if (rb.platform === "nftables") {
    p.push(...requireText("nftables", args.nftables, "the rendered nftables ruleset of an nftables firewall"));
    p.push(...requireValue("connection", args.connection, "how to reach the members of an nftables firewall over SSH"));
    if (args.connection) {
      p.push(...requireValue("connection.user", args.connection.user, "the SSH user"), ...requireValue("connection.privateKey", args.connection.privateKey, "the SSH private key (a secret)"));
      for (const m of rb.members) if (args.connection.hosts[m] === undefined) p.push(`connection.hosts["${m}"] is required: the management address of member ${m} (found undefined)`);
    }
  } else {
    if (args.nftables !== undefined) p.push(`nftables is only for platform "nftables"; ${rb.device} is "${rb.platform}" (its rendered files are the artefact)`);
    if (args.connection !== undefined) p.push(`connection is only for platform "nftables"; ${rb.device} is "${rb.platform}"`);
  }
  return p;
}

/**
 * The rule base of one enforcing device. Its inputs carry the whole compiled rule base and its content
 * hash, so a change of any rule shows as an update of this component in the offline plan and in
 * `pulumi preview`. On a Linux (nftables) firewall it loads the generated ruleset on every member over
 * SSH, re-run whenever the content hash changes; appliances take the rendered files (FortiOS CLI, JSON,
 * CSV under `out/<stack>/firewall/`) as their artefact.
 */
export class RuleBase extends pulumi.ComponentResource {
  /** Digest of the rule base (the trigger of the load commands). */
  public readonly contentHash: string;

  constructor(name: string, args: RuleBaseArgs, opts?: pulumi.ComponentResourceOptions) {
    const hash = args.ruleBase ? contentHash({ ruleBase: args.ruleBase, nftables: args.nftables ?? null }, 16) : "";
    super(RULE_BASE_TYPE, name, { ruleBase: args.ruleBase, contentHash: hash, platform: args.ruleBase?.platform }, opts);
    throwIfInvalid(this, "RuleBase", name, checkRuleBaseArgs(args));
    this.contentHash = hash;
    const rb = args.ruleBase;
    if (rb.platform === "nftables" && args.nftables !== undefined && args.connection !== undefined) {
      const conn = args.connection;
      for (const member of rb.members) {
        new command.remote.Command(
          `${rb.site}-nft-${member}`,
          {
            connection: { host: conn.hosts[member], user: conn.user, privateKey: conn.privateKey, ...(conn.hostKeys?.[member] !== undefined ? { hostKey: conn.hostKeys[member] } : {}) },
            create: NFT_LOAD_COMMAND,
            update: NFT_LOAD_COMMAND,
            stdin: args.nftables,
            triggers: [hash],
            // The ruleset may name internal addresses: keep command output out of the logs.
            logging: "none",
          },
          { parent: this },
        );
      }
    }
    this.registerOutputs({ contentHash: this.contentHash });
  }
}
