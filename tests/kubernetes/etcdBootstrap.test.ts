/**
 * etcd in the bootstrap: RKE2 encrypts Secrets (secrets-encryption) and kubeadm gets an
 * EncryptionConfiguration whose key is only the placeholder the component fills inside a secret, mounted
 * into the API server; both snapshot etcd on the schedule of the cluster's backup policy. And the
 * component refuses a kubeadm cluster without its key.
 */
import { parse, parseAllDocuments } from "yaml";
import type { Inventory } from "../../inventory/model";
import { allocateAddressPlan } from "../../inventory/addressing";
import { loadProvinceOnce } from "../../inventory/province/loadProvince";
import { syntheticProvince } from "../../inventory/synthetic/syntheticProvince";
import { compileSite } from "../../compilers/site";
import { DEFAULT_ETCD_SNAPSHOT_CRON, type ClusterSpec } from "../../compilers/kubernetes/clusterNodes";
import { ETCD_KEY_PLACEHOLDER, KUBEADM_ENCRYPTION_DIR, renderNodeUserData } from "../../compilers/kubernetes/nodeUserData";
import { checkClusterNodesArgs } from "../../components/kubernetes/clusterNodes";

const services = { ntpServers: ["10.0.0.123"], siemCollector: "10.0.0.10:514" };
type CloudConfig = { write_files: Array<{ path: string; content: string }> };

function clustersOf(inventory: Inventory): ClusterSpec[] {
  const r = allocateAddressPlan(inventory);
  if (!r.ok) throw new Error("does not allocate");
  return r.plan.sites.flatMap((sp) => compileSite(inventory, sp, { province: r.plan }).clusters.clusters);
}

function bundled(name: string): Inventory {
  const r = loadProvinceOnce(`inventory/provinces/${name}`);
  if (!r.ok) throw new Error(name);
  return r.province.inventory;
}

const file = (doc: CloudConfig, path: string) => doc.write_files.find((f) => f.path === path)?.content;

describe("etcd in the bootstrap", () => {
  it("RKE2 (Ninh An): Secrets encrypted, snapshots on the named policy's schedule", () => {
    const inv = bundled("ninh-an");
    const clusters = clustersOf(inv);
    expect(clusters.length).toBe(2);
    for (const c of clusters) {
      const policy = inv.backupPolicies.find((b) => b.id === inv.clusters.find((x) => x.id === c.cluster)!.etcdBackupPolicy)!;
      expect(c.etcd).toEqual({ snapshotCron: policy.schedule, backupPolicy: policy.id, encryption: "aescbc" });
      for (const n of c.nodes.filter((x) => x.role === "control-plane")) {
        const cfg = parse(file(parse(renderNodeUserData(c, n, services)) as CloudConfig, "/etc/rancher/rke2/config.yaml")!) as Record<string, unknown>;
        expect(cfg["secrets-encryption"]).toBe(true);
        expect(cfg["etcd-snapshot-schedule-cron"]).toBe(policy.schedule);
      }
    }
  });

  it("kubeadm (Vĩnh Lâm): every control-plane node carries the EncryptionConfiguration with the key placeholder, mounted and passed to the API server, and a cron entry on the policy's schedule", () => {
    const inv = bundled("vinh-lam");
    const [c] = clustersOf(inv);
    expect(c.distribution).toBe("kubeadm");
    const schedule = inv.backupPolicies.find((b) => b.id === c.etcd.backupPolicy)!.schedule;
    for (const n of c.nodes) {
      const text = renderNodeUserData(c, n, services);
      const doc = parse(text) as CloudConfig;
      const enc = file(doc, `${KUBEADM_ENCRYPTION_DIR}/config.yaml`);
      const cron = file(doc, "/etc/cron.d/hatang-etcd-snapshot");
      if (n.role !== "control-plane") {
        expect([enc, cron, text.includes(ETCD_KEY_PLACEHOLDER)]).toEqual([undefined, undefined, false]);
        continue;
      }
      const cfg = parse(enc!) as { kind: string; resources: Array<{ resources: string[]; providers: Array<Record<string, { keys?: Array<{ secret: string }> }>> }> };
      expect(cfg.kind).toBe("EncryptionConfiguration");
      expect(cfg.resources[0].resources).toEqual(["secrets"]);
      // The first provider writes: it must encrypt, and its key is the placeholder only.
      expect(Object.keys(cfg.resources[0].providers[0])).toEqual(["aescbc"]);
      expect(cfg.resources[0].providers[0].aescbc.keys![0].secret).toBe(ETCD_KEY_PLACEHOLDER);
      expect(cron!.split("\n")[1].startsWith(`${schedule} root `)).toBe(true);
      expect(cron).toContain(`etcd-${n.name} -- etcdctl`);
      if (n.index === 1) {
        const docs = parseAllDocuments(file(doc, "/etc/kubernetes/kubeadm.yaml")!).map((d) => d.toJS() as Record<string, unknown>);
        const api = docs[1]["apiServer"] as { extraArgs: Array<{ name: string; value: string }>; extraVolumes: Array<{ hostPath: string; mountPath: string }> };
        expect(api.extraArgs).toContainEqual({ name: "encryption-provider-config", value: `${KUBEADM_ENCRYPTION_DIR}/config.yaml` });
        expect(api.extraVolumes).toContainEqual(expect.objectContaining({ hostPath: KUBEADM_ENCRYPTION_DIR, mountPath: KUBEADM_ENCRYPTION_DIR }));
      }
    }
  });

  it("a cluster naming no backup policy keeps the default schedule and says so (K8S-15 fails it)", () => {
    const base = syntheticProvince({ sites: 1, systems: 3 });
    const [c] = clustersOf({ ...base, clusters: base.clusters.map(({ etcdBackupPolicy: _p, ...x }) => x) });
    expect(c.etcd).toEqual({ snapshotCron: DEFAULT_ETCD_SNAPSHOT_CRON, encryption: "aescbc" });
  });

  it("the component refuses a kubeadm cluster without its etcd key, and an RKE2 one needs none", () => {
    const inv = bundled("vinh-lam");
    const [c] = clustersOf(inv);
    const args = { site: c.site, cluster: c, networkIds: {}, subnetIds: {}, groupIds: {}, joinToken: "t", services };
    expect(checkClusterNodesArgs(args)).toContainEqual(expect.stringContaining("etcdEncryptionKey is required for kubeadm cluster vl1-k8s"));
    expect(checkClusterNodesArgs({ ...args, etcdEncryptionKey: "k" }).filter((p) => p.includes("etcdEncryptionKey"))).toEqual([]);
    expect(checkClusterNodesArgs({ ...args, cluster: { ...c, distribution: "rke2" } }).filter((p) => p.includes("etcdEncryptionKey"))).toEqual([]);
  });
});
