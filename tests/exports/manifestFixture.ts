import type { Basis, RunManifest } from "../../exports/provenance";

/**
 * A fixed run manifest for report tests (the real one is built from the files by `buildManifest`).
 * @param basis design or as-built
 */
export function fixedManifest(basis: Basis = "design"): RunManifest {
  return {
    schema: "hatang.run/v1",
    tool: { name: "hatang", version: "0.1.0", commit: "0123456789abcdef0123456789abcdef01234567", dirty: false },
    command: "npm run export",
    asOf: "2026-05-01",
    generatedAt: "2026-05-01T00:00:00.000Z",
    stack: "na-dc1",
    site: "na-dc1",
    basis,
    inventory: { path: "inventory/provinces/ninh-an", commit: "fedcba9876543210fedcba9876543210fedcba98", dirty: false, files: [{ path: "inventory/provinces/ninh-an/sites.yaml", sha256: "a".repeat(64) }], digest: "b".repeat(64) },
    plan: { path: "out/na-dc1/plan.json", sha256: "c".repeat(64) },
    outputs: [],
  };
}
