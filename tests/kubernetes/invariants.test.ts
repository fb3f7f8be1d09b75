import fc from "fast-check";
import { compileKubernetes } from "../../compilers/kubernetes/compile";
import { validateObjects, formatIssues } from "../../compilers/kubernetes/validate";
import { isDefaultDeny } from "../../components/kubernetes/kubernetesZone";
import type { ResolvedEndpoint, ResolvedRule } from "../../compilers/flows/types";
import type { KubernetesZoneInput } from "../../compilers/kubernetes/types";
import { Inventory } from "../../inventory/model";
import { input, rawInventory } from "./fixture";
import { FIXTURE_INTERNET, FIXTURE_PROVINCE_SPACE } from "../fixtures/internet";

/** Shuffles with a fast-check-provided permutation seed list. */
function shuffle<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items.map((item, i) => ({ item, k: keys[i % Math.max(keys.length, 1)] ?? 0, i })).sort((a, b) => a.k - b.k || b.i - a.i).map((x) => x.item);
}

function shuffledInput(keys: number[]): KubernetesZoneInput {
  const raw = rawInventory() as Record<string, unknown[]>;
  for (const key of ["sites", "zones", "clusters", "backupPolicies", "systems"]) raw[key] = shuffle(raw[key], keys);
  for (const system of raw.systems as Array<{ tiers: unknown[]; sites: unknown[] }>) {
    system.tiers = shuffle(system.tiers, [...keys].reverse());
    system.sites = shuffle(system.sites, keys);
  }
  const base = input();
  return { ...base, inventory: Inventory.parse(raw), rules: shuffle(base.rules, keys), subnets: shuffle(base.subnets, keys), clusterRanges: shuffle(base.clusterRanges, keys) };
}

const baseline = compileKubernetes(input());

describe("invariants", () => {
  it("shuffling every list of the inventory, the plan and the rules changes nothing (names, contents, order)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { minLength: 1, maxLength: 12 }), (keys) => {
        expect(compileKubernetes(shuffledInput(keys))).toEqual(baseline);
      }),
      { numRuns: 40 },
    );
  });

  // Random rules between the fixture's endpoints: whatever the intent, every namespace keeps default-deny,
  // every object validates, the default route appears only with the province cut out, and lets traffic
  // in only on a published DMZ port.
  const endpoints: ResolvedEndpoint[] = [
    FIXTURE_INTERNET,
    { kind: "prefixes", label: "tslcd", prefixes: ["10.250.0.0/16", "2001:db8:250::/48"] },
    { kind: "tier", label: "portal/web", system: "portal", tier: "web", zone: "dmz", prefixes: ["10.20.1.0/24", "2001:db8:20:1::/64"] },
    { kind: "tier", label: "portal/api", system: "portal", tier: "api", zone: "app", prefixes: ["10.20.2.0/24", "2001:db8:20:2::/64"] },
    { kind: "tier", label: "portal/db", system: "portal", tier: "db", zone: "db", prefixes: ["10.20.3.0/24", "2001:db8:20:3::/64"] },
    { kind: "tier", label: "lgsp/gw", system: "lgsp", tier: "gw", zone: "app", prefixes: ["10.20.2.0/24", "2001:db8:20:2::/64"] },
    // Zones holding container tiers (dmz: portal/web; app: portal/api, lgsp/gw) and one holding none.
    { kind: "prefixes", label: "zone:dmz", prefixes: ["10.20.1.0/24", "2001:db8:20:1::/64"] },
    { kind: "prefixes", label: "zone:app", prefixes: ["10.20.2.0/24", "2001:db8:20:2::/64"] },
    { kind: "prefixes", label: "zone:db", prefixes: ["10.20.3.0/24", "2001:db8:20:3::/64"] },
  ];
  const rule: fc.Arbitrary<ResolvedRule> = fc
    .record({
      flow: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/),
      site: fc.constantFrom("hq", "dr"),
      family: fc.constantFrom("ipv4" as const, "ipv6" as const),
      protocol: fc.constantFrom("tcp" as const, "udp" as const, "icmp" as const, "any" as const),
      portMin: fc.integer({ min: 1, max: 65535 }),
      span: fc.integer({ min: 0, max: 100 }),
      from: fc.constantFrom(...endpoints),
      to: fc.constantFrom(...endpoints),
      published: fc.boolean(),
    })
    .map(({ span, published, ...r }) => {
      const ports = r.protocol === "tcp" || r.protocol === "udp" ? (published ? { portMin: 443, portMax: 443 } : { portMin: r.portMin, portMax: Math.min(65535, r.portMin + span) }) : {};
      return { ...r, portMin: undefined, portMax: undefined, ...ports };
    });

  it("every namespace has default-deny, every object validates, and the Internet never includes the province and comes in only on a published DMZ port", () => {
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 25 }), (rules) => {
        const r = compileKubernetes({ ...input(), rules });
        for (const c of r.clusters) {
          for (const ns of c.namespaces) expect(c.objects.some((o) => isDefaultDeny(o, ns))).toBe(true);
          expect(formatIssues(validateObjects(c.objects))).toBe("");
          for (const o of c.objects.filter((x) => x.kind === "NetworkPolicy")) {
            const spec = o.spec as { ingress?: Array<{ from?: Array<{ ipBlock?: { cidr: string; except?: string[] } }> }>; egress?: Array<{ to?: Array<{ ipBlock?: { cidr: string; except?: string[] } }> }> };
            const blocks = [...(spec.ingress ?? []).flatMap((r) => (r.from ?? []).map((p) => ({ dir: "in", b: p.ipBlock }))), ...(spec.egress ?? []).flatMap((r) => (r.to ?? []).map((p) => ({ dir: "out", b: p.ipBlock })))];
            for (const { dir, b } of blocks) {
              if (!b || (b.cidr !== "0.0.0.0/0" && b.cidr !== "::/0")) continue;
              expect(b.except).toEqual(b.cidr === "::/0" ? [...FIXTURE_PROVINCE_SPACE.ipv6] : [...FIXTURE_PROVINCE_SPACE.ipv4]);
              if (dir === "out") continue;
              const text = JSON.stringify(o.spec);
              expect(o.metadata.namespace).toBe("portal-dmz");
              expect(text).toContain('"ports":[{"protocol":"TCP","port":443}]');
              expect(text).toContain('"hatang.vn/tier":"web"');
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
