import { Address4 } from "ip-address";
import { publicAddressesTable, PUBLIC_IPV4_MISSING } from "../../exports/tables/publicAddresses";
import type { Table } from "../../exports/table";
import { PROVINCES } from "./provinceInputs";

const AS_OF = "2026-12-20";

/** Rows as heading → cell. */
function records(t: Table): Record<string, string | number>[] {
  return t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c.en, r[i]])));
}

describe("public addresses table", () => {
  it.each(PROVINCES)("%s: one row per published tier, each with its own public IPv4 address inside the site's registered prefixes", (_, inputs) => {
    let published = 0;
    for (const input of inputs(AS_OF)) {
      const site = input.site;
      const rows = records(publicAddressesTable(input));
      // Read from the inventory, not from the table's code: every tier at the site that publishes ports.
      const tiers = input.inventory.systems.filter((s) => s.sites.includes(site.id)).flatMap((s) => s.tiers.filter((t) => t.publish.length > 0).map((t) => `${s.id}/${t.name} @ ${t.zone}/`));
      const services = rows.filter((r) => String(r.Kind).startsWith("Dịch vụ công bố"));
      expect(services.map((r) => String(r.Subject).replace(/@ (\S+)\/.*$/, "@ $1/")).sort()).toEqual([...tiers].sort());
      const registered = site.publicPrefixes.ipv4.map((p) => new Address4(p));
      for (const r of services) {
        const v4 = String(r["Public IPv4"]);
        expect(Address4.isValid(v4)).toBe(true);
        const address = new Address4(v4);
        expect({ subject: r.Subject, inside: registered.some((p) => address.isInSubnet(p)) }).toEqual({ subject: r.Subject, inside: true });
      }
      expect(new Set(services.map((r) => r["Public IPv4"])).size).toBe(services.length);
      // The registered prefixes head the table, as the inventory writes them.
      expect(rows.filter((r) => String(r.Kind).startsWith("Dải IPv4")).map((r) => r.Subject)).toEqual(site.publicPrefixes.ipv4);
      expect(rows.filter((r) => String(r.Kind).startsWith("Dải IPv6")).map((r) => r.Subject)).toEqual(site.publicPrefixes.ipv6);
      published += services.length;
    }
    expect(published).toBeGreaterThan(0);
  });

  it("says so when a hand-built plan holds no public address for a published tier, instead of inventing one", () => {
    const [input] = PROVINCES[0][1](AS_OF);
    const rows = records(publicAddressesTable({ ...input, plan: { ...input.plan, published: undefined } }));
    const services = rows.filter((r) => String(r.Kind).startsWith("Dịch vụ công bố"));
    expect(services.length).toBeGreaterThan(0);
    for (const r of services) expect(r["Public IPv4"]).toBe(PUBLIC_IPV4_MISSING);
  });
});
