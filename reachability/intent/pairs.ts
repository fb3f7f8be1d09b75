/**
 * The intent between endpoints: which endpoints each end of an intent rule stands for (by identity: a
 * zone holds every endpoint placed in it (cluster nodes and API VIPs too), a tier is that tier, a
 * cluster's control plane its control-plane nodes and VIP, its nodes every node and the VIP, the Internet and a TSLCD prefix are their
 * endpoints), and the ports intended for every ordered endpoint pair with the flows behind them.
 */
import type { Family } from "../addresses";
import type { Endpoint } from "../endpointTypes";
import { union, type PortSet } from "../portSet";
import type { IntentEnd, IntentRule } from "./resolver";

/** Endpoints by what intent ends name. */
export interface EndpointIndex {
  /** Endpoint indices per zone (tiers placed there and the zone's other addresses). */
  byZone: Map<string, number[]>;
  /** Endpoint index per `system/tier`. */
  byTier: Map<string, number>;
  /** The Internet's index. */
  internet?: number;
  /** Endpoint index per remote tier `site/system/tier` (the VLAN endpoint holding it there). */
  byRemote: Map<string, number>;
  /** Endpoint index per TSLCD prefix. */
  byTslcd: Map<string, number>;
  /** Per built cluster: its control plane's endpoints (nodes and API VIP) and every node's (and the VIP). */
  byCluster: Map<string, { controlPlane: number[]; nodes: number[] }>;
}

/**
 * Indexes endpoints for intent lookups.
 * @param endpoints the endpoints
 */
export function indexEndpoints(endpoints: readonly Endpoint[]): EndpointIndex {
  const idx: EndpointIndex = { byZone: new Map(), byTier: new Map(), byRemote: new Map(), byTslcd: new Map(), byCluster: new Map() };
  endpoints.forEach((e, i) => {
    if ((e.kind === "node" || e.kind === "api") && e.cluster !== undefined) {
      let c = idx.byCluster.get(e.cluster);
      if (!c) idx.byCluster.set(e.cluster, (c = { controlPlane: [], nodes: [] }));
      // The VIP is held by the control-plane nodes: it stands wherever they do.
      if (e.kind === "api" || e.pool === "control-plane") c.controlPlane.push(i);
      c.nodes.push(i);
    }
    if ((e.kind === "tier" || e.kind === "zone" || e.kind === "node" || e.kind === "api") && e.zone !== undefined) idx.byZone.set(e.zone, [...(idx.byZone.get(e.zone) ?? []), i]);
    if (e.kind === "tier") idx.byTier.set(`${e.system}/${e.tier}`, i);
    if (e.kind === "internet") idx.internet = i;
    if (e.kind === "remote") for (const t of e.remoteTiers ?? []) idx.byRemote.set(`${e.site}/${t}`, i);
    if (e.kind === "tslcd") idx.byTslcd.set(e.id.slice("tslcd:".length), i);
  });
  return idx;
}

/**
 * The endpoints an intent end stands for.
 * @param end the end
 * @param idx the index
 */
export function endpointsOfEnd(end: IntentEnd, idx: EndpointIndex): number[] {
  switch (end.kind) {
    case "zone":
      return idx.byZone.get(end.zone) ?? [];
    case "tier": {
      const i = idx.byTier.get(`${end.system}/${end.tier}`);
      return i === undefined ? [] : [i];
    }
    case "internet":
      return idx.internet === undefined ? [] : [idx.internet];
    case "remote": {
      const i = idx.byRemote.get(`${end.site}/${end.system}/${end.tier}`);
      return i === undefined ? [] : [i];
    }
    case "tslcd":
      return end.prefixes.map((p) => idx.byTslcd.get(p)).filter((i): i is number => i !== undefined);
    case "cluster": {
      const c = idx.byCluster.get(end.cluster);
      return c === undefined ? [] : end.scope === "control-plane" ? c.controlPlane : c.nodes;
    }
  }
}

/** What is intended from one endpoint to another. */
export interface IntendedPair {
  /** Source endpoint index. */
  from: number;
  /** Destination endpoint index. */
  to: number;
  /** Union of the ports of every flow. */
  ports: PortSet;
  /** Each flow and its ports. */
  flows: Map<string, PortSet>;
}

/**
 * Every ordered endpoint pair some rule of the family intends, keyed `from * count + to`.
 * @param rules the site's intent rules
 * @param endpoints the endpoints
 * @param family the family
 */
export function intendedPairs(rules: readonly IntentRule[], endpoints: readonly Endpoint[], family: Family): Map<number, IntendedPair> {
  const idx = indexEndpoints(endpoints);
  const n = endpoints.length;
  const out = new Map<number, IntendedPair>();
  for (const r of rules) {
    if (r.family !== family) continue;
    const froms = endpointsOfEnd(r.from, idx);
    const tos = endpointsOfEnd(r.to, idx);
    for (const a of froms) {
      for (const b of tos) {
        if (a === b) continue;
        const key = a * n + b;
        let p = out.get(key);
        if (!p) out.set(key, (p = { from: a, to: b, ports: r.ports, flows: new Map() }));
        else p.ports = union(p.ports, r.ports);
        p.flows.set(r.flow, p.flows.has(r.flow) ? union(p.flows.get(r.flow) as PortSet, r.ports) : r.ports);
      }
    }
  }
  return out;
}
