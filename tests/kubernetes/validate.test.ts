import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { compileKubernetes } from "../../compilers/kubernetes/compile";
import { formatIssues, validateObject, validateObjects } from "../../compilers/kubernetes/validate";
import { parseCidr } from "../../compilers/kubernetes/validateCidr";
import type { KubeObject } from "../../compilers/kubernetes/types";
import { input } from "./fixture";

const compiled = compileKubernetes(input());
const all = compiled.clusters.flatMap((c) => c.objects);
const clone = <T>(o: T): T => JSON.parse(JSON.stringify(o)) as T;
const pick = (kind: string, name: string): KubeObject => {
  const o = all.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`fixture has no ${kind} ${name}`);
  return clone(o);
};
const messages = (o: unknown): string[] => validateObject(o).map((i) => `${i.path}: ${i.message}`);

describe("validation against the Kubernetes OpenAPI schemas", () => {
  it("accepts every compiled object of every cluster", () => {
    for (const c of compiled.clusters) expect(formatIssues(validateObjects(c.objects))).toBe("");
    expect(new Set(all.map((o) => o.kind))).toEqual(
      new Set(["Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "ConfigMap", "DaemonSet", "BackupStorageLocation", "Schedule"]),
    );
  });

  it("rejects an unknown field with its path and the field it probably meant", () => {
    const np = pick("NetworkPolicy", "default-deny");
    const spec = np.spec as Record<string, unknown>;
    spec.podSelecter = spec.podSelector;
    delete spec.podSelector;
    expect(messages(np)).toEqual(['spec.podSelecter: unknown field; did you mean "podSelector"?', "spec.podSelector: required field is missing"]);
  });

  it("rejects unknown fields deep inside a pod template", () => {
    const ds = pick("DaemonSet", "log-shipper");
    const c = (ds.spec as { template: { spec: { containers: Array<Record<string, unknown>> } } }).template.spec.containers[0];
    (c.securityContext as Record<string, unknown>).readOnlyRootFileSystem = true;
    (c.securityContext as Record<string, unknown>).rootless = true;
    expect(messages(ds)).toEqual([
      'spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem: unknown field; did you mean "readOnlyRootFilesystem"?',
      "spec.template.spec.containers[0].securityContext.rootless: unknown field; expected one of allowPrivilegeEscalation, appArmorProfile, capabilities, privileged, procMount, readOnlyRootFilesystem, runAsGroup, runAsNonRoot, runAsUser, seLinuxOptions, seccompProfile, windowsOptions",
    ]);
  });

  it("rejects wrong types and enum values with what was found", () => {
    const np = pick("NetworkPolicy", "allow-dns");
    const egress = (np.spec as { egress: Array<{ ports: Array<Record<string, unknown>> }> }).egress[0];
    egress.ports[0].protocol = "ICMP";
    (np.spec as Record<string, unknown>).policyTypes = "Egress";
    expect(messages(np)).toEqual(expect.arrayContaining(['spec.policyTypes: expected array, found "Egress"', 'spec.egress[0].ports[0].protocol: expected one of "SCTP", "TCP", "UDP", found "ICMP"']));
  });

  it("rejects non-canonical and misplaced CIDRs and bad port ranges", () => {
    const np = pick("NetworkPolicy", all.find((o) => o.metadata.labels?.["hatang.vn/flow"] === "internet-to-portal" && JSON.stringify(o.spec).includes("0.0.0.0/0"))?.metadata.name ?? "");
    const rule = (np.spec as { ingress: Array<{ from: Array<{ ipBlock: { cidr: string; except: string[] } }>; ports: Array<Record<string, unknown>> }> }).ingress[0];
    rule.from[0].ipBlock.cidr = "10.0.0.1/8";
    rule.from[0].ipBlock.except = ["10.128.0.0/16", "2001:db8::/32"];
    rule.ports[0].endPort = 80;
    const m = messages(np);
    expect(m).toEqual([
      'spec.ingress[0].from[0].ipBlock.cidr: expected the canonical form "10.0.0.0/8", found "10.0.0.1/8"',
      "spec.ingress[0].ports[0].endPort: expected endPort ≥ port 443, found 80",
    ]);
    rule.from[0].ipBlock.cidr = "10.0.0.0/8";
    expect(messages(np)).toContain('spec.ingress[0].from[0].ipBlock.except[1]: expected a prefix strictly inside 10.0.0.0/8, found "2001:db8::/32"');
  });

  it("rejects bad names, namespaces and labels", () => {
    const ns = pick("Namespace", "portal-dmz");
    ns.metadata.name = "Portal_DMZ";
    ns.metadata.namespace = "x";
    ns.metadata.labels = { "hatang.vn/zone": "not valid!" };
    expect(messages(ns)).toEqual([
      "metadata.labels.hatang.vn/zone: label value \"not valid!\" must be empty or 1-63 alphanumerics, '-', '_' or '.', alphanumeric at both ends",
      'metadata.name: expected a DNS-1123 label (≤63 lower-case alphanumerics or \'-\'), found "Portal_DMZ"',
      'metadata.namespace: Namespace is cluster-scoped; expected no namespace, found "x"',
    ]);
  });

  it("validates Velero objects against the CRD schema, unknown fields included", () => {
    const s = pick("Schedule", "daily");
    const t = (s.spec as { template: Record<string, unknown> }).template;
    t.ttl = "30 days";
    t.includeNamespaces = ["portal-app"];
    delete (s.spec as Record<string, unknown>).schedule;
    expect(messages(s)).toEqual([
      "spec.schedule: required field is missing",
      "spec.template.includeNamespaces: unknown field",
      'spec.template.ttl: must match pattern "^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$", found "30 days"',
    ]);
    const bsl = pick("BackupStorageLocation", "backup-hq");
    (bsl.spec as { objectStorage: Record<string, unknown> }).objectStorage = { prefix: "k8s" };
    expect(messages(bsl)).toEqual(["spec.objectStorage.bucket: required field is missing"]);
  });

  it("reports unknown kinds, non-objects and duplicates", () => {
    expect(messages({ apiVersion: "v1", kind: "Pod", metadata: { name: "p" } })[0]).toMatch(/^: no schema for v1\/Pod; expected one of /);
    expect(messages(42)).toEqual([": expected an object, found 42"]);
    const np = pick("NetworkPolicy", "default-deny");
    expect(validateObjects([np, np]).map((i) => i.message)).toEqual(["duplicate object: objects #0 and #1 have the same kind, namespace and name"]);
  });

  it("parses CIDRs of both families", () => {
    expect(parseCidr("2001:db8:20::/48")).toMatchObject({ ok: true, cidr: { family: "ipv6", length: 48 } });
    expect(parseCidr("2001:DB8::/32")).toEqual({ ok: false, message: 'expected the canonical form "2001:db8::/32", found "2001:DB8::/32"' });
    expect(parseCidr("10.0.0.0/33")).toEqual({ ok: false, message: 'expected a valid IPv4 CIDR, found "10.0.0.0/33"' });
  });

  it("keeps the generated field table in step with kubernetes-models", () => {
    const file = path.resolve("compilers/kubernetes/validateFieldTable.generated.json");
    const before = fs.readFileSync(file, "utf8");
    const tmp = fs.mkdtempSync("/tmp/fieldtable-");
    // Regenerate into a copy of the module folder so the checked-in file is never touched by a test.
    const script = `const g=require(${JSON.stringify(path.resolve("compilers/kubernetes/validateFieldTableGenerate.ts"))});` +
      `const d=require("path").dirname(require.resolve("kubernetes-models/package.json"));` +
      `require("fs").writeFileSync(${JSON.stringify(path.join(tmp, "t.json"))}, JSON.stringify(g.generateFieldTable(d), null, 1) + "\\n");`;
    execFileSync(process.execPath, ["--import", "tsx", "-e", script], { stdio: "pipe" });
    expect(fs.readFileSync(path.join(tmp, "t.json"), "utf8")).toBe(before);
    fs.rmSync(tmp, { recursive: true });
  });
});
