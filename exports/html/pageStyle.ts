/**
 * The stylesheet of the HTML exports, inlined in every page: system fonts only (no font is fetched), colours
 * of the zone kinds, and print rules (A4 landscape, the diagram on an A3 landscape page of its own, every
 * section on a new page, table headers repeated, rows and racks never split across pages).
 */
export const PAGE_STYLE = `
:root { --ink: #1f2933; --muted: #52606d; --line: #9aa5b1; --head: #dde7f0; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Noto Sans", Arial, Helvetica, sans-serif; color: var(--ink); margin: 24px; font-size: 13px; line-height: 1.4; }
h1 { font-size: 22px; margin: 0 0 8px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 2px solid var(--head); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.en { color: var(--muted); font-weight: normal; }
th .en { display: block; font-size: 11px; }
.provenance { background: #f5f7fa; border-left: 4px solid #7b93ad; padding: 8px 12px; margin: 8px 0 16px; }
.provenance p { margin: 2px 0; }
.note { color: var(--muted); font-size: 12px; }
.warn { color: #9b1c1c; }
nav ol { columns: 2; margin: 4px 0 0; }
table { border-collapse: collapse; margin: 6px 0 14px; width: 100%; font-size: 12px; }
th, td { border: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: var(--head); }
td.num, th.num { text-align: right; }
.empty { font-style: italic; color: var(--muted); }
.figure { overflow-x: auto; border: 1px solid #e4e7eb; padding: 4px; margin: 6px 0; }
svg.diagram { display: block; max-width: none; height: auto; font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; }
svg.diagram text { font-size: 12px; fill: var(--ink); }
svg.diagram text.title { font-size: 13px; font-weight: bold; }
svg.diagram .node rect { stroke: #3e4c59; stroke-width: 1.2; fill: #ffffff; }
svg.diagram .tone-external rect { fill: #eef2f7; stroke: #52606d; stroke-dasharray: 5 3; }
svg.diagram .tone-entrance rect { fill: #fff4d6; }
svg.diagram .tone-termination rect { fill: #f2f2f2; }
svg.diagram .tone-edge rect { fill: #fde2e2; }
svg.diagram .tone-dmz rect { fill: #ffe9cc; }
svg.diagram .tone-tslcd rect { fill: #e3f4e8; }
svg.diagram .tone-wireless rect { fill: #f3e8fd; }
svg.diagram .tone-internal rect { fill: #e8f0fe; }
svg.diagram .tone-internal-server rect { fill: #dbeafe; }
svg.diagram .tone-management rect { fill: #e5e7eb; }
svg.diagram .tone-soc rect { fill: #fce7f3; }
svg.diagram .tone-db-server rect { fill: #ede9fe; }
svg.diagram .tone-storage rect { fill: #ecfccb; }
svg.diagram .tone-backup rect { fill: #fef9c3; }
svg.diagram .tone-out-of-band rect { fill: #f1f5f9; }
svg.diagram .site-wall { fill: none; stroke: #7b8794; stroke-width: 2; stroke-dasharray: 10 5; }
svg.diagram .edge polyline { fill: none; stroke: #334e68; stroke-width: 1.4; }
svg.diagram .edge.outside polyline { stroke: #b44d12; }
svg.diagram .edge.uplink polyline { stroke: #0f766e; stroke-width: 2.6; }
svg.diagram .arrow { fill: #334e68; }
svg.diagram .badge rect { fill: #ffffff; stroke: #334e68; stroke-width: 1.2; }
svg.diagram .badge text { font-size: 10px; font-weight: bold; }
svg.diagram .rack-frame { fill: #fafafa; stroke: #3e4c59; stroke-width: 1.5; }
svg.diagram .slot { fill: #ffffff; stroke: #7b8794; }
svg.diagram .ha-split .slot { stroke: #2f855a; stroke-width: 2; }
svg.diagram .ha-same-rack .slot { stroke: #c53030; stroke-width: 2.5; fill: #fff5f5; }
svg.diagram .ha-split text.ha { fill: #276749; }
svg.diagram .ha-same-rack text.ha { fill: #c53030; font-weight: bold; }
svg.diagram text.name { font-weight: bold; }
svg.diagram .pdu-A { fill: #c53030; }
svg.diagram .pdu-B { fill: #2b6cb0; }
svg.diagram .pdu.absent { fill: none; stroke: #9aa5b1; stroke-dasharray: 3 3; }
svg.diagram text.pdu-label { font-weight: bold; font-size: 10px; }
svg.diagram .cord { stroke-width: 1.5; }
svg.diagram .cord-A { stroke: #c53030; }
svg.diagram .cord-B { stroke: #2b6cb0; }
svg.diagram text.psu { font-size: 9px; }
.counts td:first-child { white-space: nowrap; }
@page { size: A4 landscape; margin: 12mm; }
@page wide { size: A3 landscape; margin: 10mm; }
@media print {
  body { margin: 0; font-size: 11px; }
  section { break-before: page; }
  section.zones { page: wide; }
  .figure { overflow: visible; border: none; }
  svg.diagram { max-width: 100%; }
  thead { display: table-header-group; }
  tr, .rack-figure, svg.diagram { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  nav { display: none; }
}
`;
