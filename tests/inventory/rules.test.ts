import fc from "fast-check";
import { describeValue, valueAt } from "../../inventory/loader/describeValue";
import { formatPath, formatProblem } from "../../inventory/loader/formatProblems";
import { sortProblems } from "../../inventory/loader/loadInventory";
import { duplicates } from "../../inventory/loader/rules/ruleProblem";
import { servicePortProblems } from "../../inventory/loader/rules/services";
import { closestWord, editDistance } from "../../inventory/loader/suggest";
import type { Problem } from "../../inventory/loader";

describe("servicePortProblems", () => {
  it.each([
    [{ name: "https", protocol: "tcp", port: 443 }, []],
    [{ name: "r", protocol: "udp", portMin: 1000, portMax: 2000 }, []],
    [{ name: "ping", protocol: "icmp" }, []],
    [{ name: "x", protocol: "tcp" }, ['port: missing required field "port" (protocol "tcp" needs a port or portMin/portMax)']],
    [{ name: "x", protocol: "tcp", port: 1, portMax: 5 }, ["port: expected either port or portMin/portMax, not both"]],
    [{ name: "x", protocol: "tcp", portMin: 5 }, ['portMax: missing required field "portMax" (a port range needs both portMin and portMax)']],
    [{ name: "x", protocol: "udp", portMin: 9, portMax: 5 }, ["portMax: expected portMax at least portMin (9)"]],
    [{ name: "x", protocol: "icmp", port: 8 }, ['port: expected no ports: protocol "icmp" has none']],
  ] as const)("%j", (service, expected) => {
    expect(servicePortProblems(service).map((p) => `${p.path.join(".")}: ${p.message}`)).toEqual(expected);
  });
});

describe("duplicates", () => {
  it("reports every repeat with the first occurrence", () => {
    const items = ["a", "b", "a", "a"];
    expect(duplicates(items, (x) => x, (i) => ["l", i], (x) => `dup ${x}`)).toEqual([
      { path: ["l", 2], message: "dup a", firstAt: ["l", 0] },
      { path: ["l", 3], message: "dup a", firstAt: ["l", 0] },
    ]);
  });

  it("reports exactly (length - distinct keys) repeats", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 })), (xs) => {
        expect(duplicates(xs, String, (i) => [i], () => "d")).toHaveLength(xs.length - new Set(xs).size);
      }),
    );
  });
});

describe("suggestions", () => {
  it("counts a swap of neighbours as one edit", () => {
    expect(editDistance("nmae", "name")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("is a metric on its identity and symmetry", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        expect(editDistance(a, a)).toBe(0);
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });

  it("suggests only close, allowed words", () => {
    expect(closestWord("racks", ["rack", "sites"])).toBe("rack");
    expect(closestWord("zzzzzz", ["sites", "zones"])).toBeUndefined();
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string()), (w, allowed) => {
        const s = closestWord(w, allowed);
        if (s !== undefined) expect(allowed).toContain(s);
      }),
    );
  });
});

describe("describeValue and valueAt", () => {
  it.each([
    [undefined, "nothing"],
    [null, "an empty value"],
    ["dmz", '"dmz"'],
    [42, "42"],
    [[1, 2], "a list of 2 items"],
    [{}, "an empty mapping"],
    [{ a: 1, b: 2, c: 3, d: 4, e: 5 }, "a mapping with keys a, b, c, d, …"],
  ])("%j -> %s", (value, text) => expect(describeValue(value)).toBe(text));

  it("cuts long text", () => {
    expect(describeValue("x".repeat(100))).toBe(`"${"x".repeat(48)}…"`);
  });

  it("reads nested values and stops at missing steps", () => {
    const data = { zones: [{ vlans: [{ id: 7 }] }] };
    expect(valueAt(data, ["zones", 0, "vlans", 0, "id"])).toBe(7);
    expect(valueAt(data, ["zones", 3, "vlans"])).toBeUndefined();
  });
});

describe("formatting and order", () => {
  it("writes paths as people do", () => {
    expect(formatPath(["zones", 3, "vlans", 0, "id"])).toBe("zones[3].vlans[0].id");
    expect(formatPath([])).toBe("(top level)");
    expect(formatProblem({ location: { file: "z.yaml", line: 3, column: 5 }, path: ["a"], message: "m", found: "1" })).toBe("z.yaml:3:5  a  m (found: 1)");
  });

  it("sorts by file order, line and column, keeping every problem", () => {
    const p = (file: string, line: number, column: number): Problem => ({ location: { file, line, column }, path: [], message: `${file}:${line}:${column}` });
    const sorted = sortProblems([p("b", 1, 1), p("a", 9, 1), p("a", 2, 7), p("a", 2, 3)], ["a", "b"]);
    expect(sorted.map((x) => x.message)).toEqual(["a:2:3", "a:2:7", "a:9:1", "b:1:1"]);
  });
});
