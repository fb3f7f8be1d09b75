/**
 * The devices level 3 puts on zone boundaries, checked at load time with the waivers (like the zone
 * baseline): a database firewall on the path into every database zone (NET-21, Circular 12/2022 Annex III
 * II.1.b.iv), and a WAF in line in front of every published HTTP(S) service (NET-09, Annex III II.1.b.vii).
 * A zone that lacks one is a load error at the zone, unless an active waiver of the control names it
 * (`match: { name: "zone/<site>/<zone>" }`): then it passes and is reported apart.
 */
import type { Device, Inventory } from "../model";
import type { RuleProblem } from "../loader/rules";
import { HTTP_PORTS } from "../loader/rules/boundaries";
import type { Waiver } from "../waivers/waivers";
import { waiveOrReport, type WaivedFinding } from "./waivedFinding";

/** The database-firewall control. */
export const DB_FIREWALL_CONTROL = "NET-21";
/** The WAF control. */
export const WAF_CONTROL = "NET-09";

/** What the check needs. */
export interface BoundaryControlInput {
  inventory: Inventory;
  waivers: readonly Waiver[];
  asOf: string;
  /** The waiver file, for the message. */
  waiverFile: string;
}

function devicesAt(inv: Inventory, site: string, name: string): Device[] {
  return inv.devices.filter((d) => d.site === site && (d.name === name || d.haGroup === name));
}

/**
 * Checks every zone's boundary devices. Pure.
 * @param input inventory, waivers, evaluation date
 */
export function checkBoundaryControls(input: BoundaryControlInput): { problems: RuleProblem[]; waived: WaivedFinding[] } {
  const inv = input.inventory;
  const problems: RuleProblem[] = [];
  const waived: WaivedFinding[] = [];
  inv.zones.forEach((z, zi) => {
    const enforcers = devicesAt(inv, z.site, z.enforcedBy);
    if (enforcers.length === 0) return; // reported by the structural rules
    const onPath = [...enforcers, ...z.inline.flatMap((n) => devicesAt(inv, z.site, n))];
    const subject = `zone/${z.site}/${z.id}`;
    const fix = (control: string): string => `or waive ${control} for it in ${input.waiverFile} (match: { name: "${subject}" }) with a justification, an approver and an expiry`;
    if (z.kind === "db-server" && !onPath.some((d) => d.role === "db-firewall")) {
      const r = waiveOrReport(
        DB_FIREWALL_CONTROL,
        subject,
        ["zones", zi],
        [{ path: ["zones", zi, "enforcedBy"], message: `expected a database firewall (role db-firewall) on the path into database zone "${z.id}" at site "${z.site}": as its enforcer, or in line (zone.inline) (Circular 12/2022 Annex III II.1.b.iv); add one, ${fix(DB_FIREWALL_CONTROL)}`, found: JSON.stringify(z.enforcedBy) }],
        ["no database firewall on the path"],
        input.waivers,
        input.asOf,
      );
      if (r.waived) waived.push(r.waived);
      problems.push(...r.problems);
    }
    const web = inv.systems.flatMap((s, si) =>
      s.sites.includes(z.site)
        ? s.tiers.flatMap((t, ti) => (t.zone === z.id ? t.publish.map((p, pi) => ({ s, t, p, path: ["systems", si, "tiers", ti, "publish", pi] as const })) : [])).filter((x) => x.p.protocol === "tcp" && HTTP_PORTS.includes(x.p.port))
        : [],
    );
    if (web.length > 0 && !onPath.some((d) => d.role === "waf")) {
      const r = waiveOrReport(
        WAF_CONTROL,
        subject,
        ["zones", zi],
        web.map((w) => ({
          path: [...w.path],
          message: `${w.s.id}/${w.t.name} publishes HTTP(S) (tcp/${w.p.port}) at site "${z.site}" but zone "${z.id}" there has no WAF in line: add the WAF pair (role waf) to its \`inline\` (Circular 12/2022 Annex III II.1.b.vii), ${fix(WAF_CONTROL)}`,
          found: `tcp/${w.p.port}`,
        })),
        ["no WAF in line in front of published HTTP(S)"],
        input.waivers,
        input.asOf,
      );
      if (r.waived) waived.push(r.waived);
      problems.push(...r.problems);
    }
  });
  return { problems, waived };
}
