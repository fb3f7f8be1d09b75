/**
 * The zone firewalls' rule bases as the plan carries them: `hatang:firewall:RuleBase` components whose
 * input `ruleBase` holds one enforcing device's ordered, first-match rule base. The shape is the contract
 * of `compilers/firewall/ruleBaseTypes.ts`, read here on its own (the proof never imports the compilers;
 * a test holds the two to the same shape). A malformed rule base is reported and treated as absent.
 */
import type { Plan } from "../offline/planTypes";
import { familyOf, type Family } from "./addresses";
import { emptySet, fullSet, singleSet, union, type PortSet } from "./portSet";
import { arr, obj, ofType, str, T } from "./planInputs";

/** A named set of prefixes per family. */
export interface RuleBaseAddress {
  /** Unique name in the rule base. */
  name: string;
  /** What it stands for. */
  kind: string;
  /** IPv4 prefixes. */
  ipv4: string[];
  /** IPv6 prefixes. */
  ipv6: string[];
}

/** A named service. */
export interface RuleBaseService {
  /** Unique name. */
  name: string;
  /** `tcp`, `udp`, `icmp` (echo request) or `any`. */
  protocol: string;
  /** First port. */
  portMin?: number;
  /** Last port. */
  portMax?: number;
}

/** Where a flow is written. */
export interface RuleBaseFlowSource {
  /** Flow name. */
  flow: string;
  /** File. */
  file?: string;
  /** Line. */
  line?: number;
}

/** One rule. */
export interface RuleBaseRule {
  /** Stable id. */
  id: string;
  /** Zone-pair section. */
  section: { from: string; to: string };
  /** Accept or deny. */
  action: "accept" | "deny";
  /** Families. */
  families: Family[];
  /** Source object names (empty = any). */
  sources: string[];
  /** Destination object names (empty = any). */
  destinations: string[];
  /** Service names (empty = any). */
  services: string[];
  /** Flows behind it. */
  flows: RuleBaseFlowSource[];
  /** One line for people. */
  comment: string;
}

/** Destination NAT of a published IPv4 service. */
export interface RuleBaseNat {
  /** Public address. */
  publicAddress: string;
  /** Protocol. */
  protocol: string;
  /** Port. */
  port: number;
  /** Private addresses (the first is what probes use). */
  translatedTo: string[];
}

/** One device's rule base. */
export interface RuleBase {
  /** Format marker. */
  schema: string;
  /** Site. */
  site: string;
  /** The enforcer as zones name it. */
  device: string;
  /** Zones it enforces. */
  zones: string[];
  /** External networks entering at it. */
  externals: string[];
  /** Address objects. */
  addresses: RuleBaseAddress[];
  /** Service objects. */
  services: RuleBaseService[];
  /** Rules in evaluation order. */
  rules: RuleBaseRule[];
  /** Destination NAT for published services. */
  nat: RuleBaseNat[];
}

/** A rule base read from the plan, with the component that carries it. */
export interface PlannedRuleBase {
  /** Component URN. */
  urn: string;
  /** The rule base. */
  ruleBase: RuleBase;
}

/** What the plan holds: rule bases by device, and what could not be read. */
export interface RuleBaseModel {
  /** By `site` then `device`: `${site}\u0000${device}`. */
  byDevice: Map<string, PlannedRuleBase>;
  /** Problems (component URN and message). */
  problems: Array<{ urn: string; message: string }>;
}

/**
 * The key of a device's rule base.
 * @param site site id
 * @param device enforcer id
 */
export function deviceKey(site: string, device: string): string {
  return `${site}\u0000${device}`;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/**
 * Reads one rule base value; returns it with the problems found (any problem makes it unusable).
 * @param v the `ruleBase` input
 */
export function readRuleBase(v: unknown): { ruleBase?: RuleBase; problems: string[] } {
  const o = obj(v);
  if (!o) return { problems: ["input ruleBase is missing or not an object"] };
  const problems: string[] = [];
  const site = str(o, "site");
  const device = str(o, "device");
  if (!site) problems.push("ruleBase.site is missing");
  if (!device) problems.push("ruleBase.device is missing");
  if (!Array.isArray(o["rules"])) problems.push("ruleBase.rules is not a list");
  const addresses: RuleBaseAddress[] = arr(o, "addresses").map(obj).filter((a): a is Record<string, unknown> => a !== undefined).map((a) => ({
    name: str(a, "name") ?? "",
    kind: str(a, "kind") ?? "",
    ipv4: strings(a["ipv4"]),
    ipv6: strings(a["ipv6"]),
  }));
  const services: RuleBaseService[] = arr(o, "services").map(obj).filter((s): s is Record<string, unknown> => s !== undefined).map((s) => ({
    name: str(s, "name") ?? "",
    protocol: str(s, "protocol") ?? "",
    portMin: typeof s["portMin"] === "number" ? s["portMin"] : undefined,
    portMax: typeof s["portMax"] === "number" ? s["portMax"] : undefined,
  }));
  const rules: RuleBaseRule[] = arr(o, "rules").map(obj).filter((r): r is Record<string, unknown> => r !== undefined).map((r, i) => {
    const action = str(r, "action");
    if (action !== "accept" && action !== "deny") problems.push(`ruleBase.rules[${i}].action: expected accept or deny (found ${JSON.stringify(r["action"])})`);
    const section = obj(r["section"]) ?? {};
    return {
      id: str(r, "id") ?? `#${i}`,
      section: { from: str(section, "from") ?? "", to: str(section, "to") ?? "" },
      action: action === "accept" ? "accept" : "deny",
      families: strings(r["families"]).filter((f): f is Family => f === "ipv4" || f === "ipv6"),
      sources: strings(r["sources"]),
      destinations: strings(r["destinations"]),
      services: strings(r["services"]),
      flows: arr(r, "flows").map(obj).filter((f): f is Record<string, unknown> => f !== undefined).map((f) => ({ flow: str(f, "flow") ?? "", file: str(f, "file"), line: typeof f["line"] === "number" ? f["line"] : undefined })),
      comment: str(r, "comment") ?? "",
    };
  });
  const names = new Set(addresses.map((a) => a.name));
  const serviceNames = new Set(services.map((s) => s.name));
  rules.forEach((r, i) => {
    for (const n of [...r.sources, ...r.destinations]) if (!names.has(n)) problems.push(`ruleBase.rules[${i}] (${r.id}) names address object "${n}", which the rule base does not define`);
    for (const n of r.services) if (!serviceNames.has(n)) problems.push(`ruleBase.rules[${i}] (${r.id}) names service "${n}", which the rule base does not define`);
  });
  for (const a of addresses) {
    for (const f of ["ipv4", "ipv6"] as const) for (const p of a[f]) if (familyOf(p) !== f) problems.push(`address object ${a.name}: ${p} is listed under ${f}`);
  }
  if (problems.length > 0) return { problems };
  return {
    ruleBase: {
      schema: str(o, "schema") ?? "",
      site: site as string,
      device: device as string,
      zones: strings(o["zones"]),
      externals: strings(o["externals"]),
      addresses,
      services,
      rules,
      nat: arr(o, "nat").map(obj).filter((n): n is Record<string, unknown> => n !== undefined).map((n) => ({
        publicAddress: str(n, "publicAddress") ?? "",
        protocol: str(n, "protocol") ?? "",
        port: typeof n["port"] === "number" ? n["port"] : 0,
        translatedTo: strings(n["translatedTo"]),
      })),
    },
    problems,
  };
}

/**
 * Every rule base of a plan, by device.
 * @param plan the plan
 */
export function ruleBaseModel(plan: Plan): RuleBaseModel {
  const byDevice = new Map<string, PlannedRuleBase>();
  const problems: RuleBaseModel["problems"] = [];
  for (const r of ofType(plan, T.ruleBase)) {
    const read = readRuleBase(r.inputs["ruleBase"]);
    for (const m of read.problems) problems.push({ urn: r.urn, message: m });
    if (!read.ruleBase) continue;
    const key = deviceKey(read.ruleBase.site, read.ruleBase.device);
    if (byDevice.has(key)) {
      problems.push({ urn: r.urn, message: `a second rule base for device ${read.ruleBase.device} at ${read.ruleBase.site} (the first is ${byDevice.get(key)?.urn}); the first is used` });
      continue;
    }
    byDevice.set(key, { urn: r.urn, ruleBase: read.ruleBase });
  }
  return { byDevice, problems };
}

/**
 * The ports a rule base service stands for: tcp/udp with an optional range, `icmp` as echo request,
 * `any` as every protocol; an unknown protocol as nothing.
 * @param s the service
 */
export function ruleBaseServicePorts(s: RuleBaseService): PortSet {
  if (s.protocol === "any") return fullSet();
  if (s.protocol === "icmp") return singleSet("icmp");
  if (s.protocol === "tcp" || s.protocol === "udp") return s.portMin === undefined ? singleSet(s.protocol) : singleSet(s.protocol, s.portMin, s.portMax ?? s.portMin);
  return emptySet();
}

/**
 * The ports a rule matches: the union of its services (empty list = every protocol and port).
 * @param rule the rule
 * @param services the rule base's services by name
 */
export function ruleBaseRulePorts(rule: Pick<RuleBaseRule, "services">, services: ReadonlyMap<string, RuleBaseService>): PortSet {
  if (rule.services.length === 0) return fullSet();
  return union(...rule.services.map((n) => services.get(n)).filter((s): s is RuleBaseService => s !== undefined).map(ruleBaseServicePorts));
}
