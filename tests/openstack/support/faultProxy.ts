/**
 * A local HTTP proxy in front of Neutron that loses the reply of chosen requests AFTER forwarding them:
 * the server carries the request out (creates the object), the client sees a timeout (the reply is
 * held until the client gives up) or a connection reset (the socket is destroyed instead of answering).
 * Every other request passes through unchanged. Each armed fault fires once.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

/** What the client sees instead of the reply. */
export type Fault = "timeout" | "reset";

/** A fault waiting for its request. */
export interface ArmedFault {
  /** The fault. */
  fault: Fault;
  /** HTTP method to match (`POST`). */
  method: string;
  /** Path (without the query) to match. */
  path: RegExp;
}

/** A fault that fired: what the server answered to the request whose reply was lost. */
export interface FiredFault extends ArmedFault {
  /** The request's path. */
  requestPath: string;
  /** The server's status (2xx: it did carry the request out). */
  upstreamStatus: number;
  /** The server's parsed reply (undefined when it was not JSON). */
  upstreamBody: unknown;
}

/** The running proxy. */
export interface FaultProxy {
  /** Base URL to use as the network endpoint (`http://127.0.0.1:<port>`). */
  url: string;
  /** Faults not fired yet. */
  armed: ArmedFault[];
  /** Faults fired, in order. */
  fired: FiredFault[];
  /** Stops listening and drops every held or open connection. */
  close(): Promise<void>;
}

/** Hop-by-hop headers a proxy must not copy (the reply is re-framed with its own length). */
const HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "proxy-connection", "upgrade"]);

/**
 * Starts a proxy on a free local port in front of `target`.
 * @param target upstream base URL (Neutron's)
 * @param faults faults to inject, each once, in the order their requests arrive
 */
export async function startFaultProxy(target: string, faults: readonly ArmedFault[]): Promise<FaultProxy> {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const armed = [...faults];
  const fired: FiredFault[] = [];
  const sockets = new Set<import("node:net").Socket>();

  const server = http.createServer((req, res) => {
    const pathOnly = (req.url ?? "/").split("?")[0] as string;
    // Claimed when the request arrives, so two concurrent matching requests cannot both fire it.
    const at = armed.findIndex((f) => f.method === req.method && f.path.test(pathOnly));
    const fault = at >= 0 ? armed.splice(at, 1)[0] : undefined;
    const headers = { ...req.headers, host: upstream.host };
    const up = http.request({ protocol: upstream.protocol, hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent }, (ur) => {
      const chunks: Buffer[] = [];
      ur.on("data", (c: Buffer) => chunks.push(c));
      ur.on("end", () => {
        const body = Buffer.concat(chunks);
        if (fault) {
          fired.push({ ...fault, requestPath: pathOnly, upstreamStatus: ur.statusCode ?? 0, upstreamBody: parse(body) });
          // The server has answered; the client never learns what.
          if (fault.fault === "reset") req.socket.destroy();
          return; // "timeout": hold the reply until the client gives up (close() drops it)
        }
        const out: http.OutgoingHttpHeaders = {};
        for (const [k, v] of Object.entries(ur.headers)) if (!HOP.has(k) && v !== undefined) out[k] = v;
        out["content-length"] = body.length;
        res.writeHead(ur.statusCode ?? 502, out);
        res.end(body);
      });
    });
    up.on("error", () => req.socket.destroy());
    req.pipe(up);
  });
  // Idle client sockets stay open (the client keeps them alive): closing one as the client reuses it
  // would reset a request nobody chose to fault.
  server.keepAliveTimeout = 600_000;
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    armed,
    fired,
    close: async () => {
      for (const s of sockets) s.destroy();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function parse(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}
