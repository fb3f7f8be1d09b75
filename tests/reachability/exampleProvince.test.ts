/**
 * The example province (ninh-an), both sites, compiled by the real compilers into a plan the way the
 * components wire it: the proof holds (nothing declared is blocked, nothing undeclared is open), and
 * the two classes listed apart (bare metal sharing a VLAN; ICMP to or from pods, which NetworkPolicy
 * cannot express) are exactly what their definitions say, counted and shown in the reports.
 */
import { loadProvince } from "../../inventory/province/loadProvince";
import { compileSite } from "../../compilers/site";
import { compileKubernetes } from "../../compilers/kubernetes/compile";
import { proveSitePlan } from "../../reachability/siteProof";
import type { Plan } from "../../offline/planTypes";
import type { ResolvedRule } from "../../compilers/flows/types";
import type { SiteProof } from "../../reachability/proof";
import { renderReachabilityMarkdown, separateClassesLine } from "../../reachability/renderMarkdown";
import { renderReachabilityHtml } from "../../reachability/renderHtml";
import { resolveFlows } from "../../compilers/flows/resolve";
import { formatIssues, validateObjects } from "../../compilers/kubernetes/validate";
import type { KubeObject } from "../../compilers/kubernetes/types";
import { TEST_IMAGE } from "../kubernetes/fixture";
import { planFromCompiled } from "./planBuilder";

const loaded = loadProvince("inventory/provinces/ninh-an");
if (!loaded.ok) throw new Error("the example province does not load");
const { inventory, addressPlan } = loaded.province;

interface Compiled {
  /** The proof. */
  proof: SiteProof;
  /** The site's Kubernetes objects per cluster. */
  objects: Record<string, KubeObject[]>;
  /** Problems the Kubernetes compiler reported for the site. */
  problems: ReturnType<typeof compileKubernetes>["problems"];
  /** The plan the proof read. */
  plan: Plan;
  /** The site's resolved rules. */
  rules: ResolvedRule[];
}

function compileAndProve(site: string): Compiled {
  const sitePlan = addressPlan.sites.find((s) => s.site === site);
  if (!sitePlan) throw new Error(site);
  const compiled = compileSite(inventory, sitePlan, { province: addressPlan });
  const kube = compileKubernetes({ inventory, clusterRanges: addressPlan.sites.flatMap((s) => s.clusters), subnets: addressPlan.sites.flatMap((s) => s.subnets), rules: compiled.rules, options: { logShipperImage: TEST_IMAGE } });
  const objects = Object.fromEntries(kube.clusters.filter((c) => c.site === site).map((c) => [c.cluster, c.objects]));
  const plan = planFromCompiled(compiled, objects);
  return { proof: proveSitePlan(inventory, addressPlan, site, plan), objects, problems: kube.problems.filter((p) => p.cluster.startsWith(`${site}/`)), plan, rules: resolveFlows({ inventory, plan: sitePlan, province: addressPlan }) };
}

const results = Object.fromEntries(["na-dc1", "na-dc2"].map((s) => [s, compileAndProve(s)]));
const flowByName = new Map(inventory.flows.map((f) => [f.name, f]));

const formOfTier = new Map<string, string>(inventory.systems.flatMap((s) => s.tiers.map((t): [string, string] => [`tier:${s.id}/${t.name}`, t.form])));
const icmpServices = new Set(inventory.services.filter((s) => s.protocol === "icmp" || s.protocol === "any").map((s) => s.name));

describe.each(["na-dc1", "na-dc2"])("the reachability proof of %s", (site) => {
  const { proof, objects, problems } = results[site];
  const endpointById = new Map(proof.endpoints.map((e) => [e.id, e]));

  it("covers every tier, zone, the Internet and TSLCD in both families", () => {
    const kinds = new Set(proof.endpoints.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(["internet", "tier", "tslcd", "zone"]);
    expect(proof.counts.ipv4.enforced).toBeGreaterThan(1000);
    expect(proof.counts.ipv6.enforced).toBe(proof.counts.ipv4.enforced);
  });

  it("holds: nothing declared is blocked, nothing undeclared is open", () => {
    expect(proof.discrepancies).toEqual([]);
    expect(proof.holds).toBe(true);
  });

  it("compiles without errors and every Kubernetes object validates", () => {
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(Object.keys(objects).length).toBeGreaterThan(0);
    for (const list of Object.values(objects)) expect(formatIssues(validateObjects(list))).toBe("");
  });

  it("lists apart only ICMP to or from container tiers, declared by a flow with ICMP, in both families", () => {
    expect(proof.inexpressible.length).toBeGreaterThan(0);
    for (const x of proof.inexpressible) {
      expect({ pair: `${x.from} -> ${x.to}`, ports: x.ports, touchesPods: formOfTier.get(x.from) === "container" || formOfTier.get(x.to) === "container" }).toEqual({ pair: `${x.from} -> ${x.to}`, ports: "icmp", touchesPods: true });
      expect(x.flows.some((f) => flowByName.get(f)?.services.some((s) => icmpServices.has(s)))).toBe(true);
    }
    const key = (x: SiteProof["inexpressible"][number]): string => `${x.from}|${x.to}|${x.ports}|${x.flows.join(",")}`;
    expect(proof.inexpressible.filter((x) => x.family === "ipv6").map(key)).toEqual(proof.inexpressible.filter((x) => x.family === "ipv4").map(key));
  });

  it("tells the compiler's ICMP warning for every flow whose ICMP it lists apart", () => {
    const warned = new Set(problems.filter((p) => p.severity === "warning" && p.message.includes("ICMP")).map((p) => p.path.replace(/^flows\./, "")));
    for (const f of new Set(proof.inexpressible.flatMap((x) => x.flows))) expect(warned).toContain(f);
  });

  it("lists apart as not separable only pairs with an endpoint the cloud does not enforce", () => {
    for (const x of proof.shared) expect([endpointById.get(x.from)?.enforced, endpointById.get(x.to)?.enforced]).toContain(false);
  });

  it("counts and shows the classes listed apart in every report", () => {
    const line = separateClassesLine(proof);
    expect(line).toContain(`${proof.shared.length} không tách được`);
    expect(line).toContain(`${proof.inexpressible.length} ICMP`);
    const md = renderReachabilityMarkdown(proof);
    expect(md).toContain("**Chứng minh: đạt / Proof: holds**");
    expect(md).toContain(line);
    expect(md).toContain("## Không biểu diễn được bằng NetworkPolicy / Not expressible in NetworkPolicy");
    const tableRows = md.split("\n").filter((l) => /^\| IPv[46] \| \S+ \| \S+ \| icmp \|/.test(l));
    expect(tableRows.length).toBe(proof.inexpressible.length);
    expect(renderReachabilityHtml(proof)).toContain("ICMP not expressible in NetworkPolicy");
  });
});

describe("the zone × zone matrix", () => {
  it("keeps the TSLCD zone and the external TSLCD network in separate columns", () => {
    const text = renderReachabilityMarkdown(results["na-dc1"].proof);
    const header = text.split("\n").find((l) => l.startsWith("| từ \\ đến / from \\ to |")) ?? "";
    const cols = header.split("|").map((c) => c.trim());
    expect(cols).toContain("tslcd");
    expect(cols).toContain("(TSLCD)");
    expect(cols).toContain("(Internet)");
  });
});
