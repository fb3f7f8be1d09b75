/**
 * The kubeconfig of a built cluster, pure side: the fetch command run for real in a shell (a `sudo`
 * that only runs its arguments, the admin file moved to a temporary path) waits for the file and
 * prints it, or fails naming the file and never its content; the rewrite points every cluster at the
 * API endpoint and keeps everything else, and refuses what is no kubeconfig without quoting it.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync, spawn } from "node:child_process";
import fc from "fast-check";
import { parse } from "yaml";
import { RKE2_YAML } from "./kubeconfigFixture";
import { ADMIN_KUBECONFIG, KUBECONFIG_WAIT, kubeconfigFetchCommand, pointKubeconfigAt } from "../../compilers/kubernetes/kubeconfig";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), `h${process.pid}-kubeconfig-`));
  // A `sudo` that runs its arguments as the current user: the command's logic, not the privilege, is under test.
  fs.mkdirSync(path.join(dir, "bin"));
  fs.writeFileSync(path.join(dir, "bin", "sudo"), '#!/bin/sh\nexec "$@"\n', { mode: 0o755 });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The command of a distribution with its admin file at `file`, waiting `seconds` at most (one look a second). */
function commandAt(distribution: "rke2" | "kubeadm", file: string, seconds: number): string {
  const text = kubeconfigFetchCommand(distribution);
  expect(text).toContain(`f=${ADMIN_KUBECONFIG[distribution]}\n`);
  const tries = Math.ceil(KUBECONFIG_WAIT.seconds / KUBECONFIG_WAIT.every);
  return text.split(`f=${ADMIN_KUBECONFIG[distribution]}\n`).join(`f=${file}\n`).split(`-gt ${tries}`).join(`-gt ${seconds}`).split(`sleep ${KUBECONFIG_WAIT.every}`).join("sleep 1");
}

const env = (): NodeJS.ProcessEnv => ({ ...process.env, PATH: `${path.join(dir, "bin")}:${process.env.PATH}` });

describe("the fetch command", () => {
  it("reads each distribution's own admin kubeconfig", () => {
    expect(kubeconfigFetchCommand("rke2")).toContain("f=/etc/rancher/rke2/rke2.yaml");
    expect(kubeconfigFetchCommand("kubeadm")).toContain("f=/etc/kubernetes/admin.conf");
  });

  it("waits for the bootstrap to write the file, then prints it whole", async () => {
    const file = path.join(dir, "late.yaml");
    const child = spawn("sh", ["-c", commandAt("rke2", file, 20)], { env: env() });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    // Written after the command started looking: it must still be waiting, not failed.
    await new Promise((r) => setTimeout(r, 1500));
    fs.writeFileSync(file, RKE2_YAML);
    const code = await new Promise<number | null>((r) => child.on("close", r));
    expect({ code, out }).toEqual({ code: 0, out: RKE2_YAML });
  }, 30_000);

  it("fails after its wait naming the file and the bootstrap log, printing nothing", () => {
    const file = path.join(dir, "never.yaml");
    const r = spawnSync("sh", ["-c", commandAt("kubeadm", file, 2)], { env: env(), encoding: "utf8", timeout: 20_000 });
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
      status: 1,
      stdout: "",
      stderr: `no ${file} after ${KUBECONFIG_WAIT.seconds} s: the node's bootstrap did not finish (see /var/log/cloud-init-output.log)\n`,
    });
  }, 30_000);

  it("takes an empty file for not written yet", () => {
    const file = path.join(dir, "empty.yaml");
    fs.writeFileSync(file, "");
    const r = spawnSync("sh", ["-c", commandAt("rke2", file, 1)], { env: env(), encoding: "utf8", timeout: 20_000 });
    expect(r.status).toBe(1);
  }, 30_000);
});

describe("pointKubeconfigAt", () => {
  it("points RKE2's node-local server at the API endpoint and keeps the credentials and contexts", () => {
    const out = parse(pointKubeconfigAt(RKE2_YAML, "https://10.20.30.40:6443")) as Record<string, unknown>;
    const before = parse(RKE2_YAML) as Record<string, unknown>;
    expect(out).toEqual({ ...before, clusters: [{ name: "default", cluster: { "certificate-authority-data": "LS0tQ0EtLS0=", server: "https://10.20.30.40:6443" } }] });
  });

  it("sets every cluster's server, whatever it was (kubeadm writes the endpoint already)", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ name: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/), server: fc.webUrl() }), { minLength: 1, maxLength: 4 }), fc.ipV4(), (clusters, ip) => {
        const text = `apiVersion: v1\nkind: Config\nclusters:\n${clusters.map((c) => `- name: ${c.name}\n  cluster:\n    server: ${JSON.stringify(c.server)}\n    insecure-skip-tls-verify: false\n`).join("")}users: []\n`;
        const out = parse(pointKubeconfigAt(text, `https://${ip}:6443`)) as { clusters: Array<{ name: string; cluster: Record<string, unknown> }>; users: unknown[] };
        expect(out.clusters).toEqual(clusters.map((c) => ({ name: c.name, cluster: { server: `https://${ip}:6443`, "insecure-skip-tls-verify": false } })));
        expect(out.users).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });

  it("refuses what is no kubeconfig with an exact message that never quotes the text", () => {
    const cases: Array<[string, string]> = [
      ["client-key-data: c2VjcmV0\n", 'the admin kubeconfig read from the cluster is not a kubeconfig (expected a "clusters" list, found none)'],
      ["clusters: []\nclient-key-data: c2VjcmV0\n", 'the admin kubeconfig read from the cluster is not a kubeconfig (expected a "clusters" list, found an empty list)'],
      ["clusters: [\nclient-key-data: c2VjcmV0", 'the admin kubeconfig read from the cluster is not a kubeconfig (expected a "clusters" list, found invalid YAML)'],
      ["clusters:\n- name: x\n  client-key-data: c2VjcmV0\n", "the admin kubeconfig read from the cluster has no clusters[0].cluster"],
    ];
    for (const [text, message] of cases) {
      expect(() => pointKubeconfigAt(text, "https://10.0.0.1:6443")).toThrow(new Error(message));
    }
  });
});
