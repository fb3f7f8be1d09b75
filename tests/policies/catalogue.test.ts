import { stringify } from "yaml";
import { CatalogueError, loadCatalogue, parseCatalogue } from "../../policies/catalogue/load";
import { allPolicies } from "../../policies/all";

describe("catalogue", () => {
  const cat = loadCatalogue();

  it("every policy of the pack has a catalogue entry, and every automated entry has a policy", () => {
    const policyNames = allPolicies.map((p) => p.name).sort();
    const automated = cat.controls.filter((c) => c.policy).map((c) => c.policy!).sort();
    expect(policyNames).toEqual(automated);
  });

  it("covers the controls the issue names", () => {
    const ids = new Set(cat.controls.filter((c) => c.policy).map((c) => c.id));
    const wanted = [
      ...["01", "02", "03", "04", "05", "07", "08", "09", "14", "15", "16", "17", "18", "19"].map((n) => `NET-${n}`),
      ...["01", "02", "03", "05", "06", "10"].map((n) => `HOST-${n}`),
      ...["01", "02", "03", "04"].map((n) => `LOG-${n}`),
      ...["01", "02", "05", "06", "07", "08", "09", "11", "13", "14"].map((n) => `DATA-${n}`),
      ...Array.from({ length: 12 }, (_, i) => `K8S-${String(i + 1).padStart(2, "0")}`),
      "MGMT-01",
      "MGMT-04",
      ...["01", "03", "04", "05", "06"].map((n) => `DC-${n}`),
    ];
    expect(wanted.filter((w) => !ids.has(w))).toEqual([]);
  });

  it("cites both regimes for every control and names a basis and a source for every parameter", () => {
    for (const c of cat.controls) {
      expect(c.refs.legacy.length).toBeGreaterThan(0);
      expect(c.refs.current.length).toBeGreaterThan(0);
      expect(c.remediation.vi.length).toBeGreaterThan(0);
    }
    for (const p of cat.parameters.values()) {
      expect(["legal", "default"]).toContain(p.basis);
      expect(p.source.length).toBeGreaterThan(10);
    }
  });

  it("reports every problem of a bad file with its line", () => {
    const text = ["controls:", "  - id: net-3", "    group: network", "  - id: NET-99", "    group: nowhere"].join("\n");
    let err: unknown;
    try {
      parseCatalogue([{ file: "bad.yaml", text }]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CatalogueError);
    const problems = (err as CatalogueError).problems;
    expect(problems).toContain('bad.yaml:2: controls.0.id: expected a control ID such as "NET-03"');
    expect(problems.some((p) => p.startsWith("bad.yaml:5: controls.1.group:"))).toBe(true);
    expect(problems.length).toBeGreaterThanOrEqual(4);
  });

  it("rejects an automated control without a policy and an unknown parameter", () => {
    const base = cat.controls.find((c) => c.id === "NET-04")!;
    const text = stringify({ controls: [{ ...base, policy: undefined, parameters: ["nope"] }] });
    expect(() => parseCatalogue([{ file: "x.yaml", text }])).toThrow(/needs a policy name/);
  });
});
