import { z } from "zod";
import { AgencyCode, Slug, Text } from "./common";
import { Consolidation, SystemKind } from "./consolidation";
import { DisasterRecovery } from "./disasterRecovery";
import { Lun } from "./san";

/** Where a system can be reached from. */
export const Exposure = z.enum(["internet", "internal", "tslcd"]);
export type Exposure = z.infer<typeof Exposure>;

/** How a tier runs. */
export const Form = z.enum(["bare-metal", "vm", "container"]);
export type Form = z.infer<typeof Form>;

/**
 * What a tier does, where the level-3 zone baseline cares (`policies/baseline/zone-baseline.yaml`): some
 * zones may only be reached on given services or at tiers of given roles (the management zone at its
 * infrastructure services and access gateway, the SOC at its log collectors and endpoint-security console).
 * `cloud-api` is the site's own cloud's API endpoint (the OpenStack controllers' Keystone, Cinder, ...; bare
 * metal, at most one per site): what the Cinder backup jobs call, so their path can be declared.
 */
export const TierRole = z.enum([
  "web",
  "application",
  "api-gateway",
  "database",
  "directory",
  "infrastructure",
  "access-gateway",
  "jump-host",
  "monitoring",
  "log-collector",
  "endpoint-security",
  "backup",
  "mail",
  "analytics",
  "cloud-api",
]);
export type TierRole = z.infer<typeof TierRole>;

/** A port a tier publishes to the Internet from the DMZ (gets a floating IP and an open rule). */
export const PublishedPort = z
  .object({
    /** Protocol. */
    protocol: z.enum(["tcp", "udp"]),
    /** Port number. */
    port: z.number().int().min(1).max(65535),
  })
  .strict();
export type PublishedPort = z.infer<typeof PublishedPort>;

/** One tier of a system (web, app, db, ...) and where it runs. */
export const Tier = z
  .object({
    /** Tier name, unique within the system (e.g. `web`, `app`, `db`). */
    name: Slug,
    /** What the tier does (the zone baseline restricts some zones to tiers of given roles). */
    role: TierRole.optional(),
    /**
     * Database engine of a `database` tier: what its backup dumps with (pg_dump, mysqldump, Data Pump, ...).
     * Left out, it is read from the image name when that names an engine; otherwise the appliance's agent backs it up.
     */
    engine: z.enum(["postgresql", "mysql", "mariadb", "oracle", "sqlserver", "mongodb"]).optional(),
    /** Zone id the tier is placed in (at each of the system's sites). */
    zone: Slug,
    /** VLAN name inside the zone. Default: the zone's VLAN with the lowest id (see `tierVlan`), never list order. */
    vlan: Slug.optional(),
    /** Bare metal, VM or container. */
    form: Form,
    /** Instances per site (2+ for HA). */
    instances: z.number().int().min(1).max(1000).default(1),
    /** Image name (must be in the approved list for VMs). */
    image: Text.optional(),
    /** Flavor name for VMs. */
    flavor: Text.optional(),
    /** Kubernetes cluster id for containers. */
    cluster: Slug.optional(),
    /** Ports published to the Internet (DMZ tiers only). */
    publish: z.array(PublishedPort).default([]),
    /** Block storage per instance, in GiB (0 = none). */
    volumeGiB: z.number().int().min(0).default(0),
    /** Storage pool id the volumes come from (a pool belongs to one site: for tiers of one-site systems). */
    storagePool: Slug.optional(),
    /**
     * Media tier the volumes come from at each of the system's sites: that site's pool of this tier the
     * system may use (see `tierPool`). For systems at several sites; not with `storagePool`.
     */
    storageTier: z.enum(["nvme", "ssd", "sas", "nl-sas"]).optional(),
  })
  .strict();
export type Tier = z.infer<typeof Tier>;

/** A hosted information system (e.g. LGSP, the provincial portal) (NetBox: a tenant's service). */
export const HostedSystem = z
  .object({
    /** Stable identity. */
    id: Slug,
    /** Vietnamese name. */
    name: Text,
    /** English name. */
    nameEn: Text.optional(),
    /** What shared system it is (a province runs one of each kind; see `SystemKind`). Sector applications leave it out. */
    kind: SystemKind.optional(),
    /** Owning agency code. */
    owner: AgencyCode,
    /** Security level under Decree 85/2016 / Decree 331/2026 (1–5). */
    securityLevel: z.number().int().min(1).max(5),
    /** Where it is reached from. */
    exposure: z.array(Exposure).min(1),
    /** Most sensitive data it holds. */
    dataClass: z.enum(["public", "internal", "confidential", "personal", "sensitive-personal"]),
    /** Backup policy id. */
    backupPolicy: Slug,
    /**
     * Recovery point objective, in hours: the most data (by age) the owner accepts to lose. Level-3 systems
     * declare it; the backup schedule and the DR posture are checked against it.
     */
    recoveryPointHours: z.number().positive().max(8760).optional(),
    /** Recovery time objective, in hours: how long the system may be down before it runs again (at the DR site if need be). */
    recoveryTimeHours: z.number().positive().max(8760).optional(),
    /** How it comes back when its site is lost, checked against the two objectives (DC-08). Level-3 systems declare it. */
    disasterRecovery: DisasterRecovery.optional(),
    /** Needs high availability (HA pairs, anti-affinity). */
    ha: z.boolean().default(false),
    /** Sites it runs at. */
    sites: z.array(Slug).min(1),
    /** Its own, logically separate storage (Circular 12/2022 Art. 9.9). Default: true for level 3+. */
    dedicatedStorage: z.boolean().optional(),
    /** Agencies that use it (get network access by RBAC). */
    consumers: z.array(AgencyCode).default([]),
    /** Tiers. */
    tiers: z.array(Tier).min(1),
    /** Set on a duplicate left by a merger: the system of its kind that survives it, and when it goes. */
    consolidation: Consolidation.optional(),
    /** LUNs the system owns on the SAN (bare-metal databases, clusters), masked to its hosts only. */
    luns: z.array(Lun).default([]),
  })
  .strict();
export type HostedSystem = z.infer<typeof HostedSystem>;
