import fc from "fast-check";
import { diffPlans } from "../../offline/planDiff";
import { renderPlanDiff } from "../../offline/planDiffMarkdown";
import { PrefixNames, portText } from "../../offline/planLabels";
import type { Plan, PlannedResource } from "../../offline/planTypes";
import type { AddressPlan } from "../../inventory/addressing/types";

const urn = (type: string, name: string): string => `urn:pulumi:s::hatang::${type}::${name}`;
function res(type: string, name: string, inputs: Record<string, unknown>): PlannedResource {
  return { urn: urn(type, name), type, name, custom: true, inputs, dependencies: [] };
}
const SUBNET = "openstack:networking/subnet:Subnet";
const RULE = "openstack:networking/secGroupRule:SecGroupRule";
const GROUP = "openstack:networking/secGroup:SecGroup";
const NET = "openstack:networking/network:Network";
const FW_RULE = "openstack:firewall/ruleV2:RuleV2";
const FW_POLICY = "openstack:firewall/policyV2:PolicyV2";
const plan = (resources: PlannedResource[]): Plan => ({ project: "hatang", stack: "s", province: "na", resources });
const ref = (type: string, name: string): string => `id-of:${type}::${name}`;

describe("diffPlans", () => {
  const before = plan([
    res(NET, "n1", { name: "n1", mtu: 1500, segments: [{ segmentationId: 110 }] }),
    res(SUBNET, "s1", { cidr: "10.0.0.0/24", dnsNameservers: ["10.0.0.53"] }),
    res(RULE, "r1", { direction: "ingress", portRangeMin: 22 }),
    res(NET, "gone", { name: "gone" }),
  ]);
  const after = plan([
    res(NET, "n1", { name: "n1", mtu: 9000, segments: [{ segmentationId: 120 }] }),
    res(SUBNET, "s1", { cidr: "10.0.0.0/24", dnsNameservers: ["10.0.0.53", "10.0.0.54"] }),
    res(RULE, "r1", { direction: "ingress", portRangeMin: 22 }),
    res(RULE, "r2", { direction: "egress" }),
  ]);
  const d = diffPlans(before, after);

  it("classifies every resource: replace (a replace-only field changed), update, add, remove", () => {
    expect(d.changes.map((c) => `${c.kind} ${c.name}`)).toEqual(["replace n1", "update s1", "add r2", "remove gone"]);
    expect(d.counts).toEqual({ add: 1, remove: 1, replace: 1, update: 1 });
    expect(d.unchanged).toBe(1);
  });

  it("names nested fields by their path, and lists what came into and went out of a list", () => {
    expect(d.changes.find((c) => c.name === "n1")?.fields).toEqual([
      { field: "mtu", before: 1500, after: 9000, replaces: false, beforeText: "1500", afterText: "9000" },
      { field: "segments[0].segmentationId", before: 110, after: 120, replaces: true, beforeText: "110", afterText: "120" },
    ]);
    expect(d.changes.find((c) => c.name === "s1")?.fields).toEqual([
      { field: "dnsNameservers", before: ["10.0.0.53"], after: ["10.0.0.53", "10.0.0.54"], replaces: false, beforeText: '["10.0.0.53"]', afterText: '["10.0.0.53","10.0.0.54"]', added: ['"10.0.0.54"'], removed: [] },
    ]);
  });

  it("finds nothing between a plan and itself, nor after the resources are re-ordered", () => {
    expect(diffPlans(after, after).changes).toEqual([]);
    expect(diffPlans(after, plan([...after.resources].reverse())).changes).toEqual([]);
  });
});

describe("a backup container moved to the backup zone's storage policy", () => {
  const CONTAINER = "openstack:objectstorage/container:Container";
  const container = (inputs: Record<string, unknown>): PlannedResource => res(CONTAINER, "na-dc1-backup-daily", { name: "na-dc1-backup-daily", versioning: true, ...inputs });
  it("is a replacement (Swift never moves a container between policies), while a metadata change updates it in place", () => {
    const moved = diffPlans(plan([container({ metadata: { a: "1" } })]), plan([container({ metadata: { a: "1" }, storagePolicy: "backup" })]));
    expect(moved.changes.map((c) => `${c.kind} ${c.name}`)).toEqual(["replace na-dc1-backup-daily"]);
    expect(moved.changes[0].fields.map((f) => [f.field, f.replaces])).toEqual([["storagePolicy", true]]);
    const tagged = diffPlans(plan([container({ metadata: { a: "1" } })]), plan([container({ metadata: { a: "1", site: "na-dc1" } })]));
    expect(tagged.changes.map((c) => `${c.kind} ${c.name}`)).toEqual(["update na-dc1-backup-daily"]);
  });
});

describe("a one-port change in a flow", () => {
  const groups = [
    res(GROUP, "na-zone-soc", { name: "na-zone-soc", description: "zone soc" }),
    res(GROUP, "na-tier-repo", { name: "na-tier-repo", description: "repo tier (zone management)" }),
  ];
  const rule = (name: string, port: number, ethertype = "IPv4"): PlannedResource =>
    res(RULE, name, { description: "flows: soc-to-repo", direction: "egress", ethertype, protocol: "tcp", portRangeMin: port, portRangeMax: port, securityGroupId: ref(GROUP, "na-zone-soc"), remoteGroupId: ref(GROUP, "na-tier-repo") });
  const fw = (name: string, port: string): PlannedResource =>
    res(FW_RULE, name, { action: "allow", description: "flows: soc-to-repo", sourceIpAddress: "10.24.51.0/24", destinationIpAddress: "10.24.30.128/26", destinationPort: port, ipVersion: 4, protocol: "tcp", name });
  const policy = (rules: string[]): PlannedResource => res(FW_POLICY, "na-fw-soc-egress", { name: "na-fw-soc-egress", rules: rules.map((r) => ref(FW_RULE, r)) });
  const before = plan([...groups, rule("na-sgr-aaa", 443), rule("na-sgr-bbb", 443, "IPv6"), fw("na-fwr-ccc", "443"), policy(["na-fwr-ccc"])]);
  const after = plan([...groups, rule("na-sgr-ddd", 8443), rule("na-sgr-eee", 8443, "IPv6"), fw("na-fwr-fff", "8443"), policy(["na-fwr-fff"])]);
  const addressPlan = {
    province: "na",
    sites: [{ site: "na-dc2", ipv4Aggregates: [], ipv6Aggregates: [], zones: [{ site: "na-dc2", zone: "soc", ipv4: "10.24.51.0/24", ipv6: "2001:db8::/56" }], subnets: [], links: [], loopbacks: [], clusters: [], tslcd: [] }],
  } as unknown as AddressPlan;
  const d = diffPlans(before, after, new PrefixNames(addressPlan));

  it("names each changed rule once, by what it allows, with the rule it replaces and its changed fields", () => {
    expect(d.counts).toEqual({ add: 0, remove: 0, replace: 3, update: 1 });
    const v4 = d.changes.find((c) => c.name === "na-sgr-ddd");
    expect(v4).toMatchObject({
      kind: "replace",
      label: "security-group rule: zone soc → repo tier (zone management), egress, tcp 8443, IPv4 (flows: soc-to-repo)",
      previous: { name: "na-sgr-aaa", label: "security-group rule: zone soc → repo tier (zone management), egress, tcp 443, IPv4 (flows: soc-to-repo)" },
    });
    expect(v4?.fields.map((f) => `${f.field}: ${f.beforeText} → ${f.afterText}`)).toEqual(["portRangeMax: 443 → 8443", "portRangeMin: 443 → 8443"]);
    expect(d.changes.find((c) => c.name === "na-sgr-eee")?.previous?.name).toBe("na-sgr-bbb");
    const fwChange = d.changes.find((c) => c.name === "na-fwr-fff");
    expect(fwChange?.label).toBe("FWaaS rule: 10.24.51.0/24 (zone soc @ na-dc2) → 10.24.30.128/26, allow tcp 8443, IPv4 (flows: soc-to-repo)");
    expect(fwChange?.fields.map((f) => f.field)).toEqual(["destinationPort", "name"]);
  });

  it("shows a policy's rule list by the rules it gained and lost", () => {
    const p = d.changes.find((c) => c.name === "na-fw-soc-egress");
    expect(p?.kind).toBe("update");
    expect(p?.fields[0]).toMatchObject({ field: "rules", added: ["FWaaS rule: 10.24.51.0/24 (zone soc @ na-dc2) → 10.24.30.128/26, allow tcp 8443, IPv4 (flows: soc-to-repo)"], removed: ["FWaaS rule: 10.24.51.0/24 (zone soc @ na-dc2) → 10.24.30.128/26, allow tcp 443, IPv4 (flows: soc-to-repo)"] });
  });

  it("renders Markdown with every field whole, never cut", () => {
    const long = "x".repeat(500);
    const md = renderPlanDiff(diffPlans(plan([res(NET, "n", { description: "a" })]), plan([res(NET, "n", { description: long })])), ["Before: old.json"]);
    expect(md).toContain(`\`description\`: "a" → "${long}"`);
    expect(md).toContain("> Before: old.json  ");
    const text = renderPlanDiff(d);
    expect(text).toContain("**0 to add, 3 to replace, 1 to update, 0 to remove**; 2 unchanged.");
    expect(text).toContain("- `SecGroupRule` security-group rule: zone soc → repo tier (zone management), egress, tcp 8443, IPv4 (flows: soc-to-repo) — `na-sgr-ddd`");
    expect(text).toContain("  - replaces `na-sgr-aaa`: security-group rule: zone soc → repo tier (zone management), egress, tcp 443, IPv4 (flows: soc-to-repo)");
    expect(text).toContain("  - `portRangeMin` (forces replacement): 443 → 8443");
    expect(text).toContain("    - − FWaaS rule: 10.24.51.0/24 (zone soc @ na-dc2) → 10.24.30.128/26, allow tcp 443, IPv4 (flows: soc-to-repo)");
  });
});

describe("lists of Kubernetes objects", () => {
  const np = (name: string, port: number, protocol = "UDP") => ({
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name, namespace: "app", labels: { "hatang.vn/flow": "app-to-time-dns" } },
    spec: { podSelector: { matchLabels: { "hatang.vn/tier": "api" } }, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "10.24.0.0/20" } }], ports: [{ port, protocol }] }] },
  });
  const ns = { apiVersion: "v1", kind: "Namespace", metadata: { name: "app" } };
  const group = (objs: unknown[]) => res("kubernetes:yaml:ConfigGroup", "cg", { objs });

  it("matches objects by identity wherever they sit, so a moved object is unchanged and a changed port is named", () => {
    const before = plan([group([ns, np("time-aaa", 123), np("dns-bbb", 53)])]);
    const after = plan([group([np("dns-ccc", 5353), np("time-aaa", 123), ns])]);
    const d = diffPlans(before, after);
    expect(d.changes).toHaveLength(1);
    expect(d.changes[0].fields.map((f) => `${f.field}: ${f.beforeText} → ${f.afterText}`)).toEqual([
      'objs[NetworkPolicy: pods hatang.vn/tier=api in app → 10.24.0.0/20, UDP 5353 (flow app-to-time-dns)].metadata.name: "dns-bbb" → "dns-ccc"',
      "objs[NetworkPolicy: pods hatang.vn/tier=api in app → 10.24.0.0/20, UDP 5353 (flow app-to-time-dns)].spec.egress[0].ports[0].port: 53 → 5353",
    ]);
    expect(diffPlans(before, plan([group([np("dns-bbb", 53), ns, np("time-aaa", 123)])])).changes).toEqual([]);
  });

  it("names the objects that came and went", () => {
    const d = diffPlans(plan([group([ns])]), plan([group([ns, np("ntp-x", 123)])]));
    expect(d.changes[0].fields).toMatchObject([{ field: "objs", added: ["NetworkPolicy: pods hatang.vn/tier=api in app → 10.24.0.0/20, UDP 123 (flow app-to-time-dns)"], removed: [] }]);
  });
});

describe("matching by identity", () => {
  const slotArb = fc.record({ group: fc.constantFrom("a", "b"), direction: fc.constantFrom("ingress", "egress"), ethertype: fc.constantFrom("IPv4", "IPv6"), flow: fc.constantFrom("f1", "f2", "f3") });
  const ruleArb = fc.record({ slot: slotArb, port: fc.integer({ min: 1, max: 6 }) });
  const toResource = (r: { slot: { group: string; direction: string; ethertype: string; flow: string }; port: number }): PlannedResource =>
    res(RULE, `sgr-${r.slot.group}-${r.slot.direction}-${r.slot.ethertype}-${r.slot.flow}-${r.port}`, { securityGroupId: r.slot.group, direction: r.slot.direction, ethertype: r.slot.ethertype, description: r.slot.flow, protocol: "tcp", portRangeMin: r.port, portRangeMax: r.port });
  const unique = (rs: PlannedResource[]): PlannedResource[] => [...new Map(rs.map((r) => [r.urn, r])).values()];

  it("accounts for every resource exactly once and pairs only rules of the same slot", () => {
    fc.assert(
      fc.property(fc.array(ruleArb, { maxLength: 25 }), fc.array(ruleArb, { maxLength: 25 }), (a, b) => {
        const before = plan(unique(a.map(toResource)));
        const after = plan(unique(b.map(toResource)));
        const d = diffPlans(before, after);
        const byUrn = (p: Plan) => new Map(p.resources.map((r) => [r.urn, r]));
        const [old, now] = [byUrn(before), byUrn(after)];
        const seenOld: string[] = [];
        const seenNew: string[] = [];
        for (const c of d.changes) {
          if (c.kind === "add") seenNew.push(c.urn);
          else if (c.kind === "remove") seenOld.push(c.urn);
          else if (c.previous) {
            seenNew.push(c.urn);
            seenOld.push(c.previous.urn);
            // Checked from the inputs, not through ruleSlot: the same group, direction, family and flow.
            const slotOf = (r: PlannedResource | undefined) => ["securityGroupId", "direction", "ethertype", "description"].map((k) => r?.inputs[k]);
            expect(slotOf(now.get(c.urn))).toEqual(slotOf(old.get(c.previous.urn)));
          } else {
            seenNew.push(c.urn);
            seenOld.push(c.urn);
          }
        }
        const common = [...now.keys()].filter((u) => old.has(u));
        expect(seenOld.length + d.unchanged).toBe(old.size);
        expect(seenNew.length + d.unchanged).toBe(now.size);
        expect(new Set(seenOld).size).toBe(seenOld.length);
        expect(new Set(seenNew).size).toBe(seenNew.length);
        expect(d.unchanged).toBe(common.length);
      }),
    );
  });
});

describe("labels", () => {
  it("write protocols and ports as people say them", () => {
    expect(portText("tcp", 443, 443)).toBe("tcp 443");
    expect(portText("udp", 10000, 20000)).toBe("udp 10000-20000");
    expect(portText("icmp", 8, undefined)).toBe("icmp type 8");
    expect(portText(undefined, undefined, undefined)).toBe("any protocol");
    expect(portText("tcp", undefined, undefined)).toBe("tcp all ports");
  });
});

describe("secrets", () => {
  const USER = "openstack:identity/user:User";
  const user = (inputs: Record<string, unknown>, secretInputs?: string[]): PlannedResource => ({ ...res(USER, "u", inputs), ...(secretInputs ? { secretInputs } : {}) });

  it("never shows a secret, even one an older plan holds in clear, and still shows the other changes", () => {
    const before = plan([user({ name: "ops", password: "hunter2-old", auth: { token: "tok-old", url: "https://a" } })]);
    const after = plan([user({ name: "ops", password: "[secret]", auth: { token: "[secret]", url: "https://b" } }, ["password", "auth.token"])]);
    const d = diffPlans(before, after);
    expect(d.changes).toHaveLength(1);
    expect(d.changes[0].fields.map((f) => `${f.field}: ${f.beforeText} → ${f.afterText}`)).toEqual(['auth.url: "https://a" → "https://b"']);
    const shown = JSON.stringify(d) + renderPlanDiff(d);
    for (const s of ["hunter2", "tok-old"]) expect(shown).not.toContain(s);
  });

  // Trees with plain keys, so that a path written `a.b[0].c` names exactly one place.
  type Tree = string | number | Tree[] | { [k: string]: Tree };
  const tree: fc.Arbitrary<{ [k: string]: Tree }> = fc.letrec<{ node: Tree; root: { [k: string]: Tree } }>((tie) => ({
    node: fc.oneof({ depthSize: "small", withCrossShrink: true }, fc.constantFrom<Tree>("v", "w", 1, 2), fc.array(tie("node"), { maxLength: 3 }), fc.dictionary(fc.constantFrom("a", "b", "c"), tie("node"), { maxKeys: 3 })),
    root: fc.dictionary(fc.constantFrom("a", "b", "c", "d"), tie("node"), { minKeys: 1, maxKeys: 4 }),
  })).root;
  const leafPaths = (v: Tree, path = ""): string[] => {
    if (Array.isArray(v)) return v.flatMap((x, i) => leafPaths(x, `${path}[${i}]`));
    if (typeof v === "object") return Object.entries(v).flatMap(([k, x]) => leafPaths(x, path === "" ? k : `${path}.${k}`));
    return [path];
  };
  const setAt = (root: Tree, path: string, value: Tree): void => {
    const steps = path.match(/[^.[\]]+/g) ?? [];
    let at = root as Record<string, Tree>;
    for (const s of steps.slice(0, -1)) at = at[s] as Record<string, Tree>;
    at[steps[steps.length - 1]] = value;
  };

  it("hides every secret either plan marks, wherever it sits and whichever side holds it in clear", () => {
    fc.assert(
      fc.property(tree, fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), fc.constantFrom("before", "after", "both"), fc.constantFrom("secretInputs", "value"), fc.nat(), fc.boolean(), (t, picks, clearSide, marking, tweak, rule) => {
        const paths = leafPaths(t).filter((p) => p !== "");
        fc.pre(paths.length > 0);
        const secretPaths = [...new Set(picks.map((i) => paths[i % paths.length]))];
        const clear = (tag: string): Tree => {
          const copy = structuredClone(t);
          secretPaths.forEach((p, i) => setAt(copy, p, `S3CR3T-${tag}-${i}-x`));
          return copy;
        };
        const marked = (): Tree => {
          const copy = structuredClone(t);
          if (marking === "value") for (const p of secretPaths) setAt(copy, p, "[secret]");
          return copy;
        };
        const other = paths.filter((p) => !secretPaths.includes(p));
        const [oldInputs, newInputs] = clearSide === "before" ? [clear("old"), marked()] : clearSide === "after" ? [marked(), clear("new")] : [clear("old"), clear("new")];
        if (other.length > 0) setAt(newInputs, other[tweak % other.length], "changed");
        const type = rule ? RULE : USER;
        const mk = (inputs: Tree, marks: boolean): PlannedResource => ({ ...res(type, "u", inputs as Record<string, unknown>), ...(marks ? { secretInputs: secretPaths } : {}) });
        // The side that is not in clear marks the secrets (with both in clear, the new plan does).
        const before = plan([mk(oldInputs, clearSide === "after" && marking === "secretInputs")]);
        const after = plan([mk(newInputs, clearSide !== "after" && (marking === "secretInputs" || clearSide === "both"))]);
        const d = diffPlans(before, after);
        const shown = JSON.stringify(d) + renderPlanDiff(d);
        expect(shown).not.toMatch(/S3CR3T/);
      }),
    );
  });
});
