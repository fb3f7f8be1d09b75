/**
 * asbuilt.html opened in Debian's headless Chromium, on every bundled province's stacks and on a generated
 * province: the page is the one `buildExport` writes; Chromium's DOM is read back and compared with what the
 * inventory says (read by this test, not by the export's code); the drawings are measured with the real
 * fonts (a measuring script appended to a copy of the page); a screenshot is saved under out/screenshots/;
 * Chromium's network log shows the page asked for nothing.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildExport } from "../../exports/command";
import { loadProvince } from "../../inventory/province/loadProvince";
import { syntheticProvinceFiles } from "../../inventory/synthetic/syntheticProvince";
import { listStacks, readStackConfig } from "../../offline/stackConfig";
import type { PolicyReport } from "../../offline/reports/reportTypes";
import { chromium, pageRequests, stopAll } from "./chromium";
import { startTagsWith } from "./domScan";
import { expectedDiagram } from "./expectedDiagram";
import { MEASURE_SCRIPT } from "./measureScript";
import { loadCatalogue } from "../../policies/catalogue/load";

const ROOT = path.resolve(__dirname, "../..");
const AS_OF = "2026-12-20";
const NOW = new Date("2026-12-20T08:00:00Z");
const SCREENSHOTS = path.join(ROOT, "out", "screenshots");

/** The table documents written beside asbuilt.html. */
const DOCUMENTS = ["dossier", "annual-report"] as const;

/** Device roles that are not main network or security devices in the dossier's sense. */
const NOT_MAIN: readonly string[] = ["server", "hypervisor", "backup-appliance", "tape-library", "ntp-server", "console-server"];

/** One page to check: where it is and what it describes. */
interface Page {
  label: string;
  root: string;
  stack: string;
  site: string;
  province: string;
  file: string;
}

/** A small policy report for one stack: three controls, one per status family, so the summary can be checked. */
function fixtureReport(stack: string): PolicyReport {
  const control = (id: string, status: PolicyReport["controls"][number]["status"], evaluated: number, failures: number): PolicyReport["controls"][number] => ({
    id,
    group: "network",
    title: { vi: `Yêu cầu ${id}`, en: `Control ${id}` },
    requirement: "r",
    refs: { legacy: [{ basis: "legal", doc: "TCVN 11930:2017", clause: "7.2.1.2" }], current: [{ basis: "legal", doc: "TCVN 14423:2026", clause: "5.12.2.4 d" }] },
    severity: "high",
    verification: ["stack"],
    policy: `vn-l3-${id.toLowerCase()}`,
    status,
    evaluated,
    failures,
    waived: 0,
    affected: [],
    remediation: { vi: "v", en: "e" },
  });
  return {
    schemaVersion: 1,
    pack: { name: "hatang-policies", version: "test" },
    stack,
    province: "na",
    asOf: AS_OF,
    inputs: {},
    summary: { controls: 3, byStatus: { pass: 1, "pass-waived": 0, fail: 1, "not-applicable": 0, "not-assessed": 1 }, findings: 1, waived: 0, mandatoryViolations: 1 },
    controls: [control("NET-01", "pass", 3, 0), control("NET-02", "fail", 4, 1), control("NET-03", "not-assessed", 0, 0)],
    findings: [],
    waivers: { active: [], expired: [] },
  };
}

/** Runs `work` on every item, at most `limit` at a time. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Writes a two-site synthetic province and its stack files into a project folder of its own. */
function syntheticProject(dir: string): void {
  fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  const province = path.join(dir, "inventory", "synthetic");
  fs.mkdirSync(province, { recursive: true });
  for (const f of syntheticProvinceFiles({ sites: 2, systems: 5, devices: 70, vlans: 40 })) fs.writeFileSync(path.join(province, f.file), f.text);
  for (const site of ["dc1", "dc2"]) fs.writeFileSync(path.join(dir, `Pulumi.syn-${site}.yaml`), `config:\n  hatang:site: ${site}\n  hatang:province: inventory/synthetic\n`);
}

/** Exports every stack of a project into `out` and returns its pages. */
async function exportPages(label: string, root: string, out: string, stacks: string[] = []): Promise<Page[]> {
  const build = await buildExport({ stacks, out, asOf: AS_OF }, root, NOW);
  if (!build.ok) throw new Error(build.problems.join("\n"));
  for (const f of build.files.filter((x) => x.path.endsWith(".html"))) {
    fs.mkdirSync(path.dirname(path.join(out, f.path)), { recursive: true });
    fs.writeFileSync(path.join(out, f.path), f.content);
  }
  return build.targets.map((t) => ({ label, root, stack: t.stack, site: t.site, province: t.province, file: path.join(out, t.stack, "asbuilt.html") }));
}

describe("asbuilt.html in headless Chromium", () => {
  let tmp: string;
  const pages: Page[] = [];
  const doms = new Map<string, string>();
  const requests = new Map<string, string[]>();
  /** The dossier's and the annual report's pages, by `<stack>/<document>`: their DOM and their requests. */
  const documents = new Map<string, { dom: string; requests: string[] }>();

  beforeAll(async () => {
    const t0 = Date.now();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hatang-html-"));
    const bundled = path.join(tmp, "bundled");
    fs.mkdirSync(path.join(bundled, "na-dc1"), { recursive: true });
    fs.writeFileSync(path.join(bundled, "na-dc1", "policy-report.json"), JSON.stringify(fixtureReport("na-dc1")));
    pages.push(...(await exportPages("bundled", ROOT, bundled, process.env.DEV_STACKS ? process.env.DEV_STACKS.split(",") : [])));
    const syn = path.join(tmp, "synthetic");
    fs.mkdirSync(syn);
    syntheticProject(syn);
    pages.push(...(await exportPages("synthetic", syn, path.join(syn, "out"))));
    console.log(`exported in ${Date.now() - t0} ms`);
    // One Chromium run per page (it takes seconds to start): the page with the measuring script appended,
    // its DOM dumped, a screenshot taken, its network log kept. A few run at once; they mostly wait.
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await inParallel(pages, 4, async (p) => {
      const copy = path.join(tmp, `${p.stack}.measured.html`);
      fs.writeFileSync(copy, fs.readFileSync(p.file, "utf8").replace("</body>", `${MEASURE_SCRIPT}</body>`));
      const netlog = path.join(tmp, `${p.stack}.netlog.json`);
      const png = path.join(SCREENSHOTS, `asbuilt-${p.stack}.png`);
      fs.rmSync(png, { force: true });
      doms.set(p.stack, await chromium(copy, ["--dump-dom", `--log-net-log=${netlog}`, `--screenshot=${png}`, "--window-size=1600,2400", "--hide-scrollbars"]));
      requests.set(p.stack, pageRequests(netlog));
    });
    await inParallel(
      pages.flatMap((p) => DOCUMENTS.map((d) => ({ p, d }))),
      4,
      async ({ p, d }) => {
        const netlog = path.join(tmp, `${p.stack}.${d}.netlog.json`);
        const dom = await chromium(path.join(path.dirname(p.file), `${d}.html`), ["--dump-dom", `--log-net-log=${netlog}`]);
        documents.set(`${p.stack}/${d}`, { dom, requests: pageRequests(netlog) });
      },
    );
  }, 900_000);

  afterAll(() => {
    // Runs even when beforeAll failed or timed out: no Chromium outlives the suite, no folder is left.
    try {
      stopAll();
    } finally {
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("covers every bundled stack and the generated province's two sites", () => {
    expect(pages.filter((p) => p.label === "bundled").map((p) => p.stack).sort()).toEqual(listStacks(ROOT).sort());
    expect(pages.filter((p) => p.label === "synthetic").map((p) => p.stack)).toEqual(["syn-dc1", "syn-dc2"]);
  });

  it("shows every zone and every rack of the site", () => {
    for (const p of pages) {
      const loaded = loadProvince(p.province, { asOf: AS_OF });
      if (!loaded.ok) throw new Error(`${p.province} does not load`);
      const inv = loaded.province.inventory;
      const dom = doms.get(p.stack) as string;
      const zones = inv.zones.filter((z) => z.site === p.site).map((z) => z.id).sort();
      const racks = inv.racks.filter((r) => r.site === p.site).map((r) => r.id).sort();
      expect(zones.length).toBeGreaterThan(0);
      expect(racks.length).toBeGreaterThan(0);
      const drawnZones = startTagsWith(dom, "data-node").map((t) => t.attrs["data-node"]).filter((n) => n.startsWith("zone:")).map((n) => n.slice(5)).sort();
      expect(drawnZones).toEqual(zones);
      expect(startTagsWith(dom, "data-zone").map((t) => t.attrs["data-zone"]).sort()).toEqual(zones);
      expect(startTagsWith(dom, "data-rack").map((t) => t.attrs["data-rack"]).sort()).toEqual(racks);
      // Every device of every rack, with its power supplies per path.
      const devices = startTagsWith(dom, "data-device").map((t) => [t.attrs["data-device"], t.attrs["data-psu-a"], t.attrs["data-psu-b"]]);
      expect(devices.sort()).toEqual(
        inv.devices
          .filter((d) => d.site === p.site)
          .map((d) => [d.name, String(d.powerSupplies.A ?? 0), String(d.powerSupplies.B ?? 0)])
          .sort(),
      );
    }
  });

  it("draws exactly the nodes and lines the inventory implies", () => {
    for (const p of pages) {
      const loaded = loadProvince(p.province, { asOf: AS_OF });
      if (!loaded.ok) throw new Error(`${p.province} does not load`);
      const want = expectedDiagram(loaded.province.inventory, p.site, AS_OF);
      const dom = doms.get(p.stack) as string;
      expect(new Set(startTagsWith(dom, "data-node").map((t) => t.attrs["data-node"]))).toEqual(want.nodes);
      const edges = startTagsWith(dom, "data-edge").filter((t) => t.name === "g");
      const directed = new Map<string, Set<string>>();
      const uplinks = new Map<string, Set<string>>();
      for (const e of edges) {
        const { "data-a": a, "data-b": b, "data-forward": fwd, "data-backward": bwd, "data-kind": kind, "data-sources": sources } = e.attrs;
        if (kind === "uplink") {
          uplinks.set([a, b].sort().join("|"), new Set(sources.split(",")));
          continue;
        }
        if (fwd) directed.set(`${a}→${b}`, new Set(fwd.split(",")));
        if (bwd) directed.set(`${b}→${a}`, new Set(bwd.split(",")));
      }
      expect(directed).toEqual(want.directed);
      expect(uplinks).toEqual(want.uplinks);
      const within = new Map(startTagsWith(dom, "data-within").map((t) => [t.attrs["data-node"].slice("zone:".length), new Set(t.attrs["data-within"].split(","))]));
      expect(within).toEqual(want.within);
    }
  });

  it("asks for nothing outside the file: no http(s) reference, no request in Chromium's network log", () => {
    for (const p of pages) {
      expect(fs.readFileSync(p.file, "utf8")).not.toMatch(/https?:\/\//i);
      expect(requests.get(p.stack)).toEqual([]);
    }
  });

  it("the network-log check does see a page that fetches (control)", async () => {
    const page = path.join(tmp, "fetching.html");
    fs.writeFileSync(page, '<!DOCTYPE html><html><body><img src="http://hatang-test.invalid/x.png"></body></html>');
    const netlog = path.join(tmp, "fetching.netlog.json");
    await chromium(page, ["--dump-dom", `--log-net-log=${netlog}`]);
    expect(pageRequests(netlog)).toEqual(["http://hatang-test.invalid/x.png"]);
  }, 400_000);

  it("renders without overlaps: boxes, badges, lines, rack slots measured with the real fonts", () => {
    for (const p of pages) {
      const m = /<pre id="measure">([^<]*)<\/pre>/.exec(doms.get(p.stack) as string);
      expect(m).not.toBeNull();
      const result = JSON.parse((m?.[1] ?? "{}").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")) as { problems: string[]; counted: Record<string, number> };
      expect({ stack: p.stack, problems: result.problems }).toEqual({ stack: p.stack, problems: [] });
      expect(result.counted.nodes).toBeGreaterThan(0);
      expect(result.counted.devices).toBeGreaterThan(0);
    }
  });

  it("is titled by its basis, cites what it was made from, and summarises the policy report only where there is one", () => {
    for (const p of pages) {
      const dom = doms.get(p.stack) as string;
      expect(dom).toContain("(thiết kế) / Data center infrastructure record (design)");
      const config = readStackConfig(p.root, p.stack).config;
      expect(dom).toContain(`Lập từ: hồ sơ ${config["hatang:province"]}`);
      expect(dom).toContain(`Made from: inventory ${config["hatang:province"]}`);
      const summary = startTagsWith(dom, "data-compliance").map((t) => t.attrs["data-compliance"]);
      expect(summary).toEqual([p.stack === "na-dc1" ? "evaluated" : "not-evaluated"]);
    }
    const na1 = doms.get("na-dc1") as string;
    for (const [label, n] of [
      ["Đạt / Pass", 1],
      ["Chưa đạt / Fail", 1],
      ["Chưa đánh giá / Not assessed", 1],
      ["Không áp dụng / Not applicable", 0],
    ] as const) {
      expect(na1).toMatch(new RegExp(`<td>${label}</td><td class="num">${n}</td>`));
    }
  });

  it("opens the dossier and the annual report with every table and every row the inventory implies, asking for nothing", () => {
    const controls = loadCatalogue().controls.length;
    for (const p of pages) {
      const loaded = loadProvince(p.province, { asOf: AS_OF });
      if (!loaded.ok) throw new Error(`${p.province} does not load`);
      const inv = loaded.province.inventory;
      const systems = inv.systems.filter((s) => s.sites.includes(p.site));
      const want: Record<string, Record<string, number>> = {
        dossier: {
          zones: inv.zones.filter((z) => z.site === p.site).length,
          "main-devices": inv.devices.filter((d) => d.site === p.site && !NOT_MAIN.includes(d.role)).length,
          services: systems.reduce((n, s) => n + s.tiers.length, 0),
        },
        "annual-report": { "annual-summary": systems.length, "annual-controls": systems.length * controls },
      };
      for (const d of DOCUMENTS) {
        const page = documents.get(`${p.stack}/${d}`);
        expect(page?.requests).toEqual([]);
        const dom = page?.dom ?? "";
        expect(dom).toContain("(thiết kế) / ");
        // Each section's rows, counted in the DOM Chromium built (not in the exporter's attribute).
        const sections = new Map<string, number>();
        for (const m of dom.matchAll(/<section class="document-table" id="([^"]+)"[^>]*>([\s\S]*?)<\/section>/g)) sections.set(m[1], (/<tbody>([\s\S]*?)<\/tbody>/.exec(m[2])?.[1].match(/<tr>/g) ?? []).length);
        for (const [table, rows] of Object.entries(want[d])) expect({ stack: p.stack, table, rows: sections.get(table) }).toEqual({ stack: p.stack, table, rows });
      }
    }
  });

  it("saves a screenshot of each page under out/", () => {
    for (const p of pages) {
      const bytes = fs.readFileSync(path.join(SCREENSHOTS, `asbuilt-${p.stack}.png`));
      expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
      // IHDR: width and height, big-endian, at bytes 16–23.
      expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1600, 2400]);
    }
  });
});
