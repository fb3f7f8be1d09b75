/**
 * CronJobs in a cluster's backup namespace that drive the backups the job plan gives it: Cinder backups of a
 * VM tier's volumes and logical dumps of a database tier, each on its policy's schedule, writing the copy the
 * plan names. Pod specs meet Pod Security `restricted`; credentials come from Secrets referenced by name only
 * (created by operators: no value passes through this program or its plan). Pure builders.
 */
import type { Inventory } from "../../inventory/model";
import { CRONJOB_METHODS, cronJobName, type BackupJob, type CronJobHost } from "../backup/jobPlan";
import { MANAGED_BY } from "./labels";
import { VELERO_NAMESPACE } from "./namespaces";
import type { KubeObject } from "./types";

/** Vietnam's one time zone: policies' cron schedules are in the site's local time. */
export const SITE_TIME_ZONE = "Asia/Ho_Chi_Minh";
/** Secret (in the backup namespace) holding the OpenStack `clouds.yaml` the Cinder backup jobs use. */
export const OPENSTACK_CREDENTIALS_SECRET = "backup-openstack-credentials";
/** Non-root user the job containers run as. */
const JOB_UID = 10001;

/**
 * The Secret a database dump reads its connection from: `backup-db-<system>-<tier>`.
 * @param job the job
 */
export function databaseSecretName(job: Pick<BackupJob, "system" | "tier">): string {
  return `backup-db-${job.system}-${job.tier}`.slice(0, 63).replace(/-+$/, "");
}

/**
 * Where each site's CronJobs run: the backup namespace of the site's cluster with the smallest id (a stable
 * identity: adding a cluster with a larger id moves nothing). Sites without a cluster: none (the appliance).
 * @param inv the inventory
 */
export function backupJobHost(inv: Inventory): CronJobHost {
  const first = new Map<string, string>();
  for (const c of inv.clusters) {
    const known = first.get(c.site);
    if (known === undefined || c.id < known) first.set(c.site, c.id);
  }
  return (site) => {
    const cluster = first.get(site);
    return cluster === undefined ? undefined : { cluster, namespace: VELERO_NAMESPACE };
  };
}

/** The container's command line for a job: the tool and where it writes, read by the job image's entry point. */
function jobArgs(job: BackupJob): string[] {
  const target = job.targetDevice ? `device=${job.targetDevice}` : `zone=${job.targetZone ?? ""}`;
  const common = [`--dataset=${job.dataset}`, `--copy=${job.copy}`, `--target-site=${job.targetSite}`, `--target=${target}`, `--retention-days=${job.retentionDays}`];
  if (job.method === "cinder-backup")
    // Volumes are found by the metadata the compute layer writes on them (system, tier, site).
    return ["cinder-backup", ...common, `--volume-metadata=hatang.vn/system=${job.system},hatang.vn/tier=${job.tier},hatang.vn/site=${job.site}`, "--incremental"];
  return ["database-dump", ...common, `--tool=${job.tool ?? ""}`];
}

/**
 * The CronJob driving one backup job.
 * @param job a `backup` job whose method a CronJob drives
 * @param image the backup job image, pinned by digest
 */
export function backupCronJob(job: BackupJob, image: string): KubeObject {
  const secret = job.method === "cinder-backup" ? OPENSTACK_CREDENTIALS_SECRET : databaseSecretName(job);
  const labels = { ...MANAGED_BY, "hatang.vn/backup-policy": job.policy, "hatang.vn/system": job.system, "hatang.vn/tier": job.tier };
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: cronJobName(job), namespace: VELERO_NAMESPACE, labels },
    spec: {
      schedule: job.schedule,
      timeZone: SITE_TIME_ZONE,
      // A run never overlaps the previous one (two dumps of one database would compete for it).
      concurrencyPolicy: "Forbid",
      startingDeadlineSeconds: 3600,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      jobTemplate: {
        metadata: { labels },
        spec: {
          backoffLimit: 2,
          template: {
            metadata: { labels },
            spec: {
              restartPolicy: "Never",
              automountServiceAccountToken: false,
              securityContext: { runAsNonRoot: true, runAsUser: JOB_UID, runAsGroup: JOB_UID, fsGroup: JOB_UID, seccompProfile: { type: "RuntimeDefault" } },
              containers: [
                {
                  name: "backup",
                  image,
                  args: jobArgs(job),
                  ...(job.method === "database-dump" ? { envFrom: [{ secretRef: { name: secret } }] } : { env: [{ name: "OS_CLIENT_CONFIG_FILE", value: "/etc/openstack/clouds.yaml" }] }),
                  securityContext: {
                    allowPrivilegeEscalation: false,
                    readOnlyRootFilesystem: true,
                    runAsNonRoot: true,
                    capabilities: { drop: ["ALL"] },
                    seccompProfile: { type: "RuntimeDefault" },
                  },
                  resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } },
                  volumeMounts: [
                    { name: "scratch", mountPath: "/tmp" },
                    ...(job.method === "cinder-backup" ? [{ name: "credentials", mountPath: "/etc/openstack", readOnly: true }] : []),
                  ],
                },
              ],
              volumes: [
                { name: "scratch", emptyDir: { sizeLimit: "1Gi" } },
                ...(job.method === "cinder-backup" ? [{ name: "credentials", projected: { defaultMode: 0o440, sources: [{ secret: { name: secret } }] } }] : []),
              ],
            },
          },
        },
      },
    },
  };
}

/**
 * The CronJobs of one cluster: the `backup` jobs the plan gives it, sorted by name.
 * @param jobs the province's job plan
 * @param site the cluster's site
 * @param cluster the cluster id
 * @param image the backup job image
 */
export function clusterBackupCronJobs(jobs: readonly BackupJob[], site: string, cluster: string, image: string): KubeObject[] {
  const prefix = `cronjob ${site}/${cluster}/`;
  return jobs
    .filter((j) => j.role === "backup" && CRONJOB_METHODS.has(j.method) && j.driver.startsWith(prefix))
    .map((j) => backupCronJob(j, image))
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}
