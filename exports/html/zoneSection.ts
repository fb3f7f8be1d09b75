import type { AsBuiltInput } from "../input";
import { zoneGraph } from "../diagram/zoneGraph";
import { zoneDiagramSvg, type ZoneDiagram } from "../diagram/zoneDiagramSvg";
import { headingHtml, tableHtml } from "./tableHtml";
import { esc } from "./escape";

/**
 * The zone diagram section: the drawing, how to read it, and the legend of its numbered lines.
 * @param input the site's as-built input
 */
export function zoneSection(input: AsBuiltInput): { html: string; diagram: ZoneDiagram } {
  const diagram = zoneDiagramSvg(zoneGraph(input));
  const legend = tableHtml({
    columns: [
      { vi: "Số", en: "No." },
      { vi: "Đầu A", en: "End A" },
      { vi: "Đầu B", en: "End B" },
      { vi: "A → B", en: "A → B" },
      { vi: "B → A", en: "B → A" },
      { vi: "Luồng hoặc đường truyền", en: "Flows or uplinks" },
    ],
    rows: diagram.edges.map((e) => [e.badge, e.a, e.b, e.forward.join(", "), e.backward.join(", "), e.sources.join(", ")]),
  }, "zone-legend");
  const html = [
    `<section class="zones" id="zones">`,
    headingHtml(2, "1. Sơ đồ vùng mạng", "Zone diagram"),
    `<p class="note">Mỗi hộp là một vùng mạng của điểm ${esc(input.site.id)} với thiết bị (hoặc nhóm HA) thực thi ranh giới và các thiết bị nội tuyến; phía trên là các mạng bên ngoài, điểm vào cáp của nhà mạng (trên tường bao của điểm) và thiết bị kết cuối đường truyền. Mỗi đường nối hai vùng gộp mọi luồng được phép giữa chúng (mũi tên chỉ chiều); số trên đường tra ở bảng chú giải. <span class="en">Each box is a zone of site ${esc(input.site.id)} with the device (or HA group) enforcing its boundary and the devices in line on it; above are the outside networks, the carriers' entrances (on the site's wall) and the devices the uplinks terminate on. Each line between two zones aggregates every allowed flow between them (arrows show the direction); look its number up in the legend.</span></p>`,
    `<div class="figure">${diagram.svg}</div>`,
    headingHtml(3, "Chú giải đường nối", "Legend of the lines"),
    legend,
    "</section>",
  ].join("\n");
  return { html, diagram };
}
