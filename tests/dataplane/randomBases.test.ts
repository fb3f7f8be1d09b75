/**
 * The kernel agrees with the contract on random rule bases too: a client and a server namespace, each
 * holding many addresses picked at the edges of a random base's objects, routed through a firewall
 * namespace that loads the rendered ruleset (both layouts, so the verdict map's jump and goto paths and the
 * linear jumps all run in the real kernel); TCP, UDP and ICMP probes over IPv4 and IPv6, and every kernel
 * verdict must equal the oracle's. The hosts are joined by plain veths (no switch needed here).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { renderNftables, type NftLayout } from "../../compilers/firewall/render/nftables";
import type { RuleBase } from "../../compilers/firewall/ruleBaseTypes";
import { arbitraryRuleBase, edgeAddresses } from "../firewall/support/arbitraryRuleBase";
import { oracleVerdict, type Packet } from "../firewall/support/oracle";

const PY = fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
const PROBE_PY = path.join(__dirname, "support", "probe.py");
const PORTS = [20, 22, 23, 26, 53, 55, 61, 443];
const prefix = `r${(process.pid % 1296).toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
const ns = { client: `${prefix}c`, fw: `${prefix}f`, server: `${prefix}s` };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
let listener: ChildProcess | undefined;
const summary = { bases: 0, probes: 0, allow: 0, deny: 0 };

function ip(args: string[], input?: string): string {
  return execFileSync("ip", args, { encoding: "utf8", input, timeout: 60_000, stdio: ["pipe", "pipe", "pipe"] });
}

beforeAll(() => {
  for (const n of Object.values(ns)) ip(["netns", "add", n]);
  ip(["link", "add", `${prefix}a`, "netns", ns.client, "type", "veth", "peer", "name", `${prefix}b`, "netns", ns.fw]);
  ip(["link", "add", `${prefix}d`, "netns", ns.server, "type", "veth", "peer", "name", `${prefix}e`, "netns", ns.fw]);
  ip(["-n", ns.fw, "-batch", "-"], [
    `addr add 192.0.2.1/30 dev ${prefix}b`, `addr add fd00:1::1/64 dev ${prefix}b nodad`, `link set ${prefix}b up`,
    `addr add 192.0.2.5/30 dev ${prefix}e`, `addr add fd00:2::1/64 dev ${prefix}e nodad`, `link set ${prefix}e up`, "link set lo up",
  ].join("\n") + "\n");
  execFileSync("ip", ["netns", "exec", ns.fw, "sysctl", "-qw", "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1", "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0"]);
  ip(["-n", ns.client, "-batch", "-"], [`addr add 192.0.2.2/30 dev ${prefix}a`, `addr add fd00:1::2/64 dev ${prefix}a nodad`, `link set ${prefix}a up`, "link set lo up", "route add default via 192.0.2.1", "route add default via fd00:1::1"].join("\n") + "\n");
  ip(["-n", ns.server, "-batch", "-"], [`addr add 192.0.2.6/30 dev ${prefix}d`, `addr add fd00:2::2/64 dev ${prefix}d nodad`, `link set ${prefix}d up`, "link set lo up", "route add default via 192.0.2.5", "route add default via fd00:2::1"].join("\n") + "\n");
  for (const n of [ns.client, ns.server]) execFileSync("ip", ["netns", "exec", n, "sysctl", "-qw", "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0"]);
}, 120_000);

afterAll(() => {
  if (listener?.exitCode === null) listener.kill("SIGKILL");
  for (const n of Object.values(ns)) {
    try {
      for (const pid of ip(["netns", "pids", n]).split(/\s+/).filter((x) => x !== "")) {
        try {
          process.kill(Number(pid), "SIGKILL");
        } catch {
          // already gone
        }
      }
      ip(["netns", "del", n]);
    } catch {
      // never created
    }
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`random rule bases on the kernel: ${summary.bases} base/layout runs, ${summary.probes} probes (${summary.allow} allowed, ${summary.deny} denied)`);
});

async function startListener(): Promise<void> {
  listener = spawn("ip", ["netns", "exec", ns.server, PY, PROBE_PY, "listen", PORTS.join(","), PORTS.join(",")], { stdio: ["ignore", "pipe", "pipe"] });
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error("listener did not start")), 30_000);
    listener!.stdout!.once("data", () => (clearTimeout(t), resolve()));
    listener!.once("exit", (c) => (clearTimeout(t), reject(new Error(`listener exited ${c}`))));
  });
}

/** Addresses of one side (client: even positions, server: odd), re-assigned for each base. */
function assign(rb: RuleBase): { src: Record<"ipv4" | "ipv6", string[]>; dst: Record<"ipv4" | "ipv6", string[]> } {
  const src = { ipv4: [] as string[], ipv6: [] as string[] };
  const dst = { ipv4: [] as string[], ipv6: [] as string[] };
  for (const f of ["ipv4", "ipv6"] as const) {
    const all = edgeAddresses(rb, f).filter((a) => !a.startsWith("0.") && a !== "::");
    const step = Math.max(1, Math.floor(all.length / 24));
    all.filter((_, i) => i % step === 0).slice(0, 24).forEach((a, i) => (i % 2 === 0 ? src : dst)[f].push(a));
  }
  const batch = (side: string, dev: string, addrs: typeof src): string =>
    [`addr flush dev ${dev} scope global`, ...(side === "c" ? ["addr add 192.0.2.2/30 dev " + dev, `addr add fd00:1::2/64 dev ${dev} nodad`] : ["addr add 192.0.2.6/30 dev " + dev, `addr add fd00:2::2/64 dev ${dev} nodad`]), ...addrs.ipv4.map((a) => `addr add ${a}/32 dev ${dev}`), ...addrs.ipv6.map((a) => `addr add ${a}/128 dev ${dev} nodad`)].join("\n") + "\n";
  ip(["-n", ns.client, "-batch", "-"], batch("c", `${prefix}a`, src));
  ip(["-n", ns.server, "-batch", "-"], batch("s", `${prefix}d`, dst));
  ip(["-n", ns.client, "route", "replace", "default", "via", "192.0.2.1"]);
  ip(["-n", ns.client, "-6", "route", "replace", "default", "via", "fd00:1::1"]);
  ip(["-n", ns.server, "route", "replace", "default", "via", "192.0.2.5"]);
  ip(["-n", ns.server, "-6", "route", "replace", "default", "via", "fd00:2::1"]);
  ip(["-n", ns.fw, "-6", "route", "flush", "proto", "static"]);
  const routes = ["route flush proto static", ...src.ipv4.map((a) => `route add ${a}/32 via 192.0.2.2 proto static`), ...src.ipv6.map((a) => `route add ${a}/128 via fd00:1::2 proto static`), ...dst.ipv4.map((a) => `route add ${a}/32 via 192.0.2.6 proto static`), ...dst.ipv6.map((a) => `route add ${a}/128 via fd00:2::2 proto static`)];
  ip(["-n", ns.fw, "-batch", "-"], routes.join("\n") + "\n");
  return { src, dst };
}

async function probe(packets: Packet[], timeoutS: number): Promise<string[]> {
  const child = spawn("ip", ["netns", "exec", ns.client, PY, PROBE_PY, "probe", String(timeoutS)], { stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  const done = new Promise<void>((resolve, reject) => child.on("exit", (c) => (c === 0 ? resolve() : reject(new Error(`prober exited ${c}`)))));
  child.stdin!.end(packets.map((p, id) => JSON.stringify({ id, src: p.src, target: p.dst, family: p.family, protocol: p.protocol, port: p.port ?? 0 })).join("\n") + "\n");
  await done;
  const verdicts: string[] = [];
  for (const line of out.split("\n").filter((l) => l.trim() !== "")) {
    const r = JSON.parse(line) as { id: number; verdict: string };
    verdicts[r.id] = r.verdict;
  }
  return verdicts;
}

test("kernel verdicts equal the oracle's on random rule bases, both layouts", async () => {
  await startListener();
  const bases = fc.sample(arbitraryRuleBase, { numRuns: 6, seed: 7 });
  const mismatches: string[] = [];
  for (const [b, rb] of bases.entries()) {
    const { src, dst } = assign(rb);
    const packets: Packet[] = [];
    let k = b;
    for (const family of ["ipv4", "ipv6"] as const) {
      for (const s of src[family]) {
        for (const d of dst[family]) {
          k = (k * 1103515245 + 12345) >>> 0;
          if (k % 3 !== 0) continue;
          const protocol = (["tcp", "udp", "icmp"] as const)[k % 7 % 3];
          packets.push({ family, src: s, dst: d, protocol, port: protocol === "icmp" ? undefined : PORTS[(k >>> 3) % PORTS.length] });
        }
      }
    }
    for (const layout of ["dispatch", "linear"] as NftLayout[]) {
      const file = path.join(tmp, `base-${b}-${layout}.nft`);
      fs.writeFileSync(file, renderNftables(rb, { layout }));
      execFileSync("ip", ["netns", "exec", ns.fw, "nft", "-f", file], { timeout: 60_000 });
      // Every probe opens a new connection (fresh source port or echo id), so entries of earlier runs never match.
      const first = await probe(packets, 2);
      const expected = packets.map((p) => (oracleVerdict(rb, p).action === "accept" ? "allow" : "deny"));
      const retry = packets.map((_, i) => i).filter((i) => expected[i] === "allow" && first[i] !== "allow");
      const second = retry.length > 0 ? await probe(retry.map((i) => packets[i]), 6) : [];
      retry.forEach((i, j) => (first[i] = second[j]));
      packets.forEach((p, i) => {
        summary.probes++;
        summary[expected[i] as "allow" | "deny"]++;
        if (first[i] !== expected[i]) mismatches.push(`base ${b} ${layout}: ${JSON.stringify(p)} expected ${expected[i]}, kernel ${first[i]}`);
      });
      summary.bases++;
    }
  }
  expect(mismatches).toEqual([]);
  expect(summary.allow).toBeGreaterThan(0);
  expect(summary.deny).toBeGreaterThan(0);
}, 600_000);
