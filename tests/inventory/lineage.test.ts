import fc from "fast-check";
import { agencyMap, agencyTier, currentOwner, currentUnits, currentUnitsOfAll, cycleThrough, formerUnits, type Agency } from "../../inventory/model";

const unit = (code: string, extra: Partial<Agency> = {}): Agency => ({ code, name: code, kind: "commune", successors: [], ...extra });

describe("lineage of agencies", () => {
  // Two former districts and four pre-merger communes become two communes; a department merges into another.
  const agencies = agencyMap([
    unit("UBND-TINH", { kind: "province-office" }),
    unit("HUYEN-A", { kind: "district", ceased: "2025-07-01", successors: ["XA-MOI-1", "XA-MOI-2"] }),
    unit("XA-A1", { ceased: "2025-07-01", successors: ["XA-MOI-1"], parent: "HUYEN-A" }),
    unit("XA-A2", { ceased: "2025-07-01", successors: ["XA-MOI-1"], parent: "HUYEN-A" }),
    unit("XA-A3", { ceased: "2025-07-01", successors: ["XA-MOI-2"], parent: "HUYEN-A" }),
    unit("XA-MOI-1", { parent: "UBND-TINH" }),
    unit("XA-MOI-2", { kind: "ward", parent: "UBND-TINH" }),
    unit("STTTT", { kind: "department", ceased: "2025-03-01", successors: ["SKHCN"] }),
    unit("BUU-DIEN", { kind: "department", ceased: "2008-01-01", successors: ["STTTT"] }),
    unit("SKHCN", { kind: "department" }),
  ]);

  it("leads a former unit to the units in force it became, through several steps", () => {
    expect(currentUnits(agencies, "XA-A1")).toEqual(["XA-MOI-1"]);
    expect(currentUnits(agencies, "HUYEN-A")).toEqual(["XA-MOI-1", "XA-MOI-2"]);
    expect(currentUnits(agencies, "BUU-DIEN")).toEqual(["SKHCN"]);
    expect(currentUnits(agencies, "SKHCN")).toEqual(["SKHCN"]);
    expect(currentUnits(agencies, "NOBODY")).toEqual([]);
    expect(currentUnitsOfAll(agencies, ["XA-A1", "XA-A2", "SKHCN"])).toEqual(["SKHCN", "XA-MOI-1"]);
  });

  it("reaches the former units of a merged commune", () => {
    expect(formerUnits(agencies, "XA-MOI-1")).toEqual(["HUYEN-A", "XA-A1", "XA-A2"]);
    expect(formerUnits(agencies, "SKHCN")).toEqual(["BUU-DIEN", "STTTT"]);
    expect(formerUnits(agencies, "UBND-TINH")).toEqual([]);
  });

  it("gives one owner only when the lineage does not split", () => {
    expect(currentOwner(agencies, "BUU-DIEN")).toBe("SKHCN");
    expect(currentOwner(agencies, "HUYEN-A")).toBeUndefined();
  });

  it("knows the tier of a unit as it is today", () => {
    expect(agencyTier({ kind: "ward" })).toBe("commune");
    expect(agencyTier({ kind: "department" })).toBe("province");
    expect(agencyTier({ kind: "commune", ceased: "2025-07-01" })).toBe("former");
    expect(agencyTier({ kind: "district" })).toBe("former");
  });

  it("finds a cycle only through the unit it starts from, and never loops", () => {
    const loop = agencyMap([unit("A", { parent: "B" }), unit("B", { parent: "C" }), unit("C", { parent: "A" }), unit("D", { parent: "A" })]);
    const parentOf = (a: Agency): string[] => (a.parent ? [a.parent] : []);
    expect(cycleThrough(loop, "A", parentOf)).toEqual(["A", "B", "C", "A"]);
    expect(cycleThrough(loop, "D", parentOf)).toBeUndefined();
    // Lineage functions terminate on a (rejected) successor cycle too.
    const bad = agencyMap([unit("A", { ceased: "2025-01-01", successors: ["B"] }), unit("B", { ceased: "2025-01-01", successors: ["A"] })]);
    expect(currentUnits(bad, "A")).toEqual([]);
    expect(formerUnits(bad, "A")).toEqual(["B"]);
  });

  /**
   * Random lineages that run forward in time (what the loader accepts): unit i may only become units
   * that cease later or are in force. Checked against a plain reachability closure over the edges.
   */
  const lineages = fc
    .array(fc.record({ ceasedAt: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }), picks: fc.array(fc.nat(), { maxLength: 3 }) }), { minLength: 1, maxLength: 25 })
    .map((rows) =>
      rows.map((r, i): Agency => {
        const later = rows.map((o, j) => ({ o, j })).filter(({ o, j }) => j !== i && r.ceasedAt !== undefined && (o.ceasedAt === undefined || o.ceasedAt > r.ceasedAt));
        const successors = r.ceasedAt === undefined || later.length === 0 ? [] : [...new Set(r.picks.map((k) => `U${later[k % later.length].j}`))].sort();
        return unit(`U${i}`, r.ceasedAt === undefined || successors.length === 0 ? {} : { ceased: `2025-0${r.ceasedAt}-01`, successors });
      }),
    );

  /** Every code reachable from `code` by successor edges (itself included), by repeated expansion. */
  function closure(list: readonly Agency[], code: string): Set<string> {
    const reach = new Set([code]);
    for (let changed = true; changed; ) {
      changed = false;
      for (const a of list)
        if (reach.has(a.code))
          for (const s of a.successors)
            if (!reach.has(s)) {
              reach.add(s);
              changed = true;
            }
    }
    return reach;
  }

  it("property: a former unit leads exactly to the units in force it can reach, and they reach back to it", () => {
    fc.assert(
      fc.property(lineages, (list) => {
        const m = agencyMap(list);
        for (const a of list) {
          const expected = [...closure(list, a.code)].filter((c) => m.get(c)?.ceased === undefined).sort();
          expect(currentUnits(m, a.code)).toEqual(expected);
          expect(expected.length).toBeGreaterThan(0);
          for (const now of expected) if (now !== a.code) expect(formerUnits(m, now)).toContain(a.code);
        }
      }),
    );
  });

  it("property: adding or removing an unrelated unit changes no one's lineage", () => {
    fc.assert(
      fc.property(lineages, fc.boolean(), (list, remove) => {
        const m = agencyMap(list);
        const before = list.map((a) => [currentUnits(m, a.code), formerUnits(m, a.code)]);
        if (remove) {
          // Removing a unit nobody names and that names nobody.
          const loner = list.find((a) => a.successors.length === 0 && !list.some((b) => b.successors.includes(a.code)));
          if (loner === undefined) return;
          const m2 = agencyMap(list.filter((a) => a !== loner));
          list.filter((a) => a !== loner).forEach((a) => expect([currentUnits(m2, a.code), formerUnits(m2, a.code)]).toEqual(before[list.indexOf(a)]));
        } else {
          const m2 = agencyMap([unit("ZZ-NEW"), ...list]);
          list.forEach((a, i) => expect([currentUnits(m2, a.code), formerUnits(m2, a.code)]).toEqual(before[i]));
        }
      }),
    );
  });
});
