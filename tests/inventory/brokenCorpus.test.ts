import * as fs from "node:fs";
import { formatProblem } from "../../inventory/loader";
import { allocateAddressPlan } from "../../inventory/addressing";
import type { Problem } from "../../inventory/loader";
import { BROKEN_DIR, loadBrokenCase } from "./helpers/overlay";

/** What `npm run validate` finds in a case: the loader's stages, then (on a model that loads) the address plan. */
function problemsOf(caseName: string): Problem[] {
  const result = loadBrokenCase(caseName);
  if (!result.ok) return result.problems;
  const plan = allocateAddressPlan(result.inventory, undefined, result.sources);
  return plan.ok ? [] : plan.problems;
}

/**
 * The broken-inventory corpus: each folder under `broken/` lays a few files over the small valid
 * fixture (same name replaces, new name joins); each must yield exactly these problems, written as
 * `npm run validate` prints them: `file:line:col  path  message (found: ...)`.
 */
const EXPECTED: Record<string, string[]> = {
  // Issue 14: what `addressplan` rejected while `validate` said "valid", text that garbles reports, root causes not cascades.
  "text-control-characters": [
    "zz-case.yaml:2:24  agencies[3].name  expected text without control characters (U+0000–U+001F other than tab and line breaks, U+007F–U+009F) or bidirectional overrides (U+202A–U+202E, U+2066–U+2069) (found: \"Sở Tư pháp\\u0007\")",
    "zz-case.yaml:3:24  agencies[4].name  expected text without control characters (U+0000–U+001F other than tab and line breaks, U+007F–U+009F) or bidirectional overrides (U+202A–U+202E, U+2066–U+2069) (found: \"Sở Y tế \\u202E\")",
  ],
  "vlan-prefix-host-bits": [
    "zones.yaml:9:91  zones[0].vlans[0].prefix.ipv4  host bits are set (the address is not aligned on a /27 boundary); did you mean 10.16.0.0/27? (found: 10.16.0.5/27)",
  ],
  "vlan-prefix-wrong-family": [
    "zones.yaml:9:91  zones[0].vlans[0].prefix.ipv4  expected an IPv4 prefix here, found an IPv6 one (found: 2001:db8:100:10::/64)",
  ],
  "aggregates-overlap": [
    "sites.yaml:22:26  sites[1].aggregates.ipv4[0]  IPv4 aggregate 10.17.0.0/16 of site \"dc2\" overlaps aggregate 10.16.0.0/14 of site \"dc1\" (found: 10.17.0.0/16)",
  ],
  "aggregate-too-small": [
    "sites.yaml:11:25  sites[0].aggregates.ipv4  the IPv4 aggregates 10.16.0.0/26 of site \"dc1\" is too small: 6 blocks do not fit (the pod range of cluster \"dc1-k8s\" at site \"dc1\" a /16; the service range of cluster \"dc1-k8s\" at site \"dc1\" a /20; zone \"app\" at site \"dc1\" a /22; the infrastructure block (links, loopbacks) of site \"dc1\" a /24; zone \"db\" at site \"dc1\" a /25; zone \"dmz\" at site \"dc1\" a /25), 71168 addresses in all, and when the first did not fit 64 addresses are free and the largest free block is a /26; widen the aggregate or add another",
  ],
  "tslcd-inside-zone": [
    "zones.yaml:3:5  zones[0]  10.16.0.0/26 for zone \"dmz\" at site \"dc1\" overlaps TSLCD prefix 10.16.0.0/24 (CV-12) (found: 10.16.0.0/26)",
  ],
  "aggregate-host-bits": [
    "sites.yaml:22:26  sites[1].aggregates.ipv4[0]  IPv4 aggregate of site \"dc2\": host bits are set (the address is not aligned on a /14 boundary); did you mean 10.20.0.0/14? (found: 10.20.0.1/14)",
  ],
  "vlan-prefix-outside-aggregate": [
    "zones.yaml:3:5  zones[0]  10.99.0.0/26 (the smallest block of its size holding the explicit VLAN prefixes 10.99.0.0/27) for zone \"dmz\" at site \"dc1\" is outside the IPv4 aggregates 10.16.0.0/14 of site \"dc1\" (found: 10.99.0.0/26)",
  ],
  "tslcd-prefix-wrong-family": [
    "sites.yaml:13:19  sites[0].tslcd[0].prefix  expected the IPv4 prefix (write its IPv6 twin under `ipv6` of the same entry) (found: 2001:db8:f200::/56)",
    "sites.yaml:13:47  sites[0].tslcd[0].ipv6  expected the IPv6 twin of the prefix (found: 10.240.0.0/24)",
  ],
  "text-ansi-escape": [
    "zz-case.yaml:2:24  agencies[3].name  expected text without control characters (U+0000–U+001F other than tab and line breaks, U+007F–U+009F) or bidirectional overrides (U+202A–U+202E, U+2066–U+2069) (found: \"Sở Nội vụ \\u001b[31m\")",
  ],
  "vlan-prefix-too-small": [
    "zones.yaml:9:91  zones[0].vlans[0].prefix.ipv4  10.16.0.0/29 for VLAN \"dmz-web\" (110) of zone \"dmz\" at site \"dc1\": its pool holds 2 addresses after the gateway and reserved range, but the VLAN declares 30 hosts (found: 10.16.0.0/29)",
  ],
  "vlan-prefix-overlap": [
    "zones.yaml:3:5  zones[0]  10.16.0.0/25 for zone \"dmz\" at site \"dc1\" overlaps zone \"app\" at site \"dc1\" (found: 10.16.0.0/25)",
  ],
  "public-prefix-host-bits": [
    "sites.yaml:23:30  sites[1].publicPrefixes.ipv4[0]  public IPv4 prefix of site \"dc2\": host bits are set (the address is not aligned on a /27 boundary); did you mean 203.0.113.32/27? (found: 203.0.113.33/27)",
  ],
  "text-c1-control": [
    "zones.yaml:6:11  zones[0].name  expected text without control characters (U+0000–U+001F other than tab and line breaks, U+007F–U+009F) or bidirectional overrides (U+202A–U+202E, U+2066–U+2069) (found: \"DMZ\\u0085công cộng\")",
  ],
  "tslcd-prefix-host-bits": [
    "sites.yaml:13:19  sites[0].tslcd[0].prefix  TSLCD prefix of site \"dc1\": host bits are set (the address is not aligned on a /24 boundary); did you mean 10.240.0.0/24? (found: 10.240.0.7/24)",
  ],
  "cluster-incomplete": [
    "zz-case.yaml:2:5  clusters[1].controlPlane  missing required field \"controlPlane\" (count and flavor of the control-plane nodes; or mark the cluster external: true)",
    "zz-case.yaml:5:11  clusters[1].vlan  expected a VLAN name of zone \"app\" at site \"dc1\" (did you mean \"app-k8s\"?) (found: \"app-k8z\")",
    "zz-case.yaml:7:12  clusters[1].image  expected an image listed in security.approvedImages (ubuntu-24.04-hardened) (found: \"ubuntu-20.04\")",
    "zz-case.yaml:8:34  clusters[1].apiEndpoint.loadBalancer  expected a device of role load-balancer at site \"dc1\" (found: \"dc1-lb\")",
    "zz-case.yaml:9:64  clusters[1].automationHosts[1].system  expected a system id defined under systems (found: \"nosuch\")",
    "zz-case.yaml:10:74  clusters[1].cni.ports[0].portMax  expected a last port at least the first (8472) (found: 8000)",
  ],
  "cluster-reserved-pool": [
    "zz-case.yaml:7:28  clusters[1].controlPlane.count  expected 1, 3 or 5 control-plane nodes (etcd keeps a majority of an odd number) (found: 2)",
    "zz-case.yaml:9:17  clusters[1].nodePools[0].name  \"control-plane\" names the control plane's nodes; choose another pool name (found: \"control-plane\")",
  ],
  "system-kind-twice": [
    "zz-case.yaml:15:11  systems[3].kind  a province runs one system of kind \"lgsp\": mark one of the two for consolidation into the other (consolidation: survivor, retireBy) (first defined at zz-case.yaml:4)",
  ],
  "consolidation-survivor-other-kind": [
    "zz-case.yaml:13:32  systems[2].consolidation.survivor  expected a survivor of the same kind (email); \"portal\" is of kind none (found: \"portal\")",
    "zz-case.yaml:25:32  systems[3].consolidation.survivor  expected a survivor that stays; \"mail-old\" is itself consolidated into \"portal\" (found: \"mail-old\")",
  ],
  "aggregate-outside-address-space": [
    "sites.yaml:22:48  sites[1].aggregates.ipv6[0]  expected an aggregate inside the province's address space (2001:db8:100::/40) (found: \"2001:db8:200::/48\")",
  ],
  "agency-parent-cycle": [
    "zz-case.yaml:3:72  agencies[4].parent  expected a parent chain that ends: UBND-TINH → VPUBND → UBND-TINH (found: \"VPUBND\")",
  ],
  "district-in-force": [
    "zz-case.yaml:2:5  agencies[3].ceased  missing required field \"ceased\": the district level was abolished on 2025-07-01 (Resolution 202/2025/QH15); keep the unit as history with the date it ceased and its successors",
  ],
  "agency-successor-unknown": [
    "zz-case.yaml:2:97  agencies[3].successors[0]  expected an agency code defined under agencies (did you mean \"UBND-XA-KH\"?) (found: \"UBND-XA-KHH\")",
  ],
  "agency-lineage-backwards": [
    "zz-case.yaml:4:82  agencies[5].successors[0]  expected a successor that outlived this unit (ceased 2024-01-01); \"SO-B\" ceased on 2023-01-01 (found: \"SO-B\")",
  ],
  "owner-lineage-splits": [
    "zz-case.yaml:8:12  systems[2].owner  expected one owner in force; \"STTTT-2024\" ceased on 2025-03-01 and its lineage leads to SKHCN, SVHTT: name the one that owns the system now (found: \"STTTT-2024\")",
  ],
  "admin-code-digits": [
    "zz-case.yaml:2:76  agencies[3].adminCode  expected a 5-digit administrative-unit code for a ward (found: \"143\")",
    "zz-case.yaml:3:62  agencies[4].adminCode  expected no administrative-unit code: a department is not an administrative unit (found: \"37\")",
    "zz-case.yaml:4:77  agencies[5].adminCode  duplicate administrative-unit code \"14548\": two units in force cannot share it (first defined at tenants.yaml:5)",
  ],
  "two-primary-sites": [
    "zz-case.yaml:4:11  sites[2].role  expected one primary site; \"dc1\" is the primary already (another site serving production is \"secondary\") (found: \"primary\")",
    "zz-case.yaml:9:15  sites[2].retireBy  expected no retireBy: only a \"retiring\" site has one (this one is \"primary\") (found: \"2027-06-30\")",
  ],
  "retiring-without-date": [
    "zz-case.yaml:2:5  sites[2].retireBy  missing required field \"retireBy\": a retiring site gives the date it is to be emptied by",
  ],
  "agency-parent-former": [
    "zz-case.yaml:2:95  agencies[3].parent  expected a parent in force; \"UBND-HUYEN-YK\" ceased on 2025-07-01 (it became UBND-XA-KH) (found: \"UBND-HUYEN-YK\")",
    "zz-case.yaml:3:93  agencies[4].parent  expected a province-level body as parent (communes, wards and special zones are directly under the province since 2025-07-01); \"UBND-XA-KH\" is a commune (found: \"UBND-XA-KH\")",
  ],
  "wwpn-format": [
    "zz-case.yaml:2:151  devices[9].sanPorts[0].wwpn  expected a WWPN: 8 colon-separated hex bytes starting with NAA type 1, 2, 5 or 6 (e.g. \"10:00:00:10:9b:1a:2b:3c\") (found: \"10:00:00:10:9b:1a:2b\")",
    "zz-case.yaml:2:204  devices[9].sanPorts[1].wwpn  expected a WWPN: 8 colon-separated hex bytes starting with NAA type 1, 2, 5 or 6 (e.g. \"10:00:00:10:9b:1a:2b:3c\") (found: \"10:00:00:10:9b:1a:2b:3g\")",
  ],
  "wwpn-duplicate": [
    "zz-case.yaml:3:151  devices[10].sanPorts[0].wwpn  duplicate WWPN 10:00:00:10:9b:1a:2b:3c: every Fibre Channel port has its own (first defined at zz-case.yaml:2)",
  ],
  "pool-reserved-for-other": [
    "zz-case.yaml:17:104  systems[2].tiers[0].storagePool  system \"mail\" may not use pool dc1-logs (reserved for system \"lgsp\") (found: \"dc1-logs\")",
  ],
  "storage-tier-only-reserved": [
    "zz-case.yaml:17:104  systems[2].tiers[0].storageTier  no pool of media tier \"nl-sas\" at site \"dc1\" that system \"mail\" may use (pools considered: dc1-a-logs (reserved for system \"lgsp\")) (found: \"nl-sas\")",
  ],
  "log-store-without-owner": [
    "zz-case.yaml:6:86  storageArrays[1].pools[0].purpose  a log-store pool is reserved for the system that keeps the logs: set reservedFor (found: \"log-store\")",
  ],
  "lun-host-two-systems": [
    "zz-case.yaml:27:60  systems[3].luns[0].hosts[0]  host \"dc1-db-01\" already serves the LUNs of system \"mail\": a host belongs to one system, so no host sees another's storage (Circular 12/2022 Art. 9.9c) (first defined at zz-case.yaml:15) (found: \"dc1-db-01\")",
    "zz-case.yaml:27:71  systems[3].luns[0].hosts[1]  expected a host (server, hypervisor, backup-appliance, siem); \"dc1-fw-db\" is a db-firewall (found: \"dc1-fw-db\")",
  ],
  "cisco-fabric-without-vsan": [
    "zz-case.yaml:2:84  sanFabrics[2].cli  a Cisco MDS fabric names the VSAN its zones live in: set vsan (2–4093) (found: \"cisco-mds\")",
    "zz-case.yaml:3:103  sanFabrics[3].vsan  vsan applies to Cisco MDS fabrics (cli: cisco-mds) only (found: 20)",
  ],
  "replication-same-site": [
    "zz-case.yaml:2:50  storageReplication[0].target  expected an array at another site than the source's (\"dc1\"): replication protects against losing a site (found: \"dc1-array\")",
    "zz-case.yaml:2:67  storageReplication[0].mode  asynchronous replication names its cycle: set intervalMinutes (found: \"asynchronous\")",
  ],
  // Issue 12: the site's cloud API is one bare-metal tier (what the Cinder backup jobs' path leads to).
  "cloud-api-not-bare-metal": [
    'zz-case.yaml:11:70  systems[2].tiers[0].form  expected "bare-metal" for a cloud-api tier: the cloud\'s API runs on the controllers that build the cloud, never on a VM or pod of it (found: "vm")',
  ],
  "cloud-api-twice": [
    'zz-case.yaml:21:28  systems[3].tiers[0].role  expected one cloud-api tier at site "dc2"; cloud/api is already its cloud\'s API (found: "cloud-api")',
  ],
  "storage-pool-and-tier": [
    "zz-case.yaml:11:126  systems[2].tiers[0].storageTier  storagePool and storageTier are mutually exclusive, and cannot both be set (found: \"ssd\")",
  ],
  "volumes-without-source": [
    "zz-case.yaml:11:86  systems[2].tiers[0].volumeGiB  a tier with volumes names where they come from: storagePool (one site) or storageTier (every site of the system) (found: 100)",
  ],
  "storage-tier-missing-at-site": [
    "zz-case.yaml:11:104  systems[2].tiers[0].storageTier  expected a pool of media tier \"nl-sas\" at site \"dc1\" (system \"mail\" runs there) (found: \"nl-sas\")",
  ],
  "vlan-physnet-ambiguous": [
    "zz-case.yaml:18:15  zones[5].vlans[0].id  expected the VLAN id to fall in exactly one physnet range of site \"dc3\" (physnet1 100..999, physnet2 500..1999), or name one with `physnet` (found: 600)",
  ],
  "agency-unknown-parent": [
    "zz-case.yaml:2:73  agencies[3].parent  expected an agency code defined under agencies (did you mean \"UBND-HUYEN-YK\"?) (found: \"UBND-HUYEN-YM\")",
  ],
  "backup-unknown-zone": [
    "zz-case.yaml:7:17  backupPolicies[1].targetZone  expected a zone id defined under zones (did you mean \"backup\"?) (found: \"bakup\")",
  ],
  // Issue 12: every backup copy is somewhere real (a site, and one device that holds backups or one zone there).
  "backup-copy-nowhere": [
    "zz-case.yaml:6:30  backupPolicies[1].copies[0].site  expected a site id defined under sites (did you mean \"dc1\"?) (found: \"dc9\")",
    "zz-case.yaml:7:40  backupPolicies[1].copies[1].device  expected a device at site \"dc2\"; device \"dc1-array-01\" stands at site \"dc1\" (found: \"dc1-array-01\")",
    "zz-case.yaml:8:44  backupPolicies[1].copies[2].device  expected a device that holds backups (backup-appliance, tape-library, storage-array); \"dc1-fw-db\" is a db-firewall (found: \"dc1-fw-db\")",
    "zz-case.yaml:9:9  backupPolicies[1].copies[3]  expected exactly one of device or zone: where copy \"floating\" of backup policy \"weekly\" is kept (found: neither)",
    "zz-case.yaml:10:41  backupPolicies[1].copies[4].zone  expected a zone id defined at site \"dc2\" (found: \"backup\")",
    "zz-case.yaml:11:9  backupPolicies[1].copies[5]  expected exactly one of device or zone: where copy \"tape\" of backup policy \"weekly\" is kept (found: device dc1-array-01 and zone backup)",
    "zz-case.yaml:11:15  backupPolicies[1].copies[5].id  expected copy ids unique within backup policy \"weekly\"; \"tape\" is used twice (first defined at zz-case.yaml:7)",
  ],
  "container-tier-without-cluster": [
    "zz-case.yaml:11:9  systems[2].tiers[0].cluster  missing required field \"cluster\" (a container tier names its Kubernetes cluster)",
  ],
  "device-rack-other-site": [
    "zz-case.yaml:2:42  devices[9].rack  expected a rack at site \"dc2\"; rack \"dc1-r01\" is at site \"dc1\" (found: \"dc1-r01\")",
  ],
  "duplicate-key": [
    "zz-case.yaml:4:5  (top level)  duplicate key \"id\": a key may appear once in a mapping",
  ],
  "duplicate-site-id": [
    "zz-case.yaml:2:9  sites[2].id  duplicate site id \"dc2\": it must be unique (first defined at sites.yaml:15)",
  ],
  "duplicate-vlan-id": [
    "zz-case.yaml:8:15  zones[5].vlans[0].id  duplicate VLAN id 120 on physnet \"physnet1\" at site \"dc1\" (first defined at zones.yaml:16)",
  ],
  "duplicate-vlan-name": [
    "zz-case.yaml:8:26  zones[5].vlans[0].name  duplicate VLAN name \"db\" at site \"dc1\" (first defined at zones.yaml:25)",
  ],
  "encrypted-volume-type-unknown": [
    "province.yaml:8:35  security.encryptedVolumeTypes[1]  expected a storage pool id or backend defined under storageArrays[].pools (found: \"nvme-enc\")",
  ],
  "enum-typo": [
    "zz-case.yaml:5:11  devices[9].role  expected one of \"core-switch\", \"access-switch\", \"core-firewall\", \"edge-firewall\", \"waf\", \"db-firewall\", \"ips\", \"anti-ddos\", \"router\", \"load-balancer\", \"san-switch\", \"storage-array\", \"server\", \"hypervisor\", \"backup-appliance\", \"tape-library\", \"network-tap\", \"nac\", \"siem\", \"ntp-server\", \"jump-host\", \"console-server\" (did you mean \"ips\"?) (found: \"ipss\")",
  ],
  "fabric-switch-wrong-role": [
    "zz-case.yaml:2:67  sanFabrics[2].switches[0]  expected a device with role \"san-switch\"; \"dc1-rtr-01\" is a router (found: \"dc1-rtr-01\")",
  ],
  "flow-endpoint-ambiguous": [
    "zz-case.yaml:3:11  flows[2].from  expected exactly one of zone, system or external (found: zone and system)",
    "zz-case.yaml:4:33  flows[2].to.tier  expected a tier of system \"portal\" (found: \"api\")",
  ],
  "flow-tier-without-system": [
    "zz-case.yaml:3:30  flows[2].from.tier  expected \"system\" with \"tier\": a tier belongs to a system (found: \"app\")",
  ],
  "flow-unknown-service": [
    "zz-case.yaml:5:16  flows[2].services[0]  expected a service name defined under services (did you mean \"https\"?) (found: \"htps\")",
  ],
  "ha-group-of-one": [
    "zz-case.yaml:2:94  devices[9].haGroup  expected an HA group of at least two devices; \"dc1-waf\" has only this one (found: \"dc1-waf\")",
  ],
  "image-not-approved": [
    "zz-case.yaml:11:50  systems[2].tiers[0].image  expected an image listed in security.approvedImages (ubuntu-24.04-hardened) (found: \"windows-2012\")",
  ],
  "list-key-not-list": [
    "zz-case.yaml:2:3  agencies  expected a list under \"agencies\" (items written \"- ...\") (found: a mapping with keys code, name, kind)",
  ],
  "log-retention-too-short": [
    "province.yaml:7:21  security.logRetentionDays  logs must be kept at least 90 days (3 months: TCVN 11930:2017 7.2.1.4, 7.2.2.3; TCVN 14423:2026 5.8.2.1) (found: 30)",
  ],
  "missing-province": [
    "flows.yaml:1:1  province  missing required field \"province\" (expected a mapping (key: value lines))",
  ],
  "missing-required-field": [
    "zz-case.yaml:2:5  racks[3].row  missing required field \"row\" (expected text)",
  ],
  "number-where-text-expected": [
    "zz-case.yaml:2:93  devices[9].serial  expected text (put it in quotes: YAML read it as a number or true/false) (found: 13015687557)",
  ],
  "physnet-range-reversed": [
    "zz-case.yaml:9:50  sites[2].physnets[0].vlanMax  expected vlanMax at least vlanMin (900) (found: 100)",
  ],
  "province-twice": [
    "zz-case.yaml:1:1  province  \"province\" is already given in province.yaml:2; it may appear in one file only",
  ],
  "publish-outside-dmz": [
    "zz-case.yaml:16:11  systems[2].tiers[0].publish  ports may be published only from a dmz zone; zone \"app\" at site \"dc1\" is of kind \"internal-server\" (found: 1 published port)",
  ],
  "service-port-and-range": [
    "zz-case.yaml:2:39  services[4].port  expected either port or portMin/portMax, not both (found: port 135 and a range)",
    "zz-case.yaml:3:5  services[5].port  missing required field \"port\" (protocol \"udp\" needs a port or portMin/portMax)",
    "zz-case.yaml:4:66  services[6].portMax  expected portMax at least portMin (60000) (found: 50000)",
  ],
  "several-schema-problems": [
    "zz-case.yaml:2:29  services[4].protocol  expected one of \"tcp\", \"udp\", \"icmp\", \"any\" (did you mean \"tcp\"?) (found: \"tcpp\")",
    "zz-case.yaml:3:44  services[5].port  expected a number at most 65535 (found: 70000)",
    "zz-case.yaml:5:13  agencies[3].code  expected an upper-case agency code of letters, digits and hyphens (e.g. \"STTTT\") (found: \"syt\")",
  ],
  "slug-format": [
    "zz-case.yaml:2:9  zones[5].id  expected a lower-case identity of letters, digits and hyphens starting with a letter (e.g. \"dmz-web\") (found: \"Mgmt\")",
  ],
  "system-unknown-owner": [
    "zz-case.yaml:4:12  systems[2].owner  expected an agency code defined under agencies (did you mean \"STTTT\"?) (found: \"STTT\")",
  ],
  "tier-zone-missing-at-site": [
    "zz-case.yaml:11:28  systems[2].tiers[0].zone  expected a zone id defined at site \"dc2\" (the system runs there) (found: \"app\")",
  ],
  "top-level-not-mapping": [
    "zz-case.yaml:1:1  (top level)  expected a mapping of top-level keys (province, security, tslcd, sites, zones, agencies, systems, services, flows, racks, devices, uplinks, sanFabrics, storageArrays, storageReplication, clusters, backupPolicies, tslcdEndpoints) (found: a list of 1 item)",
  ],
  "unknown-field": [
    "zz-case.yaml:3:5  agencies[3].nmae  unknown field \"nmae\" (did you mean \"name\"?); allowed: code, name, nameEn, kind, adminCode, parent, ceased, successors",
  ],
  "unknown-physnet": [
    "zz-case.yaml:8:73  zones[5].vlans[0].physnet  expected a physnet of site \"dc1\" (physnet1) (found: \"physnet2\")",
  ],
  "unknown-top-level-key": [
    "zz-case.yaml:2:1  rack  unknown top-level key \"rack\" (did you mean \"racks\"?); allowed: province, security, tslcd, sites, zones, agencies, systems, services, flows, racks, devices, uplinks, sanFabrics, storageArrays, storageReplication, clusters, backupPolicies, tslcdEndpoints",
  ],
  "uplink-unknown-entrance": [
    "zz-case.yaml:2:72  uplinks[2].entrance  expected a carrier entrance of site \"dc1\" (found: \"west\")",
  ],
  "vlan-id-too-big": [
    "zz-case.yaml:8:15  zones[5].vlans[0].id  expected a VLAN id from 1 to 4094 (found: 5000)",
  ],
  "vlan-outside-physnet-range": [
    "zz-case.yaml:8:15  zones[5].vlans[0].id  expected a VLAN id in physnet \"physnet1\"'s range 100..999 (found: 1500)",
  ],
  "wrong-type": [
    "zz-case.yaml:6:12  racks[3].units  expected a number (found: \"forty-two\")",
  ],
  "yaml-syntax-error": [
    "zz-case.yaml:5:1  (top level)  YAML syntax error: Missing closing \"quote",
  ],
  "zone-enforcer-elsewhere": [
    "zz-case.yaml:6:17  zones[5].enforcedBy  expected a device name or HA group at site \"dc2\" (it is at another site) (found: \"dc1-fw-core\")",
  ],
  "zone-unknown-site": [
    "zz-case.yaml:3:11  zones[5].site  expected a site id defined under sites (did you mean \"dc1\"?) (found: \"dc3\")",
  ],
  "zone-without-vlans": [
    "zz-case.yaml:7:12  zones[5].vlans  a zone needs at least one VLAN (found: a list of 0 items)",
  ],
};

describe("broken inventory corpus", () => {
  it("has an expectation for every case folder (and a folder for every expectation)", () => {
    const folders = fs.readdirSync(BROKEN_DIR).sort();
    expect(folders).toEqual(Object.keys(EXPECTED).sort());
    expect(folders.length).toBeGreaterThanOrEqual(25);
  });

  it.each(Object.keys(EXPECTED))("%s", (caseName) => {
    const problems = problemsOf(caseName);
    expect(problems.map(formatProblem)).toEqual(EXPECTED[caseName]);
    for (const p of problems) expect(p.location?.line).toBeGreaterThanOrEqual(1);
  });
});
