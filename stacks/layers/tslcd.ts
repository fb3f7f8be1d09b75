import * as pulumi from "@pulumi/pulumi";
import type { Inventory } from "../../inventory/model";
import type { SiteRole } from "../../inventory/model/siteRoles";
import type { AddressPlan, SitePlan } from "../../inventory/addressing/types";
import { compareText } from "../../inventory/addressing/identity";
import { siteVpns } from "../../inventory/tslcd/attachments";
import { compileEdgeIntent } from "../../compilers/wan/edgeIntent";
import { compileCpeIntents, type CpeIntent } from "../../compilers/wan/cpeIntent";
import { renderCpeFrr, renderEdgeFrr } from "../../compilers/wan/renderFrr";
import { frrHostSetup, renderHostSetup } from "../../compilers/wan/hostSetup";
import { FrrRouter } from "../../components/wan/frrRouter";
import { managementHost } from "./firewall";

/** How the program reaches the FRR routers (from stack config; the key is a secret). */
export interface RouterSettings {
  /** SSH user (`hatang:routerSshUser`). */
  user: pulumi.Input<string>;
  /** SSH private key (`hatang:routerSshPrivateKey`, a secret). */
  privateKey: pulumi.Input<string>;
}

/** One FRR router the site's stack applies: its identity, address, configuration and host setup. */
export interface FrrRouterPlan {
  device: string;
  role: "edge" | "cpe";
  /** Management address (none: a problem). */
  host: string | undefined;
  frrConfig: string;
  hostSetup: string;
}

/** Which site's stack applies a CPE first when several carry its VPNs (one stack per device, never two). */
const ROLE_ORDER: readonly SiteRole[] = ["primary", "secondary", "dr", "retiring"];

/**
 * The site whose stack applies an agency CPE's configuration: among the sites carrying one of its VPNs, the
 * primary, else a secondary, DR or retiring one, the lowest id within a role. Pure; exported for testing.
 * @param inventory the province
 * @param cpe the CPE's intent
 */
export function cpeOwnerSite(inventory: Pick<Inventory, "sites" | "uplinks">, cpe: Pick<CpeIntent, "vrfs">): string | undefined {
  const vpns = new Set(cpe.vrfs.map((v) => v.vpn));
  const carrying = inventory.sites.filter((s) => siteVpns(inventory, s.id).some((v) => vpns.has(v)));
  return [...carrying].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || compareText(a.id, b.id))[0]?.id;
}

/** The first host address of an IPv4 prefix (the CPE is its LAN's gateway). */
function firstIpv4Host(prefix: string): string {
  const [addr] = prefix.split("/");
  const n = addr.split(".").reduce((acc, o) => acc * 256 + Number(o), 0) + 1;
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
}

/**
 * Every FRR router of the site's stack and the problems that stop it from applying them: the site's TSLCD
 * edge routers with `routerPlatform: frr` (VRF devices carrying their loopbacks) and the agency CPEs with
 * `platform: frr` this site owns (`cpeOwnerSite`; reached at their LAN's gateway, the first address of the
 * IPv4 LAN). Sorted by device. Pure; exported for testing.
 * @param inventory the province
 * @param plan the site's plan
 * @param province the province's plan
 * @param asOf the evaluation date
 */
export function siteFrrRouters(inventory: Inventory, plan: SitePlan, province: AddressPlan, asOf: string | undefined): { routers: FrrRouterPlan[]; problems: string[] } {
  if (inventory.tslcd === undefined) return { routers: [], problems: [] };
  const problems: string[] = [];
  const routers: FrrRouterPlan[] = [];
  const edge = compileEdgeIntent({ inventory, plan, province, asOf });
  problems.push(...edge.problems.map((p) => `TSLCD edge ${p.device}: ${p.message}`));
  for (const r of edge.routers.filter((x) => x.platform === "frr")) {
    const loop = plan.loopbacks.find((l) => l.device === r.device);
    const setup = frrHostSetup(r, loop, true);
    problems.push(...setup.problems);
    const host = managementHost(r.device, inventory.devices, plan.loopbacks);
    if (host === undefined) problems.push(`router ${r.device} has no mgmtAddress and no loopback in the address plan: the program cannot load its FRR configuration (set devices[name=${r.device}].mgmtAddress)`);
    routers.push({ device: r.device, role: "edge", host, frrConfig: renderEdgeFrr(r), hostSetup: renderHostSetup(setup.setup) });
  }
  const owned = siteVpns(inventory, plan.site).length > 0 ? compileCpeIntents({ inventory, province, asOf }) : { cpes: [], problems: [] };
  problems.push(...owned.problems.map((p) => `TSLCD CPE ${p.endpoint}: ${p.message}`));
  for (const c of owned.cpes.filter((x) => x.platform === "frr" && cpeOwnerSite(inventory, x) === plan.site)) {
    routers.push({ device: c.device, role: "cpe", host: firstIpv4Host(c.lan.ipv4[0]), frrConfig: renderCpeFrr(c), hostSetup: renderHostSetup(frrHostSetup(c, undefined, false).setup) });
  }
  const seen = new Set<string>();
  for (const r of routers) {
    if (seen.has(r.device)) problems.push(`router name ${r.device} is used twice (a plant device and an agency CPE): rename the device`);
    seen.add(r.device);
  }
  return { routers: routers.sort((a, b) => compareText(a.device, b.device)), problems };
}

/**
 * The TSLCD layer of a site: one FrrRouter per Linux router it applies, named by the device (a stable
 * identity). Call after `siteFrrRouters` found no problem.
 * @param site the site id
 * @param routers from `siteFrrRouters`
 * @param settings the SSH settings
 * @param opts parent options
 * @returns each router's content hash by device
 */
export function tslcdLayer(site: string, routers: readonly FrrRouterPlan[], settings: RouterSettings, opts: pulumi.ComponentResourceOptions = {}): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const r of routers) {
    const component = new FrrRouter(`${site}-router-${r.device}`, {
      site,
      device: r.device,
      role: r.role,
      frrConfig: r.frrConfig,
      hostSetup: r.hostSetup,
      connection: { host: r.host as string, user: settings.user, privateKey: settings.privateKey },
    }, opts);
    hashes[r.device] = component.contentHash;
  }
  return hashes;
}
