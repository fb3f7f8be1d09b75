/**
 * The `platform` cdk8s chart of a cluster: log shipping to the SIEM and Velero's locations and
 * schedules. cdk8s builds the construct tree; `chart.toJson()` hands Pulumi plain objects.
 */
import { ApiObject, App, Chart } from "cdk8s";
import type { KubeObject } from "./types";

/** What goes into the chart (built by the pure builders in logShipping.ts and velero.ts). */
export interface PlatformChartInput {
  /** Cluster id (the chart's id, for cdk8s' construct paths). */
  cluster: string;
  /** Objects of the log shipper (ServiceAccount, RBAC, ConfigMap, DaemonSet); empty when no SIEM is set. */
  logShipping: KubeObject[];
  /** Velero BackupStorageLocations and Schedules. */
  velero: KubeObject[];
}

/**
 * Builds the chart and renders it. Construct ids are `<kind>-<namespace>-<name>`: stable identities,
 * so the rendering never depends on input order.
 * @param input the chart's objects
 */
export function renderPlatformChart(input: PlatformChartInput): KubeObject[] {
  const app = new App({ outdir: "out/cdk8s" });
  const chart = new Chart(app, `platform-${input.cluster}`, { disableResourceNameHashes: true });
  for (const object of [...input.logShipping, ...input.velero]) {
    const { apiVersion, kind, metadata, ...rest } = object;
    new ApiObject(chart, `${kind}-${metadata.namespace ?? "cluster"}-${metadata.name}`, { apiVersion, kind, metadata, ...rest });
  }
  return chart.toJson() as KubeObject[];
}
