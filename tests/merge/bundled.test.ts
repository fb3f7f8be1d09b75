/**
 * The merger of the two bundled provinces (Ninh An keeps, Vĩnh Lâm moves), computed in memory: the conflicts
 * it finds (asserted exactly), the renumbering, the agencies' lineage and the stages.
 */
import { conflictLine } from "../../inventory/merge/conflicts";
import { mergeProvinces } from "../../inventory/merge/merge";
import { crossFieldProblems } from "../../inventory/loader/rules";
import { agencyMap, currentOwner, formerUnits, Inventory } from "../../inventory/model";
import { bundledInput, NINH_AN, VINH_LAM } from "./fixtures";

describe("merging Vĩnh Lâm into Ninh An", () => {
  const kept = bundledInput(NINH_AN);
  const moved = bundledInput(VINH_LAM);
  const outcome = mergeProvinces([kept, moved], { keep: 0, mergedOn: "2025-07-01", retireBy: "2027-06-30" });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.failure));
  const { conflicts, stages, target, plans } = outcome.result;

  it("finds exactly these conflicts, each with both files and lines", () => {
    expect(conflicts.filter((c) => !["agency-code", "identity", "prefix-overlap"].includes(c.kind)).map(conflictLine)).toEqual([
      "aggregate-overlap: aggregate 10.16.0.0/15 of site \"vl-dc1\" (vinh-lam) overlaps aggregate 10.16.0.0/13 of site \"na-dc1\" (ninh-an) [inventory/provinces/ninh-an/sites.yaml:41, inventory/provinces/vinh-lam/sites.yaml:35]",
      "aggregate-overlap: aggregate 10.18.0.0/16 of site \"vl-dc2\" (vinh-lam) overlaps aggregate 10.16.0.0/13 of site \"na-dc1\" (ninh-an) [inventory/provinces/ninh-an/sites.yaml:41, inventory/provinces/vinh-lam/sites.yaml:93]",
      "aggregate-overlap: aggregate 10.19.0.0/20 of site \"vl-dc3\" (vinh-lam) overlaps aggregate 10.16.0.0/13 of site \"na-dc1\" (ninh-an) [inventory/provinces/ninh-an/sites.yaml:41, inventory/provinces/vinh-lam/sites.yaml:146]",
      "cluster-range-overlap: pods range 10.17.0.0/16 of cluster \"vl1-k8s\" (vinh-lam) overlaps pods range 10.17.0.0/16 of cluster \"na1-k8s\" (ninh-an) [inventory/provinces/ninh-an/kubernetes.yaml:14, inventory/provinces/vinh-lam/kubernetes.yaml:9]",
      "cluster-range-overlap: services range 10.16.32.0/20 of cluster \"vl1-k8s\" (vinh-lam) overlaps services range 10.16.32.0/20 of cluster \"na1-k8s\" (ninh-an) [inventory/provinces/ninh-an/kubernetes.yaml:14, inventory/provinces/vinh-lam/kubernetes.yaml:9]",
      "vlan-id: VLAN 110 on physnet \"physnet-dc\" is used by vinh-lam (edge-transit at vl-dc1, edge-transit at vl-dc2) and by ninh-an (int-ops at na-dc1, int-ops at na-dc2); the interconnect joins physnets of one name [inventory/provinces/ninh-an/zones-primary.yaml:25, inventory/provinces/ninh-an/zones-dr.yaml:15, inventory/provinces/vinh-lam/zones-dc1.yaml:34, inventory/provinces/vinh-lam/zones-dc2.yaml:34]",
      "vlan-id: VLAN 111 on physnet \"physnet-dc\" is used by vinh-lam (edge-vpn at vl-dc1, edge-vpn at vl-dc2) and by ninh-an (int-ioc at na-dc1, int-ioc at na-dc2); the interconnect joins physnets of one name [inventory/provinces/ninh-an/zones-primary.yaml:26, inventory/provinces/ninh-an/zones-dr.yaml:16, inventory/provinces/vinh-lam/zones-dc1.yaml:35, inventory/provinces/vinh-lam/zones-dc2.yaml:35]",
      "tslcd-level-ii: two TSLCD level-II networks: ninh-an's (1 prefix) and vinh-lam's (1 prefix) [inventory/provinces/ninh-an/tslcd.yaml:16, inventory/provinces/vinh-lam/tslcd.yaml:13]",
      "zone-id: zone \"dmz\" is used by both ninh-an and vinh-lam; a flow naming a zone applies at every site that has it, so the moved zone is renamed [inventory/provinces/ninh-an/zones-dr.yaml:29, inventory/provinces/vinh-lam/zones-dc1.yaml:37]",
      "zone-id: zone \"edge\" is used by both ninh-an and vinh-lam; a flow naming a zone applies at every site that has it, so the moved zone is renamed [inventory/provinces/ninh-an/zones-dr.yaml:18, inventory/provinces/vinh-lam/zones-dc1.yaml:27]",
      "zone-id: zone \"soc\" is used by both ninh-an and vinh-lam; a flow naming a zone applies at every site that has it, so the moved zone is renamed [inventory/provinces/ninh-an/zones-dr.yaml:112, inventory/provinces/vinh-lam/zones-dc1.yaml:83]",
      "system-id: system \"backup\" is used by both ninh-an and vinh-lam [inventory/provinces/ninh-an/systems.yaml:415, inventory/provinces/vinh-lam/systems.yaml:186]",
      "system-id: system \"email\" is used by both ninh-an and vinh-lam [inventory/provinces/ninh-an/systems.yaml:178, inventory/provinces/vinh-lam/systems.yaml:99]",
      "system-id: system \"infra-services\" is used by both ninh-an and vinh-lam [inventory/provinces/ninh-an/systems.yaml:435, inventory/provinces/vinh-lam/systems.yaml:222]",
      "system-id: system \"lgsp\" is used by both ninh-an and vinh-lam [inventory/provinces/ninh-an/systems.yaml:24, inventory/provinces/vinh-lam/systems.yaml:14]",
      "system-id: system \"monitoring\" is used by both ninh-an and vinh-lam [inventory/provinces/ninh-an/systems.yaml:396, inventory/provinces/vinh-lam/systems.yaml:169]",
      "system-kind: two systems of kind \"email\": \"email\" (ninh-an) and \"email\" (vinh-lam) [inventory/provinces/ninh-an/systems.yaml:181, inventory/provinces/vinh-lam/systems.yaml:102]",
      "system-kind: two systems of kind \"lgsp\": \"lgsp\" (ninh-an) and \"lgsp\" (vinh-lam) [inventory/provinces/ninh-an/systems.yaml:27, inventory/provinces/vinh-lam/systems.yaml:17]",
      "system-kind: two systems of kind \"public-service-portal\": \"dvc\" (ninh-an) and \"dvc-motcua\" (vinh-lam) [inventory/provinces/ninh-an/systems.yaml:100, inventory/provinces/vinh-lam/systems.yaml:69]",
      "system-kind: two systems of kind \"web-portal\": \"portal\" (ninh-an) and \"cong-ttdt\" (vinh-lam) [inventory/provinces/ninh-an/systems.yaml:58, inventory/provinces/vinh-lam/systems.yaml:38]",
      "agency-name: agency name \"Ủy ban nhân dân xã Sơn Thủy\" is used by ninh-an (UBND-XA-VS-06) and vinh-lam (XA-CU-02232) [inventory/provinces/ninh-an/agencies.yaml:187, inventory/provinces/vinh-lam/agencies.yaml:127]",
      "service: service \"app-https\" is tcp/9443 in vinh-lam but tcp/8443 in ninh-an [inventory/provinces/ninh-an/flows.yaml:24, inventory/provinces/vinh-lam/flows.yaml:13]",
    ]);
    // The 25 agency codes both use (12 departments, 8 former departments, the two offices, the service centre,
    // police and social security), 28 flow names and 9 overlapping zone blocks.
    const count = (k: string): number => conflicts.filter((c) => c.kind === k).length;
    expect([count("agency-code"), count("identity"), count("prefix-overlap")]).toEqual([25, 28, 9]);
    expect(conflicts.filter((c) => c.kind === "agency-code").map((c) => c.message.split('"')[1])).toEqual(
      ["BDT", "BHXH-TINH", "CA-TINH", "SCT", "SDTTG", "SGDDT", "SGTVT", "SKHCN", "SKHDT", "SLDTBXH", "SNGV", "SNNMT", "SNNPTNT", "SNV", "STC", "STNMT", "STP", "STTTT", "SVHTTDL", "SXD", "SYT", "TTPVHCC", "TTRA", "UBND-TINH", "VPUBND"],
    );
    for (const c of conflicts) {
      expect(c.places.length).toBeGreaterThanOrEqual(2);
      expect(c.places[0].province).toBe("ninh-an");
      for (const p of c.places) expect(p.file).toMatch(new RegExp(`^inventory/provinces/${p.province}/[a-z0-9-]+\\.yaml$`));
    }
  });

  it("keeps every address, VLAN and identity of Ninh An and moves Vĩnh Lâm into free space of its address space", () => {
    for (const p of plans) for (const [id, e] of Object.entries(kept.lock.allocations)) expect(p.lock.allocations[id]).toEqual(e);
    const first = stages[0].inventory;
    const sites = (id: string) => first.sites.find((s) => s.id === id)!;
    expect(first.sites.filter((s) => s.id.startsWith("na-"))).toEqual(kept.inventory.sites);
    expect([sites("vl-dc1"), sites("vl-dc2"), sites("vl-dc3")].map((s) => [s.role, s.aggregates.ipv4, s.aggregates.ipv6])).toEqual([
      ["secondary", ["10.0.0.0/15"], ["2001:db8::/48"]],
      ["dr", ["10.2.0.0/16"], ["2001:db8:1::/48"]],
      ["retiring", ["10.3.0.0/20"], ["2001:db8:2::/48"]],
    ]);
    expect(outcome.result.moved[0].vlans).toEqual([
      { physnet: "physnet-dc", old: 110, new: 104 },
      { physnet: "physnet-dc", old: 111, new: 105 },
    ]);
    // The fixed management zone moves by the same amount as its aggregate: NTP stays at .123 of it.
    expect(first.zones.find((z) => z.site === "vl-dc1" && z.id === "mgmt")?.prefix).toEqual({ ipv4: "10.0.0.0/21", ipv6: "2001:db8::/56" });
    expect(first.devices.find((d) => d.name === "vl1-ntp-01")?.mgmtAddress).toBe("10.0.0.123");
  });

  it("makes Vĩnh Lâm's bodies the merged province's history, and its communes reach their former units", () => {
    const agencies = agencyMap(stages[target].inventory.agencies);
    expect(agencies.get("VL-SYT")).toMatchObject({ ceased: "2025-07-01", successors: ["SYT"] });
    expect(agencies.get("VL-UBND-TINH")).toMatchObject({ ceased: "2025-07-01", successors: ["UBND-TINH"] });
    // A commune-level unit stays in force, directly under the merged province.
    expect(agencies.get("P-02100")).toMatchObject({ kind: "ward", parent: "UBND-TINH", adminCode: "02100" });
    expect(agencies.get("P-02100")?.ceased).toBeUndefined();
    expect(formerUnits(agencies, "P-02100")).toEqual(["HUYEN-070", "XA-CU-02100", "XA-CU-02103", "XA-CU-02106"]);
    // A department reaches both provinces' former bodies.
    expect(formerUnits(agencies, "SYT")).toEqual(["SLDTBXH", "VL-SLDTBXH", "VL-SYT"]);
    // Systems follow: the moved LGSP is owned by Ninh An's Department of Science and Technology.
    expect(currentOwner(agencies, "VL-SKHCN")).toBe("SKHCN");
    expect(stages[target].inventory.systems.find((s) => s.id === "vl-lgsp")?.owner).toBe("SKHCN");
  });

  it("makes every stage a valid province (schema and every cross-field rule, SAN references included)", () => {
    for (const stage of stages) {
      expect(Inventory.safeParse(stage.inventory).success).toBe(true);
      expect(crossFieldProblems(stage.inventory).map((p) => `${stage.id} ${p.path.join(".")}: ${p.message}`)).toEqual([]);
    }
    // The moved SAN follows its renames: Vĩnh Lâm's LUN hosts, ports' fabrics and replication arrays exist.
    const first = stages[0].inventory;
    const devices = new Set(first.devices.map((d) => d.name));
    const fabrics = new Set(first.sanFabrics.map((f) => f.id));
    const arrays = new Set(first.storageArrays.map((a) => a.id));
    for (const s of first.systems) for (const l of s.luns) for (const h of l.hosts) expect(devices.has(h)).toBe(true);
    for (const d of first.devices) for (const p of d.sanPorts) expect(fabrics.has(p.fabric)).toBe(true);
    for (const r of first.storageReplication) expect([arrays.has(r.source), arrays.has(r.target)]).toEqual([true, true]);
    // One TSLCD: the national level-I VPN once, both provinces' level-II VPNs (the moved VRF renamed), both blocks.
    expect(first.tslcd?.vpns.map((v) => `${v.id} ${v.level} ${v.vrf}`)).toEqual(["cap1 I TSLCD-CAP1", "cap2-na II TSLCD-CAP2", "cap2-vl II TSLCD-CAP2-VL"]);
    expect(first.tslcd?.blocks.map((b) => b.prefix)).toEqual(["10.252.0.0/16", "10.253.0.0/16"]);
    expect(first.tslcdEndpoints.length).toBe(kept.inventory.tslcdEndpoints.length + moved.inventory.tslcdEndpoints.length);
    // The moved endpoints' LANs keep what their province allocated (the carrier's blocks never move).
    const endpoints = outcome.result.moved[0].renames.endpoints;
    expect(endpoints.get("ca-tinh")).toBe("vl-ca-tinh");
    const lans = Object.entries(moved.lock.allocations).filter(([id]) => id.startsWith("tslcd/lan/"));
    expect(lans.length).toBe(moved.inventory.tslcdEndpoints.length);
    for (const [id, e] of lans) expect(plans[0].lock.allocations[`tslcd/lan/${endpoints.get(id.slice(10)) ?? id.slice(10)}`]).toEqual(e);
  });

  it("stages the consolidation: interconnect, tenancy, one stage per duplicate, retire", () => {
    expect(stages.map((s) => s.id)).toEqual([
      "01-interconnect-renumber",
      "02-merged-tenancy",
      "03-migrate-vl-email",
      "04-migrate-vl-lgsp",
      "05-migrate-dvc-motcua",
      "06-migrate-cong-ttdt",
      "07-retire",
    ]);
    expect(target).toBe(5);
    const marked = (i: number) => stages[i].inventory.systems.filter((s) => s.consolidation).map((s) => `${s.id}→${s.consolidation!.survivor}`);
    expect(marked(0)).toEqual(["vl-lgsp→lgsp", "cong-ttdt→portal", "dvc-motcua→dvc", "vl-email→email"]);
    const migration = (i: number) => stages[i].inventory.flows.filter((f) => f.name.startsWith("migrate-")).map((f) => `${f.name} ${f.services.join(",")} ${f.expires}`);
    expect(migration(target)).toEqual([
      "migrate-vl-email-gateway-to-email https,imaps,smtp,submission 2027-06-30",
      "migrate-vl-email-store-to-email app-https,imaps,smtp,submission 2027-06-30",
      "migrate-vl-lgsp-gateway-to-lgsp https 2027-06-30",
      "migrate-vl-lgsp-core-to-lgsp app-https 2027-06-30",
      "migrate-vl-lgsp-db-to-lgsp oracle 2027-06-30",
      "migrate-dvc-motcua-web-to-dvc http,https 2027-06-30",
      "migrate-dvc-motcua-app-to-dvc app-https 2027-06-30",
      "migrate-dvc-motcua-db-to-dvc oracle 2027-06-30",
      "migrate-cong-ttdt-web-to-portal http,https 2027-06-30",
      "migrate-cong-ttdt-app-to-portal app-https 2027-06-30",
      "migrate-cong-ttdt-db-to-portal postgres 2027-06-30",
    ]);
    const retired = stages[stages.length - 1].inventory;
    expect(retired.systems.filter((s) => s.consolidation)).toEqual([]);
    expect(retired.flows.filter((f) => f.name.startsWith("migrate-"))).toEqual([]);
    expect(retired.systems.map((s) => s.id)).not.toContain("vl-lgsp");
  });
});
