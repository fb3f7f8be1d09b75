import { SitePlan, addressTableRows, renderAddressTableCsv, renderAddressTableMarkdown } from "../../inventory/addressing";

const family = (prefix: string, gateway: string) => ({ prefix, gateway, pool: { start: gateway, end: gateway }, reserved: [] });
const site: SitePlan = {
  site: "dc1",
  ipv4Aggregates: ["10.16.0.0/16"],
  ipv6Aggregates: ["2001:db8:100::/48"],
  zones: [],
  subnets: [
    {
      site: "dc1",
      zone: "dmz",
      vlanId: 110,
      vlanName: "web",
      purpose: 'Cổng "web", portal | sub-portals',
      physnet: "physnet1",
      ipv6Mode: "slaac",
      ipv4: family("10.16.24.0/24", "10.16.24.1"),
      ipv6: family("2001:db8:100:101::/64", "2001:db8:100:101::1"),
    },
  ],
  links: [{ site: "dc1", id: "inet", ipv4: "10.16.32.0/31", ipv6: "2001:db8:100:400::/127" }],
  loopbacks: [],
  clusters: [],
  tslcd: [],
};

describe("address tables", () => {
  it("has one row per VLAN, then site-wide blocks", () => {
    expect(addressTableRows(site).map((r) => r.vlan)).toEqual(["110 web", "link inet"]);
  });
  it("quotes CSV fields holding commas or quotes (RFC 4180)", () => {
    const csv = renderAddressTableCsv(site);
    // A byte-order mark first, so that Excel reads the Vietnamese as UTF-8.
    expect(csv.startsWith("\uFEFFSite,Vùng / Zone,")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[1]).toBe('dc1,dmz,110 web,"Cổng ""web"", portal | sub-portals",10.16.24.0/24,10.16.24.1,2001:db8:100:101::/64,2001:db8:100:101::1');
    expect(lines).toHaveLength(4); // heading, two rows, final empty after the last CRLF
  });
  it("escapes pipes in Markdown so a row stays one row", () => {
    const row = renderAddressTableMarkdown(site).split("\n").find((l) => l.includes("110 web"));
    expect(row).toBe('| dc1 | dmz | 110 web | Cổng "web", portal \\| sub-portals | 10.16.24.0/24 | 10.16.24.1 | 2001:db8:100:101::/64 | 2001:db8:100:101::1 |');
  });
});
