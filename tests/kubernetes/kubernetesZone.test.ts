import * as pulumi from "@pulumi/pulumi";
import { compileKubernetes } from "../../compilers/kubernetes/compile";
import { checkKubernetesZoneArgs, objectDependencies, typeToken } from "../../components/kubernetes/kubernetesZone";
import type { ClusterManifests, KubeObject } from "../../compilers/kubernetes/types";
import { input } from "./fixture";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  provider?: string;
}

const registered: Registered[] = [];
const hq = compileKubernetes(input()).clusters.find((c) => c.site === "hq") as ClusterManifests;

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown>, provider: args.provider });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "hatang",
    "hq",
    false,
  );
});

/** The program, built only after the mocks are installed. */
async function program(): Promise<void> {
  const k8s = await import("@pulumi/kubernetes");
  const { KubernetesZone } = await import("../../components/kubernetes/kubernetesZone");
  const provider = new k8s.Provider("hq-k8s", { kubeconfig: "unused-under-mocks" });
  const zone = new KubernetesZone("k8s", { manifests: hq, provider });
  await new Promise<void>((resolve) => zone.urn.apply(() => resolve()));
}

async function settle(): Promise<void> {
  // Registrations resolve through chained promises; wait until the count stops growing.
  let last = -1;
  while (registered.length !== last) {
    last = registered.length;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("KubernetesZone under the mock engine", () => {
  it("registers every compiled object under the component, through the given provider", async () => {
    await program();
    await settle();
    const objects = registered.filter((r) => r.type.startsWith("kubernetes:"));
    // Each object is a resource of its own, not a child of a ConfigGroup.
    expect(registered.filter((r) => r.type.startsWith("kubernetes:yaml:"))).toEqual([]);
    const expected = hq.objects.map((o) => `${o.apiVersion}/${o.kind} ${o.metadata.namespace ?? ""}/${o.metadata.name}`).sort();
    const got = objects.map((r) => {
      const inputs = r.inputs as { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };
      return `${inputs.apiVersion}/${inputs.kind} ${inputs.metadata.namespace ?? ""}/${inputs.metadata.name}`;
    });
    expect(got.sort()).toEqual(expected);
    expect(objects.every((r) => r.provider?.includes("pulumi:providers:kubernetes::hq-k8s"))).toBe(true);
    // Names carry the site and cluster so two clusters in one stack never collide.
    expect(objects.map((r) => r.name)).toContain("hq-k8s-portal-dmz");
    expect(objects.find((r) => r.type === "kubernetes:velero.io/v1:Schedule" && r.name === "hq-k8s-velero/daily")).toBeDefined();
    expect(registered.filter((r) => r.type === "hatang:kubernetes:KubernetesZone").map((r) => r.name)).toEqual(["k8s"]);
  });
});

describe("checkKubernetesZoneArgs", () => {
  it("lists every problem at once", () => {
    const broken: ClusterManifests = { ...hq, objects: hq.objects.filter((o) => !(o.kind === "NetworkPolicy" && o.metadata.name === "default-deny" && o.metadata.namespace === "portal-app")) };
    expect(checkKubernetesZoneArgs({ manifests: broken })).toEqual([
      "provider is required: pass the k8s.Provider of this cluster.",
      'namespace "portal-app" has no default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress).',
    ]);
    expect(checkKubernetesZoneArgs({})).toEqual(["provider is required: pass the k8s.Provider of this cluster.", "manifests is required: pass one cluster of compileKubernetes(...).clusters."]);
  });

  it("maps API versions to the provider's type tokens", () => {
    expect(typeToken({ apiVersion: "v1", kind: "Namespace" })).toBe("kubernetes:core/v1:Namespace");
    expect(typeToken({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy" })).toBe("kubernetes:networking.k8s.io/v1:NetworkPolicy");
  });
});

describe("objectDependencies", () => {
  const obj = (apiVersion: string, kind: string, name: string, namespace?: string, spec?: Record<string, unknown>): KubeObject =>
    ({ apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) }, ...(spec ? { spec } : {}) }) as KubeObject;

  it("makes every namespaced object wait for its Namespace and every custom resource for its CRD, wherever they are listed", () => {
    const objects = [
      obj("example.org/v1", "Widget", "w1", "apps"),
      obj("v1", "ConfigMap", "c", "apps"),
      obj("apiextensions.k8s.io/v1", "CustomResourceDefinition", "widgets.example.org", undefined, { group: "example.org", names: { kind: "Widget" } }),
      obj("v1", "Namespace", "apps"),
      obj("example.org/v1", "Widget", "w2"),
      obj("other.org/v1", "Widget", "w3", "elsewhere"),
    ];
    expect(objectDependencies(objects)).toEqual([[3, 2], [3], [], [], [2], []]);
  });

  it("holds on the compiled example: every namespaced object waits for a Namespace of the same zone", () => {
    const deps = objectDependencies(hq.objects);
    hq.objects.forEach((o, i) => {
      if (o.metadata.namespace === undefined) return;
      const waits = (deps[i] as number[]).map((j) => hq.objects[j] as KubeObject);
      expect({ o: o.metadata.name, ns: waits.filter((w) => w.kind === "Namespace").map((w) => w.metadata.name) }).toEqual({ o: o.metadata.name, ns: [o.metadata.namespace] });
    });
  });
});
