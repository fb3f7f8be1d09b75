/**
 * The level-3 zone baseline (`policies/baseline/zone-baseline.yaml`): which zone kinds may reach which.
 * The data is shipped with the tool (it is the law's reading, not a province's choice); this module gives
 * its schema, reads it, and decides one pair of parties.
 */
import * as path from "node:path";
import { z } from "zod";
import { ZoneKind } from "../model/zone";
import { TierRole } from "../model/system";
import { readYamlData } from "../loader/yamlData";

/** The networks outside the data centre, as the baseline names them. */
export const EXTERNAL_PARTIES = ["external:internet", "external:tslcd", "external:national-platforms"] as const;

/** One side of a pair: a zone kind, an outside network, or `*` (any). */
export const BaselineParty = z.union([ZoneKind, z.enum(EXTERNAL_PARTIES), z.literal("*")]);
export type BaselineParty = z.infer<typeof BaselineParty>;

/** `tcp/443`, `udp/8400-8403`, `icmp`, `any`. */
export const PortSpecText = z.string().regex(/^(icmp|any|(tcp|udp)\/\d{1,5}(-\d{1,5})?)$/, {
  message: 'expected "tcp/443", "udp/500-510", "icmp" or "any"',
});

/** What a baseline entry decides. */
export const BaselineVerdict = z.enum(["allow", "restrict", "published", "forbid"]);
export type BaselineVerdict = z.infer<typeof BaselineVerdict>;

/** One entry of the baseline. */
export const BaselineEntry = z
  .object({
    /** Identity, quoted in errors and waivers. */
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    /** Source parties. */
    from: z.array(BaselineParty).min(1),
    /** Destination parties. */
    to: z.array(BaselineParty).min(1),
    /** The decision for flows matching the pair. */
    verdict: BaselineVerdict,
    /** `restrict`: service classes allowed. */
    services: z.array(z.string()).default([]),
    /** `restrict`: destination tier roles allowed whatever the service. */
    toRoles: z.array(TierRole).default([]),
    /** `restrict`: source tier roles allowed whatever the service. */
    fromRoles: z.array(TierRole).default([]),
    /** Why, for the error message and the reports. */
    reason: z.object({ vi: z.string().min(1), en: z.string().min(1) }).strict(),
    /** Where the law says it, under both regimes. */
    references: z.object({ legacy: z.array(z.string().min(1)).min(1), current: z.array(z.string().min(1)).min(1) }).strict(),
  })
  .strict();
export type BaselineEntry = z.infer<typeof BaselineEntry>;

/** The whole baseline. */
export const ZoneBaseline = z
  .object({
    /** The control it implements (waivers name it). */
    control: z.string().min(1),
    /** Named protocol/port sets. */
    serviceClasses: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), z.array(PortSpecText).min(1)),
    /** Ordered entries; the first match decides. */
    entries: z.array(BaselineEntry).min(1),
  })
  .strict()
  .superRefine((b, ctx) => {
    b.entries.forEach((e, i) => {
      for (const [j, c] of e.services.entries()) {
        if (!(c in b.serviceClasses)) ctx.addIssue({ code: "custom", path: ["entries", i, "services", j], message: `unknown service class "${c}" (classes: ${Object.keys(b.serviceClasses).join(", ")})` });
      }
      if (e.verdict === "restrict" && e.services.length + e.toRoles.length + e.fromRoles.length === 0) {
        ctx.addIssue({ code: "custom", path: ["entries", i], message: "a restrict entry needs services, toRoles or fromRoles" });
      }
    });
  });
export type ZoneBaseline = z.infer<typeof ZoneBaseline>;

/** The baseline shipped with the tool. */
export const BASELINE_FILE = path.resolve(__dirname, "../../policies/baseline/zone-baseline.yaml");

let shipped: ZoneBaseline | undefined;

/** Reads the baseline shipped with the tool (once per process). Throws `DataFileError` with file:line when it is malformed. */
export function shippedBaseline(): ZoneBaseline {
  shipped ??= readYamlData(BASELINE_FILE, ZoneBaseline);
  return shipped;
}

/** A protocol and port range, as services and service classes are written. */
export interface PortRange {
  protocol: "tcp" | "udp" | "icmp" | "any";
  portMin?: number;
  portMax?: number;
}

/** Reads `tcp/443`, `udp/500-510`, `icmp`, `any`. */
export function parsePortSpec(text: string): PortRange {
  if (text === "icmp" || text === "any") return { protocol: text };
  const [protocol, ports] = text.split("/");
  const [a, b] = ports.split("-").map(Number);
  return { protocol: protocol as "tcp" | "udp", portMin: a, portMax: b ?? a };
}

/** True when `inner` lies wholly inside `outer` (same protocol; `any` covers everything). */
export function portRangeWithin(inner: PortRange, outer: PortRange): boolean {
  if (outer.protocol === "any") return true;
  if (inner.protocol !== outer.protocol) return false;
  if (inner.protocol === "icmp") return true;
  const lo = inner.portMin ?? 1;
  const hi = inner.portMax ?? 65535;
  return lo >= (outer.portMin ?? 1) && hi <= (outer.portMax ?? 65535);
}

/** One end of a flow as the baseline sees it. */
export interface BaselineEnd {
  /** Zone kind or `external:…`. */
  party: Exclude<BaselineParty, "*">;
  /** The tier's role, when the end is a tier with one. */
  role?: TierRole;
  /** True when the end is a system tier (not a whole zone). */
  tier: boolean;
  /** Ports the tier publishes (for `published`). */
  published: PortRange[];
}

/** The decision for one pair. */
export type BaselineDecision =
  | { ok: true; entry?: BaselineEntry }
  | { ok: false; entry: BaselineEntry; because: string };

function partyMatches(list: readonly BaselineParty[], party: string): boolean {
  return list.includes("*") || list.includes(party as BaselineParty);
}

/**
 * Decides a flow's pair of ends against the baseline: the first entry matching both parties decides.
 * Exported for testing.
 * @param baseline the baseline
 * @param from the source end
 * @param to the destination end
 * @param services the flow's services as port ranges, with their names for the message
 */
export function decidePair(baseline: ZoneBaseline, from: BaselineEnd, to: BaselineEnd, services: ReadonlyArray<{ name: string; range: PortRange }>): BaselineDecision {
  const entry = baseline.entries.find((e) => partyMatches(e.from, from.party) && partyMatches(e.to, to.party));
  if (!entry) return { ok: true };
  switch (entry.verdict) {
    case "allow":
      return { ok: true, entry };
    case "forbid":
      return { ok: false, entry, because: `${from.party} may not reach ${to.party}` };
    case "published": {
      if (!to.tier) return { ok: false, entry, because: `only a tier's published ports are reachable from ${from.party}; the flow names the whole zone` };
      const unpublished = services.filter((s) => !to.published.some((p) => portRangeWithin(s.range, p)));
      return unpublished.length === 0 ? { ok: true, entry } : { ok: false, entry, because: `${unpublished.map((s) => s.name).join(", ")} ${unpublished.length === 1 ? "is" : "are"} not published by the destination tier` };
    }
    case "restrict": {
      if (to.role !== undefined && entry.toRoles.includes(to.role)) return { ok: true, entry };
      if (from.role !== undefined && entry.fromRoles.includes(from.role)) return { ok: true, entry };
      const allowed = entry.services.flatMap((c) => baseline.serviceClasses[c] ?? []).map(parsePortSpec);
      const outside = services.filter((s) => !allowed.some((a) => portRangeWithin(s.range, a)));
      if (outside.length === 0) return { ok: true, entry };
      const roles = [...entry.toRoles.map((r) => `destination role ${r}`), ...entry.fromRoles.map((r) => `source role ${r}`)];
      const allowedText = [entry.services.length > 0 ? `services of class ${entry.services.join(", ")}` : "", ...roles].filter(Boolean).join(" or ");
      return { ok: false, entry, because: `${outside.map((s) => s.name).join(", ")} ${outside.length === 1 ? "is" : "are"} outside what ${from.party} → ${to.party} may carry (${allowedText})` };
    }
  }
}
