/**
 * The host setup and the apply command of an FRR router run for real, each in a fresh network namespace of
 * this run (`h<pid>-hs…`, removed in afterAll whatever happened): an edge router's setup on the small overlay's
 * edge router (VRF devices carrying its loopbacks, forwarding) — on a kernel with VRF support the devices, the
 * addresses and forwarding are there and a second run changes nothing; on a kernel without, the script stops
 * at the first VRF with its message before forwarding is touched —; a device of a VRF's name that is not that
 * VRF stops it; a CPE's setup turns forwarding on, twice; and the apply command refuses a configuration
 * `vtysh -C` rejects before anything on the host changes.
 */
import { spawnSync } from "node:child_process";
import { loadTslcdProvince } from "../wan/support/fixture";
import { compileEdgeIntent } from "../../compilers/wan/edgeIntent";
import { compileCpeIntents } from "../../compilers/wan/cpeIntent";
import { renderEdgeFrr } from "../../compilers/wan/renderFrr";
import { frrHostSetup, renderHostSetup } from "../../compilers/wan/hostSetup";
import { frrApplyCommand } from "../../components/wan/frrRouter";

jest.setTimeout(120_000);

const PREFIX = `h${process.pid % 100000}-hs`;
const created: string[] = [];

function ip(args: string[]): { status: number | null; out: string } {
  const r = spawnSync("ip", args, { encoding: "utf8", timeout: 30_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** A fresh namespace (loopback up, forwarding off as the kernel creates it). */
function namespace(name: string): string {
  const ns = `${PREFIX}${name}`;
  expect(ip(["netns", "add", ns]).status).toBe(0);
  created.push(ns);
  ip(["-n", ns, "link", "set", "lo", "up"]);
  return ns;
}

/** Runs a shell script in a namespace, optionally with a standard input. */
function runIn(ns: string, script: string, stdin = ""): { status: number | null; stderr: string; stdout?: string } {
  const r = spawnSync("ip", ["netns", "exec", ns, "sh", "-c", script], { input: stdin, encoding: "utf8", timeout: 60_000 });
  return { status: r.status, stderr: r.stderr, ...(r.stdout !== "" ? { stdout: r.stdout } : {}) };
}

function forwarding(ns: string): string {
  const r = spawnSync("ip", ["netns", "exec", ns, "sysctl", "-n", "net.ipv4.ip_forward", "net.ipv6.conf.all.forwarding"], { encoding: "utf8", timeout: 30_000 });
  return r.stdout.trim().split(/\s+/).join(" ");
}

afterAll(() => {
  for (const ns of created) spawnSync("ip", ["netns", "del", ns], { timeout: 30_000 });
});

const loaded = loadTslcdProvince();
if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join("\n"));
const province = loaded.province;
const plan = province.addressPlan.sites.find((s) => s.site === "dc1")!;
const edge = compileEdgeIntent({ inventory: province.inventory, plan, province: province.addressPlan }).routers[0];
const loop = plan.loopbacks.find((l) => l.device === edge.device)!;
const edgeSetup = frrHostSetup(edge, loop, true).setup;

it("an edge router's setup: VRF devices carrying the loopbacks and forwarding, idempotent; or, without kernel VRF support, a stop at the first VRF before forwarding", () => {
  expect(edgeSetup.vrfs.length).toBeGreaterThan(0);
  const ns = namespace("edge");
  const probe = namespace("probe");
  const vrfSupported = ip(["-n", probe, "link", "add", "vrfprobe", "type", "vrf", "table", "1000"]).status === 0;
  expect(forwarding(ns)).toBe("0 0");
  const script = renderHostSetup(edgeSetup);
  const first = runIn(ns, script);
  if (vrfSupported) {
    expect(first).toEqual({ status: 0, stderr: "" });
    for (const v of edgeSetup.vrfs) {
      expect(ip(["-n", ns, "-d", "link", "show", "dev", v.vrf]).out).toContain(`vrf table ${v.table} `);
      const addrs = ip(["-n", ns, "addr", "show", "dev", v.vrf]).out;
      for (const l of edgeSetup.loopbacks) expect(addrs).toContain(l);
    }
    expect(forwarding(ns)).toBe("1 1");
    expect(runIn(ns, script)).toEqual({ status: 0, stderr: "" });
    expect(forwarding(ns)).toBe("1 1");
  } else {
    const v = edgeSetup.vrfs[0];
    expect(first.status).toBe(1);
    expect(first.stderr).toContain(`hatang: cannot create VRF device ${v.vrf} (table ${v.table}): the kernel needs VRF support (modprobe vrf)`);
    expect(forwarding(ns)).toBe("0 0");
  }
});

it("refuses to reuse a device of a VRF's name that is not that VRF, before forwarding", () => {
  const ns = namespace("taken");
  const v = edgeSetup.vrfs[0];
  expect(ip(["-n", ns, "link", "add", v.vrf, "type", "veth", "peer", "name", `${PREFIX}p`.slice(0, 15)]).status).toBe(0);
  const r = runIn(ns, renderHostSetup(edgeSetup));
  expect(r.status).toBe(1);
  expect(r.stderr).toContain(`hatang: device ${v.vrf} exists but is not VRF table ${v.table}`);
  expect(forwarding(ns)).toBe("0 0");
});

it("a CPE's setup turns forwarding on in both families, and a second run changes nothing", () => {
  const cpe = compileCpeIntents({ inventory: province.inventory, province: province.addressPlan }).cpes[0];
  const ns = namespace("cpe");
  const script = renderHostSetup(frrHostSetup(cpe, undefined, false).setup);
  expect(forwarding(ns)).toBe("0 0");
  expect(runIn(ns, script)).toEqual({ status: 0, stderr: "" });
  expect(forwarding(ns)).toBe("1 1");
  expect(runIn(ns, script)).toEqual({ status: 0, stderr: "" });
  expect(forwarding(ns)).toBe("1 1");
});

it("the apply command stops at vtysh -C on a broken configuration: the host setup never runs", () => {
  const ns = namespace("apply");
  const broken = renderEdgeFrr(edge).replace(" bgp router-id ", " bgp router-identifier ");
  const cpeSetup = "# forwarding only\nset -eu\nsysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1\n";
  const r = runIn(ns, frrApplyCommand(cpeSetup), broken);
  expect(r.status).not.toBe(0);
  expect(`${r.stdout ?? ""}${r.stderr}`).toMatch(/router-identifier/);
  expect(forwarding(ns)).toBe("0 0");
});
