/**
 * `asbuilt.html`: one self-contained page for auditors and the DC team — the zone diagram, the address plan,
 * rack elevations, the SAN and backup summary and the compliance summary, Vietnamese first with English
 * beside it, titled design or as-built by its provenance and citing what it was made from. Nothing is
 * fetched: styles and drawings are inline, fonts are the reader's own, and there is no script.
 */
import type { AsBuiltInput } from "../input";
import { titleWithBasis, type RunManifest } from "../provenance";
import type { PolicyReportRead } from "../policyReportFile";
import { zoneSection } from "./zoneSection";
import { addressSection } from "./addressSection";
import { rackSection } from "./rackSection";
import { storageSection } from "./storageSection";
import { complianceSection } from "./complianceSection";
import { pageEnd, pageStart, PROVENANCE_ENTRY, type ContentsEntry } from "./pageFrame";

/** The sections, for the contents list. */
const CONTENTS: readonly ContentsEntry[] = [
  ["zones", "Sơ đồ vùng mạng", "Zone diagram"],
  ["addressing", "Quy hoạch địa chỉ IP", "IP address plan"],
  ["racks", "Sơ đồ tủ rack", "Rack elevations"],
  ["storage", "SAN, lưu trữ và sao lưu", "SAN, storage and backup"],
  ["compliance", "Tóm tắt tuân thủ cấp độ 3", "Level-3 compliance summary"],
  PROVENANCE_ENTRY,
];

/**
 * The page's title: "Hồ sơ hạ tầng trung tâm dữ liệu (thiết kế) / Data center infrastructure record (design) — na-dc1".
 * @param manifest what the page was made from
 * @param site the site id
 */
export function asBuiltHtmlTitle(manifest: Pick<RunManifest, "basis">, site: string): string {
  return `${titleWithBasis("Hồ sơ hạ tầng trung tâm dữ liệu", "Data center infrastructure record", manifest.basis)} — ${site}`;
}

/**
 * Renders the page.
 * @param input the site's as-built input
 * @param manifest what it was made from (its basis titles the page)
 * @param policy the stack's policy report as read (absent: the compliance summary says "not evaluated")
 */
export function asBuiltHtml(input: AsBuiltInput, manifest: RunManifest, policy: PolicyReportRead): string {
  return [
    pageStart(asBuiltHtmlTitle(manifest, input.site.id), manifest, input.inventory.province, input.site, CONTENTS),
    zoneSection(input).html,
    addressSection(input),
    rackSection(input),
    storageSection(input),
    complianceSection(policy, manifest.asOf),
    pageEnd(manifest),
  ].join("\n");
}
