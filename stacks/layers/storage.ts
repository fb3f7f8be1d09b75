import type * as pulumi from "@pulumi/pulumi";
import type { CompiledSite } from "../../compilers/site";
import { StorageTypes } from "../../components/storage/storageTypes";

/** The storage layer: Cinder volume types per SAN pool and per separate system (private to its project). */
export function storageLayer(compiled: CompiledSite, projectIds: Record<string, pulumi.Output<string>>, opts: pulumi.ComponentResourceOptions = {}): StorageTypes {
  return new StorageTypes(`${compiled.site}-storage`, { site: compiled.site, types: compiled.volumeTypes, projectIds }, opts);
}
