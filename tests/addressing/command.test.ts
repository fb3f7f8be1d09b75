import { CommandIo, runAddressPlan } from "../../inventory/addressing/command";
import type { LoadResult } from "../../inventory/loader/types";
import { fakeSources } from "./fakeSources";
import { buildInventory } from "./model";

function memoryIo(files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { readFile: (f) => files[f], writeFile: (f, t) => void (files[f] = t), log: (l) => void out.push(l), error: (l) => void err.push(l) };
  return { files, out, err, io };
}
const inventory = buildInventory({ sites: [{ id: "dc1", ipv4: ["10.16.0.0/16"], ipv6: ["2001:db8:100::/48"] }], zones: [{ id: "dmz", site: "dc1", vlans: [{ id: 10, name: "web", hosts: 10 }] }] });
const load = (): LoadResult => ({ ok: true, inventory, sources: fakeSources });
const args = { province: "prov", check: false, out: "out" };

describe("addressplan command", () => {
  it("writes the lock and both tables, then --check passes and writes nothing", () => {
    const m = memoryIo();
    expect(runAddressPlan(args, load, m.io)).toBe(0);
    expect(Object.keys(m.files).sort()).toEqual(["out/dc1/addressplan.csv", "out/dc1/addressplan.md", "prov/addressplan.lock.yaml"]);
    const before = { ...m.files };
    expect(runAddressPlan({ ...args, check: true }, load, m.io)).toBe(0);
    expect(m.files).toEqual(before);
  });
  it("--check fails on a stale lock without writing", () => {
    const m = memoryIo({ "prov/addressplan.lock.yaml": "version: 1\nprovince: na\nallocations: {}\n" });
    expect(runAddressPlan({ ...args, check: true }, load, m.io)).toBe(1);
    expect(m.err[0]).toContain("prov/addressplan.lock.yaml is out of date");
    expect(Object.keys(m.files)).toEqual(["prov/addressplan.lock.yaml"]);
  });
  it("prints every loader problem with file, line and field, and exits 1", () => {
    const m = memoryIo();
    const bad = (): LoadResult => ({ ok: false, problems: [{ location: { file: "zones.yaml", line: 12, column: 5 }, path: ["zones", 0, "vlans", 1, "prefix", "ipv4"], message: "host bits are set", found: "10.0.0.1/24" }] });
    expect(runAddressPlan(args, bad, m.io)).toBe(1);
    expect(m.err).toEqual(["1 problem in the address plan:", "  zones.yaml:12:5  zones[0].vlans[1].prefix.ipv4  host bits are set (found: 10.0.0.1/24)"]);
  });
});
