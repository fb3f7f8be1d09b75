/**
 * What an inventory file's bytes must be: UTF-8 (checked against Node's own strict decoder on random
 * bytes), within a size bound, and every problem located; and problem lists capped per kind.
 */
import fc from "fast-check";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { formatProblems, MAX_LISTED, MAX_PER_KIND } from "../../inventory/loader/formatProblems";
import { readInventorySources } from "../../inventory/loader/inventoryFiles";
import { decodeSource, firstInvalidUtf8, MAX_FILE_BYTES } from "../../inventory/loader/sourceBytes";
import type { Problem } from "../../inventory/loader/types";
import { validateReport } from "../../inventory/loader";
import { brokenCaseSources, writeTempProvince } from "./helpers/overlay";
import { BUNDLED_AS_OF } from "../bundledAsOf";

const strict = new TextDecoder("utf-8", { fatal: true });
const isUtf8 = (b: Uint8Array): boolean => {
  try {
    strict.decode(b);
    return true;
  } catch {
    return false;
  }
};

describe("UTF-8 check", () => {
  it("agrees with the platform's strict decoder on random bytes, and the bytes before the first bad one are UTF-8", () => {
    // Bytes biased towards multi-byte lead and continuation bytes, so sequences are often near-valid.
    const byte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x80, 0xbf, 0xc2, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xa0, 0x9f, 0x8f, 0x90));
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 24 }), (arr) => {
        const b = Uint8Array.from(arr);
        const bad = firstInvalidUtf8(b);
        expect(bad === undefined).toBe(isUtf8(b));
        if (bad !== undefined) expect(isUtf8(b.subarray(0, bad))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it("accepts any text encoded as UTF-8, and gives it back unchanged", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (t) => {
        const d = decodeSource(new TextEncoder().encode(t));
        expect(d).toEqual({ ok: true, text: t.startsWith("\uFEFF") ? t.slice(1) : t });
      }),
    );
  });

  it("names the line and column of the first byte that is not UTF-8 (a TCVN3-encoded name)", () => {
    const bytes = Buffer.concat([Buffer.from("agencies:\n  - { code: STP, name: S", "utf8"), Buffer.from([0xb8]), Buffer.from(" T\u01b0 ph\u00e1p }\n", "utf8")]);
    expect(decodeSource(bytes)).toEqual({ ok: false, line: 2, column: 25, message: expect.stringContaining("expected UTF-8 text: byte 34 starts no valid UTF-8 character"), found: "0xB8 0x20 0x54 0xC6" });
  });
});

describe("reading a province folder", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "hatang-bytes-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reports a file that is not UTF-8 and one that is too large, each with its place, and reads the rest", () => {
    fs.writeFileSync(path.join(dir, "a.yaml"), Buffer.from([0x7a, 0x3a, 0x20, 0xff, 0x0a]));
    fs.writeFileSync(path.join(dir, "b.yaml"), Buffer.alloc(MAX_FILE_BYTES + 1, 0x20));
    fs.writeFileSync(path.join(dir, "c.yaml"), "zones: []\n");
    const r = readInventorySources(dir, dir);
    expect(r.sources.map((s) => s.file)).toEqual(["c.yaml"]);
    expect(r.problems.map((p) => [p.location?.file, p.location?.line, p.location?.column, p.message.split(":")[0], p.found])).toEqual([
      ["a.yaml", 1, 4, "expected UTF-8 text", "0xFF 0x0A"],
      ["b.yaml", 1, 1, "expected an inventory file of at most 8.0 MiB; split the province over several files, or check that this is an inventory", "8.0 MiB"],
    ]);
  });
});

describe("validate runs the address plan too", () => {
  it("rejects host bits that the loader alone lets through, at their file and line", () => {
    const dir = writeTempProvince(brokenCaseSources("vlan-prefix-host-bits"));
    try {
      const r = validateReport(dir, false, BUNDLED_AS_OF);
      expect(r.exitCode).toBe(1);
      expect(r.stdout).toContain("zones.yaml:9:91  zones[0].vlans[0].prefix.ipv4  host bits are set");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("problem lists", () => {
  const problem = (i: number, kind = "a"): Problem => ({ location: { file: "f.yaml", line: i + 1, column: 1 }, path: ["zones", i, "vlans", 0, kind], message: `expected a VLAN id, not "${i}"`, found: String(i) });

  it("list at most MAX_PER_KIND of a kind and say how many more of it there are", () => {
    const lines = formatProblems([...Array.from({ length: 25 }, (_, i) => problem(i)), problem(0, "b")]);
    expect(lines.filter((l) => l.startsWith("f.yaml"))).toHaveLength(MAX_PER_KIND + 1);
    expect(lines).toContain(`… and 15 more problems not listed (26 in all; at most ${MAX_PER_KIND} of a kind and ${MAX_LISTED} in all are listed):`);
    expect(lines).toContain('  15 more like: zones[].vlans[].a  expected a VLAN id, not "…"');
  });

  it("never list more than MAX_LISTED, and count every problem exactly once", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(500), fc.constantFrom("a", "b", "c", "d")), { maxLength: 2000 }), (spec) => {
        const ps = spec.map(([i, k]) => problem(i, k));
        const lines = formatProblems(ps);
        const listed = lines.filter((l) => l.startsWith("f.yaml")).length;
        expect(listed).toBeLessThanOrEqual(MAX_LISTED);
        const more = lines.filter((l) => / more like: /.test(l)).reduce((n, l) => n + Number(/^\s+(\d+) more like/.exec(l)![1]), 0);
        expect(listed + more).toBe(ps.length);
      }),
      { numRuns: 100 },
    );
  });
});
