import { contains, parsePrefix } from "../../inventory/addressing/prefix";
import { tierVlan } from "../../inventory/model";
import type { AsBuiltInput } from "../input";
import { compareText, type Cell, type Table } from "../table";
import { list } from "../labels";

/** What the public IPv4 cell says when the address plan holds none for a published tier (a hand-built plan). */
export const PUBLIC_IPV4_MISSING = "Chưa có trong kế hoạch địa chỉ / Not in the address plan";

/**
 * The registered public prefix holding a prefix, or "".
 * @param prefix a prefix
 * @param publics the site's public prefixes of that family
 */
function insidePublic(prefix: string, publics: readonly string[]): string {
  const inner = parsePrefix(prefix);
  if (!inner.ok) return "";
  return (
    publics.find((p) => {
      const outer = parsePrefix(p);
      return outer.ok && outer.prefix.family === inner.prefix.family && contains(outer.prefix, inner.prefix);
    }) ?? ""
  );
}

/**
 * The site's public addresses: the registered public prefixes, then every published tier with the public
 * IPv4 address the address plan pins for it (destination NAT at the site's edge, `plan.published`), the
 * internal addresses it is translated to (the instances' fixed addresses, or the tier's subnet for other
 * forms) and its IPv6 prefix, which is public when it lies in a registered public prefix (the row names it).
 * Everything comes from the plan: how the cloud realises the translation (routers, NAT rules) is not assumed.
 * @param input the site's as-built input
 */
export function publicAddressesTable(input: AsBuiltInput): Table {
  const pub = input.plan.publicPrefixes ?? input.site.publicPrefixes;
  const rows: Cell[][] = [
    ...pub.ipv4.map((p) => ["Dải IPv4 công khai / Public IPv4 prefix", p, p, "", "", "", "Đăng ký / registered (address plan)"]),
    ...pub.ipv6.map((p) => ["Dải IPv6 công khai / Public IPv6 prefix", p, "", "", p, "", "Đăng ký / registered (address plan)"]),
  ];
  const publicV4 = new Map((input.plan.published ?? []).filter((p) => p.site === input.site.id).map((p) => [`${p.system}/${p.tier}`, p.ipv4]));
  const instances = new Map<string, typeof input.compiled.placements.instances>();
  for (const i of input.compiled.placements.instances) instances.set(`${i.system}/${i.tier}`, [...(instances.get(`${i.system}/${i.tier}`) ?? []), i]);
  const zones = input.inventory.zones.filter((z) => z.site === input.site.id);
  for (const s of [...input.inventory.systems].filter((x) => x.sites.includes(input.site.id)).sort((a, b) => compareText(a.id, b.id))) {
    for (const t of [...s.tiers].filter((x) => x.publish.length > 0).sort((a, b) => compareText(a.name, b.name))) {
      const ports = list([...t.publish].sort((a, b) => a.port - b.port || compareText(a.protocol, b.protocol)).map((p) => `${p.protocol}/${p.port}`));
      const zone = zones.find((z) => z.id === t.zone);
      const vlan = zone ? tierVlan(zone, t) : undefined;
      const subnet = input.plan.subnets.find((x) => x.zone === t.zone && x.vlanName === vlan?.name);
      const v6 = subnet?.ipv6.prefix ?? "";
      const v6Public = v6 ? insidePublic(v6, pub.ipv6) : "";
      const note = [
        "NAT đích tại biên / destination NAT at the edge",
        v6Public ? `IPv6 trong dải công khai / IPv6 inside public prefix ${v6Public}` : "IPv6 ngoài dải công khai đã đăng ký / IPv6 outside the registered public prefixes",
      ].join("; ");
      const vms = [...(instances.get(`${s.id}/${t.name}`) ?? [])].sort((a, b) => compareText(a.name, b.name));
      const inside = vms.length > 0 ? list(vms.map((i) => i.ipv4)) : (subnet?.ipv4.prefix ?? "");
      const v6Cell = vms.length > 0 ? list(vms.map((i) => i.ipv6 ?? `SLAAC ${v6}`)) : v6;
      rows.push([`Dịch vụ công bố (${t.form}) / Published (${t.form})`, `${s.id}/${t.name} @ ${t.zone}/${vlan?.name ?? ""}`, publicV4.get(`${s.id}/${t.name}`) || PUBLIC_IPV4_MISSING, inside, v6Cell, ports, note]);
    }
  }
  return {
    id: "public-addresses",
    titleVi: "Địa chỉ công khai và dịch vụ công bố",
    titleEn: "Public addresses and published services",
    sheet: "Địa chỉ công khai - Public",
    columns: [
      { vi: "Loại", en: "Kind" },
      { vi: "Đối tượng", en: "Subject" },
      { vi: "IPv4 công khai", en: "Public IPv4" },
      { vi: "IPv4 nội bộ", en: "Internal IPv4" },
      { vi: "IPv6", en: "IPv6" },
      { vi: "Cổng công bố", en: "Published ports" },
      { vi: "Ghi chú", en: "Note" },
    ],
    rows,
  };
}
