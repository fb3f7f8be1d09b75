export * from "./types";
export { loadInventory, loadSources } from "./loadInventory";
export { formatPath, formatProblem, formatProblems } from "./formatProblems";
export { summarizeInventory, type InventorySummary } from "./summary";
export type { SourceText } from "./yamlFile";
export { validateReport, DEFAULT_PROVINCE, type ValidateReport } from "./validateReport";
