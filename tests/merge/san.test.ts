/**
 * A merger of provinces with a SAN (inventory/synthetic/syntheticSan): the moved province's LUNs, ports,
 * pools and arrays follow its renames and every stage loads; the same WWPN in both is a conflict.
 */
import { crossFieldProblems } from "../../inventory/loader/rules";
import { conflictLine } from "../../inventory/merge/conflicts";
import { mergeProvinces } from "../../inventory/merge/merge";
import type { Inventory } from "../../inventory/model";
import { syntheticSanProvince } from "../../inventory/synthetic/syntheticSan";
import { memoryInput } from "./fixtures";

const OPTIONS = { keep: 0, mergedOn: "2025-07-01", retireBy: "2027-06-30" };

/** The province with every WWPN's second byte changed: other hardware. */
function otherPorts(inv: Inventory): Inventory {
  return { ...inv, devices: inv.devices.map((d) => ({ ...d, sanPorts: d.sanPorts.map((p) => ({ ...p, wwpn: `${p.wwpn.slice(0, 3)}ee${p.wwpn.slice(5)}` })) })) };
}

describe("merging provinces with a SAN", () => {
  const kept = syntheticSanProvince({ hosts: 6, luns: 8 });
  const moved = syntheticSanProvince({ hosts: 4, luns: 5 });

  it("renames the moved SAN's references and every stage loads", () => {
    const outcome = mergeProvinces([memoryInput("a", kept), memoryInput("b", otherPorts(moved))], OPTIONS);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.failure));
    const { stages } = outcome.result;
    for (const s of stages) expect(crossFieldProblems(s.inventory).map((p) => `${s.id} ${p.path.join(".")}: ${p.message}`)).toEqual([]);
    expect(outcome.result.conflicts.filter((c) => c.kind === "wwpn")).toEqual([]);
    // The moved hosts are renamed (their names clash) and its LUNs are masked to the renamed hosts.
    const first = stages[0].inventory;
    const movedLuns = first.systems.filter((s) => s.id.startsWith("syn-")).flatMap((s) => s.luns);
    expect(movedLuns.length).toBe(5);
    for (const l of movedLuns) for (const h of l.hosts) expect(h.startsWith("syn-")).toBe(true);
  });

  it("reports a WWPN recorded in both provinces", () => {
    const outcome = mergeProvinces([memoryInput("a", kept), memoryInput("b", moved)], OPTIONS);
    const conflicts = outcome.ok ? outcome.result.conflicts : outcome.failure.conflicts;
    const wwpn = conflicts.filter((c) => c.kind === "wwpn").map(conflictLine);
    expect(wwpn.length).toBeGreaterThan(0);
    expect(wwpn[0]).toMatch(/^wwpn: WWPN [0-9a-f:]{23} is a port of "[a-z0-9-]+" \(b\) and of "[a-z0-9-]+" \(a\) \[a devices\.\d+\.sanPorts\.\d+\.wwpn, b devices\.\d+\.sanPorts\.\d+\.wwpn\]$/);
  });
});
