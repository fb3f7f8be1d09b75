import * as pulumi from "@pulumi/pulumi";
import type { CompiledSite } from "../../compilers/site";
import { Tenancy } from "../../components/identity/tenancy";
import { Placements } from "../../components/compute/placements";
import type { NetworkLayer } from "./network";
import { storageLayer } from "./storage";

/** Stack settings the cloud layer needs from config. */
export interface CloudSettings {
  /** Keystone role id granted to agency operators. */
  memberRoleId: pulumi.Input<string>;
  /** Keystone domain of the projects. */
  domainId?: string;
}

/** What the cloud layer hands on. */
export interface CloudLayer {
  projectIds: Record<string, pulumi.Output<string>>;
  volumeTypeIds: Record<string, pulumi.Output<string>>;
}

/**
 * The cloud layer: tenants (projects, quotas, RBAC shares), storage types, VM placements. Published
 * services get no floating IP: the Internet reaches them only through the edge firewall's destination
 * NAT (its rule base), so the WAF and IPS in the DMZ's path see every request.
 */
export function cloudLayer(compiled: CompiledSite, net: NetworkLayer, settings: CloudSettings, opts: pulumi.ComponentResourceOptions = {}): CloudLayer {
  const site = compiled.site;
  const tenancy = new Tenancy(`${site}-tenancy`, {
    site,
    tenancy: compiled.tenancy,
    networkIds: net.networkIds,
    memberRoleId: settings.memberRoleId,
    domainId: settings.domainId,
  }, { ...opts, dependsOn: [net.quota] });
  // Volume types exist before any volume names them (each volume names its type through the type's output).
  const storage = storageLayer(compiled, tenancy.projectIds, opts);
  new Placements(`${site}-placements`, {
    site,
    placements: compiled.placements,
    networkIds: net.networkIds,
    subnetIds: net.subnetIds,
    groupIds: net.groupIds,
    projectIds: tenancy.projectIds,
    volumeTypeNames: storage.typeNames,
  }, opts);
  return { projectIds: tenancy.projectIds, volumeTypeIds: storage.typeIds };
}
