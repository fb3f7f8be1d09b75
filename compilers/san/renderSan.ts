import type { FabricZoning, SanPlan } from "./sanPlan";

/**
 * Renderings of a site's SAN configuration: the vendor-neutral document (what the checker and the
 * as-built read), and the zoning as the commands of the two common fabric CLIs (Brocade FOS, Cisco MDS
 * NX-OS), one file per fabric. Pure text from the plan; no vendor detail leaks into the plan itself.
 */

/** Schema id of the vendor-neutral document. */
export const SAN_DOCUMENT_SCHEMA = "hatang.san/v1";

/** The vendor-neutral document: the plan, with its schema id. */
export interface SanDocument extends SanPlan {
  /** Always `hatang.san/v1`. */
  schema: typeof SAN_DOCUMENT_SCHEMA;
}

/**
 * The vendor-neutral document of a plan.
 * @param plan the site's SAN plan
 */
export function sanDocument(plan: SanPlan): SanDocument {
  return { schema: SAN_DOCUMENT_SCHEMA, ...plan };
}

/** The file a fabric's CLI rendering goes to (`<fabric>.fos.txt`, `<fabric>.mds.txt`), or undefined without a CLI. */
export function cliFileName(fabric: Pick<FabricZoning, "fabric" | "cli">): string | undefined {
  if (fabric.cli === "brocade-fos") return `${fabric.fabric}.fos.txt`;
  if (fabric.cli === "cisco-mds") return `${fabric.fabric}.mds.txt`;
  return undefined;
}

/** Comment lines every rendering starts with (what it is, and how to apply it). */
function header(mark: string, site: string, f: FabricZoning, cli: string, how: string[]): string[] {
  return [
    `${mark} hatang — zoning of fabric ${f.fabric} (side ${f.side}${f.vsan !== undefined ? `, VSAN ${f.vsan}` : ""}) at site ${site}, ${cli}.`,
    `${mark} Generated from the inventory: do not edit; change the model and generate again.`,
    `${mark} Switches: ${f.switches.join(", ")}. ${f.zones.length} single-initiator zone(s) in zone set ${f.zoneSet}; devices outside every zone see nothing.`,
    ...how.map((h) => `${mark} ${h}`),
  ];
}

/**
 * Brocade FOS zoning commands of one fabric: default zone no-access, aliases, zones, the configuration, save and enable.
 * @param site site id
 * @param f the fabric's zoning
 */
export function renderBrocadeFos(site: string, f: FabricZoning): string {
  const lines = header("#", site, f, "Brocade Fabric OS", [
    "Run in one session on any switch of the fabric (a new fabric, or after cfgdisable and cfgclear);",
    "cfgsave and cfgenable ask for confirmation.",
  ]);
  lines.push("defzone --noaccess");
  for (const a of f.aliases) lines.push(`alicreate "${a.name}", "${a.wwpn}"`);
  const aliasOf = new Map(f.aliases.map((a) => [a.wwpn, a.name]));
  for (const z of f.zones) lines.push(`zonecreate "${z.name}", "${[z.initiator, ...z.targets].map((w) => aliasOf.get(w) ?? w).join("; ")}"`);
  if (f.zones.length === 0) lines.push("# no zone on this fabric: no configuration to enable");
  else {
    lines.push(`cfgcreate "${f.zoneSet}", "${f.zones[0].name}"`);
    for (const z of f.zones.slice(1)) lines.push(`cfgadd "${f.zoneSet}", "${z.name}"`);
    lines.push("cfgsave", `cfgenable "${f.zoneSet}"`);
  }
  return lines.join("\n") + "\n";
}

/**
 * Cisco MDS NX-OS zoning commands of one fabric (its VSAN): default zone deny, device aliases, zones,
 * the zone set, activation and saving the configuration.
 * @param site site id
 * @param f the fabric's zoning (a VSAN is required: the loader enforces it for `cisco-mds` fabrics)
 */
export function renderCiscoMds(site: string, f: FabricZoning): string {
  if (f.vsan === undefined) throw new Error(`fabric ${f.fabric} has no VSAN: a Cisco MDS rendering needs one`);
  const v = f.vsan;
  const lines = header("!", site, f, "Cisco MDS NX-OS", [
    "Paste in configuration mode on the principal switch of the VSAN; with enhanced zoning, finish with",
    `\`zone commit vsan ${v}\`.`,
  ]);
  lines.push("configure terminal", `no zone default-zone permit vsan ${v}`, "device-alias database");
  for (const a of f.aliases) lines.push(`  device-alias name ${a.name} pwwn ${a.wwpn}`);
  lines.push("device-alias commit");
  const aliasOf = new Map(f.aliases.map((a) => [a.wwpn, a.name]));
  for (const z of f.zones) {
    lines.push(`zone name ${z.name} vsan ${v}`);
    for (const w of [z.initiator, ...z.targets]) lines.push(aliasOf.has(w) ? `  member device-alias ${aliasOf.get(w)}` : `  member pwwn ${w}`);
  }
  if (f.zones.length === 0) lines.push("! no zone on this fabric: no zone set to activate");
  else {
    lines.push(`zoneset name ${f.zoneSet} vsan ${v}`);
    for (const z of f.zones) lines.push(`  member ${z.name}`);
    lines.push(`zoneset activate name ${f.zoneSet} vsan ${v}`);
  }
  lines.push("end", "copy running-config startup-config");
  return lines.join("\n") + "\n";
}

/**
 * The CLI rendering of a fabric, when it declares its CLI.
 * @param site site id
 * @param f the fabric's zoning
 */
export function renderFabricCli(site: string, f: FabricZoning): string | undefined {
  if (f.cli === "brocade-fos") return renderBrocadeFos(site, f);
  if (f.cli === "cisco-mds") return renderCiscoMds(site, f);
  return undefined;
}
