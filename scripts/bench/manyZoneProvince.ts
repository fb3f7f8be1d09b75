/**
 * A one-site synthetic province with as many zones and flows as asked, for the firewall benchmark: the
 * synthetic province's eleven zones plus internal-server zones (`srv-1`, …) behind the core firewall,
 * the VM application tiers spread over every internal-server zone, and application-to-application flows
 * across zones (seeded, so every run benchmarks the same province) on top of each system's three flows,
 * up to the requested count. It goes through the loader like any province (zone baseline included).
 */
import type { Inventory } from "../../inventory/model";
import { oneSiteProvince } from "./oneSiteProvince";

/** The synthetic province's own zones (every kind it knows). */
const BASE_ZONES = 11;
const EXTRA_SERVICES = Array.from({ length: 24 }, (_, i) => ({ name: `svc-${i + 1}`, protocol: (i % 4 === 3 ? "udp" : "tcp") as "tcp" | "udp", port: 9000 + i * 7 }));

function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * The province.
 * @param zones zones at the site (at least 12: eleven of the synthetic province's kinds, the rest internal-server zones)
 * @param flows flows in all (at least three per system)
 */
export function manyZoneProvince(zones: number, flows: number): Inventory {
  const systems = Math.max(12, Math.round(flows / 20));
  if (zones <= BASE_ZONES || flows < systems * 3) throw new Error(`manyZoneProvince(${zones}, ${flows}): needs more than ${BASE_ZONES} zones and at least ${systems * 3} flows`);
  const inv = oneSiteProvince({ sites: 1, agencies: 30, vlans: Math.max(44, Math.round(systems * 3.3)), devices: 40, systems });
  const core = inv.zones.find((z) => z.id === "app");
  if (!core) throw new Error("the synthetic province has no app zone");
  let vlanId = Math.max(...inv.zones.flatMap((z) => z.vlans.map((v) => v.id))) + 1;
  const serverZones = ["app"];
  for (let k = 1; k <= zones - BASE_ZONES; k++) {
    const id = `srv-${k}`;
    serverZones.push(id);
    inv.zones.push({ ...core, id, name: `server zone ${k}`, vlans: [1, 2].map((n) => ({ ...core.vlans[0], id: vlanId++, name: `${id}-${n}`, purpose: `${id} segment ${n}` })) });
  }
  // VM application tiers spread over the internal-server zones (container tiers stay on the cluster's zone).
  const appTiers: Array<{ system: string; zone: string }> = [];
  inv.systems.forEach((s, i) => {
    const app = s.tiers.find((t) => t.name === "app");
    if (!app) return;
    if (app.form === "vm") {
      const zone = inv.zones.find((z) => z.id === serverZones[i % serverZones.length]);
      if (!zone) throw new Error(serverZones[i % serverZones.length]);
      app.zone = zone.id;
      app.vlan = zone.vlans[Math.floor(i / serverZones.length) % zone.vlans.length].name;
    }
    appTiers.push({ system: s.id, zone: app.zone });
  });
  inv.services.push(...EXTRA_SERVICES);
  const rnd = lcg(zones * 100_003 + flows);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  for (let f = inv.flows.length; f < flows; f++) {
    const from = pick(appTiers);
    let to = pick(appTiers);
    while (to === from) to = pick(appTiers);
    const services = [...new Set([pick(EXTRA_SERVICES).name, pick(EXTRA_SERVICES).name])].sort();
    inv.flows.push({ name: `x-${f}-${from.system}-${to.system}`, from: { system: from.system, tier: "app" }, to: { system: to.system, tier: "app" }, services, justification: "application calls another system's application" });
  }
  return inv;
}
