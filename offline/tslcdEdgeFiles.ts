/**
 * The site's TSLCD edge router configurations as files of the plan stage: `out/<stack>/tslcd/<device>.frr.conf`
 * (FRR 8.4, one per edge router), `tslcd/edge.json` (the vendor-neutral intent the files were rendered
 * from: sessions, accepted and announced prefixes, limits), and every attachment of the VPNs the site
 * carries: `tslcd/attachments.json` (one vendor-neutral record per circuit and VPN, agencies' CPEs included)
 * and `tslcd/attachments-level-<I|II>.csv` (the carrier's and the auditors' list per level); the agencies' CPEs
 * attached to those VPNs: `tslcd/cpe.json` (the intent of every CPE speaking BGP) and
 * `tslcd/cpe/<endpoint>.frr.conf` for the Linux (FRR) ones. Rendered in
 * memory, staged with the plan's other files, so a failure writes nothing.
 */
import type { Province } from "../inventory/province/loadProvince";
import type { SitePlan } from "../inventory/addressing/types";
import { compileEdgeIntent } from "../compilers/wan/edgeIntent";
import { renderCpeFrr, renderEdgeFrr } from "../compilers/wan/renderFrr";
import { compileCpeIntents } from "../compilers/wan/cpeIntent";
import { attachmentRecords, attachmentTable } from "../compilers/wan/attachmentRecords";
import { siteVpns } from "../inventory/tslcd/attachments";
import { renderCsv } from "../exports/csv";

/**
 * The `tslcd/` files of one site (paths relative to the stack's folder); none when the site has no TSLCD
 * circuit. Throws with every problem when a circuit, a CPE's circuit or its LAN lacks its addressing in the plan.
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
  const cpe = compileCpeIntents({ inventory: province.inventory, province: province.addressPlan, asOf });
  if (cpe.problems.length > 0) throw new Error(cpe.problems.map((p) => `TSLCD CPE ${p.endpoint}: ${p.message}`).join("\n"));
  const cpes = cpe.cpes.filter((c) => c.vrfs.some((v) => carried.has(v.vpn)));
  return [
    ...routers.map((r): [string, string] => [`tslcd/${r.device.replace(/[^A-Za-z0-9._-]/g, "_")}.frr.conf`, renderEdgeFrr(r)]),
    ["tslcd/edge.json", `${JSON.stringify({ site: plan.site, asOf, routers }, null, 2)}\n`],
    ["tslcd/attachments.json", `${JSON.stringify({ site: plan.site, attachments: records }, null, 2)}\n`],
    ...levels.map((l): [string, string] => [`tslcd/attachments-level-${l}.csv`, renderCsv(attachmentTable(records, l))]),
    ...(cpes.length === 0 ? [] : [["tslcd/cpe.json", `${JSON.stringify({ site: plan.site, asOf, cpes }, null, 2)}\n`] as [string, string]]),
    ...cpes.filter((c) => c.platform === "frr").map((c): [string, string] => [`tslcd/cpe/${c.endpoint}.frr.conf`, renderCpeFrr(c)]),
  ];
}
