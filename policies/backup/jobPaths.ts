/**
 * Whether the backup jobs a CronJob drives can reach what they back up: a job without a declared path backs
 * nothing up however well it is scheduled (DATA-06, central automatic backup). Two kinds of finding: a job whose
 * flow could not be declared (the job plan's own problems: no cloud-api tier at the site, no service on the
 * port, an external cluster, a database on the job's own cluster), and a declared path the level-3 zone baseline
 * forbids (the loader holds the inventory's flows to it; these are derived from the job plan, so they are held
 * here). Pure.
 */
import type { Inventory } from "../../inventory/model";
import { backupFlowsAsDeclared, provinceBackupFlows } from "../../compilers/backup/jobFlows";
import { checkFlowZoning } from "../../inventory/zoning/checkFlows";
import type { ZoneBaseline } from "../../inventory/zoning/baseline";

/** One finding: what, about which job or flow, and the inventory field to fix. */
export interface JobPathFinding {
  text: string;
  /** `backup-job/<job id>` or `flow/<site>/<backup flow name>`. */
  subject: string;
  /** Dotted inventory path. */
  at: string;
}

/**
 * The job paths' findings at the sites judged, and how many paths and problems were examined.
 * @param inv the inventory
 * @param inScope whether a site is judged in this run
 * @param baseline the zone baseline (the shipped one in the policy pack)
 * @param asOf the evaluation date
 */
export function judgeBackupJobPaths(inv: Inventory, inScope: (site: string) => boolean, baseline: ZoneBaseline, asOf: string): { examined: number; findings: JobPathFinding[] } {
  const { flows, problems } = provinceBackupFlows(inv);
  const findings: JobPathFinding[] = [];
  const judged = problems.filter((p) => inScope(p.cluster.split("/")[0]));
  for (const p of judged) findings.push({ text: p.message, subject: `backup-job/${p.job}`, at: p.path });
  const sites = [...new Set(flows.map((f) => f.site))].filter(inScope).sort();
  let declared = 0;
  for (const site of sites) {
    // Judged at its own site only: a backup flow's ends are both there (its zone end would apply at every site).
    const here = flows.filter((f) => f.site === site);
    declared += here.length;
    // The declared form keeps the order of `here`: a problem at flows[i] is here[i].
    const zoning = checkFlowZoning({ inventory: { ...inv, sites: inv.sites.filter((s) => s.id === site), flows: backupFlowsAsDeclared(here, site) }, baseline, waivers: [], asOf, waiverFile: "the waiver file" });
    for (const p of zoning.problems) {
      const f = here[Number(p.path[1])];
      const si = inv.systems.findIndex((s) => s.id === f.system);
      const ti = si < 0 ? -1 : inv.systems[si].tiers.findIndex((t) => t.name === f.tier);
      // The baseline's message ends with how to waive a declared flow; a derived one is waived under DATA-06.
      const text = p.message.replace(/ Remove the flow, or waive .*$/, "").replace(/\.$/, "").replace(/^flow "/, 'backup flow "');
      const subject = `flow/${site}/${f.name}`;
      findings.push({ text: `${text}; fix: place the tier where the baseline lets the cluster reach it, or waive DATA-06 for subject ${subject}`, subject, at: ti < 0 ? `systems.${si}` : `systems.${si}.tiers.${ti}` });
    }
  }
  return { examined: judged.length + declared, findings };
}
