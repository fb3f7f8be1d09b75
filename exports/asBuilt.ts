import type { AsBuiltInput } from "./input";
import type { Table } from "./table";
import { overviewTable } from "./tables/overview";
import { zonesTable } from "./tables/zones";
import { vlansTable } from "./tables/vlans";
import { devicesTable } from "./tables/devices";
import { racksTable } from "./tables/racks";
import { uplinksTable } from "./tables/uplinks";
import { systemsTable } from "./tables/systems";
import { instancesTable } from "./tables/instances";
import { securityRulesTable } from "./tables/securityRules";
import { flowsTable } from "./tables/flows";
import { backupsTable } from "./tables/backups";
import { tslcdTable } from "./tables/tslcd";
import { sanTables } from "./tables/san";
import { backupJobsTable } from "./tables/backupJobs";
import { disasterRecoveryTable } from "./tables/disasterRecovery";
import { siteBackupJobs } from "../offline/backupJobFiles";
import type { RunManifest } from "./provenance";

/**
 * Every as-built table of one site, in the order an auditor reads them: overview, network, plant, systems, rules, backups.
 * @param input the site's as-built input
 * @param manifest what the report was made from (the overview cites it)
 */
export function buildAsBuiltTables(input: AsBuiltInput, manifest?: RunManifest): Table[] {
  const body = [
    zonesTable(input),
    vlansTable(input),
    tslcdTable(input),
    devicesTable(input),
    racksTable(input),
    uplinksTable(input),
    ...sanTables(input),
    systemsTable(input),
    instancesTable(input),
    securityRulesTable(input),
    flowsTable(input),
    backupsTable(input),
    backupJobsTable(siteBackupJobs(input.inventory, input.site.id)),
    disasterRecoveryTable(input),
  ];
  return [overviewTable(input, body, manifest), ...body];
}
