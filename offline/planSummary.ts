import { ID_PREFIX, type Plan, type PlannedResource } from "./planTypes";
import { provenanceBilingual, type Provenance } from "./runManifest";

/** Count of resources per key, sorted by key. */
function countBy(resources: readonly PlannedResource[], key: (r: PlannedResource) => string | undefined): Array<[string, number]> {
  const m = new Map<string, number>();
  for (const r of resources) {
    const k = key(r);
    if (k !== undefined) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return [...m.entries()].sort((a, b) => a[0].localeCompare(b[0]));
}

/** The zone a resource serves, from its `zone:` tag or its metadata. Exported for testing. */
export function zoneOf(r: PlannedResource): string | undefined {
  const tags = r.inputs.tags;
  if (Array.isArray(tags)) {
    const t = tags.find((x): x is string => typeof x === "string" && x.startsWith("zone:"));
    if (t) return t.slice(5);
  }
  const meta = r.inputs.metadata as Record<string, unknown> | undefined;
  if (meta && typeof meta.zone === "string") return meta.zone;
  const labels = (r.inputs.metadata as { labels?: Record<string, string> } | undefined)?.labels;
  return labels?.["hatang.vn/zone"];
}

/** Inputs that point at the resource a child belongs to (a rule at its group, a subnet at its network, ...). */
const OWNER_INPUTS = ["securityGroupId", "networkId", "subnetId", "portId", "instanceId", "volumeId"] as const;

/**
 * The zone of every resource: its own, else that of the resource one of its owner inputs points at
 * (rules have no tags, but their group has). Exported for testing.
 */
export function zonesOf(resources: readonly PlannedResource[]): Map<string, string | undefined> {
  const byId = new Map<string, PlannedResource>(resources.map((r) => [`${ID_PREFIX}${r.type}::${r.name}`, r]));
  const out = new Map<string, string | undefined>();
  const visit = (r: PlannedResource, depth: number): string | undefined => {
    if (out.has(r.urn)) return out.get(r.urn);
    let zone = zoneOf(r);
    for (const k of OWNER_INPUTS) {
      if (zone !== undefined || depth > 3) break;
      const owner = byId.get(String(r.inputs[k]));
      if (owner) zone = visit(owner, depth + 1);
    }
    out.set(r.urn, zone);
    return zone;
  };
  for (const r of resources) visit(r, 0);
  return out;
}

/**
 * The resources a plan declares in the cloud: provider (custom) resources, without the provider
 * objects themselves and without components. The console and the summary both count these.
 * @param plan the plan
 */
export function cloudResources(plan: Plan): PlannedResource[] {
  return plan.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
}

/**
 * The human summary of a plan: what it was made from, counts by type and by zone, then the site's
 * address plan table.
 * @param plan the plan
 * @param addressTable the site's address plan as Markdown
 * @param provenance what the plan was made from (the header cites it)
 */
export function renderPlanSummary(plan: Plan, addressTable: string, provenance?: Provenance): string {
  const custom = cloudResources(plan);
  const zones = zonesOf(plan.resources);
  const lines = [
    `# Offline plan — ${plan.stack}`,
    "",
    ...(provenance ? [...provenanceBilingual(provenance).map((l) => `> ${l}  `), ""] : []),
    `Province \`${plan.province}\`, project \`${plan.project}\`: **${custom.length} resources** in ${plan.resources.length - custom.length} components and providers.`,
    "Nothing here touched a cloud: this is the program run on the Pulumi SDK's mock engine (`npm run plan`).",
    "",
    "## Resources by type / Tài nguyên theo loại",
    "",
    "| type | count |",
    "|---|---:|",
    ...countBy(custom, (r) => r.type).map(([t, n]) => `| \`${t}\` | ${n} |`),
    "",
    "## Resources by zone / Tài nguyên theo vùng",
    "",
    "| zone | count |",
    "|---|---:|",
    ...countBy(custom, (r) => zones.get(r.urn) ?? "(site-wide)").map(([z, n]) => `| ${z} | ${n} |`),
    "",
    "## Address plan / Quy hoạch địa chỉ",
    "",
    // The table's own headings sit under this section's.
    addressTable.replace(/^(#+) /gm, "##$1 "),
    "",
  ];
  return lines.join("\n");
}
