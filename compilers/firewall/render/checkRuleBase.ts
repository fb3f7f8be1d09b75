/**
 * Structural checks of a rule base before anything renders it: every problem at once, each with its
 * field path, so a compiler bug is reported precisely instead of producing a half-valid ruleset.
 */
import { parseAddress } from "../../../inventory/addressing/address";
import { parsePrefix } from "../../../inventory/addressing/prefix";
import type { RuleBase } from "../ruleBaseTypes";

/** One problem: where (field path) and what. */
export interface RuleBaseProblem {
  /** Field path inside the rule base, e.g. `rules[3].sources[0]`. */
  path: string;
  /** What is wrong, with what was found. */
  message: string;
}

function duplicates(names: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const n of names) (seen.has(n) ? dup : seen).add(n);
  return dup;
}

/**
 * Every structural problem of a rule base (empty when it is well formed).
 * @param rb the rule base
 */
export function checkRuleBase(rb: RuleBase): RuleBaseProblem[] {
  const out: RuleBaseProblem[] = [];
  const add = (path: string, message: string): void => void out.push({ path, message });
  if (rb.schema !== "hatang.rulebase/v1") add("schema", `expected "hatang.rulebase/v1", found ${JSON.stringify(rb.schema)}`);
  if (!rb.device) add("device", "expected the enforcer's id, found an empty string");
  const dupA = duplicates(rb.addresses.map((a) => a.name));
  rb.addresses.forEach((a, i) => {
    if (dupA.has(a.name)) add(`addresses[${i}].name`, `address object "${a.name}" is defined more than once`);
    for (const family of ["ipv4", "ipv6"] as const) {
      a[family].forEach((p, j) => {
        const r = parsePrefix(p, family);
        if (!r.ok) add(`addresses[${i}].${family}[${j}]`, `${r.message} (found: ${p})`);
      });
    }
  });
  const dupS = duplicates(rb.services.map((s) => s.name));
  rb.services.forEach((s, i) => {
    if (dupS.has(s.name)) add(`services[${i}].name`, `service "${s.name}" is defined more than once`);
    const ported = s.protocol === "tcp" || s.protocol === "udp";
    if (!ported && (s.portMin !== undefined || s.portMax !== undefined)) add(`services[${i}]`, `protocol ${s.protocol} takes no ports (found: ${s.portMin ?? ""}–${s.portMax ?? ""})`);
    if (ported) {
      const lo = s.portMin;
      const hi = s.portMax ?? s.portMin;
      if ((lo === undefined) !== (hi === undefined)) add(`services[${i}].portMin`, "portMax without portMin");
      if (lo !== undefined && hi !== undefined && !(Number.isInteger(lo) && Number.isInteger(hi) && lo >= 0 && hi <= 65535 && lo <= hi)) {
        add(`services[${i}]`, `expected ports 0–65535 with portMin ≤ portMax, found ${lo}–${hi}`);
      }
    }
  });
  const addrNames = new Set(rb.addresses.map((a) => a.name));
  const svcNames = new Set(rb.services.map((s) => s.name));
  const dupR = duplicates(rb.rules.map((r) => r.id));
  const closed = new Set<string>();
  let previous: string | undefined;
  rb.rules.forEach((r, i) => {
    const key = `${r.section.from}\u0000${r.section.to}`;
    if (dupR.has(r.id)) add(`rules[${i}].id`, `rule id "${r.id}" is used more than once`);
    if (key !== previous && closed.has(key)) add(`rules[${i}].section`, `section ${r.section.from} → ${r.section.to} is split: its rules must be consecutive`);
    if (previous !== undefined) closed.add(previous);
    previous = key;
    if (r.families.length === 0) add(`rules[${i}].families`, "expected ipv4 and/or ipv6, found none");
    r.sources.forEach((n, j) => addrNames.has(n) || add(`rules[${i}].sources[${j}]`, `unknown address object "${n}"`));
    r.destinations.forEach((n, j) => addrNames.has(n) || add(`rules[${i}].destinations[${j}]`, `unknown address object "${n}"`));
    r.services.forEach((n, j) => svcNames.has(n) || add(`rules[${i}].services[${j}]`, `unknown service "${n}"`));
  });
  const dupN = duplicates(rb.nat.map((n) => n.id));
  rb.nat.forEach((n, i) => {
    if (dupN.has(n.id)) add(`nat[${i}].id`, `NAT id "${n.id}" is used more than once`);
    if (parseAddress(n.publicAddress)?.family !== "ipv4") add(`nat[${i}].publicAddress`, `expected an IPv4 address, found "${n.publicAddress}"`);
    if (!(Number.isInteger(n.port) && n.port >= 1 && n.port <= 65535)) add(`nat[${i}].port`, `expected a port 1–65535, found ${n.port}`);
    if (n.translatedTo.length === 0) add(`nat[${i}].translatedTo`, "expected at least one private address, found none");
    n.translatedTo.forEach((t, j) => parseAddress(t)?.family === "ipv4" || add(`nat[${i}].translatedTo[${j}]`, `expected an IPv4 address, found "${t}"`));
  });
  return out;
}

/**
 * Throws one error listing every problem (renderers call it first: no output from a malformed base).
 * @param rb the rule base
 */
export function assertRuleBase(rb: RuleBase): void {
  const problems = checkRuleBase(rb);
  if (problems.length > 0) throw new Error(`rule base of ${rb.device}: ${problems.length} problem(s)\n${problems.map((p) => `  ${p.path}: ${p.message}`).join("\n")}`);
}
