/**
 * Builds a case on the real kernel: one namespace per enforcer (forwarding, the generated nftables
 * ruleset loaded), one per host, every interface joined to one OVS bridge (userspace datapath) as an
 * access port tagged with its VLAN; enforcers meet on a transit VLAN and route each other's VLANs.
 * Every name carries the run's prefix; `destroy` removes everything it created (it never depends on
 * `build` having finished) and stops the listeners it started, by PID.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { DataplaneCase, ProbeSpec } from "./caseTypes";
import { serviceDir } from "./serviceDir";

/** This checkout's OVS database socket. */
const OVS_DB = `unix:${path.join(serviceDir(), "ovs", "db.sock")}`;
const PY = fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
const PROBE_PY = path.join(__dirname, "probe.py");

function run(cmd: string, args: string[], input?: string, timeout = 60_000): string {
  try {
    return execFileSync(cmd, args, { encoding: "utf8", input, timeout, stdio: ["pipe", "pipe", "pipe"] });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(" ")}: ${err.stderr?.trim() || err.message}`);
  }
}

/** The network of a `a.b.c.d/len` or `x::y/len` interface address. */
function networkOf(cidr: string): string {
  const [addr, len] = cidr.split("/");
  const n = Number(len);
  if (addr.includes(":")) {
    const full = expand6(addr);
    let bits = BigInt("0x" + full.join(""));
    bits &= ((1n << 128n) - 1n) ^ ((1n << BigInt(128 - n)) - 1n);
    const hex = bits.toString(16).padStart(32, "0");
    return `${(hex.match(/.{4}/g) ?? []).join(":")}/${n}`;
  }
  const v = addr.split(".").reduce((a, o) => a * 256 + Number(o), 0);
  const m = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
  const x = (v & m) >>> 0;
  return `${[x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255].join(".")}/${n}`;
}

function expand6(a: string): string[] {
  const [h, t] = a.split("::");
  const head = h ? h.split(":") : [];
  const tail = t !== undefined && t !== "" ? t.split(":") : [];
  const mid = t === undefined ? [] : Array<string>(8 - head.length - tail.length).fill("0");
  return [...head, ...mid, ...tail].map((x) => x.padStart(4, "0"));
}

const bare = (cidr: string): string => cidr.split("/")[0];

/** A built case. */
export class Dataplane {
  readonly prefix: string;
  private readonly namespaces: string[] = [];
  private readonly listeners: ChildProcess[] = [];
  private bridge?: string;
  private readonly pendingPorts: string[][] = [];
  private readonly tmp: string;
  readonly hostNs = new Map<string, string>();
  readonly enforcerNs = new Map<string, string>();

  constructor(private readonly c: DataplaneCase) {
    // Per-run unique: pid plus random, base 36, so two runs (or two worktrees) never share a name.
    this.prefix = `d${(process.pid % 1296).toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`.slice(0, 6);
    this.tmp = fs.mkdtempSync(path.join(os.tmpdir(), `${this.prefix}-`));
  }

  private ovs(...args: string[]): string {
    return run("ovs-vsctl", [`--db=${OVS_DB}`, "--timeout=30", ...args]);
  }

  private ns(name: string): string {
    const full = `${this.prefix}${name}`;
    run("ip", ["netns", "add", full]);
    this.namespaces.push(full);
    run("ip", ["-n", full, "link", "set", "lo", "up"]);
    return full;
  }

  /** A veth from the bridge (access port, tag) into a namespace, with addresses. */
  private attach(ns: string, portName: string, inner: string, vlan: number, addrs: string[]): void {
    run("ip", ["link", "add", portName, "type", "veth", "peer", "name", inner]);
    run("ip", ["link", "set", inner, "netns", ns]);
    for (const a of addrs) run("ip", ["-n", ns, "addr", "add", a, "dev", inner, ...(a.includes(":") ? ["nodad"] : [])]);
    run("ip", ["-n", ns, "link", "set", inner, "up"]);
    run("ip", ["link", "set", portName, "up"]);
    // The userspace datapath does not complete checksums that veths leave to offload: TCP fails without this.
    run("ethtool", ["-K", portName, "tx", "off"]);
    run("ip", ["netns", "exec", ns, "ethtool", "-K", inner, "tx", "off"]);
    this.pendingPorts.push(["--", "add-port", this.bridge!, portName, `tag=${vlan}`]);
  }

  /** Adds the pending ports in one OVS transaction (one call per port costs a second each on the netdev datapath). */
  private flushPorts(): void {
    if (this.pendingPorts.length > 0) this.ovs(...this.pendingPorts.splice(0).flat());
  }

  /** Creates everything. */
  build(): void {
    const c = this.c;
    this.bridge = `${this.prefix}br`;
    this.ovs("add-br", this.bridge, "--", "set", "bridge", this.bridge, "datapath_type=netdev");
    run("ip", ["link", "set", this.bridge, "up"]);
    const outside = c.enforcers.find((e) => e.outside);
    c.enforcers.forEach((e, k) => {
      const ns = this.ns(`f${k}`);
      this.enforcerNs.set(e.device, ns);
      run("ip", ["netns", "exec", ns, "sysctl", "-qw", "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1", "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0"]);
      e.vlans.forEach((v, j) => this.attach(ns, `${this.prefix}f${k}v${j}`, `${this.prefix}f${k}i${j}`, v.vlan, [v.ipv4, v.ipv6]));
      this.attach(ns, `${this.prefix}f${k}t`, `${this.prefix}f${k}x`, c.transit.vlan, [c.transit.ipv4[e.device], c.transit.ipv6[e.device]]);
    });
    c.enforcers.forEach((e) => {
      const ns = this.enforcerNs.get(e.device)!;
      for (const other of c.enforcers) {
        if (other === e) continue;
        for (const v of other.vlans) {
          run("ip", ["-n", ns, "route", "add", networkOf(v.ipv4), "via", bare(c.transit.ipv4[other.device])]);
          run("ip", ["-n", ns, "-6", "route", "add", networkOf(v.ipv6), "via", bare(c.transit.ipv6[other.device])]);
        }
      }
      if (outside && e !== outside) {
        run("ip", ["-n", ns, "route", "add", "default", "via", bare(c.transit.ipv4[outside.device])]);
        run("ip", ["-n", ns, "-6", "route", "add", "default", "via", bare(c.transit.ipv6[outside.device])]);
      }
      const file = path.join(this.tmp, `${e.device}.nft`);
      fs.writeFileSync(file, e.nft);
      run("ip", ["netns", "exec", ns, "nft", "-f", file]);
    });
    c.hosts.forEach((h, i) => {
      const ns = this.ns(`h${i}`);
      this.hostNs.set(h.name, ns);
      this.attach(ns, `${this.prefix}h${i}`, `${this.prefix}e${i}`, h.vlan, [h.ipv4, h.ipv6]);
      run("ip", ["-n", ns, "route", "add", "default", "via", h.gateway4]);
      run("ip", ["-n", ns, "-6", "route", "add", "default", "via", h.gateway6]);
    });
    this.flushPorts();
  }

  /** Pings every host's gateways once (neighbour tables, MAC learning), so the first probe is not the one that pays. */
  warmUp(): void {
    for (const h of this.c.hosts) {
      const ns = this.hostNs.get(h.name)!;
      for (const gw of [h.gateway4, h.gateway6]) {
        try {
          run("ip", ["netns", "exec", ns, "ping", "-c", "1", "-W", "3", gw], undefined, 10_000);
        } catch {
          // A host that cannot reach its gateway shows up as failed probes, with their details.
        }
      }
    }
  }

  /** Starts one listener per destination host on the ports probed there (both families). */
  async listen(probes: readonly ProbeSpec[]): Promise<void> {
    const waits: Array<Promise<void>> = [];
    for (const h of this.c.hosts) {
      const mine = probes.filter((p) => p.to === h.name);
      const tcp = [...new Set(mine.filter((p) => p.protocol === "tcp").map((p) => p.port!))].sort((a, b) => a - b);
      const udp = [...new Set(mine.filter((p) => p.protocol === "udp").map((p) => p.port!))].sort((a, b) => a - b);
      if (tcp.length === 0 && udp.length === 0) continue;
      const child = spawn("ip", ["netns", "exec", this.hostNs.get(h.name)!, PY, PROBE_PY, "listen", tcp.join(","), udp.join(",")], { stdio: ["ignore", "pipe", "pipe"] });
      this.listeners.push(child);
      waits.push(
        new Promise<void>((resolve, reject) => {
          const t = setTimeout(() => reject(new Error(`listener on ${h.name} did not start in 30 s`)), 30_000);
          child.stdout!.once("data", () => {
            clearTimeout(t);
            resolve();
          });
          child.once("exit", (code) => {
            clearTimeout(t);
            reject(new Error(`listener on ${h.name} exited (${code})`));
          });
        }),
      );
    }
    await Promise.all(waits);
  }

  /**
   * Sends probes (all sources at once, each source's probes concurrently) and returns the kernel's verdict per probe index.
   * @param probes the probes
   * @param timeoutS seconds to wait for an answer
   */
  async probe(probes: readonly ProbeSpec[], timeoutS: number): Promise<Map<number, { verdict: string; detail: string }>> {
    const out = new Map<number, { verdict: string; detail: string }>();
    const bySource = new Map<string, number[]>();
    probes.forEach((p, i) => bySource.set(p.from, [...(bySource.get(p.from) ?? []), i]));
    await Promise.all(
      [...bySource.entries()].map(
        ([from, ids]) =>
          new Promise<void>((resolve, reject) => {
            const host = this.c.hosts.find((h) => h.name === from)!;
            const lines = ids.map((i) => {
              const p = probes[i];
              return JSON.stringify({ id: i, src: bare(p.family === "ipv4" ? host.ipv4 : host.ipv6), target: p.target, family: p.family, protocol: p.protocol, port: p.port ?? 0 });
            });
            const child = spawn("ip", ["netns", "exec", this.hostNs.get(from)!, PY, PROBE_PY, "probe", String(timeoutS)], { stdio: ["pipe", "pipe", "pipe"] });
            let text = "";
            let err = "";
            const killer = setTimeout(() => child.kill("SIGKILL"), (timeoutS + 10) * 1000 * Math.ceil(ids.length / 32) + 30_000);
            child.stdout!.on("data", (d: Buffer) => (text += d.toString()));
            child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
            child.on("exit", (code) => {
              clearTimeout(killer);
              if (code !== 0) return reject(new Error(`prober in ${from} exited ${code}: ${err}`));
              for (const line of text.split("\n").filter((l) => l.trim() !== "")) {
                const r = JSON.parse(line) as { id: number; verdict: string; detail: string };
                out.set(r.id, { verdict: r.verdict, detail: r.detail });
              }
              resolve();
            });
            child.stdin!.end(lines.join("\n") + "\n");
          }),
      ),
    );
    return out;
  }

  /** Removes everything this run created; safe to call at any point, and more than once. */
  destroy(): string[] {
    const problems: string[] = [];
    for (const l of this.listeners) {
      if (l.pid !== undefined && l.exitCode === null) {
        try {
          l.kill("SIGKILL");
        } catch (e) {
          problems.push(String(e));
        }
      }
    }
    this.listeners.length = 0;
    if (this.bridge) {
      try {
        this.ovs("--if-exists", "del-br", this.bridge);
      } catch (e) {
        problems.push(String(e));
      }
    }
    for (const ns of this.namespaces.splice(0)) {
      try {
        // Killing what still runs inside (listeners started through `ip netns exec`) by PID, then the namespace.
        const pids = run("ip", ["netns", "pids", ns]).split(/\s+/).filter((x) => x !== "");
        for (const pid of pids) {
          try {
            process.kill(Number(pid), "SIGKILL");
          } catch {
            // already gone
          }
        }
        run("ip", ["netns", "del", ns]);
      } catch (e) {
        problems.push(String(e));
      }
    }
    // Root-side veth ends vanish with their peers; any left (a failed move) are removed by name.
    const links = run("ip", ["-o", "link", "show"]).split("\n");
    for (const l of links) {
      const m = /^\d+: ([^:@]+)[@:]/.exec(l);
      if (m && m[1].startsWith(this.prefix)) {
        try {
          run("ip", ["link", "del", m[1]]);
        } catch (e) {
          problems.push(String(e));
        }
      }
    }
    fs.rmSync(this.tmp, { recursive: true, force: true });
    return problems;
  }
}
