/**
 * Schemas of the Velero objects this project writes (velero.io/v1 Schedule and BackupStorageLocation),
 * transcribed from Velero's CRD openAPIV3Schema (config/crd/v1/bases/velero.io_schedules.yaml and
 * velero.io_backupstoragelocations.yaml). Unlike the API server, which prunes unknown fields silently,
 * these reject them (`additionalProperties: false`), so a misspelt field fails here instead of vanishing.
 * Nested structures this project never writes (hooks, resourcePolicy, ...) are typed as objects only.
 */
import Ajv, { type ValidateFunction } from "ajv";

const stringArray = { type: "array", items: { type: "string" }, nullable: true };
const labelSelector = {
  type: "object",
  nullable: true,
  additionalProperties: false,
  properties: {
    matchLabels: { type: "object", additionalProperties: { type: "string" } },
    matchExpressions: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["key", "operator"],
        properties: { key: { type: "string" }, operator: { type: "string" }, values: { type: "array", items: { type: "string" } } },
      },
    },
  },
};
const duration = { type: "string", pattern: "^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$" };
const metadata = { type: "object" };

/** BackupSpec (the Schedule's template), velero.io/v1. */
const backupSpec = {
  type: "object",
  additionalProperties: false,
  properties: {
    csiSnapshotTimeout: duration,
    datamover: { type: "string" },
    defaultVolumesToFsBackup: { type: "boolean", nullable: true },
    defaultVolumesToRestic: { type: "boolean", nullable: true },
    excludedClusterScopedResources: stringArray,
    excludedNamespaceScopedResources: stringArray,
    excludedNamespaces: stringArray,
    excludedResources: stringArray,
    hooks: { type: "object" },
    includeClusterResources: { type: "boolean", nullable: true },
    includedClusterScopedResources: stringArray,
    includedNamespaceScopedResources: stringArray,
    includedNamespaces: stringArray,
    includedResources: stringArray,
    itemOperationTimeout: duration,
    labelSelector,
    metadata: { type: "object", properties: { labels: { type: "object", additionalProperties: { type: "string" } } } },
    orLabelSelectors: { type: "array", items: labelSelector, nullable: true },
    orderedResources: { type: "object", additionalProperties: { type: "string" }, nullable: true },
    resourcePolicy: { type: "object" },
    snapshotMoveData: { type: "boolean", nullable: true },
    snapshotVolumes: { type: "boolean", nullable: true },
    storageLocation: { type: "string" },
    ttl: duration,
    uploaderConfig: { type: "object" },
    volumeSnapshotLocations: { type: "array", items: { type: "string" } },
  },
};

/** Schedule, velero.io/v1. */
export const SCHEDULE_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["apiVersion", "kind", "metadata", "spec"],
  properties: {
    apiVersion: { const: "velero.io/v1" },
    kind: { const: "Schedule" },
    metadata,
    spec: {
      type: "object",
      additionalProperties: false,
      required: ["schedule", "template"],
      properties: {
        paused: { type: "boolean" },
        schedule: { type: "string", pattern: "^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|@every \\S+|(\\S+\\s+){4}\\S+)$" },
        skipImmediately: { type: "boolean", nullable: true },
        template: backupSpec,
        useOwnerReferencesInBackup: { type: "boolean" },
      },
    },
    status: { type: "object" },
  },
};

/** BackupStorageLocation, velero.io/v1. */
export const BACKUP_STORAGE_LOCATION_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["apiVersion", "kind", "metadata", "spec"],
  properties: {
    apiVersion: { const: "velero.io/v1" },
    kind: { const: "BackupStorageLocation" },
    metadata,
    spec: {
      type: "object",
      additionalProperties: false,
      required: ["objectStorage", "provider"],
      properties: {
        accessMode: { enum: ["ReadOnly", "ReadWrite"] },
        backupSyncPeriod: { ...duration, nullable: true },
        config: { type: "object", additionalProperties: { type: "string" } },
        credential: {
          type: "object",
          additionalProperties: false,
          required: ["key"],
          properties: { key: { type: "string" }, name: { type: "string" }, optional: { type: "boolean" } },
        },
        default: { type: "boolean" },
        objectStorage: {
          type: "object",
          additionalProperties: false,
          required: ["bucket"],
          properties: { bucket: { type: "string", minLength: 1 }, caCert: { type: "string" }, prefix: { type: "string" } },
        },
        provider: { type: "string", minLength: 1 },
        validationFrequency: { ...duration, nullable: true },
      },
    },
    status: { type: "object" },
  },
};

/** A validation error as ajv and kubernetes-models report it. */
export interface SchemaError {
  /** JSON pointer of the offending value, e.g. `/spec/template/ttl`. */
  instancePath: string;
  /** ajv keyword (`required`, `additionalProperties`, `pattern`, ...). */
  keyword: string;
  /** Keyword parameters (e.g. `missingProperty`, `additionalProperty`). */
  params: Record<string, unknown>;
  /** ajv's message. */
  message?: string;
}

let compiled: Map<string, ValidateFunction> | undefined;

/** Validators keyed `velero.io/v1/<Kind>`, compiled once. */
export function veleroValidators(): Map<string, ValidateFunction> {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    compiled = new Map([
      ["velero.io/v1/Schedule", ajv.compile(SCHEDULE_SCHEMA)],
      ["velero.io/v1/BackupStorageLocation", ajv.compile(BACKUP_STORAGE_LOCATION_SCHEMA)],
    ]);
  }
  return compiled;
}
