import fc from "fast-check";
import { allowPolicyName, dnsLabel, isDns1123Label, isDns1123Subdomain, namespaceName } from "../../compilers/kubernetes/names";

const slug = fc.stringMatching(/^[a-z][a-z0-9-]{0,62}$/).filter((s) => !s.endsWith("-"));

describe("names", () => {
  it("joins short identities unchanged", () => {
    expect(namespaceName("portal", "dmz")).toBe("portal-dmz");
  });

  it("cuts long names to 63 characters with a hash of the full name", () => {
    const a = namespaceName("a".repeat(60), "dmz");
    const b = namespaceName("a".repeat(60), "dmy");
    expect(a).toHaveLength(63);
    expect(a).not.toBe(b);
    expect(isDns1123Label(a)).toBe(true);
  });

  it("every namespace name from two slugs is a DNS-1123 label", () => {
    fc.assert(fc.property(slug, slug, (s, z) => isDns1123Label(namespaceName(s, z))));
  });

  it("policy names are labels and depend on content only", () => {
    fc.assert(
      fc.property(slug, fc.string(), (flow, content) => {
        const n = allowPolicyName(flow, "in", content);
        return isDns1123Label(n) && n === allowPolicyName(flow, "in", content) && n !== allowPolicyName(flow, "out", content);
      }),
    );
  });

  it("recognises labels and subdomains", () => {
    expect(isDns1123Label("Portal")).toBe(false);
    expect(isDns1123Label("-a")).toBe(false);
    expect(isDns1123Label("a".repeat(64))).toBe(false);
    expect(isDns1123Subdomain("a.b-c")).toBe(true);
    expect(isDns1123Subdomain("a..b")).toBe(false);
    expect(dnsLabel(["x", "y"])).toBe("x-y");
  });
});
