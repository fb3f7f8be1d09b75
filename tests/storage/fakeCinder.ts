/** A stateful fake Keystone + Cinder (volume types and their encryption specs) on node:http, for the client's unit tests. */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

import type { VolumeTypeEncryption as StoredEncryption } from "../../clients/openstack/cinder";

/** The fake and what it has seen. */
export interface FakeCinder {
  /** Base URL. */
  url: string;
  /** Volume types by id. */
  types: Map<string, { id: string; name: string; is_public: boolean }>;
  /** Encryption specs by type id. */
  encryption: Map<string, StoredEncryption>;
  /** Types that have volumes (Cinder refuses to change their encryption). */
  inUse: Set<string>;
  /** Requests seen, `METHOD path`. */
  seen: string[];
  /** Stops the server. */
  close(): Promise<void>;
}

/**
 * Starts the fake; the catalog registers Cinder under `serviceType` at `<url>/volume/v3/<project>`.
 * @param serviceType catalog type (`block-storage` or the legacy `volumev3`)
 */
export async function startFakeCinder(serviceType = "block-storage"): Promise<FakeCinder> {
  let serial = 0;
  const fake: FakeCinder = { url: "", types: new Map(), encryption: new Map(), inUse: new Set(), seen: [], close: () => new Promise((r) => server.close(() => r())) };
  const reply = (res: http.ServerResponse, status: number, body?: unknown): void => {
    res.writeHead(status, { "Content-Type": "application/json" }).end(body === undefined ? "" : JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    let text = "";
    req.on("data", (c) => (text += c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      const method = req.method ?? "GET";
      fake.seen.push(`${method} ${url.pathname}`);
      if (method === "POST" && url.pathname === "/v3/auth/tokens") {
        res.writeHead(201, { "Content-Type": "application/json", "X-Subject-Token": "tok" }).end(
          JSON.stringify({
            token: {
              expires_at: new Date(Date.now() + 3_600_000).toISOString(),
              project: { id: "p1" },
              catalog: [{ type: serviceType, endpoints: [{ interface: "public", region_id: "RegionOne", url: `${fake.url}/volume/v3/p1` }] }],
            },
          }),
        );
        return;
      }
      if (req.headers["x-auth-token"] !== "tok") return reply(res, 401, { error: { message: "no token" } });
      const m = /^\/volume\/v3\/p1\/types(?:\/([^/]+)(?:\/encryption(?:\/([^/]+))?)?)?$/.exec(url.pathname);
      if (!m) return reply(res, 404, { itemNotFound: { message: "not found" } });
      const [, typeId, encId] = m;
      if (!typeId && method === "GET") return reply(res, 200, { volume_types: [...fake.types.values()].filter((t) => t.is_public || url.searchParams.get("is_public") === "None") });
      const type = typeId ? fake.types.get(typeId) : undefined;
      if (!type) return reply(res, 404, { itemNotFound: { message: `volume type ${typeId} could not be found` } });
      const current = fake.encryption.get(type.id);
      if (method === "GET") return reply(res, 200, current ?? {});
      if (method === "POST" && !encId) {
        if (current) return reply(res, 400, { badRequest: { message: `Volume type encryption for type ${type.id} already exists.` } });
        const body = JSON.parse(text) as { encryption: Omit<StoredEncryption, "encryption_id" | "volume_type_id"> };
        const stored = { ...body.encryption, encryption_id: `enc-${++serial}`, volume_type_id: type.id };
        fake.encryption.set(type.id, stored);
        return reply(res, 200, { encryption: stored });
      }
      if ((method === "PUT" || method === "DELETE") && encId) {
        if (!current || current.encryption_id !== encId) return reply(res, 404, { itemNotFound: { message: "no such encryption" } });
        if (fake.inUse.has(type.id)) return reply(res, 400, { badRequest: { message: `Cannot update encryption specs. Volume type ${type.id} in use.` } });
        if (method === "DELETE") fake.encryption.delete(type.id);
        else fake.encryption.set(type.id, { ...current, ...(JSON.parse(text) as { encryption: object }).encryption });
        return reply(res, method === "DELETE" ? 202 : 200, method === "DELETE" ? undefined : { encryption: fake.encryption.get(type.id) });
      }
      return reply(res, 405, { badRequest: { message: "method not allowed" } });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
