/**
 * A script a test appends to a copy of a page before Chromium renders it: it measures the drawings with the
 * browser's real font metrics and writes every problem it finds into `<pre id="measure">` (JSON), which
 * `--dump-dom` then prints. Problems: two boxes of the zone diagram overlapping, a text line outside its box,
 * a badge over a box or another badge, a line crossing the inside of a box, a rack's text outside its frame
 * or slot, two racks overlapping.
 */
export const MEASURE_SCRIPT = `<script>(() => {
  const num = (el, a) => Number(el.getAttribute(a));
  const rectOf = (r) => ({ x: num(r, "x"), y: num(r, "y"), w: num(r, "width"), h: num(r, "height") });
  const overlap = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  const inside = (i, o) => i.x >= o.x - 0.5 && i.y >= o.y - 0.5 && i.x + i.w <= o.x + o.w + 0.5 && i.y + i.h <= o.y + o.h + 0.5;
  const bb = (el) => { const b = el.getBBox(); return { x: b.x, y: b.y, w: b.width, h: b.height }; };
  const problems = [];
  const counted = { nodes: 0, texts: 0, badges: 0, segments: 0, devices: 0 };
  for (const svg of document.querySelectorAll("svg.zone-diagram")) {
    const nodes = [...svg.querySelectorAll("g.node")].map((g) => ({ id: g.dataset.node, r: rectOf(g.querySelector("rect")), texts: [...g.querySelectorAll("text")] }));
    counted.nodes += nodes.length;
    nodes.forEach((n, i) => {
      for (const t of n.texts) { counted.texts++; if (!inside(bb(t), n.r)) problems.push("text outside box " + n.id + ": " + t.textContent); }
      for (const m of nodes.slice(i + 1)) if (overlap(n.r, m.r)) problems.push("boxes overlap: " + n.id + " and " + m.id);
    });
    const badges = [...svg.querySelectorAll("g.badge")].map((g) => ({ id: g.dataset.badgeFor, r: rectOf(g.querySelector("rect")), t: g.querySelector("text") }));
    counted.badges += badges.length;
    badges.forEach((b, i) => {
      if (!inside(bb(b.t), b.r)) problems.push("badge text outside its badge: " + b.id);
      for (const n of nodes) if (overlap(b.r, n.r)) problems.push("badge " + b.id + " over box " + n.id);
      for (const c of badges.slice(i + 1)) if (overlap(b.r, c.r)) problems.push("badges overlap: " + b.id + " and " + c.id);
    });
    for (const g of svg.querySelectorAll("g.edge")) {
      const pts = g.querySelector("polyline").getAttribute("points").trim().split(/\\s+/).map((p) => p.split(",").map(Number));
      for (let k = 0; k + 1 < pts.length; k++) {
        counted.segments++;
        for (const n of nodes) {
          const r = n.r;
          const [p, q] = [pts[k], pts[k + 1]];
          const x1 = Math.min(p[0], q[0]), x2 = Math.max(p[0], q[0]), y1 = Math.min(p[1], q[1]), y2 = Math.max(p[1], q[1]);
          // Strictly inside the box (touching its border where a line ends is fine).
          if (x2 > r.x && x1 < r.x + r.w && y2 > r.y && y1 < r.y + r.h && ((x1 === x2 && x1 > r.x && x1 < r.x + r.w) || (y1 === y2 && y1 > r.y && y1 < r.y + r.h))) problems.push("line " + g.dataset.edge + " crosses box " + n.id);
        }
      }
    }
  }
  for (const svg of document.querySelectorAll("svg.rack-row")) {
    const racks = [...svg.querySelectorAll("g.rack")].map((g) => ({ g, id: g.dataset.rack, r: rectOf(g.querySelector("rect.rack-frame")) }));
    racks.forEach((k, i) => {
      for (const m of racks.slice(i + 1)) if (overlap(k.r, m.r)) problems.push("racks overlap: " + k.id + " and " + m.id);
      for (const t of k.g.querySelectorAll(":scope > text")) if (!inside(bb(t), k.r)) problems.push("rack text outside frame " + k.id + ": " + t.textContent);
      for (const d of k.g.querySelectorAll("g.device")) {
        counted.devices++;
        const slot = rectOf(d.querySelector("rect.slot"));
        if (!inside(slot, k.r)) problems.push("device slot outside rack " + k.id + ": " + d.dataset.device);
        for (const t of d.querySelectorAll("text:not(.psu)")) if (!inside(bb(t), slot)) problems.push("device text outside slot " + d.dataset.device + ": " + t.textContent);
      }
    });
  }
  const pre = document.createElement("pre");
  pre.id = "measure";
  pre.textContent = JSON.stringify({ problems, counted });
  document.body.appendChild(pre);
})();</script>`;
