/**
 * The zone diagram as inline SVG: the graph (zoneGraph.ts) laid out on the grid (gridLayout.ts). Every box
 * and line carries data attributes naming what it stands for (`data-node`, `data-within` for the services inside a zone; `data-a`, `data-b`,
 * `data-forward`, `data-backward` for the services each way, `data-sources` for the flows or uplinks
 * behind it), so a test can read the drawing back from the rendered page. Lines are
 * numbered (flows 1, 2, …; uplinks U1, U2, …); the legend beside the drawing gives each number's services.
 */
import { esc, attrs } from "../html/escape";
import { DEFAULT_LAYOUT, layoutGrid, type Layout, type LayoutOptions, type PlacedBox } from "./gridLayout";
import type { GraphEdge, ZoneGraph } from "./zoneGraph";

/** One numbered line, for the legend. */
export interface NumberedEdge extends GraphEdge {
  /** Its badge: "1", "2", … for flows, "U1", … for uplinks. */
  badge: string;
}

/** The drawing and its legend. */
export interface ZoneDiagram {
  /** The `<svg>` element. */
  svg: string;
  /** The lines in badge order. */
  edges: NumberedEdge[];
  /** The layout, for tests of the geometry. */
  layout: Layout;
}

/**
 * Numbers the lines: flows first, then uplinks, each in id order.
 * @param edges the graph's edges
 */
export function numberEdges(edges: readonly GraphEdge[]): NumberedEdge[] {
  let flows = 0;
  let uplinks = 0;
  return [...edges.filter((e) => e.kind === "flow"), ...edges.filter((e) => e.kind === "uplink")].map((e) => ({ ...e, badge: e.kind === "flow" ? String(++flows) : `U${++uplinks}` }));
}

/** Text lines of a box as SVG `<text>` elements. */
function boxText(box: PlacedBox, m: Layout["metrics"]): string {
  const out: string[] = [];
  let y = box.y + m.padding;
  for (const line of box.title) {
    y += m.titleLineHeight;
    out.push(`<text class="title"${attrs({ x: box.x + m.padding, y: y - Math.round(m.titleLineHeight * 0.28) })}>${esc(line)}</text>`);
  }
  for (const line of box.lines) {
    y += m.lineHeight;
    out.push(`<text${attrs({ x: box.x + m.padding, y: y - Math.round(m.lineHeight * 0.28) })}>${esc(line)}</text>`);
  }
  return out.join("");
}

/**
 * Draws a site's zone graph.
 * @param graph the graph
 * @param options layout sizes
 */
export function zoneDiagramSvg(graph: ZoneGraph, options: LayoutOptions = DEFAULT_LAYOUT): ZoneDiagram {
  const numbered = numberEdges(graph.edges);
  const badge = new Map(numbered.map((e) => [e.id, e.badge]));
  const layout = layoutGrid(
    graph.nodes.map((n) => ({ id: n.id, band: n.band, order: n.order, title: n.title, lines: n.lines })),
    graph.edges.map((e) => ({ id: e.id, a: e.a, b: e.b, badge: badge.get(e.id) as string })),
    options,
  );
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const edges = new Map(graph.edges.map((e) => [e.id, e]));
  const m = layout.metrics;
  const parts: string[] = [
    `<svg class="diagram zone-diagram"${attrs({ viewBox: `0 0 ${layout.width} ${layout.height}`, width: layout.width, height: layout.height, role: "img", "aria-label": "Sơ đồ vùng mạng / Zone diagram" })}>`,
    "<defs>",
    '<marker id="zd-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow"/></marker>',
    "</defs>",
  ];
  // The site's wall: the carriers' entrances sit on it.
  const entrances = layout.boxes.filter((b) => nodes.get(b.id)?.kind === "entrance");
  if (entrances.length > 0) {
    const top = Math.min(...entrances.map((b) => b.y + Math.round(b.h / 2)));
    parts.push(`<rect class="site-wall"${attrs({ x: 6, y: top, width: layout.width - 12, height: layout.height - top - 6, rx: 10 })}/>`);
  }
  for (const r of layout.edges) {
    const e = edges.get(r.id) as GraphEdge;
    const touchesOutside = [e.a, e.b].some((id) => nodes.get(id)?.kind === "external");
    const title = [
      e.forward.length > 0 ? `${e.a} → ${e.b}: ${e.forward.join(", ")}` : "",
      e.backward.length > 0 ? `${e.b} → ${e.a}: ${e.backward.join(", ")}` : "",
    ].filter(Boolean);
    parts.push(
      `<g${attrs({ class: `edge ${e.kind}${touchesOutside && e.kind === "flow" ? " outside" : ""}`, "data-edge": e.id, "data-kind": e.kind, "data-a": e.a, "data-b": e.b, "data-forward": e.forward.join(","), "data-backward": e.backward.join(","), "data-sources": e.sources.join(","), "data-badge": r.badge.text })}>`,
      `<title>${esc(`${r.badge.text}. ${title.join("; ")}`)}</title>`,
      `<polyline${attrs({ points: r.points.map((p) => `${p.x},${p.y}`).join(" "), "marker-end": e.forward.length > 0 ? "url(#zd-arrow)" : undefined, "marker-start": e.backward.length > 0 ? "url(#zd-arrow)" : undefined })}/>`,
      "</g>",
    );
  }
  for (const b of layout.boxes) {
    const n = nodes.get(b.id);
    const within = n?.kind === "zone" ? graph.withinZone.get(b.id.slice("zone:".length)) : undefined;
    parts.push(`<g${attrs({ class: `node ${n?.kind ?? ""} tone-${n?.tone ?? ""}`, "data-node": b.id, "data-kind": n?.kind, "data-within": within?.join(",") })}>`, `<rect${attrs({ x: b.x, y: b.y, width: b.w, height: b.h, rx: n?.kind === "external" ? 14 : 4 })}/>`, boxText(b, m), "</g>");
  }
  for (const r of layout.edges) {
    const { x, y, w, h, text } = r.badge;
    parts.push(
      `<g${attrs({ class: "badge", "data-badge-for": r.id })}><rect${attrs({ x: x - w / 2, y: y - h / 2, width: w, height: h, rx: h / 2 })}/><text${attrs({ x, y: y + Math.round((m.fontSize - 2) * 0.35), "text-anchor": "middle" })}>${esc(text)}</text></g>`,
    );
  }
  parts.push("</svg>");
  return { svg: parts.join(""), edges: numbered, layout };
}
