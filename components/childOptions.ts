import type * as pulumi from "@pulumi/pulumi";

/**
 * Options for a component's children: parented to it, and waiting for whatever the component was told
 * to wait for. The engine does not pass a component's `dependsOn` to the resources inside it, so a
 * network created inside a ZoneNetwork would otherwise not wait for the quota the ZoneNetwork waits for.
 */
export function childOptions(parent: pulumi.ComponentResource, opts?: pulumi.ComponentResourceOptions): pulumi.CustomResourceOptions {
  return opts?.dependsOn === undefined ? { parent } : { parent, dependsOn: opts.dependsOn };
}
