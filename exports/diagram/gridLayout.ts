/**
 * A deterministic layout for box-and-line diagrams: boxes on a grid (one band per grid row, wrapped at a
 * column limit), lines routed orthogonally in the gaps between them, never across a box.
 *
 * - Each box takes a cell; cells share one width, so the vertical gaps ("channels") between columns run
 *   the whole height, and the horizontal gaps ("gutters") between rows the whole width. Nothing is drawn
 *   in a gap but lines, so no line crosses a box and no two boxes overlap, by construction.
 * - A line leaves its first box by the bottom (or the top, when the other box is above), runs along a
 *   track of its own in the adjacent gutter, through a track of its own in a channel when the boxes are
 *   more than one row apart, along a track of its own in the gutter next to the other box, and enters it.
 *   Tracks are never shared, so two lines never run on top of each other.
 * - Where a line meets a box it has a port of its own; ports are spread along the side, far enough apart
 *   for the line's badge (its number), which sits just outside the first box.
 * Text is measured with a conservative width per character (no font metrics are available offline);
 * long lines are wrapped at word boundaries to the box's text width.
 */

/** A box to place. */
export interface LayoutNode {
  /** Unique id. */
  id: string;
  /** Band: boxes of one band share grid rows; lower bands are higher up. */
  band: number;
  /** Order inside the band (compared as text). */
  order: string;
  /** First line (bold). */
  title: string;
  /** Further lines (wrapped to the box's width). */
  lines: string[];
}

/** A line to route between two boxes. */
export interface LayoutEdge {
  /** Unique id. */
  id: string;
  /** The box the line starts at (its badge sits there). */
  a: string;
  /** The other box. */
  b: string;
  /** Text of the badge (a short number or code). */
  badge: string;
}

/** Sizes, in pixels. */
export interface LayoutOptions {
  /** Most boxes per grid row. */
  maxColumns: number;
  /** Characters per text line before wrapping. */
  wrapChars: number;
  /** Font size of the body text. */
  fontSize: number;
}

/** Default sizes: readable when printed on A4/A3 landscape. */
export const DEFAULT_LAYOUT: LayoutOptions = { maxColumns: 5, wrapChars: 44, fontSize: 12 };

/** A placed box. */
export interface PlacedBox {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Grid row and column. */
  row: number;
  col: number;
  /** Title, wrapped. */
  title: string[];
  /** Body lines, wrapped. */
  lines: string[];
}

/** A point. */
export interface Point {
  x: number;
  y: number;
}

/** A routed line. */
export interface RoutedEdge {
  id: string;
  a: string;
  b: string;
  /** Polyline from box `a` to box `b` (first point on `a`'s border, last on `b`'s). */
  points: Point[];
  /** The badge: a rounded box centred at (x, y). */
  badge: { x: number; y: number; w: number; h: number; text: string };
}

/** The laid-out diagram. */
export interface Layout {
  width: number;
  height: number;
  boxes: PlacedBox[];
  edges: RoutedEdge[];
  /** Text metrics used, so the renderer draws what was measured. */
  metrics: { fontSize: number; lineHeight: number; titleLineHeight: number; padding: number; titleSize: number };
}

/** Conservative average advance of one character, as a fraction of the font size (wide enough for capitals and diacritics). */
export const CHAR_WIDTH_EM = 0.62;
const MARGIN = 16;
const TRACK = 9;
const BADGE_H = 16;
const BADGE_GAP = 6;
const BAND = BADGE_H + 2 * BADGE_GAP;
const CHANNEL_PAD = 10;

/**
 * Wraps a line at spaces to at most `width` characters (a longer word stands on a line of its own, cut).
 * @param text the line
 * @param width characters per line
 */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    const pieces = word.match(new RegExp(`.{1,${width}}`, "gu")) ?? [word];
    for (const piece of pieces) {
      if (line.length === 0) line = piece;
      else if (line.length + 1 + piece.length <= width) line = `${line} ${piece}`;
      else {
        out.push(line);
        line = piece;
      }
    }
  }
  if (line.length > 0 || out.length === 0) out.push(line);
  return out;
}

/**
 * The width a text takes at a font size, by the conservative per-character advance.
 * @param text the text
 * @param fontSize font size in pixels
 */
export function textWidth(text: string, fontSize: number): number {
  return [...text].length * fontSize * CHAR_WIDTH_EM;
}

type Side = "top" | "bottom";

interface EdgePlan {
  edge: LayoutEdge;
  sa: Side;
  sb: Side;
  /** Gutter next to `a`, gutter next to `b` (the same one for a single-gutter route). */
  ga: number;
  gb: number;
  /** Channel, for routes across more than one row. */
  channel?: number;
}

/**
 * Lays `cells` cells out along one axis with a gap before, between and after them, from the margin:
 * where each gap and each cell starts, and where the drawing ends (margin included).
 * @param cells how many cells
 * @param gap the size of gap k (0…cells)
 * @param cell the size of cell k
 */
function stripes(cells: number, gap: (k: number) => number, cell: (k: number) => number): { gaps: number[]; cells: number[]; end: number } {
  const gaps: number[] = [];
  const starts: number[] = [];
  let at = MARGIN;
  for (let k = 0; k <= cells; k++) {
    gaps.push(at);
    at += gap(k);
    if (k < cells) {
      starts.push(at);
      at += cell(k);
    }
  }
  return { gaps, cells: starts, end: at + MARGIN };
}

/**
 * Lays out boxes and routes the lines between them. Pure and deterministic: the same nodes and edges give
 * the same layout whatever order they are passed in.
 * @param nodes boxes
 * @param edges lines (both ends must be boxes; a line from a box to itself is refused)
 * @param options sizes
 */
export function layoutGrid(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[], options: LayoutOptions = DEFAULT_LAYOUT): Layout {
  const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  const sorted = [...nodes].sort((x, y) => x.band - y.band || cmp(x.order, y.order) || cmp(x.id, y.id));
  const bands = [...new Set(sorted.map((n) => n.band))];
  const columns = Math.max(1, Math.min(options.maxColumns, Math.max(0, ...bands.map((b) => sorted.filter((n) => n.band === b).length))));
  // Grid rows: each band's boxes, `columns` at a time.
  const cell = new Map<string, { row: number; col: number }>();
  let rows = 0;
  for (const b of bands) {
    const inBand = sorted.filter((n) => n.band === b);
    inBand.forEach((n, i) => cell.set(n.id, { row: rows + Math.floor(i / columns), col: i % columns }));
    rows += Math.ceil(inBand.length / columns);
  }
  const byId = new Map(sorted.map((n) => [n.id, n]));
  const problems = edges.filter((e) => !byId.has(e.a) || !byId.has(e.b) || e.a === e.b).map((e) => e.id);
  if (problems.length > 0) throw new Error(`layoutGrid: lines without two distinct boxes: ${problems.join(", ")}`);

  // Routes: sides, gutters (gutter g lies above grid row g) and channels (channel k lies left of column k).
  const orderedEdges = [...edges].sort((x, y) => cmp(x.id, y.id));
  const plans: EdgePlan[] = orderedEdges.map((edge) => {
    const ca = cell.get(edge.a) as { row: number; col: number };
    const cb = cell.get(edge.b) as { row: number; col: number };
    const down = cb.row >= ca.row;
    const sa: Side = down ? "bottom" : "top";
    const sb: Side = cb.row > ca.row ? "top" : "bottom";
    const ga = down ? ca.row + 1 : ca.row;
    const gb = cb.row > ca.row ? cb.row : cb.row + 1;
    if (ga === gb) return { edge, sa, sb, ga, gb };
    const middle = (ca.col + cb.col + 1) / 2;
    return { edge, sa, sb, ga, gb, channel: Math.min(columns, Math.max(0, Math.round(middle))) };
  });

  // Tracks: one per line per gutter or channel it runs in, in line order.
  const gutterTracks = new Map<number, string[]>();
  const channelTracks = new Map<number, string[]>();
  const push = (map: Map<number, string[]>, k: number, id: string): void => {
    const list = map.get(k) ?? [];
    if (!list.includes(id)) list.push(id);
    map.set(k, list);
  };
  for (const p of plans) {
    push(gutterTracks, p.ga, `${p.edge.id}#a`);
    if (p.gb !== p.ga) push(gutterTracks, p.gb, `${p.edge.id}#b`);
    if (p.channel !== undefined) push(channelTracks, p.channel, p.edge.id);
  }

  // Ports: every end of a line on a box side, sorted by where the line goes, so lines cross less.
  const ends = new Map<string, { key: number; id: string; end: "a" | "b" }[]>();
  for (const p of plans) {
    const ca = cell.get(p.edge.a) as { row: number; col: number };
    const cb = cell.get(p.edge.b) as { row: number; col: number };
    const toward = (other: { col: number }): number => (p.channel !== undefined ? p.channel - 0.5 : other.col);
    const sideA = `${p.edge.a}/${p.sa}`;
    const sideB = `${p.edge.b}/${p.sb}`;
    ends.set(sideA, [...(ends.get(sideA) ?? []), { key: toward(cb), id: p.edge.id, end: "a" }]);
    ends.set(sideB, [...(ends.get(sideB) ?? []), { key: toward(ca), id: p.edge.id, end: "b" }]);
  }
  for (const list of ends.values()) list.sort((x, y) => x.key - y.key || cmp(x.id, y.id) || cmp(x.end, y.end));

  // Box sizes: wide enough for the text and for the ports of its busier side.
  const fontSize = options.fontSize;
  const titleSize = fontSize + 1;
  const lineHeight = Math.round(fontSize * 1.35);
  const titleLineHeight = Math.round(titleSize * 1.35);
  const padding = 8;
  const badgeWidth = (text: string): number => Math.ceil(textWidth(text, fontSize - 2) + 8);
  const widestBadge = Math.max(24, ...orderedEdges.map((e) => badgeWidth(e.badge)));
  const portGap = widestBadge + 6;
  const wrapped = new Map(sorted.map((n) => [n.id, { title: wrapText(n.title, options.wrapChars), lines: n.lines.flatMap((l) => wrapText(l, options.wrapChars)) }]));
  const size = new Map(
    sorted.map((n) => {
      const t = wrapped.get(n.id) as { title: string[]; lines: string[] };
      const textW = Math.max(...t.title.map((l) => textWidth(l, titleSize) * 1.08), ...t.lines.map((l) => textWidth(l, fontSize)), 60);
      const ports = Math.max((ends.get(`${n.id}/top`) ?? []).length, (ends.get(`${n.id}/bottom`) ?? []).length);
      const w = Math.ceil(Math.max(textW + 2 * padding, (ports + 1) * portGap));
      const h = Math.ceil(2 * padding + t.title.length * titleLineHeight + t.lines.length * lineHeight);
      return [n.id, { w, h }];
    }),
  );
  const cellWidth = Math.max(...[...size.values()].map((s) => s.w));
  const rowHeight = Array.from({ length: rows }, (_, r) => Math.max(0, ...sorted.filter((n) => cell.get(n.id)?.row === r).map((n) => size.get(n.id)?.h ?? 0)));
  const gutterHeight = (g: number): number => 2 * BAND + Math.max(1, (gutterTracks.get(g) ?? []).length) * TRACK;
  const channelWidth = (k: number): number => 2 * CHANNEL_PAD + (channelTracks.get(k) ?? []).length * TRACK;

  // Coordinates: channel k starts at channelX[k], column c at colX[c]; gutter g starts at gutterY[g], row r at rowY[r].
  const across = stripes(columns, channelWidth, () => cellWidth);
  const down = stripes(rows, gutterHeight, (r) => rowHeight[r]);
  const [channelX, colX, width] = [across.gaps, across.cells, across.end];
  const [gutterY, rowY, height] = [down.gaps, down.cells, down.end];

  const boxes: PlacedBox[] = sorted.map((n) => {
    const c = cell.get(n.id) as { row: number; col: number };
    const s = size.get(n.id) as { w: number; h: number };
    const t = wrapped.get(n.id) as { title: string[]; lines: string[] };
    return { id: n.id, x: colX[c.col] + Math.floor((cellWidth - s.w) / 2), y: rowY[c.row], w: s.w, h: s.h, row: c.row, col: c.col, title: t.title, lines: t.lines };
  });
  const boxById = new Map(boxes.map((b) => [b.id, b]));

  const portX = (box: PlacedBox, side: Side, id: string, end: "a" | "b"): number => {
    const list = ends.get(`${box.id}/${side}`) ?? [];
    const i = list.findIndex((e) => e.id === id && e.end === end);
    // Bottom ports on even, top ports on odd pixels: a line leaving one box downwards never runs on top of
    // a line entering the box below it upwards, whatever their widths.
    const at = box.x + Math.round(((i + 1) * box.w) / (list.length + 1));
    const parity = side === "bottom" ? 0 : 1;
    return Math.abs(at % 2) === parity ? at : at + 1;
  };
  const edgeY = (box: PlacedBox, side: Side): number => (side === "top" ? box.y : box.y + box.h);
  const gutterTrackY = (g: number, key: string): number => gutterY[g] + BAND + ((gutterTracks.get(g) ?? []).indexOf(key) + 0.5) * TRACK;
  const channelTrackX = (k: number, id: string): number => channelX[k] + CHANNEL_PAD + ((channelTracks.get(k) ?? []).indexOf(id) + 0.5) * TRACK;

  const routed: RoutedEdge[] = plans.map((p) => {
    const a = boxById.get(p.edge.a) as PlacedBox;
    const b = boxById.get(p.edge.b) as PlacedBox;
    const px = portX(a, p.sa, p.edge.id, "a");
    const qx = portX(b, p.sb, p.edge.id, "b");
    const ay = edgeY(a, p.sa);
    const by = edgeY(b, p.sb);
    const y1 = gutterTrackY(p.ga, `${p.edge.id}#a`);
    const points: Point[] = [{ x: px, y: ay }, { x: px, y: y1 }];
    if (p.channel !== undefined) {
      const cx = channelTrackX(p.channel, p.edge.id);
      const y2 = gutterTrackY(p.gb, `${p.edge.id}#b`);
      points.push({ x: cx, y: y1 }, { x: cx, y: y2 }, { x: qx, y: y2 });
    } else {
      points.push({ x: qx, y: y1 });
    }
    points.push({ x: qx, y: by });
    const bw = badgeWidth(p.edge.badge);
    const badgeY = p.sa === "bottom" ? ay + BADGE_GAP + BADGE_H / 2 : ay - BADGE_GAP - BADGE_H / 2;
    return { id: p.edge.id, a: p.edge.a, b: p.edge.b, points: dropRepeats(points), badge: { x: px, y: badgeY, w: bw, h: BADGE_H, text: p.edge.badge } };
  });
  return { width, height, boxes, edges: routed, metrics: { fontSize, lineHeight, titleLineHeight, padding, titleSize } };
}

/** Removes consecutive repeated points (a straight drop needs no corner). */
function dropRepeats(points: Point[]): Point[] {
  return points.filter((pt, i) => i === 0 || pt.x !== points[i - 1].x || pt.y !== points[i - 1].y);
}
