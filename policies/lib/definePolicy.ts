import type { PolicyResource, ReportViolation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import type { Inventory, Site } from "../../inventory/model";
import { servesProduction } from "../../inventory/model/siteRoles";
import { controlById, loadCatalogue } from "../catalogue/load";
import { clausesOf, formatCitations } from "../catalogue/citations";
import type { Control } from "../catalogue/schema";
import type { EvidenceRegister } from "./evidence";
import { formatFinding } from "./findingMessage";
import { PlanIndex } from "./planIndex";
import { Params, makeParams } from "./params";
import { SHARED_CONFIG_SCHEMA, packAsOf, packEvidence, packInputsGeneration, packInventory, packSite, packWaivers } from "./context";
import type { ResourceView } from "./resourceView";
import { decideWaiver } from "./waivers";

/** One thing wrong. */
export interface Finding {
  /** What is wrong, one sentence (the control ID is added). */
  text: string;
  /** Resource it is about (stack findings; resource findings default to the resource). */
  urn?: string;
  /** Inventory subject when there is no URN, e.g. `rack/dc1-r01`. */
  subject?: string;
  /** Inventory field path, dotted, for file:line. */
  at?: string;
}

/**
 * What a stack check returns: findings (empty = pass), or a reason there was nothing to judge.
 * `notApplicable` means the requirement does not apply (reported "Không áp dụng"), `notAssessed`
 * that the inputs to judge it are missing (reported "Chưa đánh giá", never a pass).
 */
export type Outcome = Finding[] | { notApplicable: string } | { notAssessed: string };

/** What every check receives besides the resources. */
export interface EvalContext {
  /** Parameters (config > inventory > catalogue default). */
  params: Params;
  /** The inventory, when configured. */
  inventory?: Inventory;
  /** The evidence register (possibly empty). */
  evidence: EvidenceRegister;
  /** Evaluation date. */
  asOf: string;
  /** Site in scope (undefined: every site). */
  site?: string;
}

/**
 * Whether a site's records are judged in this run: the stack's own site, or every site when none is set
 * (or when the inventory does not know the stack's site).
 * @param ctx evaluation context.
 * @param site a site id.
 */
export function siteInScope(ctx: EvalContext, site: string): boolean {
  if (!ctx.site || !ctx.inventory?.sites.some((s) => s.id === ctx.site)) return true;
  return site === ctx.site;
}

/** Prefixes of not-applicable reasons, parsed back by the runner. */
export const NA_PREFIX = "N/A: ";
export const NOT_ASSESSED_PREFIX = "not assessed: ";

const SEVERITY_ENFORCEMENT = { critical: "mandatory", high: "mandatory", medium: "advisory", low: "advisory" } as const;

/**
 * The Pulumi metadata of a control's policy: name, description, severity, enforcement (critical and
 * high are mandatory), framework (current regime), tags (both regimes), remediation, config schema.
 * @param c the control.
 */
export function policyMetadata(c: Control): Omit<ResourceValidationPolicy, "validateResource"> {
  const cat = loadCatalogue();
  const properties: Record<string, object> = { ...SHARED_CONFIG_SCHEMA };
  for (const name of c.parameters) {
    const p = cat.parameters.get(name);
    if (!p) continue;
    const d = p.default;
    properties[name] = Array.isArray(d)
      ? { type: "array", items: { type: typeof d[0] === "number" ? "number" : "string" }, description: `${p.description} ${p.basis === "default" ? "Default" : "Legal"} source: ${p.source}` }
      : { type: typeof d === "number" ? "number" : typeof d === "boolean" ? "boolean" : "string", description: `${p.description} ${p.basis === "default" ? "Default" : "Legal"} source: ${p.source}` };
  }
  return {
    name: c.policy ?? c.id,
    description: `[${c.id}] ${c.title.en} / ${c.title.vi}`,
    enforcementLevel: SEVERITY_ENFORCEMENT[c.severity],
    severity: c.severity,
    framework: { name: "TCVN 14423", version: "2026", reference: clausesOf(c.refs, "TCVN 14423:2026").join(", ") || formatCitations(c.refs.current), specification: c.requirement },
    tags: [c.id, c.group, `legacy: ${formatCitations(c.refs.legacy)}`, `current: ${formatCitations(c.refs.current)}`],
    remediationSteps: `${c.remediation.vi}\n${c.remediation.en}`,
    configSchema: { properties },
  };
}

/**
 * Builds the context of one evaluation from a policy's config.
 * @param config the policy config.
 */
async function contextFor(config: Record<string, unknown>): Promise<EvalContext> {
  // Resource policies ask once per resource: the context only changes with the config and the inputs.
  const key = `${packInputsGeneration()}:${JSON.stringify(config)}`;
  let ctx = contextCache.get(key);
  if (!ctx) {
    const inventory = await packInventory(config);
    ctx = { params: makeParams(loadCatalogue(), config, inventory), inventory, evidence: packEvidence(config), asOf: packAsOf(config), site: packSite(config) };
    if (contextCache.size > 256) contextCache.clear();
    contextCache.set(key, ctx);
  }
  return ctx;
}

const contextCache = new Map<string, EvalContext>();

/**
 * Reports findings, dropping those an active waiver covers in CLI runs (the runner passes no waivers).
 * @param control control ID.
 * @param findings findings.
 * @param config policy config.
 * @param asOf evaluation date.
 * @param lookup URN → resource, for waiver matching on type and name.
 * @param report the SDK's reporter.
 */
function report(control: string, findings: Finding[], config: Record<string, unknown>, asOf: string, lookup: (urn: string) => ResourceView | undefined, report: ReportViolation): void {
  const waivers = packWaivers(config);
  for (const f of findings) {
    const r = f.urn ? lookup(f.urn) : undefined;
    if (waivers.length > 0 && decideWaiver({ control, urn: f.urn, type: r?.type, name: r?.name ?? f.subject }, waivers, asOf).waived) continue;
    report(formatFinding({ control, text: f.text, subject: f.subject, at: f.at }), f.urn);
  }
}

/**
 * Resource types each resource policy judges (policy name → types). The offline runner uses it to
 * run, for each type, only the policies that judge it (the SDK deserialises a resource once per
 * policy that has no single declared type, even to answer "not applicable").
 */
export const RESOURCE_POLICY_TYPES = new Map<string, readonly string[]>();

/**
 * A resource policy for a control: `check` runs on each resource of `types`.
 * @param id control ID (its catalogue entry gives the metadata).
 * @param types type tokens checked; others are "not applicable" to this policy.
 * @param check returns the resource's findings (the URN defaults to the resource).
 */
export function resourcePolicy(id: string, types: readonly string[], check: (r: ResourceView, ctx: EvalContext) => Finding[]): ResourceValidationPolicy {
  const meta = policyMetadata(controlById(loadCatalogue(), id));
  RESOURCE_POLICY_TYPES.set(meta.name as string, types);
  const validate = async (args: Parameters<Exclude<ResourceValidationPolicy["validateResource"], unknown[] | undefined>>[0], reportViolation: ReportViolation): Promise<void> => {
    if (!types.includes(args.type)) args.notApplicable(`Policy only applies to ${types.join(", ")}`);
    const config = args.getConfig<Record<string, unknown>>();
    const ctx = await contextFor(config);
    const view: ResourceView = { urn: args.urn, type: args.type, name: args.name, props: args.props, dependencies: [] };
    const findings = check(view, ctx).map((f) => ({ ...f, urn: f.urn ?? args.urn }));
    report(id, findings, config, ctx.asOf, () => view, reportViolation);
  };
  // The SDK skips (without deserialising) resources of another type when the function names its type.
  if (types.length === 1) (validate as unknown as { __pulumiType: string }).__pulumiType = types[0];
  return { ...meta, validateResource: validate };
}

/**
 * Converts the SDK's stack resources into views.
 * @param resources the SDK's resources.
 */
export function viewsOf(resources: readonly PolicyResource[]): ResourceView[] {
  return resources.map((r) => {
    const deps = new Set<string>(r.dependencies.map((d) => d.urn));
    for (const list of Object.values(r.propertyDependencies)) for (const d of list) deps.add(d.urn);
    return { urn: r.urn, type: r.type, name: r.name, props: r.props, dependencies: [...deps] };
  });
}

/**
 * Resource types each stack policy reads (policy name → types; empty = inventory only). The engine
 * sends every resource to every stack policy; the offline runner uses this to send each policy only
 * what it reads, which gives the same answers at a fraction of the deserialisation cost.
 */
export const STACK_POLICY_READS = new Map<string, readonly string[]>();

/** Types a zone lookup walks through (see PlanIndex.zoneKind). */
export const ZONE_TYPES = ["openstack:networking/network:Network", "openstack:networking/subnet:Subnet", "openstack:networking/port:Port", "openstack:networking/secGroup:SecGroup", "kubernetes:core/v1:Namespace"];

/**
 * A stack policy for a control.
 * @param id control ID.
 * @param needsInventory true when nothing can be judged without the inventory ("not assessed" then).
 * @param reads resource types the check reads (empty: inventory only).
 * @param check judges the whole stack.
 */
export function stackPolicy(id: string, needsInventory: boolean, reads: readonly string[], check: (plan: PlanIndex, ctx: EvalContext) => Outcome): StackValidationPolicy {
  const meta = policyMetadata(controlById(loadCatalogue(), id));
  STACK_POLICY_READS.set(meta.name, reads);
  return {
    ...meta,
    validateStack: async (args, reportViolation) => {
      const config = args.getConfig<Record<string, unknown>>();
      const ctx = await contextFor(config);
      if (needsInventory && !ctx.inventory) args.notApplicable(`${NOT_ASSESSED_PREFIX}no inventory (set the policy config inventoryPath)`);
      const plan = new PlanIndex(viewsOf(args.resources), ctx.inventory);
      const out = check(plan, ctx);
      if (!Array.isArray(out)) {
        if ("notApplicable" in out) args.notApplicable(`${NA_PREFIX}${out.notApplicable}`);
        else args.notApplicable(`${NOT_ASSESSED_PREFIX}${out.notAssessed}`);
        return;
      }
      report(id, out, config, ctx.asOf, (u) => plan.byUrn.get(u), reportViolation);
    },
  };
}

/**
 * Outcome helper: findings, or "not assessed" when nothing was examined.
 * @param examined how many things were judged.
 * @param findings findings.
 * @param what what was missing, for the reason.
 */
export function judged(examined: number, findings: Finding[], what: string): Outcome {
  return examined === 0 ? { notAssessed: `no ${what} to evaluate` } : findings;
}

/**
 * Outcome helper for a requirement about things of a kind ("every Deployment…", "a floating IP, if any…"):
 * findings, or "not applicable" when the stack has none of them — nothing is missing, so nothing is unassessed.
 * @param count how many of them the stack has.
 * @param findings findings.
 * @param what what there is none of, for the reason.
 */
export function ifAny(count: number, findings: Finding[], what: string): Outcome {
  return count === 0 ? { notApplicable: `the stack has no ${what}` } : findings;
}

/**
 * The sites in scope that serve production (primary, secondary), or why a production-only control does not
 * apply here (a DR or retiring site's stack).
 * @param ctx evaluation context (inventory present).
 */
export function productionSitesInScope(ctx: EvalContext): { sites: Site[] } | { notApplicable: string } {
  const inv = ctx.inventory!;
  const sites = inv.sites.filter((s) => servesProduction(s.role) && siteInScope(ctx, s.id));
  if (sites.length > 0) return { sites };
  const here = inv.sites.filter((s) => siteInScope(ctx, s.id));
  return { notApplicable: `it applies to sites serving production; ${here.map((s) => `${s.id} is a ${s.role} site`).join(", ") || "no site is in scope"}` };
}
