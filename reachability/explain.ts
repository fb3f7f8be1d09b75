/**
 * `npm run explain`: why a packet between two places is allowed or denied, layer by layer, with the rule
 * that decided at each point and where the flow behind it is written; and what the intent says.
 * Places are written `<zone>`, `<system>`, `<system>/<tier>`, `internet`, `tslcd`, or an address.
 */
import { parseIp, type Family } from "./addresses";
import type { Endpoint } from "./endpointTypes";
import { endpointsOfEnd, indexEndpoints } from "./intent/pairs";
import type { FlowLocation, SiteIntent } from "./intent/resolver";
import { hasPort, type Proto } from "./portSet";
import { probe, type ProbeModel, type ProbeResult } from "./probe";

/**
 * The sources or destinations a place names: addresses as they are, a zone (its endpoint), a system (each
 * tier), a tier, `internet`, `tslcd` (each TSLCD prefix).
 * @param endpoints the site's endpoints
 * @param place what the user wrote
 */
export function resolvePlace(endpoints: readonly Endpoint[], place: string): string[] {
  if (parseIp(place)) return [place];
  if (endpoints.some((e) => e.id === place)) return [place];
  if (place === "internet") return ["internet"];
  if (place === "tslcd") return endpoints.filter((e) => e.kind === "tslcd").map((e) => e.id);
  if (place.includes("/")) {
    const id = `tier:${place}`;
    if (endpoints.some((e) => e.id === id)) return [id];
  }
  if (endpoints.some((e) => e.id === `zone:${place}`)) return [`zone:${place}`];
  const tiers = endpoints.filter((e) => e.kind === "tier" && e.system === place).map((e) => e.id);
  if (tiers.length > 0) return tiers;
  const zones = endpoints.filter((e) => e.kind === "zone").map((e) => e.id.slice(5));
  throw new Error(`"${place}" is not a zone, system, tier or address of this site (zones: ${zones.join(", ")}; systems: ${[...new Set(endpoints.filter((e) => e.kind === "tier").map((e) => e.system))].join(", ")})`);
}

/**
 * Parses `5432/tcp`, `53/udp`, `icmp`.
 * @param text what the user wrote
 */
export function parsePortSpec(text: string): { protocol: Proto; port: number } | undefined {
  if (text.toLowerCase() === "icmp") return { protocol: "icmp", port: 0 };
  const m = /^(\d{1,5})\/(tcp|udp|sctp)$/i.exec(text.trim());
  if (!m) return undefined;
  const port = Number(m[1]);
  return port >= 1 && port <= 65535 ? { protocol: m[2].toLowerCase() as Proto, port } : undefined;
}

/** One explained pair. */
export interface Explanation {
  /** The probe's answer. */
  result: ProbeResult;
  /** Flows declaring this packet between these endpoints. */
  declaredBy: FlowLocation[];
}

/**
 * The flows declaring a packet between two endpoints.
 * @param intent the site's intent
 * @param endpoints the endpoints
 * @param from source endpoint id
 * @param to destination endpoint id
 * @param family family
 * @param protocol protocol
 * @param port port
 */
export function declaringFlows(intent: SiteIntent, endpoints: readonly Endpoint[], from: string | undefined, to: string | undefined, family: Family, protocol: Proto, port: number): FlowLocation[] {
  if (from === undefined || to === undefined) return [];
  const idx = indexEndpoints(endpoints);
  const a = endpoints.findIndex((e) => e.id === from);
  const b = endpoints.findIndex((e) => e.id === to);
  const out = new Map<string, FlowLocation>();
  for (const r of intent.rules) {
    if (r.family !== family || !hasPort(r.ports, protocol, port)) continue;
    if (endpointsOfEnd(r.from, idx).includes(a) && endpointsOfEnd(r.to, idx).includes(b)) out.set(r.flow, intent.locations.get(r.flow) ?? { flow: r.flow });
  }
  return [...out.values()].sort((x, y) => x.flow.localeCompare(y.flow));
}

/**
 * Explains every pair of the places named.
 * @param m the probe model (with the intent)
 * @param intent the site's intent
 * @param request places, port, family
 */
export function explain(m: ProbeModel, intent: SiteIntent, request: { from: string; to: string; protocol: Proto; port: number; family: Family }): Explanation[] {
  const out: Explanation[] = [];
  for (const from of resolvePlace(m.site.endpoints, request.from)) {
    for (const to of resolvePlace(m.site.endpoints, request.to)) {
      if (from === to) continue;
      const result = probe(m, { from, to, protocol: request.protocol, port: request.port, family: request.family });
      out.push({ result, declaredBy: declaringFlows(intent, m.site.endpoints, result.from.endpoint, result.to.endpoint, request.family, request.protocol, request.port) });
    }
  }
  return out;
}

function where(f: FlowLocation): string {
  return f.file ? `${f.flow} (${f.file}:${f.line ?? "?"})` : f.flow;
}

/**
 * Renders explanations as text.
 * @param list the explanations
 * @param request what was asked
 */
export function renderExplanation(list: readonly Explanation[], request: { protocol: Proto; port: number; family: Family }): string {
  const spec = request.protocol === "icmp" ? "icmp echo" : `${request.port}/${request.protocol}`;
  const lines: string[] = [];
  for (const { result, declaredBy } of list) {
    const name = (x: ProbeResult["from"]): string => `${x.endpoint ?? x.id}${x.address ? ` [${x.address}]` : ""}`;
    lines.push(`${name(result.from)} → ${name(result.to)} ${spec} ${request.family}: ${result.allowed ? "ALLOWED / được phép" : "DENIED / bị chặn"}`);
    if (result.translated) lines.push(`  destination NAT: ${result.translated.from} → ${result.translated.to}`);
    lines.push(`  intent / ý định: ${declaredBy.length > 0 ? `declared by ${declaredBy.map(where).join(", ")}` : "no flow declares it / không luồng nào khai báo"}`);
    if (result.unenforced) lines.push("  nothing enforces anything on this path / không có điểm kiểm soát nào trên đường đi");
    for (const l of result.layers) {
      const rule = l.rule ? `${l.rule}${l.ref ? ` [${l.ref}]` : ""}` : (l.because ?? "");
      const flows = l.flows.length > 0 ? `; flows: ${l.flows.map(where).join(", ")}` : "";
      lines.push(`  [${l.layer}] ${l.point}: ${l.verdict} — ${rule}${flows}`);
    }
    for (const d of result.missingRuleBases) lines.push(`  [zone-firewall] ${d}: no rule base in the plan (decides nothing here; the proof reports it)`);
    lines.push("");
  }
  return lines.join("\n");
}
