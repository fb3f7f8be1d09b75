export { KubernetesZone, type KubernetesZoneArgs } from "./kubernetesZone";
