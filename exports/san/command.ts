/**
 * `npm run san`: each stack's SAN configuration generated from the inventory (single-initiator zones per
 * fabric, host groups and LUN masking per system) and checked by the independent checker, written to
 * out/<stack>/san/ as the vendor-neutral document, CSVs for people and the fabric CLIs' commands.
 */
import * as path from "node:path";
import { InputError, type CommandSpec, type ParsedArgs } from "../../cli/command";
import { AS_OF_OPTION, asOfArg, OUT_OPTION, outArg, STACK_OPTION, stackArgs } from "../../cli/options";
import { formatProblems, loadInventory } from "../../inventory/loader";
import type { Inventory } from "../../inventory/model";
import { compileSanPlan, type SanPlan } from "../../compilers/san/sanPlan";
import { cliFileName, renderFabricCli, sanDocument } from "../../compilers/san/renderSan";
import { verifySan, type SanVerification } from "../../policies/san/visibility";
import { readStackConfig, stackProvince, stacksToRun } from "../../offline/stackConfig";
import { beginStackOutput, finishStackOutput, stackProvenance } from "../../offline/stackOutputs";
import { provenanceBilingual } from "../../offline/runManifest";
import { markdownWithProvenance } from "../../offline/provenanceHeader";
import { renderCsv } from "../csv";
import { lunMaskingTable, sanFabricsTable, sanZonesTable, storagePoolsTable } from "../tables/san";

/** The command's self-description. */
export const SAN_SPEC: CommandSpec = {
  name: "san",
  summary: "generates each site's SAN zoning and LUN masking from the inventory and proves what every host reaches",
  description:
    "For each stack (default: every Pulumi.<stack>.yaml) writes out/<stack>/san/: zoning.json (vendor-neutral: zones, " +
    "host groups, LUN masking), fabrics.csv, zones.csv, pools.csv, masking.csv (Excel-ready, with a BOM), one command " +
    "file per fabric that declares its CLI (<fabric>.fos.txt for Brocade FOS, <fabric>.mds.txt for Cisco MDS), and " +
    "verification.md/.json: the checker's proof that every host sees exactly its own system's LUNs on every fabric, " +
    "none sees another system's, and losing any one fabric leaves every host a path.",
  options: { stack: STACK_OPTION, out: OUT_OPTION, "as-of": AS_OF_OPTION },
  findings: "the configuration could not be generated whole, the checker found a host that misses, shares or would lose its storage, or the inventory is invalid",
  examples: ["npm run san", "npm run san -- --stack na-dc2 --out /tmp/out"],
};

/** Why a site without a Fibre Channel fabric has nothing to verify (WWPN zoning and masking are Fibre Channel's). */
const NO_FC_TEXT = "không có fabric Fibre Channel tại điểm này, không có gì để phân vùng hay che LUN / no Fibre Channel fabric at this site: nothing to zone or mask (iSCSI and NVMe-oF fabrics are not generated)";

/**
 * A site with no Fibre Channel fabric: its verification proves nothing, and says so.
 * @param v the checker's result
 */
function nothingToZone(v: SanVerification): boolean {
  return v.fabrics.length === 0;
}

/** One generated file, relative to the stack's san/ folder. */
interface SanFile {
  name: string;
  content: string;
}

/**
 * The verification as Markdown, Vietnamese first.
 * @param plan the generated plan
 * @param v the checker's result
 */
export function verificationMarkdown(plan: SanPlan, v: SanVerification): string {
  const holds = v.findings.length === 0 && plan.problems.length === 0;
  const lines = [
    `# SAN — ${v.site} / Cấu hình SAN và kiểm chứng`,
    "",
    `${v.fabrics.length} fabric (${v.fabrics.join(", ") || "—"}), ${v.zones} vùng đơn khởi tạo / single-initiator zones, ${v.hosts} máy chủ / hosts, ${v.luns} LUN, ${v.paths} đường máy chủ–LUN–fabric / host–LUN–fabric paths.`,
    "",
    nothingToZone(v)
      ? `**Chưa đánh giá / Not assessed**: ${NO_FC_TEXT}`
      : holds
      ? "**Kiểm chứng: đạt / Verified**: mỗi máy chủ thấy đúng các LUN của hệ thống mình trên mọi fabric, không thấy LUN của hệ thống khác, và mất một fabric vẫn còn đường tới mọi LUN. / Every host sees exactly its own system's LUNs on every fabric, none sees another system's, and losing any one fabric leaves every host a path."
      : `**Kiểm chứng: không đạt / Not verified**: ${v.findings.length} phát hiện / finding(s), ${plan.problems.length} vấn đề khi sinh cấu hình / generation problem(s).`,
    "",
  ];
  if (plan.problems.length > 0) lines.push("## Vấn đề khi sinh cấu hình / Generation problems", "", ...plan.problems.map((p) => `- ${p}`), "");
  if (v.findings.length > 0) lines.push("## Phát hiện / Findings", "", "| loại / kind | máy chủ / host | fabric | LUN | mô tả / description |", "|---|---|---|---|---|", ...v.findings.map((f) => `| ${f.kind} | ${f.host ?? ""} | ${f.fabric ?? ""} | ${f.lun ?? ""} | ${f.text} |`), "");
  return lines.join("\n");
}

/**
 * Every file of one site's SAN folder, built in memory.
 * @param inventory the validated inventory
 * @param site site id
 */
export function sanFiles(inventory: Inventory, site: string): { files: SanFile[]; plan: SanPlan; verification: SanVerification } {
  const plan = compileSanPlan(inventory, site);
  const doc = sanDocument(plan);
  const verification = verifySan(inventory, doc);
  const files: SanFile[] = [
    { name: "zoning.json", content: JSON.stringify(doc, null, 2) + "\n" },
    { name: "fabrics.csv", content: renderCsv(sanFabricsTable(inventory, plan)) },
    { name: "zones.csv", content: renderCsv(sanZonesTable(plan)) },
    { name: "pools.csv", content: renderCsv(storagePoolsTable(inventory, site)) },
    { name: "masking.csv", content: renderCsv(lunMaskingTable(plan)) },
    { name: "verification.json", content: JSON.stringify({ ...verification, problems: plan.problems }, null, 2) + "\n" },
    { name: "verification.md", content: verificationMarkdown(plan, verification) },
  ];
  for (const f of plan.fabrics) {
    const name = cliFileName(f);
    const text = renderFabricCli(site, f);
    if (name && text) files.push({ name, content: text });
  }
  return { files, plan, verification };
}

/**
 * Runs the command: 0 when every stack's configuration is whole and verified, 1 otherwise. Each stack's
 * files are staged and moved into out/<stack>/san/ with the run manifest (what they were made from).
 * @param args parsed arguments
 * @param root the checkout (stack files, provinces)
 * @param print where lines go
 */
export function runSan(args: ParsedArgs, root: string, print: (line: string) => void = (l) => console.log(l)): number {
  const stacks = stacksToRun(root, stackArgs(args));
  const asOf = asOfArg(args);
  const outRoot = path.resolve(root, outArg(args));
  const jobs: Array<{ stack: string; site: string; province: string; inventory: Inventory }> = [];
  const problems: string[] = [];
  const provinces = new Map<string, ReturnType<typeof loadInventory>>();
  for (const stack of stacks) {
    const province = stackProvince(root, stack);
    const loaded = provinces.get(province) ?? loadInventory(path.resolve(root, province));
    provinces.set(province, loaded);
    if (!loaded.ok) {
      problems.push(`${province}: ${loaded.problems.length} problem(s) (npm run validate):`, ...formatProblems(loaded.problems).map((line) => `  ${line}`));
      continue;
    }
    jobs.push({ stack, province, site: readStackConfig(root, stack).config["hatang:site"] ?? stack, inventory: loaded.inventory });
  }
  if (problems.length > 0) throw new InputError([...new Set(problems)].join("\n"));
  // Everything is generated before anything is written.
  const built = jobs.map((j) => ({ ...j, ...sanFiles(j.inventory, j.site) }));
  let failed = 0;
  for (const b of built) {
    const provenance = stackProvenance(root, { command: "npm run san", asOf, stack: b.stack, site: b.site, province: b.province, plan: null });
    const stage = beginStackOutput(outRoot, b.stack);
    for (const f of b.files) stage.write(`san/${f.name}`, f.name.endsWith(".md") ? markdownWithProvenance(f.content, provenanceBilingual(provenance)) : f.content);
    const written = finishStackOutput(root, outRoot, stage, provenance);
    const v = b.verification;
    const ok = v.findings.length === 0 && b.plan.problems.length === 0;
    if (!ok) failed++;
    if (nothingToZone(v)) {
      print(`${b.stack}: not assessed: ${NO_FC_TEXT.split(" / ")[1]}`);
      for (const f of written) print(`    ${f}`);
      continue;
    }
    print(`${b.stack}: ${ok ? "verified" : "NOT verified"}: ${v.zones} zones on ${v.fabrics.length} fabric(s), ${v.hosts} hosts, ${v.luns} LUNs, ${v.paths} paths; ${v.findings.length} finding(s), ${b.plan.problems.length} generation problem(s)`);
    for (const f of written) print(`    ${f}`);
  }
  return failed > 0 ? 1 : 0;
}
