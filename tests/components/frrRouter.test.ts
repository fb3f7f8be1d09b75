/**
 * FrrRouter (`components/wan/frrRouter.ts`): exact argument messages, all at once; on the SDK's mock engine one
 * remote command per router named by its device, triggered by the digest of its configuration and host setup
 * (equal iff they are equal), the configuration and the key never in the plan.
 */
import { runOffline } from "../../offline/mockEngine";
import type { PlannedResource } from "../../offline/planTypes";
import { checkFrrRouterArgs, frrApplyCommand, frrRouterHash, FrrRouter, FRR_ROUTER_TYPE, type FrrRouterArgs } from "../../components/wan/frrRouter";
import * as pulumi from "@pulumi/pulumi";

const CONFIG_A = "frr version 8.4\nhostname r\nrouter bgp 64600\n bgp router-id 10.9.9.1\nexit\n";
const CONFIG_B = CONFIG_A.replace("10.9.9.1", "10.9.9.2");
const SETUP = "# host setup\nset -eu\nsysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1\n";
const KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA-test-key\n-----END OPENSSH PRIVATE KEY-----";

const args = (over: Partial<FrrRouterArgs> = {}): FrrRouterArgs => ({
  site: "s1",
  device: "rt-01",
  role: "edge",
  frrConfig: CONFIG_A,
  hostSetup: SETUP,
  connection: { host: "10.0.0.1", user: "hatang", privateKey: KEY },
  ...over,
});

describe("FrrRouter arguments", () => {
  it("accepts a complete set", () => {
    expect(checkFrrRouterArgs(args())).toEqual([]);
  });
  it("lists every problem at once, each with the argument's path, what is expected and what was found", () => {
    expect(checkFrrRouterArgs({ site: "", device: " ", role: "pe" as "edge", frrConfig: "hostname r", hostSetup: "", connection: { host: "", user: "", privateKey: undefined as unknown as string } })).toEqual([
      'site is required: the site whose stack applies the configuration (found "")',
      'device is required: the router\'s device name (found " ")',
      'role must be "edge" or "cpe" (found "pe")',
      "frrConfig must be a generated FRR configuration (no `frr version` line found)",
      'hostSetup is required: the host setup script (renderHostSetup) (found "")',
      'connection.host is required: the router\'s management address (found "")',
      'connection.user is required: the SSH user (found "")',
      "connection.privateKey is required: the SSH private key (a secret) (found undefined)",
    ]);
    expect(checkFrrRouterArgs(args({ frrConfig: undefined as unknown as string, connection: undefined as unknown as FrrRouterArgs["connection"] }))).toEqual([
      "frrConfig is required: the generated FRR configuration (found undefined)",
      "connection is required: how to reach the router over SSH (found undefined)",
    ]);
  });
});

describe("what runs on the router", () => {
  it("checks the file with vtysh -C before the host is touched, and installs and reloads only after both", () => {
    const cmd = frrApplyCommand(SETUP);
    const at = (s: string) => cmd.indexOf(s);
    expect(cmd.startsWith("set -eu\n")).toBe(true);
    expect(at('vtysh -C -f "$f"')).toBeGreaterThan(at('cat > "$f"'));
    expect(at("sysctl -q -w")).toBeGreaterThan(at('vtysh -C -f "$f"'));
    expect(at("install -o frr -g frr -m 0640")).toBeGreaterThan(at("sysctl -q -w"));
    expect(at("systemctl reload frr")).toBeGreaterThan(at("install -o frr"));
  });
  it("the trigger changes iff the configuration or the host setup does", () => {
    expect(frrRouterHash(CONFIG_A, SETUP)).toBe(frrRouterHash(`${CONFIG_A}`, `${SETUP}`));
    expect(frrRouterHash(CONFIG_B, SETUP)).not.toBe(frrRouterHash(CONFIG_A, SETUP));
    expect(frrRouterHash(CONFIG_A, `${SETUP}# more\n`)).not.toBe(frrRouterHash(CONFIG_A, SETUP));
  });
});

describe("FrrRouter on the mock engine", () => {
  let plan: PlannedResource[] = [];
  beforeAll(async () => {
    const { resources } = await runOffline(
      async () => {
        const key = pulumi.secret(KEY);
        new FrrRouter("s1-router-rt-01", args({ connection: { host: "10.0.0.1", user: "hatang", privateKey: key } }));
        // Same configuration on another device: same trigger.
        new FrrRouter("s1-router-rt-02", args({ device: "rt-02", connection: { host: "10.0.0.2", user: "hatang", privateKey: key } }));
        // One changed line: another trigger.
        new FrrRouter("s1-router-cpe-x", args({ device: "cpe-x", role: "cpe", frrConfig: CONFIG_B, connection: { host: "10.0.0.3", user: "hatang", privateKey: key } }));
        return {};
      },
      { project: "hatang", stack: "s1", config: {} },
    );
    plan = resources;
  });

  const commandOf = (device: string) => plan.find((r) => r.type === "command:remote:Command" && r.name === `s1-frr-${device}`);

  it("declares one component and one remote command per router, named by the device", () => {
    expect(plan.filter((r) => r.type === FRR_ROUTER_TYPE).map((r) => r.name).sort()).toEqual(["s1-router-cpe-x", "s1-router-rt-01", "s1-router-rt-02"]);
    for (const d of ["rt-01", "rt-02", "cpe-x"]) {
      const c = commandOf(d);
      expect(c).toBeDefined();
      expect(c!.parent).toBe(plan.find((r) => r.name === `s1-router-${d}`)!.urn);
      expect(c!.inputs.create).toBe(frrApplyCommand(SETUP));
      expect(c!.inputs.update).toBe(frrApplyCommand(SETUP));
      expect(c!.inputs.logging).toBe("none");
    }
  });

  it("triggers each command by the digest of its configuration: equal configurations equal triggers, a changed one another", () => {
    expect(commandOf("rt-01")!.inputs.triggers).toEqual([frrRouterHash(CONFIG_A, SETUP)]);
    expect(commandOf("rt-02")!.inputs.triggers).toEqual(commandOf("rt-01")!.inputs.triggers);
    expect(commandOf("cpe-x")!.inputs.triggers).toEqual([frrRouterHash(CONFIG_B, SETUP)]);
    expect(plan.find((r) => r.name === "s1-router-cpe-x")!.inputs).toEqual({ site: "s1", device: "cpe-x", role: "cpe", contentHash: frrRouterHash(CONFIG_B, SETUP) });
  });

  it("keeps the configuration and the key out of the plan (secret inputs shown as [secret])", () => {
    for (const d of ["rt-01", "rt-02", "cpe-x"]) {
      expect(commandOf(d)!.inputs.stdin).toBe("[secret]");
      expect(commandOf(d)!.inputs.connection).toBe("[secret]");
      expect(commandOf(d)!.secretInputs).toEqual(expect.arrayContaining(["stdin", "connection"]));
    }
    const text = JSON.stringify(plan);
    expect(text).not.toContain("router bgp 64600");
    expect(text).not.toContain("10.9.9.1");
    expect(text).not.toMatch(/PRIVATE KEY|test-key/);
  });
});
