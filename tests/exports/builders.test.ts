import { siteBackupJobs } from "../../offline/backupJobFiles";
import { provinceBackupFlows } from "../../compilers/backup/jobFlows";
import { Address6 } from "ip-address";
import { buildAsBuiltTables } from "../../exports/asBuilt";
import { asBuiltInput } from "../../exports/input";
import { heading, type Table } from "../../exports/table";
import { isDualCorded } from "../../exports/tables/devices";
import { flowStatus, serviceText } from "../../exports/tables/flows";
import { portRange } from "../../exports/labels";
import { ZONE_KIND_NAMES } from "../../exports/zoneNames";
import { ZoneKind } from "../../inventory/model";
import { AS_OF, exampleInput, exampleProvince } from "./exampleInput";

const SITES = ["na-dc1", "na-dc2"] as const;

function byId(tables: Table[], id: string): Table {
  const t = tables.find((x) => x.id === id);
  if (!t) throw new Error(`no table ${id}`);
  return t;
}

/** A column's cells by its English heading. */
function column(t: Table, en: string): Array<string | number> {
  const i = t.columns.findIndex((c) => c.en === en);
  if (i < 0) throw new Error(`no column ${en} in ${t.id}`);
  return t.rows.map((r) => r[i]);
}

/** A row as heading → cell. */
function record(t: Table, row: Array<string | number>): Record<string, string | number> {
  return Object.fromEntries(t.columns.map((c, i) => [c.en, row[i]]));
}

describe.each(SITES)("as-built tables of the example province at %s", (site) => {
  const input = exampleInput(site);
  const inv = input.inventory;
  const tables = buildAsBuiltTables(input);

  it("has one row per model object in every table", () => {
    const atSite = <T extends { site: string }>(xs: T[]): number => xs.filter((x) => x.site === site).length;
    expect(byId(tables, "zones").rows).toHaveLength(atSite(inv.zones));
    expect(byId(tables, "vlans").rows).toHaveLength(inv.zones.filter((z) => z.site === site).reduce((n, z) => n + z.vlans.length, 0));
    expect(byId(tables, "devices").rows).toHaveLength(atSite(inv.devices));
    expect(byId(tables, "racks").rows).toHaveLength(atSite(inv.racks));
    expect(byId(tables, "uplinks").rows).toHaveLength(atSite(inv.uplinks));
    expect(byId(tables, "systems").rows).toHaveLength(inv.systems.filter((s) => s.sites.includes(site)).length);
    expect(byId(tables, "instances").rows).toHaveLength(input.compiled.placements.instances.length);
    expect(byId(tables, "security-rules").rows).toHaveLength(input.compiled.securityGroups.reduce((n, g) => n + g.rules.length, 0));
    // The inventory's flows and the backup job plan's at this site.
    expect(byId(tables, "flows").rows).toHaveLength(inv.flows.length + provinceBackupFlows(inv).flows.filter((f) => f.site === input.site.id).length);
    expect(byId(tables, "backups").rows).toHaveLength(inv.backupPolicies.length);
    // One row per job of the site's job plan (the appliance's jobs.csv), each job once; the DR table: every
    // system that runs here or names this site to recover at.
    const jobs = siteBackupJobs(inv, site);
    expect(byId(tables, "backup-jobs").rows.map((r) => r[0])).toEqual(jobs.map((j) => j.id));
    expect(new Set(jobs.map((j) => j.id)).size).toBe(jobs.length);
    const drSystems = inv.systems.filter((s) => s.sites.includes(site) || s.disasterRecovery?.site === site).map((s) => s.id).sort();
    expect(byId(tables, "disaster-recovery").rows.map((r) => r[0])).toEqual(drSystems);
    // Every TSLCD prefix of the site's plan: level I (both families) and the province's level-II blocks.
    expect(byId(tables, "tslcd").rows).toHaveLength(input.plan.tslcd.length);
    // Non-trivial: the example has something in every table.
    for (const t of tables) expect(t.rows.length).toBeGreaterThan(0);
  });

  it("gives every row exactly one cell per column and every column a Vietnamese and an English heading", () => {
    for (const t of tables) {
      for (const r of t.rows) expect(r).toHaveLength(t.columns.length);
      for (const c of t.columns) {
        expect(c.vi.trim()).not.toBe("");
        expect(c.en.trim()).not.toBe("");
        expect(heading(c)).toBe(`${c.vi} / ${c.en}`);
        // One " / " only, between two different texts: a reader must see where Vietnamese ends.
        expect([c.vi.includes(" / "), c.en.includes(" / "), c.vi === c.en]).toEqual([false, false, false]);
      }
      // Vietnamese first: the headings of every table carry Vietnamese diacritics somewhere.
      expect(t.columns.map((c) => c.vi).join(" ")).toMatch(/[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]/i);
    }
  });

  it("keeps numbers as numbers in numeric columns", () => {
    for (const t of tables) {
      t.columns.forEach((c, i) => {
        if (c.type === "integer") for (const r of t.rows) expect(r[i] === "" || Number.isInteger(r[i])).toBe(true);
      });
    }
  });

  it("writes every IPv6 address and prefix in canonical form", () => {
    const isIpv6 = (c: string | number): c is string => typeof c === "string" && /^[0-9a-f]*:[0-9a-f:]*(\/\d{1,3})?$/i.test(c);
    // Fibre Channel WWPNs look like colon-hex too, but are not addresses: their columns say so.
    const cells = tables.flatMap((t) => t.rows.flatMap((r) => r.filter((_, i) => !t.columns[i].en.includes("WWPN")))).filter(isIpv6);
    expect(cells.length).toBeGreaterThan(20);
    for (const c of cells) {
      const [addr, len] = c.split("/");
      expect(new Address6(addr).correctForm() + (len ? `/${len}` : "")).toBe(c);
    }
  });

  it("names each zone's level-3 kind in Vietnamese and its blocks from the plan", () => {
    const zones = byId(tables, "zones");
    for (const row of zones.rows) {
      const r = record(zones, row);
      expect(r["Level-3 zone (Vietnamese)"]).toBe(ZONE_KIND_NAMES[r.Kind as ZoneKind].vi);
      const block = input.plan.zones.find((b) => b.zone === r.Zone);
      expect([r["IPv4 block"], r["IPv6 block"]]).toEqual([block?.ipv4, block?.ipv6]);
    }
    expect(zones.rows.map((row) => record(zones, row)).find((r) => r.Kind === "dmz")?.["Level-3 zone (Vietnamese)"]).toBe("Vùng DMZ");
  });

  it("counts dual-corded devices per rack from the devices' power supplies", () => {
    const racks = byId(tables, "racks");
    for (const row of racks.rows) {
      const r = record(racks, row);
      const inRack = inv.devices.filter((d) => d.rack === r.Rack);
      expect(r.Devices).toBe(inRack.length);
      expect(r["Dual-corded devices"]).toBe(inRack.filter(isDualCorded).length);
    }
  });

  it("gives every instance a distinct address inside its VLAN's IPv4 pool", () => {
    const t = byId(tables, "instances");
    const subnets = new Map(input.plan.subnets.map((s) => [`${s.zone}-${s.vlanName}`, s]));
    const toInt = (a: string): number => a.split(".").reduce((n, o) => n * 256 + Number(o), 0);
    for (const row of t.rows) {
      const r = record(t, row);
      const pool = subnets.get(String(r.Network))?.ipv4.pool;
      expect(pool).toBeDefined();
      const a = toInt(String(r["IPv4 address"]));
      expect(a >= toInt(pool?.start ?? "") && a <= toInt(pool?.end ?? "")).toBe(true);
    }
    expect(new Set(column(t, "IPv4 address")).size).toBe(t.rows.length);
  });

  it("counts the rows of every other table in the overview", () => {
    const overview = tables[0];
    expect(overview.id).toBe("overview");
    for (const t of tables.slice(1)) {
      const row = overview.rows.find((r) => r[0] === `Số dòng: ${t.titleVi} / Rows: ${t.titleEn}`);
      expect(row?.[1]).toBe(t.rows.length);
    }
  });
});

describe("known rows of the example province", () => {
  const tables = buildAsBuiltTables(exampleInput("na-dc1"));

  it("gives VLAN 300 (dmz-web) at na-dc1 exactly the plan's prefixes, gateways and pool", () => {
    const vlans = byId(tables, "vlans");
    const subnet = exampleProvince().addressPlan.sites.find((s) => s.site === "na-dc1")?.subnets.find((s) => s.vlanId === 300);
    const row = vlans.rows.find((r) => r[0] === 300);
    expect(row).toBeDefined();
    const r = record(vlans, row ?? []);
    expect(r).toMatchObject({
      Name: subnet?.vlanName,
      Zone: subnet?.zone,
      "IPv4 prefix": subnet?.ipv4.prefix,
      "IPv4 gateway": subnet?.ipv4.gateway,
      "IPv4 pool": `${subnet?.ipv4.pool.start} – ${subnet?.ipv4.pool.end}`,
      "IPv6 prefix": subnet?.ipv6.prefix,
      "IPv6 gateway": subnet?.ipv6.gateway,
      "IPv6 mode": subnet?.ipv6Mode,
    });
    // The lock file pins these prefixes: they are the as-built values, not whatever the allocator picks next.
    expect([r.Name, r["IPv4 prefix"], r["IPv6 prefix"]]).toEqual(["dmz-web", "10.16.60.0/25", "2001:db8:100:502::/64"]);
  });

  it("shows the carrier's TSLCD prefixes with their assignment dates", () => {
    const t = byId(tables, "tslcd");
    expect(t.rows.map((r) => r[0])).toEqual(exampleInput("na-dc1").plan.tslcd.map((x) => x.prefix));
    // The model's fixed prefixes keep their assignment dates.
    expect(t.rows.filter((r) => r[4] !== "").map((r) => [r[0], r[4]])).toEqual([["10.250.0.0/24", "2024-03-15"], ["10.250.4.0/22", "2024-03-15"], ["10.250.12.0/24", "2024-09-02"]]);
  });

  it("names the group a rule trusts instead of its internal key", () => {
    const rules = byId(tables, "security-rules");
    const remotes = column(rules, "Remote").filter((c) => typeof c === "string" && c.startsWith("nhóm / group "));
    expect(remotes.length).toBeGreaterThan(0);
    for (const r of remotes) expect(r).toMatch(/^nhóm \/ group na-dc1-(tier|k8s)-/);
  });

  it("rejects a site the inventory does not have, naming the sites it has", () => {
    const p = exampleProvince();
    const r = asBuiltInput(p.inventory, p.addressPlan.sites, "na-dc9", AS_OF);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe('site "na-dc9" is not in the inventory (sites there: na-dc1, na-dc2); set hatang:site in the stack file to one of them');
  });
});

describe("cell helpers", () => {
  it("writes port ranges the way people do", () => {
    expect([portRange(443, 443), portRange(8000, 8010), portRange(undefined, undefined)]).toEqual(["443", "8000–8010", ""]);
  });

  it("flags a flow whose expiry is before the report date, not on it", () => {
    expect(flowStatus("2026-04-30", "2026-05-01")).toBe("Đã hết hạn / Expired");
    expect(flowStatus("2026-05-01", "2026-05-01")).toBe("Còn hiệu lực / Valid");
    expect(flowStatus(undefined, "2026-05-01")).toBe("Không thời hạn / No expiry");
  });

  it("shows what a service opens", () => {
    const services = new Map([
      ["https", { name: "https", protocol: "tcp" as const, port: 443 }],
      ["ping", { name: "ping", protocol: "icmp" as const }],
      ["ephemeral", { name: "ephemeral", protocol: "udp" as const, portMin: 49152, portMax: 65535 }],
    ]);
    expect(["https", "ping", "ephemeral", "unknown"].map((s) => serviceText(s, services))).toEqual(["https (tcp/443)", "ping (icmp)", "ephemeral (udp/49152–65535)", "unknown"]);
  });
});
