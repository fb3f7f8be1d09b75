import { z } from "zod";
import { ExplicitPrefixes, Slug, Text } from "./common";

/** A group of identical worker nodes. */
export const NodePool = z
  .object({
    /** Name, unique per cluster. */
    name: Slug,
    /** Node count. */
    count: z.number().int().min(1).max(1000),
    /** Flavor of the node VMs. */
    flavor: Text,
  })
  .strict();
export type NodePool = z.infer<typeof NodePool>;

/** A Kubernetes cluster (dual-stack) at a site. */
export const Cluster = z
  .object({
    /** Identity. */
    id: Slug,
    /** Site. */
    site: Slug,
    /** Zone its nodes live in. */
    zone: Slug,
    /** Kubernetes minor version (e.g. "1.32"). */
    version: z.string().regex(/^1\.\d{1,2}$/, { message: "expected a Kubernetes minor version such as \"1.32\"" }),
    /** Node pools. */
    nodePools: z.array(NodePool).min(1),
    /** Pod ranges fixed by the operator; else allocated (IPv4 /16, IPv6 /56). */
    podPrefix: ExplicitPrefixes.optional(),
    /** Service ranges fixed by the operator; else allocated (IPv4 /20, IPv6 /112). */
    servicePrefix: ExplicitPrefixes.optional(),
    /** IPv4 prefix length of the pod range. Default 16. */
    podIpv4Length: z.number().int().min(8).max(24).default(16),
    /** IPv4 prefix length of the service range. Default 20. */
    serviceIpv4Length: z.number().int().min(12).max(26).default(20),
  })
  .strict();
export type Cluster = z.infer<typeof Cluster>;
