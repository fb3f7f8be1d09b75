/**
 * The example stack na-dc2 on the mock engine: every OpenStack resource goes through the site's one
 * explicit OpenStack provider, every Kubernetes object through its cluster's provider, and the
 * credentials show only as "[secret]" (the offline placeholders never appear).
 */
import * as fs from "node:fs";
import type { PlannedResource } from "../../offline/planTypes";
import { planExampleStack } from "./planExample";

let resources: PlannedResource[];
beforeAll(async () => {
  resources = await planExampleStack("na-dc2");
}, 240_000);

it("sends every OpenStack resource through the site's explicit provider", () => {
  const os = resources.filter((r) => r.custom && r.type.startsWith("openstack:"));
  expect(os.length).toBeGreaterThan(100);
  const providers = resources.filter((r) => r.type === "pulumi:providers:openstack");
  expect(providers.map((p) => p.urn)).toEqual(["urn:pulumi:na-dc2::hatang::pulumi:providers:openstack::na-dc2-openstack"]);
  expect(os.filter((r) => r.provider !== providers[0]!.urn).map((r) => r.urn)).toEqual([]);
  expect(providers[0]!.inputs).toMatchObject({ authUrl: "https://keystone.na-dc2.ninhan.gov.vn:5000/v3", password: "[secret]", userName: "hatang-deployer" });
});

it("sends every Kubernetes object through its own cluster's provider, whose kubeconfig is a secret", () => {
  const kube = resources.filter((r) => r.custom && r.type.startsWith("kubernetes:"));
  const providers = resources.filter((r) => r.type === "pulumi:providers:kubernetes");
  expect(providers.length).toBeGreaterThan(0);
  for (const p of providers) expect(p.inputs.kubeconfig).toBe("[secret]");
  for (const r of kube) {
    // The object's Pulumi name starts with <site>-<cluster>, as does its provider's.
    const provider = providers.find((p) => r.name.startsWith(p.name.replace(/-k8s$/, "")));
    expect({ urn: r.urn, provider: r.provider }).toEqual({ urn: r.urn, provider: provider?.urn });
  }
});

it("builds a built cluster's provider from the kubeconfig read from it, once every server of the cluster exists", () => {
  const cmds = resources.filter((r) => r.type === "command:remote:Command" && r.name.endsWith("-kubeconfig"));
  expect(cmds.map((c) => c.name)).toEqual(["na-dc2-na2-k8s-kubeconfig"]);
  const cmd = cmds[0]!;
  // The SSH connection holds the node key: the plan shows it only as a secret.
  expect(cmd.inputs.connection).toBe("[secret]");
  expect(String(cmd.inputs.create)).toContain("/etc/rancher/rke2/rke2.yaml");
  const servers = resources.filter((r) => r.type === "openstack:compute/instance:Instance" && r.parent === cmd.parent).map((r) => r.urn);
  expect(servers.length).toBeGreaterThan(3);
  expect(servers.filter((u) => !cmd.dependencies.includes(u))).toEqual([]);
  const provider = resources.find((r) => r.type === "pulumi:providers:kubernetes" && r.name === "na-dc2-na2-k8s-k8s")!;
  expect(provider.dependencies).toContain(cmd.urn);
});

it("never holds a credential's value", () => {
  expect(JSON.stringify(resources)).not.toMatch(/offline placeholder/);
  expect(fs.readFileSync("Pulumi.na-dc2.yaml", "utf8")).toMatch(/pulumi:disable-default-providers: \["openstack", "kubernetes"\]/);
});

describe("the engine's dependency graph of the Kubernetes objects", () => {
  const kube = (): PlannedResource[] => resources.filter((r) => r.custom && r.type.startsWith("kubernetes:"));
  const meta = (r: PlannedResource): { name: string; namespace?: string } => r.inputs.metadata as { name: string; namespace?: string };

  it("makes every namespaced object depend on its Namespace", () => {
    const namespaced = kube().filter((r) => meta(r).namespace !== undefined);
    expect(namespaced.length).toBeGreaterThan(50);
    for (const r of namespaced) {
      const ns = kube().find((n) => n.type === "kubernetes:core/v1:Namespace" && n.provider === r.provider && meta(n).name === meta(r).namespace);
      expect({ urn: r.urn, waits: ns !== undefined && r.dependencies.includes(ns.urn) }).toEqual({ urn: r.urn, waits: true });
    }
  });

  it("makes every custom resource whose CRD is deployed depend on it", () => {
    const crds = kube().filter((r) => r.type === "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition");
    for (const crd of crds) {
      const spec = crd.inputs.spec as { group: string; names: { kind: string } };
      for (const r of kube().filter((x) => x.type.startsWith(`kubernetes:${spec.group}/`) && x.type.endsWith(`:${spec.names.kind}`))) {
        expect({ urn: r.urn, waits: r.dependencies.includes(crd.urn) }).toEqual({ urn: r.urn, waits: true });
      }
    }
  });
});
