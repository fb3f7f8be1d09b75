/** A fake Keystone + Neutron on node:http for the client's unit tests: scripted failures, counters. */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

/** What the fake does and has seen. */
export interface FakeCloud {
  /** Base URL (`http://127.0.0.1:<port>`). */
  url: string;
  /** Requests seen, `METHOD path`. */
  seen: string[];
  /** Request headers seen, in order. */
  headers: http.IncomingHttpHeaders[];
  /** Tokens issued. */
  tokens: number;
  /** Most requests in flight at once. */
  maxInFlight: number;
  /** Handler for non-auth paths (`body`: the request's raw body); return [status, body]. */
  handle: (method: string, path: string, req: http.IncomingMessage, body: string) => Promise<[number, unknown]> | [number, unknown];
  /** Token lifetime in ms, from `now()`. */
  tokenTtlMs: number;
  /** The fake's clock (default Date.now); tests of renewal share it with the client. */
  now: () => number;
  /** Stops the server. */
  close(): Promise<void>;
}

/** Starts the fake on a free loopback port. */
export async function startFakeCloud(): Promise<FakeCloud> {
  let inFlight = 0;
  const fake: FakeCloud = {
    url: "", seen: [], headers: [], tokens: 0, maxInFlight: 0, tokenTtlMs: 3_600_000, now: Date.now,
    handle: () => [404, { NeutronError: { type: "HTTPNotFound", message: "not found" } }],
    close: () => new Promise((r) => server.close(() => r())),
  };
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", async () => {
      inFlight++;
      fake.maxInFlight = Math.max(fake.maxInFlight, inFlight);
      const path = req.url ?? "/";
      fake.seen.push(`${req.method} ${path}`);
      fake.headers.push(req.headers);
      try {
        if (req.method === "POST" && path === "/v3/auth/tokens") {
          const auth = JSON.parse(body) as { auth: { identity: { password?: { user: { password: string } } } } };
          if (auth.auth.identity.password?.user.password === "wrong") {
            // Echo the request, as some proxies do, to prove the client redacts it.
            res.writeHead(401, { "Content-Type": "application/json" }).end(JSON.stringify({ error: { message: `bad credentials in ${body}` } }));
            return;
          }
          fake.tokens++;
          res.writeHead(201, { "Content-Type": "application/json", "X-Subject-Token": `tok-${fake.tokens}` }).end(JSON.stringify({
            token: {
              expires_at: new Date(fake.now() + fake.tokenTtlMs).toISOString(),
              project: { id: "p1" },
              catalog: [{ type: "network", endpoints: [{ interface: "public", region_id: "RegionOne", url: `${fake.url}/network` }] },
                { type: "compute", endpoints: [{ interface: "public", region_id: "RegionOne", url: `${fake.url}/compute/v2.1` }] }],
            },
          }));
          return;
        }
        const [status, out] = await fake.handle(req.method ?? "GET", path, req, body);
        if (status === 0) {
          req.socket.destroy();
          return;
        }
        res.writeHead(status, { "Content-Type": "application/json" }).end(out === undefined ? "" : JSON.stringify(out));
      } finally {
        inFlight--;
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
