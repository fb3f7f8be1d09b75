import * as pulumi from "@pulumi/pulumi";
import type { CompiledSite } from "../../compilers/site";
import type { RuleBase as RuleBaseSpec } from "../../compilers/firewall/ruleBaseTypes";
import type { Device } from "../../inventory/model";
import type { LoopbackPlan } from "../../inventory/addressing/types";
import { renderNftables } from "../../compilers/firewall/render/nftables";
import { RuleBase } from "../../components/firewall/ruleBase";

/** How the program reaches the site's Linux firewalls (from stack config; the key is a secret). */
export interface FirewallSettings {
  /** SSH user allowed to run `nft` (`hatang:firewallSshUser`). */
  user: pulumi.Input<string>;
  /** SSH private key (`hatang:firewallSshPrivateKey`, a secret). */
  privateKey: pulumi.Input<string>;
}

/**
 * The address the program reaches a member firewall at: its out-of-band management address when the
 * inventory names one, else its loopback's address from the address plan. Pure; exported for testing.
 * @param member the device name
 * @param devices the province's devices
 * @param loopbacks the site's loopbacks
 */
export function managementHost(member: string, devices: readonly Device[], loopbacks: readonly LoopbackPlan[]): string | undefined {
  // The address plan writes a loopback as a host prefix (`10.16.62.12/32`); SSH wants the address.
  return devices.find((d) => d.name === member)?.mgmtAddress ?? loopbacks.find((l) => l.device === member)?.ipv4.split("/")[0];
}

/**
 * Every member of an nftables rule base the program cannot reach (no management address, no loopback),
 * as messages. Pure; exported for testing.
 * @param ruleBases the site's rule bases
 * @param devices the province's devices
 * @param loopbacks the site's loopbacks
 */
export function unreachableMembers(ruleBases: readonly RuleBaseSpec[], devices: readonly Device[], loopbacks: readonly LoopbackPlan[]): string[] {
  return ruleBases
    .filter((rb) => rb.platform === "nftables")
    .flatMap((rb) => rb.members.filter((m) => managementHost(m, devices, loopbacks) === undefined).map((m) => `firewall ${m} (rule base ${rb.device}) has no mgmtAddress and no loopback in the address plan: the program cannot load its nftables ruleset (set devices[name=${m}].mgmtAddress)`));
}

/** True when some rule base of the site is loaded by the program over SSH (the SSH credentials are then required). */
export function loadsOverSsh(compiled: CompiledSite): boolean {
  return compiled.ruleBases.some((rb) => rb.platform === "nftables");
}

/**
 * The firewall layer of a site: one RuleBase per enforcing device, named by the device (a stable
 * identity). Linux firewalls get their generated nftables ruleset loaded over SSH; appliances
 * (FortiOS, others) carry the rule base for the plan, the proof and the rendered files.
 * @param compiled the compiled site
 * @param devices the province's devices
 * @param loopbacks the site's loopbacks
 * @param settings the SSH settings (only used when the site has a Linux firewall)
 * @param opts parent options (providers)
 */
export function firewallLayer(compiled: CompiledSite, devices: readonly Device[], loopbacks: readonly LoopbackPlan[], settings: FirewallSettings | undefined, opts: pulumi.ComponentResourceOptions = {}): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const rb of compiled.ruleBases) {
    const linux = rb.platform === "nftables" && settings !== undefined;
    const component = new RuleBase(`${compiled.site}-rulebase-${rb.device}`, {
      ruleBase: rb,
      ...(linux
        ? {
            nftables: renderNftables(rb),
            connection: {
              hosts: Object.fromEntries(rb.members.map((m) => [m, managementHost(m, devices, loopbacks) as string])),
              user: settings.user,
              privateKey: settings.privateKey,
            },
          }
        : {}),
    }, opts);
    hashes[rb.device] = component.contentHash;
  }
  return hashes;
}
