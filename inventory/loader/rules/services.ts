import type { Inventory, Service } from "../../model";
import type { RuleProblem } from "./ruleProblem";

/**
 * Ports of a service: TCP and UDP need a port or a full range; a single port and a range exclude
 * each other; a range is not reversed; ICMP and "any" take no ports.
 * @param inv a schema-valid inventory
 */
export function serviceRules(inv: Inventory): RuleProblem[] {
  return inv.services.flatMap((s, i) => servicePortProblems(s).map((r) => ({ ...r, path: ["services", i, ...r.path] })));
}

/**
 * Port problems of one service, with paths relative to the service.
 * @param s the service
 */
export function servicePortProblems(s: Service): RuleProblem[] {
  const hasRange = s.portMin !== undefined || s.portMax !== undefined;
  if (s.protocol === "icmp" || s.protocol === "any") {
    const field = s.port !== undefined ? "port" : s.portMin !== undefined ? "portMin" : "portMax";
    return s.port !== undefined || hasRange ? [{ path: [field], message: `expected no ports: protocol "${s.protocol}" has none`, found: String(s[field]) }] : [];
  }
  if (s.port !== undefined && hasRange) return [{ path: ["port"], message: "expected either port or portMin/portMax, not both", found: `port ${s.port} and a range` }];
  if (s.port === undefined && !hasRange) return [{ path: ["port"], message: `missing required field "port" (protocol "${s.protocol}" needs a port or portMin/portMax)` }];
  if (hasRange && (s.portMin === undefined || s.portMax === undefined)) {
    const missing = s.portMin === undefined ? "portMin" : "portMax";
    return [{ path: [missing], message: `missing required field "${missing}" (a port range needs both portMin and portMax)` }];
  }
  if (s.portMin !== undefined && s.portMax !== undefined && s.portMin > s.portMax)
    return [{ path: ["portMax"], message: `expected portMax at least portMin (${s.portMin})`, found: String(s.portMax) }];
  return [];
}
