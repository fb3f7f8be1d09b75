/**
 * Checks one stage of a consolidation the way the main job checks a province: it loads (schema, cross-field
 * rules, zone baseline, address plan) with a lock that is up to date, every site plans offline through the
 * real stack program, the level-3 pack finds no mandatory violation, and the reachability proof holds. Sites
 * are planned one after another in this process (the mock engine is reset by each run), not one process
 * per stack: a stage has several sites and a merger several stages.
 */
import * as path from "node:path";
import { renderLock } from "../../inventory/addressing";
import { loadProvince } from "../../inventory/province/loadProvince";
import { formatProblems } from "../../inventory/loader";
import { loadCatalogue } from "../../policies/catalogue/load";
import { EvidenceRegister, type EvidenceRegister as Evidence } from "../../policies/lib/evidence";
import { WaiverFile } from "../../policies/lib/waivers";
import { readYamlData } from "../../policies/lib/yamlData";
import { proveSitePlan } from "../../reachability/siteProof";
import { verdictLine } from "../../reachability/reportModel";
import { offlinePlaceholders } from "../../stacks/credentials";
import { siteProgram } from "../../stacks/siteProgram";
import { runOffline } from "../mockEngine";
import { diffPlans, type PlanDiff } from "../planDiff";
import type { Plan } from "../planTypes";
import { runPolicies } from "../policyRunner";
import { buildReport } from "../reports/buildReport";

/** How a site's stack is configured (the base the stage's province and site are set on). */
export interface SiteStackConfig {
  project: string;
  config: Record<string, string>;
  secureKeys: string[];
}

/** What checking a stage needs. */
export interface StageCheckInput {
  /** The stage's province folder. */
  folder: string;
  /** The stack configuration each site is planned with. */
  stackConfig: (site: string) => SiteStackConfig;
  /** The waiver file the province is held to (zone baseline and policy pack). */
  waiverFile?: string;
  /** The evidence register. */
  evidenceFile?: string;
  /** The evaluation date. */
  asOf: string;
  /** The previous stage's plans by site, to diff against. */
  previous?: ReadonlyMap<string, Plan>;
  /** Called with each site's results as soon as they are known (progress). */
  onSite?: (site: SiteCheck) => void;
}

/** One site's results. */
export interface SiteCheck {
  site: string;
  /** Custom resources in its plan. */
  resources: number;
  plan: Plan;
  /** Mandatory controls violated (unwaived), as `CONTROL subject: message`. */
  violations: string[];
  /** Whether the reachability proof holds, and its verdict line. */
  proof: { holds: boolean; line: string };
  /** The plan diff against the previous stage, when there was one. */
  diff?: PlanDiff;
}

/** A stage's results. */
export interface StageCheck {
  /** Problems loading the province (validation, zone baseline, stale lock). */
  problems: string[];
  sites: SiteCheck[];
  /** Everything passed. */
  ok: boolean;
}

/**
 * A site's stack config with redacted placeholders for the credentials it lacks (as `npm run plan` does),
 * so the program's required secrets pass offline and the plan shows "[secret]".
 * @param base the stack config
 * @param clusters the province's cluster ids (one kubeconfig each)
 */
export function withPlaceholders(base: SiteStackConfig, clusters: readonly string[]): SiteStackConfig {
  const ph = offlinePlaceholders(base.config, clusters);
  return { ...base, config: { ...base.config, ...ph.values }, secureKeys: [...base.secureKeys, ...ph.secretKeys] };
}

/**
 * Loads, plans, checks and proves every site of a stage.
 * @param input the stage and how to check it
 */
export async function checkStage(input: StageCheckInput): Promise<StageCheck> {
  const folder = path.resolve(input.folder);
  const loaded = loadProvince(folder, { asOf: input.asOf, waiverFile: input.waiverFile });
  if (!loaded.ok) return { problems: formatProblems(loaded.problems), sites: [], ok: false };
  const { inventory, addressPlan, lock, newLock, sources } = loaded.province;
  const problems: string[] = [];
  if (lock === undefined || renderLock(lock) !== renderLock(newLock)) problems.push(`${folder}: the address-plan lock is missing or stale`);
  const waivers = input.waiverFile !== undefined ? readYamlData(input.waiverFile, WaiverFile).waivers : [];
  const evidence: Evidence = input.evidenceFile !== undefined ? readYamlData(input.evidenceFile, EvidenceRegister) : { evidence: [], notApplicable: [] };
  const catalogue = loadCatalogue();
  const sites: SiteCheck[] = [];
  for (const site of inventory.sites.map((s) => s.id).sort()) {
    const base = withPlaceholders(input.stackConfig(site), inventory.clusters.map((c) => c.id));
    const config = { ...base.config, "hatang:province": folder, "hatang:site": site, "hatang:asOf": input.asOf, ...(input.waiverFile !== undefined ? { "hatang:waivers": input.waiverFile } : {}) };
    const { resources } = await runOffline(siteProgram, { project: base.project, stack: site, config, secretKeys: base.secureKeys });
    const plan: Plan = { project: base.project, stack: site, province: inventory.province.code, resources: [...resources].sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0)) };
    const run = await runPolicies(plan, { inputs: { inventory, evidence, asOf: input.asOf, site } });
    const report = buildReport({ catalogue, plan, run, waivers, evidence, asOf: input.asOf, sources });
    const violations = report.findings.filter((f) => !f.waiver && f.enforcement === "mandatory").map((f) => `${f.control} ${f.urn ?? f.name ?? ""}: ${f.message}`);
    const proof = proveSitePlan(inventory, addressPlan, site, plan, { asOf: input.asOf, sources, waivers });
    const before = input.previous?.get(site);
    const checked: SiteCheck = {
      site,
      resources: plan.resources.filter((r) => r.custom).length,
      plan,
      violations,
      proof: { holds: proof.holds, line: verdictLine(proof) },
      ...(before !== undefined ? { diff: diffPlans(before, plan) } : {}),
    };
    sites.push(checked);
    input.onSite?.(checked);
  }
  const ok = problems.length === 0 && sites.every((s) => s.violations.length === 0 && s.proof.holds);
  return { problems, sites, ok };
}
