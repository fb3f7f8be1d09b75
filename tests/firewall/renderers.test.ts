/**
 * FortiOS CLI (golden files: `UPDATE_GOLDEN=1 npx jest tests/firewall/renderers` rewrites them, review the
 * diff), the vendor-neutral JSON and the auditors' CSV, and names from identities (adding a rule renames
 * nothing else in the nftables or FortiOS output).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { renderFortios, fortiName } from "../../compilers/firewall/render/fortios";
import { renderNftables } from "../../compilers/firewall/render/nftables";
import { renderRuleBaseCsv } from "../../compilers/firewall/render/ruleBaseCsv";
import { renderRuleBaseJson, RULE_BASE_EXPORT_FORMAT } from "../../compilers/firewall/render/ruleBaseJson";
import { nftEscape, nftIdent } from "../../compilers/firewall/render/nftNames";
import type { RuleBase } from "../../compilers/firewall/ruleBaseTypes";
import { parseCsv } from "../exports/csvTable";
import { arbitraryRuleBase } from "./support/arbitraryRuleBase";
import { SAMPLE_DEVICES, sampleRuleBase } from "./support/sampleSite";

const GOLDEN = path.join(__dirname, "golden");

function golden(name: string, text: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === "1") {
    fs.mkdirSync(GOLDEN, { recursive: true });
    fs.writeFileSync(file, text);
  }
  expect(text).toBe(fs.readFileSync(file, "utf8"));
}

describe("FortiOS CLI", () => {
  test.each(SAMPLE_DEVICES)("golden file of %s", (d) => golden(`${d}.fortios.conf`, renderFortios(sampleRuleBase(d))));

  test("says it is not verified on a real appliance, and keeps the contract's order", () => {
    const rb = sampleRuleBase("fw-edge");
    const text = renderFortios(rb);
    expect(text.split("\n")[1]).toMatch(/NOT VERIFIED ON A REAL APPLIANCE/);
    const names = [...text.matchAll(/^ {8}set name "(.*)"$/gm)].map((m) => m[1]);
    expect(names).toEqual(rb.rules.map((r) => fortiName(r.id, 35)));
    expect(text).toMatch(/set ips-sensor "ips-default"/);
    expect(text).toMatch(/config firewall vip\n {4}edit "portal\/web:tcp:443"\n/);
    expect(text.match(/set logtraffic all/g)?.length).toBe(rb.rules.length);
  });

  test("long identities are cut to FortiOS limits with a digest, distinct ids stay distinct", () => {
    const a = "x".repeat(100) + "a";
    const b = "x".repeat(100) + "b";
    expect(fortiName(a).length).toBe(79);
    expect(fortiName(a)).not.toBe(fortiName(b));
    expect(fortiName("short")).toBe("short");
  });
});

describe("vendor-neutral JSON and CSV", () => {
  test("the JSON is the contract with sequence numbers and a content hash", () => {
    const rb = sampleRuleBase("fw-core");
    const doc = JSON.parse(renderRuleBaseJson(rb));
    expect(doc.format).toBe(RULE_BASE_EXPORT_FORMAT);
    expect(doc.contentHash).toMatch(/^[0-9a-f]{16}$/);
    expect(doc.rules.map((r: { sequence: number; id: string }) => `${r.sequence} ${r.id}`)).toEqual(rb.rules.map((r, i) => `${i + 1} ${r.id}`));
    expect(doc.addresses).toEqual(rb.addresses);
  });

  test("the CSV has a BOM, bilingual headings, a row per rule then per NAT, prefixes expanded", () => {
    const rb = sampleRuleBase("fw-edge");
    const csv = renderRuleBaseCsv(rb);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0].slice(0, 3)).toEqual(["STT / Seq", "Loại / Kind", "Mã quy tắc / Rule id"]);
    expect(rows.length).toBe(1 + rb.rules.length + rb.nat.length);
    const web = rows.find((r) => r[2] === "internet>dmz:internet-to-portal-web")!;
    expect(web[10]).toBe("10.30.0.10/32 2001:db8:1e::a/128");
    expect(rows[rows.length - 1][5]).toBe("dnat → 10.30.0.10");
  });
});

describe("malformed rule bases are refused with every problem", () => {
  test("unknown objects, split sections and bad NAT are all listed", () => {
    const rb = sampleRuleBase("fw-edge");
    const bad: RuleBase = {
      ...rb,
      rules: [{ ...rb.rules[0], sources: ["nope"] }, ...rb.rules.slice(2), rb.rules[1]],
      nat: [{ ...rb.nat[0], publicAddress: "2001:db8::1" }],
    };
    expect(() => renderNftables(bad)).toThrow(/rules\[0\]\.sources\[0\]: unknown address object "nope"[\s\S]*is split[\s\S]*nat\[0\]\.publicAddress/);
    expect(() => renderFortios(bad)).toThrow(/problem/);
  });
});

describe("names come from identities", () => {
  test("escaping is injective and yields nft identifier characters", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(nftEscape(a)).toMatch(/^[A-Za-z0-9/_.-]*$/);
        if (a !== b) expect(nftEscape(a)).not.toBe(nftEscape(b));
      }),
    );
    expect(nftIdent("sec", "internal-server", "db-server")).toBe("sec.internal-server.db-server");
  });

  test("adding a rule in a new section renames no chain or set of the others", () => {
    const names = (text: string): string[] => [...text.matchAll(/^ {2}(?:chain|set) (\S+) \{$/gm)].map((m) => m[1]).filter((n) => !n.startsWith("via."));
    fc.assert(
      fc.property(arbitraryRuleBase, (rb) => {
        const extra: RuleBase = { ...rb, rules: [{ ...rb.rules[0], id: "new:rule", section: { from: "zz-new", to: "zz-new" } }, ...rb.rules] };
        const before = names(renderNftables(rb));
        const after = new Set(names(renderNftables(extra)));
        for (const n of before) expect(after.has(n)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
