import fc from "fast-check";
import { layoutGrid, textWidth, wrapText, type Layout, type LayoutEdge, type LayoutNode } from "../../exports/diagram/gridLayout";

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Open rectangles intersect. */
function overlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** An axis-parallel segment runs through the inside of a rectangle (touching its border does not count). */
function throughInside(p: { x: number; y: number }, q: { x: number; y: number }, r: Rect): boolean {
  if (p.x === q.x) return p.x > r.x && p.x < r.x + r.w && Math.max(p.y, q.y) > r.y && Math.min(p.y, q.y) < r.y + r.h;
  return p.y > r.y && p.y < r.y + r.h && Math.max(p.x, q.x) > r.x && Math.min(p.x, q.x) < r.x + r.w;
}

/** Two axis-parallel segments share a piece of positive length. */
function collinearOverlap(a: [{ x: number; y: number }, { x: number; y: number }], b: [{ x: number; y: number }, { x: number; y: number }]): boolean {
  const vertical = (s: typeof a): boolean => s[0].x === s[1].x;
  if (vertical(a) !== vertical(b)) return false;
  if (vertical(a)) return a[0].x === b[0].x && Math.min(Math.max(a[0].y, a[1].y), Math.max(b[0].y, b[1].y)) > Math.max(Math.min(a[0].y, a[1].y), Math.min(b[0].y, b[1].y));
  return a[0].y === b[0].y && Math.min(Math.max(a[0].x, a[1].x), Math.max(b[0].x, b[1].x)) > Math.max(Math.min(a[0].x, a[1].x), Math.min(b[0].x, b[1].x));
}

/** Every way a layout can be wrong, as messages (empty when right). Written without the layout's own helpers. */
function layoutProblems(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[], layout: Layout): string[] {
  const problems: string[] = [];
  const boxes = new Map(layout.boxes.map((b) => [b.id, b]));
  if (layout.boxes.length !== nodes.length) problems.push("not every node has a box");
  layout.boxes.forEach((a, i) => {
    if (a.x < 0 || a.y < 0 || a.x + a.w > layout.width || a.y + a.h > layout.height) problems.push(`box ${a.id} outside the drawing`);
    for (const b of layout.boxes.slice(i + 1)) if (overlap(a, b)) problems.push(`boxes ${a.id} and ${b.id} overlap`);
    const m = layout.metrics;
    const needed = Math.max(...a.title.map((l) => textWidth(l, m.titleSize) * 1.08), ...a.lines.map((l) => textWidth(l, m.fontSize)));
    if (a.w < needed + 2 * m.padding) problems.push(`box ${a.id} narrower than its text`);
    if (a.h < 2 * m.padding + a.title.length * m.titleLineHeight + a.lines.length * m.lineHeight) problems.push(`box ${a.id} lower than its text`);
  });
  const segments: { edge: string; s: [{ x: number; y: number }, { x: number; y: number }] }[] = [];
  for (const e of layout.edges) {
    const a = boxes.get(e.a) as Rect;
    const b = boxes.get(e.b) as Rect;
    const first = e.points[0];
    const last = e.points[e.points.length - 1];
    if (!(first.x > a.x && first.x < a.x + a.w && (first.y === a.y || first.y === a.y + a.h))) problems.push(`line ${e.id} does not start on the top or bottom of ${e.a}`);
    if (!(last.x > b.x && last.x < b.x + b.w && (last.y === b.y || last.y === b.y + b.h))) problems.push(`line ${e.id} does not end on the top or bottom of ${e.b}`);
    for (let k = 0; k + 1 < e.points.length; k++) {
      const [p, q] = [e.points[k], e.points[k + 1]];
      if (p.x !== q.x && p.y !== q.y) problems.push(`line ${e.id} has a slanted segment`);
      for (const box of layout.boxes) if (throughInside(p, q, box)) problems.push(`line ${e.id} runs through box ${box.id}`);
      segments.push({ edge: e.id, s: [p, q] });
    }
    for (const box of layout.boxes) if (overlap(badgeRect(e.badge), box)) problems.push(`badge of ${e.id} over box ${box.id}`);
  }
  segments.forEach((x, i) => {
    for (const y of segments.slice(i + 1)) if (x.edge !== y.edge && collinearOverlap(x.s, y.s)) problems.push(`lines ${x.edge} and ${y.edge} run on top of each other`);
  });
  layout.edges.forEach((e, i) => {
    for (const f of layout.edges.slice(i + 1)) if (overlap(badgeRect(e.badge), badgeRect(f.badge))) problems.push(`badges of ${e.id} and ${f.id} overlap`);
  });
  if (new Set(edges.map((e) => e.id)).size !== layout.edges.length) problems.push("not every edge is routed");
  return problems;
}

function badgeRect(b: { x: number; y: number; w: number; h: number }): Rect {
  return { x: b.x - b.w / 2, y: b.y - b.h / 2, w: b.w, h: b.h };
}

/** Random diagrams: up to 14 boxes in up to 6 bands, lines between distinct boxes (one per pair). */
// Vietnamese letters listed one by one: the range à-ỹ would also take U+1680, a space, and break words.
const diagram = fc
  .array(fc.record({ band: fc.nat(5), title: fc.stringMatching(/^[a-zàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ -]{1,40}$/), lines: fc.array(fc.stringMatching(/^[a-zA-Zàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ0-9:/. -]{0,90}$/), { maxLength: 5 }) }), { minLength: 2, maxLength: 14 })
  .chain((raw) => {
    const nodes: LayoutNode[] = raw.map((r, i) => ({ id: `n${i}`, band: r.band, order: String(i).padStart(2, "0"), title: r.title, lines: r.lines }));
    const pairs = nodes.flatMap((a, i) => nodes.slice(i + 1).map((b) => [a.id, b.id] as const));
    return fc.tuple(fc.constant(nodes), fc.subarray(pairs, { maxLength: Math.min(30, pairs.length) }), fc.integer({ min: 1, max: 6 }), fc.boolean());
  })
  .map(([nodes, pairs, maxColumns, flip]) => ({
    nodes,
    edges: pairs.map(([a, b], i): LayoutEdge => ({ id: `e${i}`, a: flip && i % 2 === 1 ? b : a, b: flip && i % 2 === 1 ? a : b, badge: String(i + 1) })),
    maxColumns,
  }));

describe("grid layout", () => {
  it("never overlaps boxes, never runs a line through a box or on top of another, keeps badges clear", () => {
    fc.assert(
      fc.property(diagram, ({ nodes, edges, maxColumns }) => {
        const layout = layoutGrid(nodes, edges, { maxColumns, wrapChars: 30, fontSize: 12 });
        expect(layoutProblems(nodes, edges, layout)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it("gives the same drawing whatever order the boxes and lines come in", () => {
    fc.assert(
      fc.property(diagram, fc.integer(), ({ nodes, edges, maxColumns }, seed) => {
        const shuffle = <T>(xs: readonly T[]): T[] => xs.map((x, i) => ({ x, k: (i * 7919 + seed) % 104729 })).sort((p, q) => p.k - q.k).map((p) => p.x);
        const options = { maxColumns, wrapChars: 30, fontSize: 12 };
        expect(layoutGrid(shuffle(nodes), shuffle(edges), options)).toEqual(layoutGrid(nodes, edges, options));
      }),
      { numRuns: 60 },
    );
  });

  it("puts bands on separate rows, top down, and wraps a band at the column limit", () => {
    const nodes: LayoutNode[] = [
      ...["a", "b", "c"].map((id, i) => ({ id, band: 2, order: String(i), title: id, lines: [] })),
      { id: "top", band: 0, order: "0", title: "top", lines: [] },
    ];
    const layout = layoutGrid(nodes, [], { maxColumns: 2, wrapChars: 20, fontSize: 12 });
    const at = new Map(layout.boxes.map((b) => [b.id, [b.row, b.col]]));
    expect(Object.fromEntries(at)).toEqual({ top: [0, 0], a: [1, 0], b: [1, 1], c: [2, 0] });
  });

  it("refuses a line from a box to itself or to a box that does not exist", () => {
    const nodes: LayoutNode[] = [{ id: "a", band: 0, order: "0", title: "a", lines: [] }];
    expect(() => layoutGrid(nodes, [{ id: "x", a: "a", b: "a", badge: "1" }])).toThrow("lines without two distinct boxes: x");
    expect(() => layoutGrid(nodes, [{ id: "y", a: "a", b: "zz", badge: "1" }])).toThrow("lines without two distinct boxes: y");
  });
});

describe("wrapText", () => {
  it("keeps every word, in order, within the width (a longer word is cut)", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-zàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]{1,15}$/), { maxLength: 20 }), fc.integer({ min: 4, max: 40 }), (words, width) => {
        const lines = wrapText(words.join(" "), width);
        for (const l of lines) expect([...l].length).toBeLessThanOrEqual(width);
        expect(lines.join(" ").replace(/ /g, "")).toBe(words.join(""));
      }),
    );
  });
});
