/**
 * A server that commits after the client gave up (what a loaded Neutron does: CI saw a bulk rule
 * create time out, the read-back find nothing yet, and the one-by-one creates refused with
 * `SecurityGroupRuleExists`). A fake Neutron whose creates commit `commitMs` after they arrive, holding
 * a rule's identity while it commits (as the database's unique constraint does): the create that
 * timed out is adopted once it lands — by the settled read-back, or from the refusal of the second
 * create — and never made twice, never reported as refused.
 */
import { OpenStackClient } from "../../../clients/openstack/client";
import { Neutron } from "../../../clients/openstack/neutron";
import { createOnce, type Resolution } from "../../../asbuilt/ambiguousCreate";
import { replayPlan } from "../../../asbuilt/replay";
import { PlanBuilder } from "../support/cloud";
import { startFakeCloud, type FakeCloud } from "./fakeCloud";

const RULE_KEYS = ["security_group_id", "direction", "ethertype", "protocol", "port_range_min", "port_range_max", "remote_ip_prefix", "remote_group_id"];
const SINGULAR: Record<string, string> = { security_groups: "security_group", security_group_rules: "security_group_rule" };
type Obj = Record<string, unknown> & { id: string };

/** Security groups and rules; a rule's create commits `commitMs` after it arrives (a group's at once); a rule's identity is unique. */
function slowNeutron(fake: FakeCloud, commitMs: number): { objects: Map<string, Obj & { collection: string }>; posts: () => number } {
  const objects = new Map<string, Obj & { collection: string }>();
  const pending = new Map<string, Promise<string>>();
  let posts = 0;
  let next = 0;
  const ruleKey = (b: Record<string, unknown>): string => JSON.stringify(RULE_KEYS.map((k) => b[k] ?? null));
  const commit = async (collection: string, b: Record<string, unknown>): Promise<Obj | string> => {
    const key = collection === "security_group_rules" ? ruleKey(b) : undefined;
    if (key !== undefined) {
      const held = pending.get(key);
      if (held) return held; // the first create still commits: this one is refused once it has
      const existing = [...objects.values()].find((o) => o.collection === collection && ruleKey(o) === key);
      if (existing) return existing.id;
    }
    const id = `${collection}-${++next}`;
    const done = new Promise<string>((r) => setTimeout(() => r(id), collection === "security_group_rules" ? commitMs : 0));
    if (key !== undefined) pending.set(key, done);
    await done;
    if (key !== undefined) pending.delete(key);
    const obj = { ...b, id, collection };
    objects.set(id, obj);
    return obj;
  };
  fake.handle = async (method, path, _req, body) => {
    const url = new URL(path, "http://x");
    const m = /^\/network\/v2\.0\/(security_groups|security_group_rules)(?:\/([^/]+))?(\/tags)?$/.exec(url.pathname);
    if (!m) return [404, { NeutronError: { type: "HTTPNotFound", message: path } }];
    const [, collection, id, tags] = m as unknown as [string, string, string | undefined, string | undefined];
    const singular = SINGULAR[collection] as string;
    if (method === "POST") {
      posts++;
      const parsed = JSON.parse(body) as Record<string, unknown>;
      const many = Array.isArray(parsed[collection]);
      const bodies = (many ? parsed[collection] : [parsed[singular]]) as Array<Record<string, unknown>>;
      const made = await Promise.all(bodies.map((b) => commit(collection, b)));
      const taken = made.find((x): x is string => typeof x === "string");
      if (taken) return [409, { NeutronError: { type: "SecurityGroupRuleExists", message: `Security group rule already exists. Rule id is ${taken}.` } }];
      return [201, many ? { [collection]: made } : { [singular]: made[0] }];
    }
    if (method === "PUT" && tags && id) return [200, { tags: [] }];
    if (method === "DELETE" && id) return objects.delete(id) ? [204, undefined] : [404, {}];
    if (method === "GET") {
      const query = [...url.searchParams].filter(([k]) => k !== "limit" && k !== "fields");
      const list = [...objects.values()].filter((o) => o.collection === collection && query.every(([k, v]) => String(o[k]) === v));
      return [200, { [collection]: list }];
    }
    return [405, {}];
  };
  return { objects, posts: () => posts };
}

async function connect(fake: FakeCloud, timeoutMs: number): Promise<OpenStackClient> {
  return OpenStackClient.connect({
    credentials: { authUrl: `${fake.url}/v3`, username: "u", password: "p", projectName: "x", userDomainName: "Default", projectDomainName: "Default" },
    timeoutMs,
  });
}

const RULE = { security_group_id: "sg-1", direction: "ingress", ethertype: "IPv4", protocol: "tcp", port_range_min: 443, port_range_max: 443, remote_ip_prefix: "10.0.0.0/24" };

describe("a create the server commits after the client's timeout", () => {
  it("is adopted by the settled read-back: one POST, one rule", async () => {
    const fake = await startFakeCloud();
    try {
      const n = slowNeutron(fake, 600);
      const how: Resolution[] = [];
      const made = await createOnce(new Neutron(await connect(fake, 200)), "security_group_rules", RULE, (h) => how.push(h), { settle: { reads: 6, delayMs: 200 } });
      expect({ how, posts: n.posts(), rules: [...n.objects.keys()], made: made.id }).toEqual({ how: ["adopted"], posts: 1, rules: ["security_group_rules-1"], made: "security_group_rules-1" });
    } finally {
      await fake.close();
    }
  });

  it("is adopted from the second create's refusal when the read-back gave up too early: two POSTs, one rule", async () => {
    const fake = await startFakeCloud();
    try {
      const n = slowNeutron(fake, 600);
      const how: Resolution[] = [];
      // The first create times out at 500 ms; the read-back finds nothing (it commits at 600 ms); the
      // second create waits on the first's commit and is refused.
      const made = await createOnce(new Neutron(await connect(fake, 500)), "security_group_rules", RULE, (h) => how.push(h), { settle: { reads: 1, delayMs: 0 } });
      expect({ how, posts: n.posts(), rules: [...n.objects.keys()], made: made.id }).toEqual({ how: ["created", "adopted"], posts: 2, rules: ["security_group_rules-1"], made: "security_group_rules-1" });
    } finally {
      await fake.close();
    }
  });

  it("a refusal with no earlier unknown outcome is not adopted: the rule that exists is someone else's", async () => {
    const fake = await startFakeCloud();
    try {
      slowNeutron(fake, 0);
      const neutron = new Neutron(await connect(fake, 5_000));
      await neutron.create("security_group_rules", RULE);
      await expect(createOnce(neutron, "security_group_rules", RULE)).rejects.toThrow(/409 SecurityGroupRuleExists/);
    } finally {
      await fake.close();
    }
  });

  it("a replay whose bulk rule create times out and commits late: every rule once, nothing refused (the CI failure)", async () => {
    const fake = await startFakeCloud();
    try {
      // The bulk create times out at 1 s and commits at 1.5 s; the read-back (one read) finds nothing.
      const n = slowNeutron(fake, 1_500);
      const b = new PlanBuilder("late");
      const sg = b.add("openstack:networking/secGroup:SecGroup", "web", { name: "web", deleteDefaultRules: false });
      for (const port of [80, 443, 8080, 8443]) {
        b.add("openstack:networking/secGroupRule:SecGroupRule", `r${port}`, { securityGroupId: sg, direction: "ingress", ethertype: "IPv4", protocol: "tcp", portRangeMin: port, portRangeMax: port, remoteIpPrefix: "10.0.0.0/24" });
      }
      const report = await replayPlan(b.plan(), { client: await connect(fake, 1_000), settle: { reads: 1, delayMs: 0 } });
      const rules = [...n.objects.values()].filter((o) => o.collection === "security_group_rules");
      expect({ failed: report.failed, replayed: report.replayed.length, rules: rules.map((r) => r.port_range_min).sort() }).toEqual({ failed: [], replayed: 5, rules: [443, 80, 8080, 8443] });
    } finally {
      await fake.close();
    }
  });
});
