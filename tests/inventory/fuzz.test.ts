import fc from "fast-check";
import { stringify } from "yaml";
import { loadSources, type LoadResult } from "../../inventory/loader";
import { syntheticProvince } from "../../inventory/synthetic/syntheticProvince";
import { readYamlFolder, SMALL_FIXTURE } from "./helpers/overlay";

/** The loader's contract for any input: a model, or problems that each say where. */
function assertModelOrLocatedProblems(result: LoadResult): void {
  if (result.ok) {
    expect(result.inventory.sites.length).toBeGreaterThan(0);
    return;
  }
  expect(result.problems.length).toBeGreaterThan(0);
  for (const p of result.problems) {
    expect(p.location).toBeDefined();
    expect(p.location?.line).toBeGreaterThanOrEqual(1);
    expect(p.location?.column).toBeGreaterThanOrEqual(1);
    expect(p.message).not.toMatch(/internal error|\n\s+at /);
  }
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path to a value inside plain data (objects and arrays). */
function paths(data: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(data)) data.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (data !== null && typeof data === "object") for (const [k, v] of Object.entries(data)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function parentOf(root: Json, path: (string | number)[]): { parent: Json; key: string | number } | undefined {
  if (path.length === 0) return undefined;
  let cur: Json = root;
  for (const seg of path.slice(0, -1)) {
    // An earlier mutation of the same case may have removed or retyped a parent: nothing to mutate then.
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, Json>)[seg];
  }
  return { parent: cur, key: path[path.length - 1] };
}

type Mutation = "delete" | "retype" | "duplicate" | "rename";

/** Applies one mutation at a path: delete a key, change a value's type, duplicate a list element, or rename a string (a reference, often). */
function mutate(root: Json, path: (string | number)[], kind: Mutation, replacement: Json): void {
  const at = parentOf(root, path);
  if (!at || at.parent === null || typeof at.parent !== "object") return;
  const container = at.parent as Record<string | number, Json> & Json[];
  const value = container[at.key];
  if (kind === "delete") {
    if (Array.isArray(container)) container.splice(Number(at.key), 1);
    else delete container[at.key];
  } else if (kind === "retype") container[at.key] = replacement;
  else if (kind === "duplicate" && Array.isArray(container)) container.splice(Number(at.key), 0, structuredClone(value));
  else if (kind === "rename" && typeof value === "string") container[at.key] = `${value}x`;
}

const fixtureSources = [...readYamlFolder(SMALL_FIXTURE)].map(([file, text]) => ({ file, text }));

describe("the loader never crashes", () => {
  it("on random YAML values in one file", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        assertModelOrLocatedProblems(loadSources([{ file: "random.yaml", text: stringify(value) }]));
      }),
      { numRuns: 300 },
    );
  });

  it("on random text next to a valid province", () => {
    const yamlish = fc.stringMatching(/^[a-z:\-\s[\]{}"'&*!|>#,0-9]{0,80}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string(), yamlish), (text) => {
        assertModelOrLocatedProblems(loadSources([...fixtureSources, { file: "zz-random.yaml", text }]));
      }),
      { numRuns: 300 },
    );
  });

  it("on random mutations of a valid province", () => {
    const base = syntheticProvince({ sites: 2, agencies: 6, vlans: 10, devices: 16, systems: 3 }) as unknown as Json;
    const allPaths = paths(base).filter((p) => p.length > 0);
    const mutation = fc.record({
      path: fc.constantFrom(...allPaths),
      kind: fc.constantFrom<Mutation>("delete", "retype", "duplicate", "rename"),
      replacement: fc.oneof<fc.Arbitrary<Json>[]>(fc.constant(null), fc.integer(), fc.string({ maxLength: 8 }), fc.boolean(), fc.constant([]), fc.constant({})),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const data = structuredClone(base);
        for (const m of mutations) mutate(data, m.path, m.kind, m.replacement);
        const text = stringify(data);
        assertModelOrLocatedProblems(loadSources([{ file: "province.yaml", text }]));
      }),
      { numRuns: 200 },
    );
  });

  it("finds a problem when a reference is renamed to a name that does not exist", () => {
    const base = syntheticProvince({ sites: 1, agencies: 4, vlans: 4, devices: 7, systems: 1 });
    fc.assert(
      fc.property(fc.constantFrom("zone", "owner", "backupPolicy", "rack", "enforcedBy"), (field) => {
        const inv = structuredClone(base);
        if (field === "zone") inv.systems[0].tiers[0].zone = "nowhere";
        if (field === "owner") inv.systems[0].owner = "NOBODY";
        if (field === "backupPolicy") inv.systems[0].backupPolicy = "never";
        if (field === "rack") inv.devices[0].rack = "no-rack";
        if (field === "enforcedBy") inv.zones[0].enforcedBy = "no-firewall";
        const r = loadSources([{ file: "p.yaml", text: stringify(inv) }]);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.problems.some((p) => p.path.includes(field))).toBe(true);
      }),
    );
  });
});
