/**
 * Where a checkout's local cloud lives and which ports it takes (scripts/services/location and ports):
 * outside the checkout, reachable by the postgres user even when the checkout lies under a 0700
 * parent, one directory and one disjoint set of ports per checkout, the same again on a re-run.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
let tmp: string;

/** A fake checkout holding copies of the two scripts, under `parent`. */
function checkout(parent: string, name: string): string {
  const dir = path.join(parent, name, "scripts/services");
  fs.mkdirSync(dir, { recursive: true });
  for (const f of ["location", "ports"]) fs.copyFileSync(path.join(ROOT, "scripts/services", f), path.join(dir, f));
  return path.join(parent, name);
}

function bash(script: string, env: Record<string, string> = {}): string {
  return execFileSync("bash", ["-euo", "pipefail", "-c", script], { encoding: "utf8", env: { ...process.env, ...env } }).trim();
}

/** Runs pick_ports for a checkout and returns its ports (PG, Keystone, Neutron). */
function pickPorts(co: string, base: string, reuse = 0): number[] {
  const out = bash(`. "${co}/scripts/services/location"; . "${co}/scripts/services/ports"; mkdir -p "$S"; pick_ports ${reuse}; echo "$PG_PORT $KS_PORT $NEUTRON_PORT"`, { HATANG_SERVICES_ROOT: base });
  return out.split(/\s+/).map(Number);
}

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hatang-loc-"));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("the service directory", () => {
  it("lies outside a checkout under a 0700 parent, below parents any user can traverse", () => {
    const locked = path.join(tmp, "home");
    fs.mkdirSync(locked, { mode: 0o700 });
    const co = checkout(locked, "hatang");
    const dir = bash(`bash "${co}/scripts/services/location"`, { HATANG_SERVICES_ROOT: "" });
    expect(dir).toMatch(/^\/var\/lib\/hatang-services\/[0-9a-f]{16}$/);
    expect(dir.startsWith(co)).toBe(false);
    // Every existing ancestor lets others through (o+x); the rest up creates 0755/0711.
    for (let p = path.dirname(dir); p !== "/"; p = path.dirname(p)) {
      if (fs.existsSync(p)) expect({ p, x: (fs.statSync(p).mode & 0o001) !== 0 }).toEqual({ p, x: true });
    }
  });

  it("differs between checkouts and is the same through a symbolic link to one", () => {
    const a = checkout(tmp, "a");
    const b = checkout(tmp, "b");
    fs.symlinkSync(a, path.join(tmp, "link-to-a"));
    const where = (co: string): string => bash(`bash "${co}/scripts/services/location"`, { HATANG_SERVICES_ROOT: path.join(tmp, "base") });
    expect(where(a)).not.toBe(where(b));
    expect(where(path.join(tmp, "link-to-a"))).toBe(where(a));
    expect(path.dirname(where(a))).toBe(path.join(tmp, "base"));
  });
});

describe("the ports", () => {
  it("are three distinct ports per checkout, disjoint between checkouts, the same on a re-run", () => {
    const base = path.join(tmp, "base");
    fs.mkdirSync(base);
    const cos = ["a", "b", "c"].map((n) => checkout(tmp, n));
    const ports = cos.map((co) => pickPorts(co, base));
    for (const p of ports) {
      expect(new Set(p).size).toBe(3);
      for (const x of p) expect(x >= 10000 && x <= 29999).toBe(true);
    }
    expect(new Set(ports.flat()).size).toBe(9);
    expect(pickPorts(cos[0]!, base)).toEqual(ports[0]);
  });

  it("moves off a recorded port that something else now listens on", async () => {
    const base = path.join(tmp, "base");
    fs.mkdirSync(base);
    const co = checkout(tmp, "a");
    const first = pickPorts(co, base);
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => server.once("error", reject).listen(first[1], "127.0.0.1", resolve));
    try {
      // Reuse allowed (our own running services hold the ports): kept.
      expect(pickPorts(co, base, 1)).toEqual(first);
      // Services stopped, port still busy: another one.
      const second = pickPorts(co, base, 0);
      expect(second).not.toContain(first[1]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it("never takes a port another checkout recorded, even when that port is free", () => {
    const a = checkout(tmp, "a");
    const b = checkout(tmp, "b");
    // Where b would go on its own (an empty base), then a records exactly those ports in the real base.
    const alone = path.join(tmp, "alone");
    fs.mkdirSync(alone);
    const bAlone = pickPorts(b, alone);
    const base = path.join(tmp, "base");
    const aDir = bash(`bash "${a}/scripts/services/location"`, { HATANG_SERVICES_ROOT: base });
    fs.mkdirSync(aDir, { recursive: true });
    fs.writeFileSync(path.join(aDir, "ports.env"), `PG_PORT=${bAlone[0]}\nKS_PORT=${bAlone[1]}\nNEUTRON_PORT=${bAlone[2]}\n`);
    const bPorts = pickPorts(b, base);
    expect(bPorts.filter((p) => bAlone.includes(p))).toEqual([]);
  });

});
