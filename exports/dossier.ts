/**
 * The level-3 dossier's technical annex of one site (Decree 331/2026 Art. 22.3d): the system's zones and IP
 * plan including the public addresses, the main network and security devices with their purpose, and the
 * services with their host, operating system and location. Written as `dossier.xlsx` (one sheet per part)
 * and `dossier.md`, Vietnamese headings with English beside them.
 */
import type { AsBuiltInput } from "./input";
import type { Table } from "./table";
import type { DocumentTitle } from "./markdown";
import { zonesTable } from "./tables/zones";
import { vlansTable } from "./tables/vlans";
import { publicAddressesTable } from "./tables/publicAddresses";
import { tslcdTable } from "./tables/tslcd";
import { uplinksTable } from "./tables/uplinks";
import { mainDevicesTable } from "./tables/mainDevices";
import { servicesTable } from "./tables/services";

/** The annex's title (the basis is added where it is shown). */
export const DOSSIER_TITLE: DocumentTitle = {
  vi: "Phụ lục kỹ thuật hồ sơ đề xuất cấp độ 3 (NĐ 331/2026, Điều 22.3d)",
  en: "Level-3 dossier, technical annex (Decree 331/2026, Art. 22.3d)",
};

/**
 * The annex's parts, in the order the decree lists them: zones, IP plan with public addresses, the carriers'
 * networks, main network and security devices, services.
 * @param input the site's as-built input
 */
export function buildDossierTables(input: AsBuiltInput): Table[] {
  return [zonesTable(input), vlansTable(input), publicAddressesTable(input), tslcdTable(input), uplinksTable(input), mainDevicesTable(input), servicesTable(input)];
}
