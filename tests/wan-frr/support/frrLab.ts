/**
 * A small lab of FRR routers in network namespaces for the WAN suite: each router is a namespace with its
 * own zebra, bfdd and bgpd (private vty and zebra sockets, run as the `frr` user), its configuration loaded
 * through vtysh; routers are joined by veth pairs. Every name carries the run's prefix (`h<pid>`), every
 * process is tracked by its PID, and `destroy()` removes everything whatever state the lab is in.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const DAEMONS = ["zebra", "bfdd", "bgpd"] as const;

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")}: exit ${r.status}: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** One lab. */
export class FrrLab {
  /** The run's unique prefix (namespaces, interfaces). */
  readonly prefix = `h${process.pid % 100000}`;
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), `hatang-frrlab-${process.pid}-`));
  private readonly namespaces: string[] = [];
  private readonly processes: ChildProcess[] = [];
  private links = 0;

  /** The namespace name of a router. */
  ns(router: string): string {
    return `${this.prefix}-${router}`;
  }

  /** Runs a command in a router's namespace; throws on failure. */
  exec(router: string, args: string[]): string {
    return run("ip", ["netns", "exec", this.ns(router), ...args]);
  }

  /** Runs a command in a router's namespace; true when it exits 0. */
  ok(router: string, args: string[]): boolean {
    return spawnSync("ip", ["netns", "exec", this.ns(router), ...args], { timeout: 30_000 }).status === 0;
  }

  /** Creates a router's namespace (loopback up, forwarding on). */
  addRouter(router: string): void {
    run("ip", ["netns", "add", this.ns(router)]);
    this.namespaces.push(this.ns(router));
    this.exec(router, ["ip", "link", "set", "lo", "up"]);
    this.exec(router, ["sysctl", "-q", "-w", "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1"]);
    const d = path.join(this.dir, router);
    fs.mkdirSync(d, { recursive: true });
  }

  /**
   * Joins two routers by a veth pair and addresses both ends (`a/len`, no DAD); returns the interface names.
   * @param a one router and its addresses (with prefix length)
   * @param b the other router and its addresses
   */
  link(a: { router: string; addrs: string[] }, b: { router: string; addrs: string[] }): { a: string; b: string } {
    const n = ++this.links;
    const ia = `${this.prefix}a${n}`;
    const ib = `${this.prefix}b${n}`;
    run("ip", ["link", "add", ia, "netns", this.ns(a.router), "type", "veth", "peer", "name", ib, "netns", this.ns(b.router)]);
    for (const [end, name] of [[a, ia], [b, ib]] as const) {
      for (const addr of end.addrs) this.exec(end.router, ["ip", ...(addr.includes(":") ? ["-6"] : []), "addr", "add", addr, "dev", name, ...(addr.includes(":") ? ["nodad"] : [])]);
      this.exec(end.router, ["ip", "link", "set", name, "up"]);
    }
    return { a: ia, b: ib };
  }

  /**
   * Joins two routers by a veth pair carrying only host addresses (their loopbacks: /32 and /128, no
   * subnet), each end with a route to the other's: the edge pair's interconnect for the iBGP between
   * loopbacks. Returns the interface names.
   * @param a one router and its host addresses (IPv4 and IPv6, no length)
   * @param b the other
   */
  pointToPoint(a: { router: string; addrs: string[] }, b: { router: string; addrs: string[] }): { a: string; b: string } {
    const ifs = this.link({ router: a.router, addrs: [] }, { router: b.router, addrs: [] });
    for (const [end, other, name] of [[a, b, ifs.a], [b, a, ifs.b]] as const)
      for (const addr of end.addrs) {
        const six = addr.includes(":");
        const peer = other.addrs.find((x) => x.includes(":") === six)!;
        this.exec(end.router, ["ip", ...(six ? ["-6"] : []), "addr", "add", `${addr}/${six ? 128 : 32}`, "dev", name, ...(six ? ["nodad"] : [])]);
        this.exec(end.router, ["ip", ...(six ? ["-6"] : []), "route", "add", `${peer}/${six ? 128 : 32}`, "dev", name]);
      }
    return ifs;
  }

  /** Adds addresses to a router's loopback (a LAN stand-in: this kernel has no dummy interfaces). */
  loopback(router: string, addrs: string[]): void {
    for (const addr of addrs) this.exec(router, ["ip", ...(addr.includes(":") ? ["-6"] : []), "addr", "add", addr, "dev", "lo", ...(addr.includes(":") ? ["nodad"] : [])]);
  }

  /** Starts zebra, bfdd and bgpd in a router's namespace and loads its configuration through vtysh. */
  async start(router: string, config: string): Promise<void> {
    const d = path.join(this.dir, router);
    fs.writeFileSync(path.join(d, "frr.conf"), config);
    run("chown", ["-R", "frr:frr", this.dir]);
    for (const daemon of DAEMONS) {
      const args = ["netns", "exec", this.ns(router), `/usr/lib/frr/${daemon}`, "-z", path.join(d, "zserv.api"), "-i", path.join(d, `${daemon}.pid`), "--vty_socket", d, "-u", "frr", "-g", "frr", "-P", "0", "--log", `file:${path.join(d, `${daemon}.log`)}`];
      const p = spawn("ip", args, { stdio: "ignore" });
      this.processes.push(p);
      const sock = path.join(d, `${daemon}.vty`);
      for (let i = 0; i < 100 && !fs.existsSync(sock); i++) await sleep(100);
      if (!fs.existsSync(sock)) throw new Error(`${daemon} of ${router} did not start (see ${path.join(d, `${daemon}.log`)})`);
    }
    const r = spawnSync("ip", ["netns", "exec", this.ns(router), "vtysh", "--vty_socket", d, "-f", path.join(d, "frr.conf")], { encoding: "utf8", timeout: 60_000 });
    if (r.status !== 0) throw new Error(`vtysh -f on ${router}: exit ${r.status}: ${r.stdout}${r.stderr}`);
  }

  /** A vtysh command's JSON answer on a router. */
  show(router: string, command: string): unknown {
    const out = this.exec(router, ["vtysh", "--vty_socket", path.join(this.dir, router), "-c", command]);
    return JSON.parse(out);
  }

  /** Whether one ping from `src` to `dst` answers within a second. */
  ping(router: string, src: string, dst: string): boolean {
    return this.ok(router, ["ping", ...(dst.includes(":") ? ["-6"] : []), "-c", "1", "-W", "1", "-I", src, dst]);
  }

  /** Stops every daemon by its PID, removes every namespace and the lab's folder. Safe to call in any state. */
  async destroy(): Promise<void> {
    for (const p of this.processes) if (p.pid !== undefined && p.exitCode === null) p.kill("SIGTERM");
    await sleep(300);
    for (const p of this.processes) if (p.pid !== undefined && p.exitCode === null) p.kill("SIGKILL");
    for (const ns of this.namespaces) spawnSync("ip", ["netns", "del", ns], { timeout: 30_000 });
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Polls until a condition holds or the time is up.
 * @param what what is awaited (for the error)
 * @param timeoutMs bound
 * @param check the condition
 */
export async function waitFor(what: string, timeoutMs: number, check: () => boolean): Promise<number> {
  const start = process.hrtime.bigint();
  for (;;) {
    if (check()) return Number(process.hrtime.bigint() - start) / 1e6;
    if (Number(process.hrtime.bigint() - start) / 1e6 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(200);
  }
}
