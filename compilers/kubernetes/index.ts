/**
 * The Kubernetes zone compiler. The validator (`./validate`) is imported on its own: it needs
 * kubernetes-models and ajv, which the plan and tests have but a production `pulumi up` does not need.
 */
export { compileKubernetes, compileCluster, sortObjects } from "./compile";
export * from "./types";
