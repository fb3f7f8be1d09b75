import fc from "fast-check";
import { Inventory } from "../../inventory/model";
import { allocateAddressPlan } from "../../inventory/addressing";
import { buildAsBuiltTables } from "../../exports/asBuilt";
import { asBuiltInput } from "../../exports/input";
import { renderCsv } from "../../exports/csv";
import { renderMarkdown } from "../../exports/markdown";
import type { Table } from "../../exports/table";
import { seedArb, shuffleDeep } from "../fixtures/shuffle";
import { AS_OF, exampleProvince } from "./exampleInput";
import { fixedManifest } from "./manifestFixture";

/** Lists whose order is meaning (resolver and time-server preference): kept as written. */
const ORDERED = ["dnsServers", "ntpServers"] as const;

/** Every output of one site's report as text: the CSVs and the Markdown. */
function report(inventory: Inventory, site: string): string[] {
  const lock = exampleProvince().lock;
  const plan = allocateAddressPlan(inventory, lock);
  if (!plan.ok) throw new Error(JSON.stringify(plan.problems.slice(0, 3)));
  const input = asBuiltInput(inventory, plan.plan.sites, site, AS_OF);
  if (!input.ok) throw new Error(input.message);
  const tables: Table[] = buildAsBuiltTables(input.input);
  return [...tables.map(renderCsv), renderMarkdown(tables, { province: "p", site, siteName: "s", asOf: AS_OF, manifest: fixedManifest() })];
}

describe("the as-built report", () => {
  const original = exampleProvince().inventory;
  const base = { "na-dc1": report(original, "na-dc1"), "na-dc2": report(original, "na-dc2") };

  it("is byte-identical when every list of the inventory is shuffled", () => {
    fc.assert(
      fc.property(seedArb, fc.constantFrom("na-dc1" as const, "na-dc2" as const), (seed, site) => {
        const shuffled = shuffleDeep(original, seed) as Record<string, Record<string, unknown>>;
        for (const k of ORDERED) if (original.security[k] !== undefined) shuffled.security[k] = original.security[k];
        const out = report(Inventory.parse(shuffled), site);
        out.forEach((text, i) => expect(text).toBe(base[site][i]));
      }),
      { numRuns: 8 },
    );
  });
});
