/**
 * The reachability proof as the dataplane's referee: the site planned exactly as `npm run plan` plans it
 * (the real Pulumi program on the offline engine, in a child process), read through the proof's public
 * probe API (`siteModel`, its own intent resolver, `probeModel`, `explain`), which answers each probe
 * layer by layer with the rule that decided.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import type { Inventory } from "../../../inventory/model";
import type { Province } from "../../../inventory/province/loadProvince";
import type { Plan } from "../../../offline/planTypes";
import { explain, renderExplanation } from "../../../reachability/explain";
import { resolveIntent } from "../../../reachability/intent/resolver";
import { probeModel, type ProbeResult } from "../../../reachability/probe";
import { siteModel } from "../../../reachability/siteProof";
import { writeInventoryStack } from "../../../scripts/bench/syntheticStack";
import type { ProbeSpec } from "./caseTypes";
import type { RefereeVerdict } from "./report";
import { ROOT } from "./serviceDir";

/**
 * Plans the first site of an inventory in a child process, as `npm run plan` does, in a temporary
 * folder removed before returning (also on failure).
 * @param inventory the inventory
 * @param asOf the evaluation date
 */
export async function planFirstSite(inventory: Inventory, asOf: string): Promise<Plan> {
  const stack = writeInventoryStack(inventory, "hatang-dataplane-plan-");
  try {
    const out = path.join(stack.root, "out");
    await promisify(execFile)(process.execPath, ["--stack-trace-limit=0", "--import", "tsx", path.join(ROOT, "offline/planStack.ts"), stack.root, stack.site, out, "", asOf], { cwd: ROOT, maxBuffer: 16 << 20, timeout: 300_000 });
    return JSON.parse(fs.readFileSync(path.join(out, stack.site, "plan.json"), "utf8")) as Plan;
  } finally {
    fs.rmSync(stack.root, { recursive: true, force: true });
  }
}

/** The proof's answer for one probe. */
export interface ProofAnswer extends RefereeVerdict {
  /** Through every layer of the plan (zone firewalls, FWaaS, security groups, NetworkPolicies). */
  all: "allow" | "deny";
  /** The proof's whole answer. */
  result: ProbeResult;
}

/** A site's plan read by the proof, answering probes. */
export interface ProofProber {
  /**
   * The proof's answer for a probe sent from `source` (the probe's source address in its family).
   * @param p the probe (its `target` is what is dialled: a public IPv4 address is translated as the edge does)
   * @param source the source address
   */
  answer(p: ProbeSpec, source: string): ProofAnswer;
}

/**
 * The proof of a site's plan, ready to answer probes.
 * @param province the loaded province
 * @param site the site
 * @param plan the site's plan
 */
export function proofProber(province: Province, site: string, plan: Plan): ProofProber {
  const { inventory, addressPlan, sources, asOf } = province;
  const m = siteModel(inventory, addressPlan, site, plan);
  const intent = resolveIntent({ inventory, sitePlan: m.sitePlan, asOf, sources, addressPlan });
  const model = probeModel(m, intent);
  return {
    answer(p, source) {
      const request = { from: source, to: p.target, protocol: p.protocol, port: p.port ?? 0, family: p.family };
      const list = explain(model, intent, request);
      if (list.length !== 1) throw new Error(`the proof answered ${list.length} pairs for ${source} → ${p.target}`);
      const { result } = list[0];
      // The namespaces reproduce the zone firewalls (rule bases, routing between VLANs, NAT) and nothing
      // else: no Neutron port, hence no security group; no FWaaS, no pod. So the kernel is compared with
      // the proof's verdict at the zone-firewall layer (every zone firewall on the path accepts); `all`
      // is the proof's verdict through every layer, reported beside it.
      const fw = result.layers.filter((l) => l.layer === "zone-firewall");
      const verdict = fw.every((l) => l.verdict === "allow") ? "allow" : "deny";
      return { verdict, all: result.allowed ? "allow" : "deny", result, explanation: renderExplanation(list, request) };
    },
  };
}
