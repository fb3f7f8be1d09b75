/**
 * The site's TSLCD edge router configurations as files of the plan stage: `out/<stack>/tslcd/<device>.frr.conf`
 * (FRR 8.4, one per edge router), `tslcd/edge.json` (the vendor-neutral intent the files were rendered
 * from: sessions, accepted and announced prefixes, limits), and every attachment of the VPNs the site
 * carries: `tslcd/attachments.json` (one vendor-neutral record per circuit and VPN, agencies' CPEs included)
 * and `tslcd/attachments-level-<I|II>.csv` (the carrier's and the auditors' list per level). Rendered in
 * memory, staged with the plan's other files, so a failure writes nothing.
 */
import type { Province } from "../inventory/province/loadProvince";
import type { SitePlan } from "../inventory/addressing/types";
import { compileEdgeIntent } from "../compilers/wan/edgeIntent";
import { renderEdgeFrr } from "../compilers/wan/renderFrr";
import { attachmentRecords, attachmentTable } from "../compilers/wan/attachmentRecords";
import { siteVpns } from "../inventory/tslcd/attachments";
import { renderCsv } from "../exports/csv";

/**
 * The `tslcd/` files of one site (paths relative to the stack's folder); none when the site has no TSLCD
 * circuit. Throws with every problem when a circuit has no PE–CE link in the address plan.
 * @param province the loaded province
 * @param plan the site's plan
 * @param asOf the run's evaluation date (expired flows announce nothing)
 */
export function tslcdEdgeOutputs(province: Pick<Province, "inventory" | "addressPlan">, plan: SitePlan | undefined, asOf: string): Array<[string, string]> {
  if (plan === undefined) return [];
  const { routers, problems } = compileEdgeIntent({ inventory: province.inventory, plan, province: province.addressPlan, asOf });
  if (problems.length > 0) throw new Error(problems.map((p) => `TSLCD edge ${p.site}/${p.device}: ${p.message}`).join("\n"));
  if (routers.length === 0) return [];
  const carried = new Set(siteVpns(province.inventory, plan.site));
  const records = attachmentRecords(province.inventory, province.addressPlan.tslcd).filter((r) => carried.has(r.vpn));
  const levels = [...new Set(records.map((r) => r.level))].sort();
  return [
    ...routers.map((r): [string, string] => [`tslcd/${r.device.replace(/[^A-Za-z0-9._-]/g, "_")}.frr.conf`, renderEdgeFrr(r)]),
    ["tslcd/edge.json", `${JSON.stringify({ site: plan.site, asOf, routers }, null, 2)}\n`],
    ["tslcd/attachments.json", `${JSON.stringify({ site: plan.site, attachments: records }, null, 2)}\n`],
    ...levels.map((l): [string, string] => [`tslcd/attachments-level-${l}.csv`, renderCsv(attachmentTable(records, l))]),
  ];
}
