import fc from "fast-check";
import { offsiteTarget, servesProduction, SiteRole, SITE_ROLE_LABELS } from "../../inventory/model";

const ROLES = SiteRole.options;

describe("site roles for any number of sites", () => {
  it("sends off-site copies by role: production to DR, DR to the primary, never to a retiring site", () => {
    const sites = [
      { id: "a-dc1", role: "primary" as const },
      { id: "b-dc1", role: "secondary" as const },
      { id: "a-dc2", role: "dr" as const },
      { id: "b-dc2", role: "retiring" as const },
    ];
    expect(offsiteTarget(sites, "a-dc1")?.id).toBe("a-dc2");
    expect(offsiteTarget(sites, "b-dc1")?.id).toBe("a-dc2");
    expect(offsiteTarget(sites, "a-dc2")?.id).toBe("a-dc1");
    expect(offsiteTarget(sites, "b-dc2")?.id).toBe("a-dc2");
    expect(offsiteTarget([sites[0], sites[3]], "a-dc1")).toBeUndefined();
    expect(offsiteTarget([sites[0], sites[1]], "a-dc1")?.id).toBe("b-dc1");
  });

  it("labels every role in both languages and says which serve production", () => {
    for (const r of ROLES) expect(SITE_ROLE_LABELS[r]).toMatch(/ \/ /);
    expect(ROLES.filter(servesProduction)).toEqual(["primary", "secondary"]);
  });

  const provinces = fc.uniqueArray(fc.record({ id: fc.stringMatching(/^[a-z]{1,3}$/), role: fc.constantFrom(...ROLES) }), { selector: (s) => s.id, minLength: 1, maxLength: 8 });

  it("property: the target is another, non-retiring site, and does not depend on list order", () => {
    fc.assert(
      fc.property(provinces, fc.nat(), (sites, k) => {
        const me = sites[k % sites.length];
        const t = offsiteTarget(sites, me.id);
        const reversed = offsiteTarget([...sites].reverse(), me.id);
        expect(reversed).toEqual(t);
        if (t === undefined) {
          // Only when every other site is retiring, or (for a production site) of its own role.
          expect(sites.filter((s) => s.id !== me.id).every((s) => s.role === "retiring" || (s.role === me.role && me.role !== "dr"))).toBe(true);
          return;
        }
        expect(t.id).not.toBe(me.id);
        expect(t.role).not.toBe("retiring");
        // A production site keeps its copy at a DR site whenever there is one.
        if (servesProduction(me.role) && sites.some((s) => s.role === "dr" && s.id !== me.id)) expect(t.role).toBe("dr");
      }),
    );
  });
});
