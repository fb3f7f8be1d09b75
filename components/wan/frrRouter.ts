import * as pulumi from "@pulumi/pulumi";
import * as command from "@pulumi/command";
import { contentHash } from "../../compilers/naming";
import { requireText, requireValue, throwIfInvalid, type ArgProblem } from "../validation";

/** The component's type token. */
export const FRR_ROUTER_TYPE = "hatang:wan:FrrRouter";

/** How the program reaches a Linux router over SSH. */
export interface RouterConnection {
  /** The router's management address. */
  host: pulumi.Input<string>;
  /** SSH user allowed to configure the host and FRR (`hatang:routerSshUser`). */
  user: pulumi.Input<string>;
  /** SSH private key (`hatang:routerSshPrivateKey`; a Pulumi secret, never in the plan, the state's plaintext or a log). */
  privateKey: pulumi.Input<string>;
  /** The router's SSH host key, when pinned (recommended). */
  hostKey?: pulumi.Input<string>;
}

/** Arguments of an {@link FrrRouter}. */
export interface FrrRouterArgs {
  /** The site whose stack applies the configuration (names the command). */
  site: string;
  /** The router's identity: the plant device of a DC edge router, the CPE's host name of an agency (names the command). */
  device: string;
  /** `edge` (a DC TSLCD edge router) or `cpe` (an agency's CPE), for the plan's reader. */
  role: "edge" | "cpe";
  /** The generated FRR configuration (`renderEdgeFrr`/`renderCpeFrr`); sent as a secret on the command's standard input, never shown in the plan. */
  frrConfig: string;
  /** The host setup the configuration needs (`renderHostSetup`: VRF devices with the loopbacks, forwarding); run before it is installed. */
  hostSetup: string;
  /** How to reach the router. */
  connection: RouterConnection;
}

/**
 * What runs on the router, the configuration on its standard input: check it with FRR's own checker first
 * (a refused file changes nothing on the host), set the host up, then install the file and reload FRR.
 * @param hostSetup the host setup script
 */
export function frrApplyCommand(hostSetup: string): string {
  return [
    "set -eu",
    "f=$(mktemp)",
    "trap 'rm -f \"$f\"' EXIT",
    'cat > "$f"',
    'vtysh -C -f "$f"',
    hostSetup.trimEnd(),
    'install -o frr -g frr -m 0640 "$f" /etc/frr/frr.conf',
    "systemctl reload frr",
    "",
  ].join("\n");
}

/**
 * The digest that triggers the command: changes exactly when the configuration or the host setup does.
 * @param frrConfig the FRR configuration
 * @param hostSetup the host setup script
 */
export function frrRouterHash(frrConfig: string, hostSetup: string): string {
  return contentHash({ frrConfig, hostSetup }, 16);
}

/**
 * Checks an FRR router's arguments; every problem at once. Exported for testing.
 * @param args the arguments
 */
export function checkFrrRouterArgs(args: FrrRouterArgs): ArgProblem[] {
  const p: ArgProblem[] = [
    ...requireText("site", args.site, "the site whose stack applies the configuration"),
    ...requireText("device", args.device, "the router's device name"),
  ];
  if (args.role !== "edge" && args.role !== "cpe") p.push(`role must be "edge" or "cpe" (found ${JSON.stringify(args.role) ?? "undefined"})`);
  p.push(...requireText("frrConfig", args.frrConfig, "the generated FRR configuration"));
  if (typeof args.frrConfig === "string" && args.frrConfig.trim() !== "" && !/^frr version /m.test(args.frrConfig)) p.push("frrConfig must be a generated FRR configuration (no `frr version` line found)");
  p.push(...requireText("hostSetup", args.hostSetup, "the host setup script (renderHostSetup)"));
  p.push(...requireValue("connection", args.connection, "how to reach the router over SSH"));
  if (args.connection) {
    p.push(
      ...requireValue("connection.host", args.connection.host, "the router's management address"),
      ...requireValue("connection.user", args.connection.user, "the SSH user"),
      ...requireValue("connection.privateKey", args.connection.privateKey, "the SSH private key (a secret)"),
    );
  }
  return p;
}

/**
 * One Linux router running FRR whose generated configuration `pulumi up` applies over SSH: a remote command
 * that checks the file with `vtysh -C`, sets the host up (VRF devices, loopbacks, forwarding), installs the
 * file and reloads FRR. Triggered by the digest of the configuration and the host setup, so an unchanged
 * configuration does nothing and a changed one re-applies. The configuration travels as a secret (it names
 * every agency's addressing) and the command's output is not logged; the plan shows the digest.
 */
export class FrrRouter extends pulumi.ComponentResource {
  /** Digest of the configuration and the host setup (the command's trigger). */
  public readonly contentHash: string;

  constructor(name: string, args: FrrRouterArgs, opts?: pulumi.ComponentResourceOptions) {
    const hash = typeof args.frrConfig === "string" && typeof args.hostSetup === "string" ? frrRouterHash(args.frrConfig, args.hostSetup) : "";
    super(FRR_ROUTER_TYPE, name, { site: args.site, device: args.device, role: args.role, contentHash: hash }, opts);
    throwIfInvalid(this, "FrrRouter", name, checkFrrRouterArgs(args));
    this.contentHash = hash;
    const conn = args.connection;
    const apply = frrApplyCommand(args.hostSetup);
    new command.remote.Command(
      `${args.site}-frr-${args.device}`,
      {
        connection: { host: conn.host, user: conn.user, privateKey: pulumi.secret(conn.privateKey), ...(conn.hostKey !== undefined ? { hostKey: conn.hostKey } : {}) },
        create: apply,
        update: apply,
        stdin: pulumi.secret(args.frrConfig),
        triggers: [hash],
        // The configuration names internal and agency addressing: keep the command's output out of the logs.
        logging: "none",
      },
      { parent: this },
    );
    this.registerOutputs({ contentHash: this.contentHash });
  }
}
