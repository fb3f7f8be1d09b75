/**
 * Rack elevations as inline SVG, one drawing per row of racks: each rack with its size, power budget and the
 * power paths that feed it (PDU bars A and B on its sides), its devices with their role, the power supplies
 * each device has on each path (tied to the PDU bar), and the HA group of each, with the racks the other
 * members sit in: green when the group spans two racks or more, red when all its members are in one rack.
 *
 * The model records which rack a device is in, not at which unit or how tall it is: devices are listed top
 * down in name order, and the drawing says so. It is not a mounting plan.
 */
import type { Device, Rack } from "../../inventory/model";
import { esc, attrs } from "../html/escape";
import { compareText } from "../table";
import { roleLabel } from "../deviceRoles";
import { textWidth, wrapText } from "./gridLayout";

/** One device as drawn: where the other members of its HA group are. */
export interface RackDevice {
  device: Device;
  /** Racks of the other members of its HA group (sorted); empty without a group. */
  peerRacks: string[];
  /** Every member of its HA group is in this one rack (losing the rack loses the group). */
  oneRack: boolean;
}

/** One rack as drawn. */
export interface RackView {
  rack: Rack;
  devices: RackDevice[];
}

/**
 * The site's racks with their devices and HA peers, racks in id order, devices in name order.
 * @param racks the site's racks
 * @param devices the site's devices
 */
export function rackViews(racks: readonly Rack[], devices: readonly Device[]): RackView[] {
  const groups = new Map<string, Device[]>();
  for (const d of devices) if (d.haGroup) groups.set(d.haGroup, [...(groups.get(d.haGroup) ?? []), d]);
  return [...racks]
    .sort((a, b) => compareText(a.id, b.id))
    .map((rack) => ({
      rack,
      devices: devices
        .filter((d) => d.rack === rack.id)
        .sort((a, b) => compareText(a.name, b.name))
        .map((device) => {
          const others = device.haGroup ? (groups.get(device.haGroup) ?? []).filter((o) => o.name !== device.name) : [];
          return { device, peerRacks: [...new Set(others.map((o) => o.rack))].sort(compareText), oneRack: others.length > 0 && others.every((o) => o.rack === device.rack) };
        }),
    }));
}

const FONT = 11;
const LINE = 15;
const RACK_W = 310;
const PDU_W = 10;
const GAP = 24;
const HEAD_LINES = 3;
const WRAP = Math.floor((RACK_W - 2 * PDU_W - 48) / (FONT * 0.62));

/** The text lines of one device's slot. */
function deviceLines(d: RackDevice): string[] {
  const lines = [...wrapText(d.device.name, WRAP), ...wrapText(roleLabel(d.device.role), WRAP)];
  if (d.device.haGroup) {
    const where = d.peerRacks.length > 0 ? d.peerRacks.join(", ") : "—";
    lines.push(...wrapText(`HA ${d.device.haGroup} ⇄ ${where}${d.oneRack ? " (cả nhóm cùng tủ / whole group in one rack)" : ""}`, WRAP));
  }
  return lines;
}

/** One rack's drawing at (x, y); returns the SVG and its height. */
function rackSvg(view: RackView, x: number, y: number): { svg: string; height: number } {
  const r = view.rack;
  const head = [r.id, r.row, `${r.units}U${r.powerKw !== undefined ? ` · ${r.powerKw} kW` : ""} · nguồn / feeds ${[...r.feeds].sort().join("+")}`].flatMap((l) => wrapText(l, WRAP + 6));
  const headH = Math.max(HEAD_LINES, head.length) * LINE + 10;
  const slots = view.devices.map((d) => ({ d, lines: deviceLines(d) }));
  const bodyH = slots.reduce((h, s) => h + s.lines.length * LINE + 10, 0) + 8;
  const height = headH + Math.max(bodyH, 40);
  const parts: string[] = [`<g${attrs({ class: "rack", "data-rack": r.id, "data-units": r.units, "data-feeds": [...r.feeds].sort().join(",") })}>`];
  parts.push(`<rect class="rack-frame"${attrs({ x, y, width: RACK_W, height, rx: 3 })}/>`);
  head.forEach((l, i) => parts.push(`<text${attrs({ class: i === 0 ? "title" : undefined, x: x + 8, y: y + 16 + i * LINE })}>${esc(l)}</text>`));
  // PDU bars: A on the left, B on the right; a path that does not feed the rack is drawn hollow.
  const top = y + headH;
  for (const path of ["A", "B"] as const) {
    const px = path === "A" ? x + 2 : x + RACK_W - PDU_W - 2;
    const fed = r.feeds.includes(path);
    parts.push(`<rect${attrs({ class: `pdu pdu-${path}${fed ? "" : " absent"}`, "data-pdu": path, x: px, y: top, width: PDU_W, height: height - headH - 4 })}/>`);
    parts.push(`<text${attrs({ class: `pdu-label pdu-${path}`, x: px + PDU_W / 2, y: top - 3, "text-anchor": "middle" })}>${path}</text>`);
  }
  let sy = top + 6;
  for (const { d, lines } of slots) {
    const h = lines.length * LINE + 6;
    const a = d.device.powerSupplies.A ?? 0;
    const b = d.device.powerSupplies.B ?? 0;
    const ha = d.device.haGroup ? (d.oneRack ? " ha-same-rack" : " ha-split") : "";
    parts.push(
      `<g${attrs({ class: `device role-${d.device.role}${ha}`, "data-device": d.device.name, "data-role": d.device.role, "data-psu-a": a, "data-psu-b": b, "data-ha-group": d.device.haGroup, "data-ha-peer-racks": d.device.haGroup ? d.peerRacks.join(",") : undefined })}>`,
    );
    const dx = x + PDU_W + 20;
    const dw = RACK_W - 2 * PDU_W - 40;
    parts.push(`<rect class="slot"${attrs({ x: dx, y: sy, width: dw, height: h, rx: 2 })}/>`);
    lines.forEach((l, i) => parts.push(`<text${attrs({ class: i === 0 ? "name" : i === lines.length - 1 && d.device.haGroup ? "ha" : undefined, x: dx + 6, y: sy + 13 + i * LINE })}>${esc(l)}</text>`));
    // Power cords: one line per path the device draws from, labelled with its supply count.
    const cy = sy + 10;
    if (a > 0) parts.push(`<line class="cord cord-A"${attrs({ x1: x + 2 + PDU_W, y1: cy, x2: dx, y2: cy })}/><text class="psu"${attrs({ x: x + PDU_W + 10, y: cy - 2, "text-anchor": "middle" })}>${a}</text>`);
    if (b > 0) parts.push(`<line class="cord cord-B"${attrs({ x1: dx + dw, y1: cy, x2: x + RACK_W - PDU_W - 2, y2: cy })}/><text class="psu"${attrs({ x: x + RACK_W - PDU_W - 10, y: cy - 2, "text-anchor": "middle" })}>${b}</text>`);
    parts.push("</g>");
    sy += h + 4;
  }
  parts.push("</g>");
  return { svg: parts.join(""), height };
}

/**
 * One SVG per group of racks sharing a row label, racks side by side (wrapping after `perLine`).
 * @param views the racks
 * @param perLine most racks side by side
 */
export function rackElevationsSvg(views: readonly RackView[], perLine = 6): { row: string; svg: string }[] {
  const rows = [...new Set(views.map((v) => v.rack.row))].sort(compareText);
  return rows.map((row) => {
    const inRow = views.filter((v) => v.rack.row === row);
    const parts: string[] = [];
    let y = GAP;
    let width = 0;
    for (let i = 0; i < inRow.length; i += perLine) {
      const line = inRow.slice(i, i + perLine).map((v, k) => rackSvg(v, GAP + k * (RACK_W + GAP), y));
      parts.push(...line.map((l) => l.svg));
      width = Math.max(width, GAP + line.length * (RACK_W + GAP));
      y += Math.max(...line.map((l) => l.height)) + GAP;
    }
    const label = `${row}: ${inRow.length} tủ / racks`;
    width = Math.max(width, Math.ceil(textWidth(label, FONT)) + 2 * GAP);
    return { row, svg: `<svg class="diagram rack-row"${attrs({ viewBox: `0 0 ${width} ${y}`, width, height: y, role: "img", "aria-label": label, "data-row": row })}>${parts.join("")}</svg>` };
  });
}
