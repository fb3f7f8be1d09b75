import type { Policy } from "@pulumi/policy";
import { attachedFabrics, type Inventory, type Site } from "../inventory/model";
import { siteSan } from "./san/siteSan";
import { greatCircleKm } from "./lib/geo";
import { judgeDrPosture } from "./dr/drPosture";
import { judgeDrSite, level3RecoveringAt } from "./dr/drSite";
import { EvalContext, Finding, Outcome, siteInScope, stackPolicy } from "./lib/definePolicy";

/**
 * Facility design checks (DC-*). An inventory can show a design consistent with Tier III; it cannot
 * certify one. The Tier III ones apply to sites whose facility targets tier 3 or more; what redundancy
 * means at any tier (HA pairs in two racks, both paths used where a site has them) applies everywhere.
 */

/**
 * Runs a check over the sites in scope that `applies` selects, or says none does.
 * @param ctx evaluation context (inventory present).
 * @param applies which sites the check is for.
 * @param none why the check does not apply when no site is selected.
 * @param check findings for one site.
 */
function perSite(ctx: EvalContext, applies: (s: Site) => boolean, none: string, check: (inv: Inventory, siteId: string, siteIndex: number) => Finding[]): Outcome {
  const inv = ctx.inventory!;
  const sites = inv.sites.map((s, i) => ({ s, i })).filter(({ s }) => applies(s) && siteInScope(ctx, s.id));
  if (sites.length === 0) return { notApplicable: none };
  return sites.flatMap(({ s, i }) => check(inv, s.id, i));
}

const tier3 = (s: Site): boolean => s.facility.tierTarget >= 3;

/** A site built with both power paths: whatever its tier target, equipment meant to be redundant must use both. */
const bothPaths = (s: Site): boolean => s.facility.powerPaths.includes("A") && s.facility.powerPaths.includes("B");

/**
 * Runs a check over the Tier III sites, or says none targets Tier III.
 * @param ctx evaluation context (inventory present).
 * @param check findings for one site.
 */
function perTier3Site(ctx: EvalContext, check: (inv: Inventory, siteId: string, siteIndex: number) => Finding[]): Outcome {
  return perSite(ctx, tier3, "no site targets Tier III", check);
}

/** Redundancy levels at least N+1. */
const N_PLUS_ONE = new Set(["N+1", "N+2", "2N", "2N+1"]);

export const dc01 = stackPolicy("DC-01", true, [], (_p, ctx) =>
  perTier3Site(ctx, (inv, site) =>
    inv.racks
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => r.site === site && !(r.feeds.includes("A") && r.feeds.includes("B")))
      .map(({ r, i }) => ({ text: `rack ${r.id} is fed by ${r.feeds.join(", ")} only`, subject: `rack/${r.id}`, at: `racks.${i}.feeds` })),
  ),
);

export const dc02 = stackPolicy("DC-02", true, [], (_p, ctx) =>
  perTier3Site(ctx, (inv, site, i) => {
    const f = inv.sites[i].facility;
    const out: Finding[] = [];
    if (!(f.powerPaths.includes("A") && f.powerPaths.includes("B"))) out.push({ text: `site ${site} has power path(s) ${f.powerPaths.join(", ")} only`, subject: `site/${site}`, at: `sites.${i}.facility.powerPaths` });
    if (!N_PLUS_ONE.has(f.upsRedundancy)) out.push({ text: `site ${site} UPS redundancy is ${f.upsRedundancy}`, subject: `site/${site}`, at: `sites.${i}.facility.upsRedundancy` });
    if (!N_PLUS_ONE.has(f.coolingRedundancy)) out.push({ text: `site ${site} cooling redundancy is ${f.coolingRedundancy}`, subject: `site/${site}`, at: `sites.${i}.facility.coolingRedundancy` });
    return out;
  }),
);

// Dual-corded devices: at Tier III sites, and at any site that has both paths (a Tier II site with A and B).
export const dc03 = stackPolicy("DC-03", true, [], (_p, ctx) =>
  perSite(ctx, (s) => tier3(s) || bothPaths(s), "no site targets Tier III or has both power paths", (inv, site) =>
    inv.devices
      .map((d, i) => ({ d, i }))
      .filter(({ d }) => d.site === site)
      .filter(({ d }) => (d.powerSupplies.A ?? 0) + (d.powerSupplies.B ?? 0) >= 2 && !((d.powerSupplies.A ?? 0) >= 1 && (d.powerSupplies.B ?? 0) >= 1))
      .map(({ d, i }) => ({ text: `device ${d.name} has ${(d.powerSupplies.A ?? 0) + (d.powerSupplies.B ?? 0)} supplies on one path`, subject: `device/${d.name}`, at: `devices.${i}.powerSupplies` })),
  ),
);

// An HA pair in one rack is one failure away from an outage at any tier; the power split is judged where the site has both paths.
export const dc04 = stackPolicy("DC-04", true, [], (_p, ctx) =>
  perSite(ctx, () => true, "no site is in scope", (inv, site, siteIndex) => {
    const groups = new Map<string, number[]>();
    inv.devices.forEach((d, i) => {
      if (d.site === site && d.haGroup) groups.set(d.haGroup, [...(groups.get(d.haGroup) ?? []), i]);
    });
    const powerJudged = tier3(inv.sites[siteIndex]) || bothPaths(inv.sites[siteIndex]);
    const out: Finding[] = [];
    for (const [g, idx] of groups) {
      if (idx.length < 2) continue;
      const members = idx.map((i) => inv.devices[i]);
      if (new Set(members.map((d) => d.rack)).size < 2) out.push({ text: `HA group ${g} stands in one rack (${members[0].rack})`, subject: `ha-group/${g}`, at: `devices.${idx[1]}.rack` });
      const paths = new Set(members.flatMap((d) => (["A", "B"] as const).filter((p) => (d.powerSupplies[p] ?? 0) > 0)));
      if (powerJudged && paths.size < 2) out.push({ text: `HA group ${g} is fed by path ${[...paths].join("") || "none"} only`, subject: `ha-group/${g}`, at: `devices.${idx[1]}.powerSupplies` });
    }
    return out;
  }),
);

export const dc05 = stackPolicy("DC-05", true, [], (_p, ctx) => {
  const inv = ctx.inventory!;
  const sites = inv.sites.filter((s) => siteInScope(ctx, s.id) && (inv.sanFabrics.some((f) => f.site === s.id) || inv.storageArrays.some((a) => a.site === s.id)));
  if (sites.length === 0) return { notApplicable: "no SAN is declared" };
  const out: Finding[] = [];
  for (const s of sites) {
    const fabrics = inv.sanFabrics.filter((f) => f.site === s.id);
    const side = new Map(fabrics.map((f) => [f.id, f.side]));
    if (!(fabrics.some((f) => f.side === "A") && fabrics.some((f) => f.side === "B")))
      out.push({ text: `site ${s.id} SAN has fabric side(s) ${[...new Set(fabrics.map((f) => f.side))].join(", ") || "none"}; A and B are needed`, subject: `site/${s.id}`, at: "sanFabrics" });
    inv.devices.forEach((d, i) => {
      const attached = attachedFabrics(d);
      if (d.site !== s.id || attached.length === 0) return;
      const sides = new Set(attached.map((f) => side.get(f)));
      if (!(sides.has("A") && sides.has("B")))
        out.push({ text: `${d.role} ${d.name} reaches SAN fabric side(s) ${[...sides].filter(Boolean).join(", ") || "none"} only`, subject: `device/${d.name}`, at: `devices.${i}.${d.sanPorts.length > 0 ? "sanPorts" : "sanFabrics"}` });
    });
    inv.storageArrays.forEach((a, i) => {
      if (a.site === s.id && a.devices.length < 2) out.push({ text: `storage array ${a.id} has one controller`, subject: `array/${a.id}`, at: `storageArrays.${i}.devices` });
    });
    // Multipath as generated: every host must reach each of its LUNs on every fabric, and keep a path when one fails.
    const { verification } = siteSan(inv, s.id);
    const lost = new Map<string, { host: string; fabrics: Set<string>; luns: Set<string> }>();
    for (const f of verification.findings) {
      if ((f.kind !== "missing" && f.kind !== "fabric-loss") || !f.host) continue;
      const e = lost.get(f.host) ?? { host: f.host, fabrics: new Set<string>(), luns: new Set<string>() };
      if (f.kind === "missing" && f.fabric) e.fabrics.add(f.fabric);
      if (f.lun) e.luns.add(f.lun);
      lost.set(f.host, e);
    }
    for (const e of lost.values())
      out.push({
        text: `host ${e.host} has no multipath to its storage${e.fabrics.size > 0 ? ` (nothing on fabric ${[...e.fabrics].sort().join(", ")})` : ""}: losing a fabric cuts it off from ${e.luns.size > 0 ? `LUN ${[...e.luns].sort().join(", ")}` : "an array"}`,
        subject: `device/${e.host}`,
        at: `devices.${inv.devices.findIndex((d) => d.name === e.host)}.sanPorts`,
      });
  }
  return out;
});

export const dc06 = stackPolicy("DC-06", true, [], (_p, ctx) =>
  perTier3Site(ctx, (inv, site, i) => {
    const e = inv.sites[i].carrierEntrances;
    return e.length >= 2 && new Set(e.map((x) => x.route)).size >= 2
      ? []
      : [{ text: `site ${site} has ${e.length} carrier entrance(s) on ${new Set(e.map((x) => x.route)).size} route(s)`, subject: `site/${site}`, at: `sites.${i}.carrierEntrances` }];
  }),
);

/**
 * DC-07: a disaster-recovery site, far enough from the primary that one event does not take both. Judged
 * where it matters (the primary's stack and each DR site's); other sites' stacks say it does not apply.
 */
export const dc07 = stackPolicy("DC-07", true, [], (_p, ctx): Outcome => {
  const inv = ctx.inventory!;
  const sites = inv.sites.map((s, i) => ({ s, i }));
  const primary = sites.find(({ s }) => s.role === "primary");
  const drs = sites.filter(({ s }) => s.role === "dr");
  const judgedHere = (id: string) => siteInScope(ctx, id);
  if (!primary) return { notApplicable: "the province has no primary site (a load error)" };
  if (!judgedHere(primary.s.id) && !drs.some(({ s }) => judgedHere(s.id))) return { notApplicable: `site ${ctx.site} is neither the primary nor a disaster-recovery site` };
  if (drs.length === 0) return [{ text: `the province has no disaster-recovery site (role dr): the primary ${primary.s.id} has nowhere to recover to`, subject: `site/${primary.s.id}`, at: "sites" }];
  const min = ctx.params.number("minDrDistanceKm");
  const out: Finding[] = [];
  for (const { s, i } of drs) {
    if (!judgedHere(s.id) && !judgedHere(primary.s.id)) continue;
    const km = greatCircleKm(primary.s.location, s.location);
    if (km < min) out.push({ text: `disaster-recovery site ${s.id} is ${km.toFixed(1)} km from the primary ${primary.s.id}; at least ${min} km is required (minDrDistanceKm)`, subject: `site/${s.id}`, at: `sites.${i}.location` });
  }
  return out;
});

/**
 * DC-08: every level-3 system (and any other that declares one) has a DR posture that meets its RPO and RTO.
 * Judged in the stacks of the sites the system runs at and of its recovery site; elsewhere it does not apply.
 */
export const dc08 = stackPolicy("DC-08", true, [], (_p, ctx): Outcome => {
  const inv = ctx.inventory!;
  const judgedHere = inv.systems
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => (s.securityLevel >= 3 || s.disasterRecovery !== undefined) && [...s.sites, ...(s.disasterRecovery ? [s.disasterRecovery.site] : [])].some((site) => siteInScope(ctx, site)));
  if (judgedHere.length === 0) return { notApplicable: `no level-3 system runs or recovers at ${ctx.site ?? "any site"}` };
  return judgedHere.flatMap(({ i }) => judgeDrPosture(inv, i).findings.map((f) => ({ text: f.text, subject: `system/${inv.systems[i].id}`, at: f.at })));
});

/**
 * DC-09: a DR site that level-3 systems recover at can take them over: redundant Internet edge and TSLCD access,
 * and an HA pair behind every zone's enforcer. Judged in that site's stack; elsewhere it does not apply, with the reason.
 */
export const dc09 = stackPolicy("DC-09", true, [], (_p, ctx): Outcome => {
  const inv = ctx.inventory!;
  const sites = inv.sites.filter((s) => s.role === "dr" && siteInScope(ctx, s.id) && level3RecoveringAt(inv, s.id).length > 0);
  if (sites.length === 0) {
    const here = inv.sites.filter((s) => siteInScope(ctx, s.id));
    return { notApplicable: `it applies to a DR site level-3 systems recover at; ${here.map((s) => (s.role === "dr" ? `no level-3 system recovers at ${s.id}` : `${s.id} is a ${s.role} site`)).join(", ") || "no site is in scope"}` };
  }
  return sites.flatMap((s) => judgeDrSite(inv, s.id));
});

/** Every Tier III design policy. */
export const facilityPolicies: Policy[] = [dc01, dc02, dc03, dc04, dc05, dc06, dc07, dc08, dc09];
