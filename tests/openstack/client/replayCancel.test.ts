/**
 * Cancelling a replay (issue 15): a caller that gives up (a test step that timed out) aborts the replay
 * and awaits it before cleaning up. After the abort no request is started; what was in flight finishes
 * and is in the report, so undo removes it; what was never attempted is listed as cancelled. Against a
 * fake Neutron that aborts the replay while it is creating the second dependency level.
 */
import { OpenStackClient } from "../../../clients/openstack/client";
import { replayPlan, undoReplay } from "../../../asbuilt/replay";
import { PlanBuilder } from "../support/cloud";
import { startFakeCloud, type FakeCloud } from "./fakeCloud";

const SINGULAR: Record<string, string> = { networks: "network", subnets: "subnet", ports: "port" };

/**
 * A fake Neutron holding networks, subnets and ports (deleting a network deletes what is on it, as
 * Neutron does); `onCreate` runs before it answers a create.
 */
function neutronFake(fake: FakeCloud, onCreate: (collection: string) => void): Map<string, { collection: string; name: string; network?: string }> {
  const objects = new Map<string, { collection: string; name: string; network?: string }>();
  fake.handle = (method, path, _req, body) => {
    const url = new URL(path, "http://x");
    const m = /^\/network\/v2\.0\/(networks|subnets|ports)(?:\/([^/]+))?(\/tags)?$/.exec(url.pathname);
    if (!m) return [404, { NeutronError: { type: "HTTPNotFound", message: path } }];
    const [, collection, id, tags] = m as unknown as [string, string, string | undefined, string | undefined];
    if (method === "POST") {
      onCreate(collection);
      const parsed = JSON.parse(body) as Record<string, unknown>;
      const many = Array.isArray(parsed[collection]);
      const bodies = (many ? parsed[collection] : [parsed[SINGULAR[collection] as string]]) as Array<Record<string, unknown>>;
      const made = bodies.map((b) => {
        const obj = { ...b, id: `${collection}-${objects.size + 1}` };
        objects.set(obj.id, { collection, name: String(b.name), ...(typeof b.network_id === "string" ? { network: b.network_id } : {}) });
        return obj;
      });
      return [201, many ? { [collection]: made } : { [SINGULAR[collection] as string]: made[0] }];
    }
    if (method === "PUT" && tags && id) return [200, { tags: [] }];
    if (method === "DELETE" && id) {
      if (!objects.delete(id)) return [404, { NeutronError: { type: "HTTPNotFound", message: id } }];
      for (const [other, o] of objects) if (o.network === id) objects.delete(other);
      return [204, undefined];
    }
    if (method === "GET") {
      const name = url.searchParams.get("name");
      const list = [...objects.entries()].filter(([, o]) => o.collection === collection && (name === null || o.name === name)).map(([oid, o]) => ({ id: oid, name: o.name }));
      return [200, { [collection]: list }];
    }
    return [405, {}];
  };
  return objects;
}

/** One network, four subnets on it, three ports on its first subnet: three dependency levels. */
function threeLevelPlan(): ReturnType<PlanBuilder["plan"]> {
  const b = new PlanBuilder("cancel");
  const net = b.add("openstack:networking/network:Network", "n", { name: "n" });
  const subnets = [1, 2, 3, 4].map((i) => b.add("openstack:networking/subnet:Subnet", `s${i}`, { networkId: net, name: `s${i}`, ipVersion: 4, cidr: `10.0.${i}.0/24` }));
  for (let i = 1; i <= 3; i++) b.add("openstack:networking/port:Port", `p${i}`, { networkId: net, name: `p${i}`, fixedIps: [{ subnetId: subnets[0] }] });
  return b.plan();
}

async function connect(fake: FakeCloud): Promise<OpenStackClient> {
  return OpenStackClient.connect({
    credentials: { authUrl: `${fake.url}/v3`, username: "u", password: "p", projectName: "x", userDomainName: "Default", projectDomainName: "Default" },
    timeoutMs: 10_000,
  });
}

describe("cancelling a replay", () => {
  it("aborted while the second level is being created: that level finishes, the third is never sent, undo leaves nothing", async () => {
    const fake = await startFakeCloud();
    try {
      const controller = new AbortController();
      const objects = neutronFake(fake, (collection) => {
        if (collection === "subnets") controller.abort();
      });
      const client = await connect(fake);
      const report = await replayPlan(threeLevelPlan(), { client, signal: controller.signal });
      const posts = fake.seen.filter((s) => s.startsWith("POST /network"));
      expect({
        posts: posts.map((s) => s.split("/").pop()),
        replayed: report.replayed.map((r) => r.name).sort(),
        cancelled: report.cancelled.map((r) => r.name).sort(),
        failed: report.failed,
      }).toEqual({
        posts: ["networks", "subnets"],
        replayed: ["n", "s1", "s2", "s3", "s4"],
        cancelled: ["p1", "p2", "p3"],
        failed: [],
      });
      expect(await undoReplay(client, report)).toEqual([]);
      expect([...objects.values()]).toEqual([]);
    } finally {
      await fake.close();
    }
  });

  it("aborted before it starts: no request but the token, every replayable resource listed as cancelled", async () => {
    const fake = await startFakeCloud();
    try {
      neutronFake(fake, () => undefined);
      const client = await connect(fake);
      const seenBefore = fake.seen.length;
      const report = await replayPlan(threeLevelPlan(), { client, signal: AbortSignal.abort() });
      expect({ requests: fake.seen.slice(seenBefore), replayed: report.replayed, cancelled: report.cancelled.length }).toEqual({ requests: [], replayed: [], cancelled: 8 });
    } finally {
      await fake.close();
    }
  });

  it("not aborted: the same plan replays whole, nothing cancelled", async () => {
    const fake = await startFakeCloud();
    try {
      const objects = neutronFake(fake, () => undefined);
      const client = await connect(fake);
      const report = await replayPlan(threeLevelPlan(), { client, signal: new AbortController().signal });
      expect({ replayed: report.replayed.length, cancelled: report.cancelled, failed: report.failed, objects: objects.size }).toEqual({ replayed: 8, cancelled: [], failed: [], objects: 8 });
    } finally {
      await fake.close();
    }
  });
});
