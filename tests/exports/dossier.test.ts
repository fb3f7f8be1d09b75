import * as path from "node:path";
import { Workbook } from "exceljs";
import { buildDossierTables } from "../../exports/dossier";
import { buildExport } from "../../exports/command";
import { heading, type Table } from "../../exports/table";
import { loadProvince } from "../../inventory/province/loadProvince";
import type { DeviceRole } from "../../inventory/model";
import { PROVINCES } from "./provinceInputs";

const AS_OF = "2026-12-20";
const ROOT = path.resolve(__dirname, "../..");

/** Roles that are not main network or security devices in the dossier's sense (hosts, backup media, clocks, consoles). */
const NOT_MAIN: readonly DeviceRole[] = ["server", "hypervisor", "backup-appliance", "tape-library", "ntp-server", "console-server"];

function table(tables: Table[], id: string): Table {
  const t = tables.find((x) => x.id === id);
  if (!t) throw new Error(`no table ${id}`);
  return t;
}

/** Rows as English heading → cell. */
function records(t: Pick<Table, "columns" | "rows">): Record<string, string | number>[] {
  return t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c.en, r[i]])));
}

const split = (cell: string | number): string[] => (String(cell) === "" ? [] : String(cell).split(", "));

describe("level-3 dossier annex", () => {
  it.each(PROVINCES)("%s: zones, main devices with what they do, services with host, OS and location, as the inventory says", (_, inputs) => {
    for (const input of inputs(AS_OF)) {
      const inv = input.inventory;
      const site = input.site.id;
      const tables = buildDossierTables(input);
      expect(tables.map((t) => t.id)).toEqual(["zones", "vlans", "public-addresses", "tslcd", "uplinks", "main-devices", "services"]);
      const zones = inv.zones.filter((z) => z.site === site);
      expect(records(table(tables, "zones")).map((r) => r.Zone).sort()).toEqual(zones.map((z) => z.id).sort());

      // Main devices: every device at the site but hosts, backup media, clocks and consoles.
      const devices = records(table(tables, "main-devices"));
      const atSite = inv.devices.filter((d) => d.site === site);
      expect(devices.map((d) => d.Device).sort()).toEqual(atSite.filter((d) => !NOT_MAIN.includes(d.role)).map((d) => d.name).sort());
      const row = new Map(devices.map((d) => [String(d.Device), d]));
      for (const z of zones) {
        const enforcers = atSite.filter((d) => d.name === z.enforcedBy || d.haGroup === z.enforcedBy);
        expect(enforcers.length).toBeGreaterThan(0);
        for (const d of enforcers) expect({ zone: z.id, device: d.name, enforces: split(row.get(d.name)?.["Enforces zones"] ?? "").includes(z.id) }).toEqual({ zone: z.id, device: d.name, enforces: true });
        for (const n of z.inline) for (const d of atSite.filter((x) => x.name === n || x.haGroup === n)) expect(split(row.get(d.name)?.["In line for zones"] ?? "")).toContain(z.id);
      }
      for (const u of inv.uplinks.filter((x) => x.site === site)) expect(String(row.get(u.device)?.["Uplinks terminated"])).toContain(u.id);
      for (const d of devices) expect(String(d.Purpose)).not.toBe("");

      // Services: one row per tier of every system at the site, in its zone, with its image and its VMs.
      const services = records(table(tables, "services"));
      const tiers = inv.systems.filter((s) => s.sites.includes(site)).flatMap((s) => s.tiers.map((t) => ({ s, t })));
      expect(services.map((r) => `${r.System}/${r.Tier}`).sort()).toEqual(tiers.map(({ s, t }) => `${s.id}/${t.name}`).sort());
      for (const { s, t } of tiers) {
        const r = services.find((x) => x.System === s.id && x.Tier === t.name) as Record<string, string | number>;
        expect(String(r["Zone/VLAN"]).startsWith(`${t.zone}/`)).toBe(true);
        expect(r.Site).toContain(site);
        expect(r.Level).toBe(s.securityLevel);
        if (t.image) expect(r["Operating system"]).toBe(t.image);
        if (t.form === "vm") {
          const vms = input.compiled.placements.instances.filter((i) => i.system === s.id && i.tier === t.name);
          expect(vms).toHaveLength(t.instances);
          for (const vm of vms) expect(String(r.Host)).toContain(vm.name);
        }
        if (t.form === "container") expect(String(r.Host)).toContain(`Kubernetes ${t.cluster}`);
      }
    }
  });

  it("is written as dossier.xlsx and dossier.md for every stack, and the workbook reads back as the model says", async () => {
    const build = await buildExport({ stacks: ["na-dc1", "vl-dc2"], out: path.join("out", "no-such-folder"), asOf: AS_OF }, ROOT, new Date("2026-12-20T08:00:00Z"));
    if (!build.ok) throw new Error(build.problems.join("\n"));
    for (const target of build.targets) {
      const xlsx = build.files.find((f) => f.path === path.join(target.stack, "dossier.xlsx"));
      const md = build.files.find((f) => f.path === path.join(target.stack, "dossier.md"));
      expect(xlsx && md).toBeTruthy();
      expect(String(md?.content)).toMatch(/^# Phụ lục kỹ thuật hồ sơ đề xuất cấp độ 3 .*\(thiết kế\) \/ Level-3 dossier, technical annex .*\(design\) — /);
      const wb = new Workbook();
      const bytes = xlsx?.content as Buffer;
      await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      const p = loadProvince(target.province, { asOf: AS_OF });
      if (!p.ok) throw new Error("province does not load");
      const inv = p.province.inventory;
      const sheet = (name: string): { head: string[]; rows: unknown[][] } => {
        const ws = wb.getWorksheet(name);
        if (!ws) throw new Error(`no sheet ${name}`);
        const rows = ws.getSheetValues().slice(2) as unknown[][];
        return { head: (ws.getRow(1).values as string[]).slice(1), rows: rows.map((r) => r.slice(1)) };
      };
      const devices = sheet("Thiết bị chính - Devices");
      expect(devices.head[0]).toBe("Thiết bị / Device");
      expect(devices.rows.map((r) => r[0]).sort()).toEqual(inv.devices.filter((d) => d.site === target.site && !NOT_MAIN.includes(d.role)).map((d) => d.name).sort());
      const services = sheet("Dịch vụ - Services");
      expect(services.rows).toHaveLength(inv.systems.filter((s) => s.sites.includes(target.site)).reduce((n, s) => n + s.tiers.length, 0));
      const zones = sheet("Vùng - Zones");
      expect(zones.rows.map((r) => r[0]).sort()).toEqual(inv.zones.filter((z) => z.site === target.site).map((z) => z.id).sort());
      expect(heading({ vi: "Vùng", en: "Zone" })).toBe(zones.head[0]);
    }
  });
});
