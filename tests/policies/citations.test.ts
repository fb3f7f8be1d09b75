import { stringify } from "yaml";
import { formatCitation } from "../../policies/catalogue/citations";
import { CatalogueError, loadCatalogue, parseCatalogue } from "../../policies/catalogue/load";
import type { Citation, Control } from "../../policies/catalogue/schema";

/** The audit of the catalogue's references: every reference exact (document and clause) or a default with its source. */

const cat = loadCatalogue();

/**
 * Problems of a one-control catalogue file built from NET-04 with some fields replaced.
 * @param patch fields replacing NET-04's.
 */
function problemsOf(patch: Partial<Record<keyof Control, unknown>>): string[] {
  const base = cat.controls.find((c) => c.id === "NET-04")!;
  try {
    parseCatalogue([{ file: "x.yaml", text: stringify({ controls: [{ ...base, ...patch }] }) }]);
  } catch (e) {
    return (e as CatalogueError).problems;
  }
  return [];
}

/** Every reference of every control, with where it sits. */
function everyCitation(): Array<{ id: string; group: string; where: string; c: Citation }> {
  return cat.controls.flatMap((k) => [
    ...k.refs.legacy.map((c) => ({ id: k.id, group: k.group, where: "legacy", c })),
    ...k.refs.current.map((c) => ({ id: k.id, group: k.group, where: "current", c })),
    ...(k.refs.other ?? []).map((c) => ({ id: k.id, group: k.group, where: "other", c })),
    ...(k.evidence?.maxAgeSource ? [{ id: k.id, group: k.group, where: "evidence age", c: k.evidence.maxAgeSource }] : []),
  ]);
}

describe("catalogue references", () => {
  it("every reference names a document and a numbered clause, or is a default naming its source", () => {
    const bad = everyCitation().filter(({ c }) => (c.basis === "legal" ? !c.doc || !c.clause || !/\d/.test(c.clause) : !c.what || !c.source || c.source.trim().length < 10));
    expect(bad.map((b) => `${b.id} ${b.where}: ${formatCitation(b.c)}`)).toEqual([]);
  });

  it("every evidence age limit has a source", () => {
    const missing = cat.controls.filter((c) => c.evidence?.maxAgeDays !== undefined && !c.evidence.maxAgeSource).map((c) => c.id);
    expect(missing).toEqual([]);
  });

  it("Decree 331 Art. 30 and Circular 12 Art. 9 are cited to the point, management under 30.3/9.3 and technical groups under 30.4/9.4", () => {
    const groupPoint: Record<string, string> = { network: "a", host: "b", application: "c", data: "d" };
    const wrong: string[] = [];
    for (const k of cat.controls) {
      const legal = [...k.refs.legacy, ...k.refs.current].filter((c) => c.basis === "legal");
      const art = (doc: string, re: RegExp) => legal.filter((c) => c.doc === doc && re.test(c.clause!)).map((c) => c.clause!);
      const technical = [...art("NĐ 331/2026/NĐ-CP", /^Đ30\.4/), ...art("TT 12/2022/TT-BTTTT", /^Đ9\.4/)];
      const management = [...art("NĐ 331/2026/NĐ-CP", /^Đ30\.3/), ...art("TT 12/2022/TT-BTTTT", /^Đ9\.3/)];
      for (const clause of [...technical, ...management]) if (!/\.[a-zđ]$/.test(clause)) wrong.push(`${k.id}: ${clause} names no point`);
      if (k.group === "management" && technical.length > 0) wrong.push(`${k.id}: a management control cites ${technical.join(", ")}`);
      if (k.group !== "management" && k.group !== "logging" && management.length > 0) wrong.push(`${k.id}: a technical control cites ${management.join(", ")}`);
      const point = groupPoint[k.group];
      const decreePoints = art("NĐ 331/2026/NĐ-CP", /^Đ30\.4/);
      if (point && decreePoints.length > 0 && !decreePoints.includes(`Đ30.4.${point}`)) wrong.push(`${k.id}: group ${k.group} cites ${decreePoints.join(", ")}, not Đ30.4.${point}`);
    }
    expect(wrong).toEqual([]);
  });

  it("under the legacy regime, 3-2-1, backup encryption and restore tests are defaults, and the 3-month log floor is TCVN 11930's", () => {
    for (const id of ["DATA-08", "DATA-09", "DATA-10"]) {
      const legacy = cat.controls.find((c) => c.id === id)!.refs.legacy;
      expect(legacy.some((c) => c.basis === "default" && /copies|encrypt|restore/i.test(`${c.what}`))).toBe(true);
      expect(legacy.filter((c) => c.basis === "legal").map((c) => c.clause)).not.toContain("7.2.4.2");
    }
    const log = cat.controls.find((c) => c.id === "LOG-03")!;
    expect(log.refs.legacy.every((c) => c.doc === "TCVN 11930:2017")).toBe(true);
    expect(cat.parameters.get("minLogRetentionDays")!.source).not.toMatch(/TT 12\/2022/);
  });

  it("rejects a reference without a clause, an article without its point, a default without a source, and an age limit without a source", () => {
    const noClause = problemsOf({ refs: { legacy: [{ doc: "TCVN 11930:2017" }], current: [{ doc: "NĐ 331/2026/NĐ-CP", clause: "Đ30.4" }] } });
    expect(noClause).toContain("x.yaml:11: controls.0.refs.legacy.0.clause: a legal reference names its clause (article, clause, point or standard clause)");
    expect(noClause.some((p) => p.endsWith("controls.0.refs.current.0.clause: Đ30.4 of NĐ 331/2026/NĐ-CP is a list of points: name the point (e.g. Đ30.4.a)"))).toBe(true);
    const noSource = problemsOf({ refs: { legacy: [{ basis: "default", what: "3-2-1" }], current: [{ doc: "TCVN 14423:2026", clause: "Annex" }] } });
    expect(noSource.some((p) => p.endsWith('controls.0.refs.legacy.0.source: a default names the source it comes from (a standard, a guide or "hatang default")'))).toBe(true);
    expect(noSource.some((p) => p.endsWith('controls.0.refs.current.0.clause: expected a clause with its number, found "Annex"'))).toBe(true);
    const wrongRegime = problemsOf({ refs: { legacy: [{ doc: "NĐ 331/2026/NĐ-CP", clause: "Đ30.4.a" }], current: [{ doc: "NĐ 331/2026/NĐ-CP", clause: "Đ30.4.a" }] } });
    expect(wrongRegime.some((p) => p.includes("controls.0.refs.legacy.0.doc: expected one of TT 12/2022/TT-BTTTT"))).toBe(true);
    const age = problemsOf({ verification: ["evidence"], policy: undefined, parameters: [], evidence: { maxAgeDays: 92, what: "EDR export" } });
    expect(age.some((p) => p.endsWith("controls.0.evidence.maxAgeSource: an age limit names its source (a clause, or a default with its source)"))).toBe(true);
  });

  it("rejects a parameter without a basis, and a legal parameter whose source names no clause", () => {
    const p = (extra: Record<string, unknown>) => {
      try {
        parseCatalogue([{ file: "p.yaml", text: stringify({ parameters: [{ name: "x", default: 1, description: "d", source: "TCVN 14423:2026", ...extra }] }) }]);
        return [];
      } catch (e) {
        return (e as CatalogueError).problems;
      }
    };
    expect(p({}).some((x) => x.includes("parameters.0.basis"))).toBe(true);
    expect(p({ basis: "legal" }).some((x) => x.includes("a legal parameter names its document followed by the clause"))).toBe(true);
    expect(p({ basis: "legal", source: "TCVN 14423:2026 5.8.2.1 [F3]" })).toEqual([]);
    expect(p({ basis: "default", source: "hatang default" })).toEqual([]);
  });
});
