import { compileKubernetes } from "../../compilers/kubernetes/compile";
import type { ClusterManifests, KubeObject } from "../../compilers/kubernetes/types";
import { input, rawInventory, TEST_IMAGE } from "./fixture";
import { Inventory } from "../../inventory/model";

const result = compileKubernetes(input());
const hq = result.clusters.find((c) => c.site === "hq") as ClusterManifests;
const dr = result.clusters.find((c) => c.site === "dr") as ClusterManifests;
const find = (c: ClusterManifests, kind: string, ns: string | undefined, name: string): KubeObject | undefined =>
  c.objects.find((o) => o.kind === kind && o.metadata.namespace === ns && o.metadata.name === name);
const policiesOf = (c: ClusterManifests, ns: string, flow: string): KubeObject[] =>
  c.objects.filter((o) => o.kind === "NetworkPolicy" && o.metadata.namespace === ns && o.metadata.labels?.["hatang.vn/flow"] === flow);

describe("compileKubernetes on the small model", () => {
  it("reports no problem", () => {
    expect(result.problems).toEqual([]);
  });

  it("makes a namespace per system × zone on the cluster the tier names, plus the platform namespaces", () => {
    expect(hq.namespaces).toEqual(["hatang-logging", "lgsp-app", "portal-app", "portal-dmz", "velero"]);
    expect(dr.namespaces).toEqual(["hatang-logging", "lgsp-app", "velero"]);
  });

  it("labels namespaces with identity and Pod Security restricted (enforce, audit, warn, pinned version)", () => {
    const ns = find(hq, "Namespace", undefined, "portal-dmz");
    expect(ns?.metadata.labels).toEqual({
      "app.kubernetes.io/managed-by": "hatang",
      "hatang.vn/system": "portal",
      "hatang.vn/zone": "dmz",
      "hatang.vn/site": "hq",
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/enforce-version": "v1.32",
      "pod-security.kubernetes.io/audit": "restricted",
      "pod-security.kubernetes.io/audit-version": "v1.32",
      "pod-security.kubernetes.io/warn": "restricted",
      "pod-security.kubernetes.io/warn-version": "v1.32",
    });
    // The log shipper's hostPath forces privileged enforcement there, but audit/warn stay restricted.
    const logging = find(hq, "Namespace", undefined, "hatang-logging");
    expect(logging?.metadata.labels?.["pod-security.kubernetes.io/enforce"]).toBe("privileged");
    expect(logging?.metadata.labels?.["pod-security.kubernetes.io/warn"]).toBe("restricted");
  });

  it("opens the published DMZ port to the Internet in both families: the default route except the province's space (the cluster's ranges inside it)", () => {
    const policies = policiesOf(hq, "portal-dmz", "internet-to-portal");
    const blocks = policies.map((p) => (p.spec as { ingress: Array<{ from: Array<{ ipBlock: unknown }>; ports: unknown }> }).ingress[0]);
    expect(blocks.map((b) => b.from[0].ipBlock)).toEqual(
      expect.arrayContaining([
        { cidr: "0.0.0.0/0", except: ["10.0.0.0/8", "192.0.2.0/24"] },
        { cidr: "::/0", except: ["2001:db8::/32"] },
      ]),
    );
    expect(blocks.every((b) => JSON.stringify(b.ports) === JSON.stringify([{ protocol: "TCP", port: 443 }]))).toBe(true);
  });

  it("compiles pod-to-pod flows to selectors on both ends, one policy for both families", () => {
    const ingress = policiesOf(hq, "portal-app", "portal-web-to-api");
    expect(ingress).toHaveLength(1);
    expect(ingress[0].spec).toEqual({
      podSelector: { matchLabels: { "hatang.vn/tier": "api" } },
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "portal-dmz" } }, podSelector: { matchLabels: { "hatang.vn/tier": "web" } } }],
          ports: [{ protocol: "TCP", port: 8080 }],
        },
      ],
    });
    const egress = policiesOf(hq, "portal-dmz", "portal-web-to-api");
    expect(egress).toHaveLength(1);
    expect((egress[0].spec as { policyTypes: string[] }).policyTypes).toEqual(["Egress"]);
  });

  it("compiles pod-to-VM flows to ipBlocks per family and port ranges to endPort", () => {
    const toDb = policiesOf(hq, "portal-app", "portal-api-to-db").map((p) => JSON.stringify(p.spec));
    expect(toDb).toHaveLength(2);
    expect(toDb.some((s) => s.includes('"cidr":"10.20.3.0/24"'))).toBe(true);
    expect(toDb.some((s) => s.includes('"cidr":"2001:db8:20:3::/64"'))).toBe(true);
    const tslcd = policiesOf(hq, "lgsp-app", "tslcd-to-lgsp").map((p) => JSON.stringify(p.spec));
    expect(tslcd.every((s) => s.includes('{"protocol":"TCP","port":8443,"endPort":8445}'))).toBe(true);
    // The DR rule compiles on the DR cluster, with the DR prefixes.
    expect(policiesOf(dr, "lgsp-app", "tslcd-to-lgsp")).toHaveLength(2);
  });

  it("gives each workload namespace a quota sized by its instances and a limit range", () => {
    const quota = find(hq, "ResourceQuota", "portal-dmz", "default-quota");
    expect((quota?.spec as { hard: Record<string, string> }).hard).toMatchObject({ pods: "10", "services.nodeports": "0", "services.loadbalancers": "0", "requests.cpu": "8" });
    expect(find(hq, "LimitRange", "portal-app", "default-limits")).toBeDefined();
    const big = compileKubernetes({ ...input(), options: { logShipperImage: TEST_IMAGE, quotas: { podsPerInstance: 10, requestsCpu: "2" } } });
    const bigQuota = big.clusters.find((c) => c.site === "hq")?.objects.find((o) => o.kind === "ResourceQuota" && o.metadata.namespace === "portal-app");
    expect((bigQuota?.spec as { hard: Record<string, string> }).hard).toMatchObject({ pods: "20", "requests.cpu": "2" });
  });

  it("ships logs to the SIEM with a restricted, digest-pinned DaemonSet and egress only to the collector", () => {
    const ds = find(hq, "DaemonSet", "hatang-logging", "log-shipper");
    const pod = (ds?.spec as { template: { spec: { containers: Array<Record<string, unknown>>; securityContext: Record<string, unknown> } } }).template.spec;
    expect(pod.containers[0].image).toBe(TEST_IMAGE);
    expect(pod.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(pod.containers[0].resources).toBeDefined();
    const conf = (find(hq, "ConfigMap", "hatang-logging", "log-shipper")?.data as Record<string, string>)["fluent-bit.conf"];
    expect(conf).toContain("Host                10.20.9.10");
    expect(conf).toContain("Port                6514");
    const egress = find(hq, "NetworkPolicy", "hatang-logging", "allow-siem");
    expect(JSON.stringify(egress?.spec)).toBe(JSON.stringify({ podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "10.20.9.10/32" } }], ports: [{ protocol: "TCP", port: 6514 }] }] }));
  });

  it("schedules Velero per backup policy, TTL from retention, with an off-site copy where the policy keeps one", () => {
    const daily = find(hq, "Schedule", "velero", "daily");
    expect(daily?.spec).toMatchObject({ schedule: "0 1 * * *", template: { includedNamespaces: ["portal-app", "portal-dmz"], ttl: "720h0m0s", storageLocation: "backup-hq" } });
    expect(find(hq, "Schedule", "velero", "daily-offsite")?.spec).toMatchObject({ template: { storageLocation: "backup-dr" } });
    expect(find(hq, "Schedule", "velero", "weekly")?.spec).toMatchObject({ schedule: "0 3 * * 0", template: { includedNamespaces: ["lgsp-app"], ttl: "2160h0m0s" } });
    expect(find(hq, "Schedule", "velero", "weekly-offsite")).toBeUndefined();
    expect(find(dr, "Schedule", "velero", "weekly-offsite")?.spec).toMatchObject({ template: { storageLocation: "backup-hq" } });
    const bsl = find(hq, "BackupStorageLocation", "velero", "backup-hq");
    expect(bsl?.spec).toMatchObject({ provider: "aws", default: true, config: { s3Url: "https://s3.backup.hq.ninhan.gov.vn", serverSideEncryption: "AES256" }, credential: { name: "velero-object-storage", key: "cloud" } });
    expect(JSON.stringify(find(hq, "NetworkPolicy", "velero", "allow-objects-backup-dr")?.spec)).toContain("10.30.4.0/24");
  });

  it("refuses `anywhere` for ports that are not published, and reports ICMP it cannot express", () => {
    const i = input();
    const web = i.rules.find((r) => r.flow === "internet-to-portal" && r.family === "ipv4");
    if (!web) throw new Error("fixture changed");
    i.rules.push({ ...web, flow: "internet-to-portal-ssh", portMin: 22, portMax: 22 }, { ...web, flow: "ping-web", protocol: "icmp", portMin: undefined, portMax: undefined });
    const r = compileKubernetes(i);
    expect(r.problems.map((p) => [p.severity, p.path])).toEqual([
      ["error", "flows.internet-to-portal-ssh"],
      ["warning", "flows.ping-web"],
    ]);
    expect(r.problems[0].message).toContain("portal/web does not publish tcp/22");
    const names = r.clusters.flatMap((c) => c.objects.map((o) => o.metadata.labels?.["hatang.vn/flow"]));
    expect(names).not.toContain("internet-to-portal-ssh");
  });

  it("reports every bad input at once: unpinned image, unknown cluster, missing backup policy", () => {
    const raw = rawInventory() as { systems: Array<{ tiers: Array<{ cluster?: string }>; backupPolicy: string }> };
    raw.systems[0].tiers[0].cluster = "nope";
    raw.systems[1].backupPolicy = "missing";
    const r = compileKubernetes({ ...input(), inventory: Inventory.parse(raw), options: { logShipperImage: "fluent/fluent-bit:3.2" } });
    const paths = r.problems.map((p) => `${p.cluster} ${p.path}`);
    expect(paths).toEqual(expect.arrayContaining(["hq/k8s options.logShipperImage", "hq/nope systems.portal.tiers.web.cluster", "hq/k8s backupPolicies", "dr/k8s backupPolicies"]));
    expect(r.problems.find((p) => p.path === "options.logShipperImage")?.message).toBe('expected an image pinned by digest (name@sha256:<64 hex>), found "fluent/fluent-bit:3.2"');
  });
});
