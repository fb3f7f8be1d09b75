import type { AsBuiltInput } from "../input";
import { compareText, type Table } from "../table";

/**
 * Usable capacity per media tier at the site, and how much of it is encrypted.
 * @param input the site's as-built input
 */
export function capacityTable(input: AsBuiltInput): Table {
  const pools = input.inventory.storageArrays.filter((a) => a.site === input.site.id).flatMap((a) => a.pools);
  const tiers = [...new Set(pools.map((p) => p.tier))].sort(compareText);
  const rows = tiers.map((t) => {
    const inTier = pools.filter((p) => p.tier === t);
    const sum = (ps: typeof pools): number => Math.round(ps.reduce((n, p) => n + p.capacityTiB, 0) * 10) / 10;
    return [t, inTier.length, sum(inTier), sum(inTier.filter((p) => p.encrypted))];
  });
  return {
    id: "capacity",
    titleVi: "Dung lượng theo loại ổ",
    titleEn: "Capacity per media tier",
    sheet: "Dung lượng - Capacity",
    columns: [
      { vi: "Loại ổ", en: "Media tier" },
      { vi: "Số vùng lưu trữ", en: "Pools", type: "integer" },
      { vi: "Dung lượng (TiB)", en: "Capacity (TiB)", type: "decimal" },
      { vi: "Trong đó mã hóa (TiB)", en: "Of which encrypted (TiB)", type: "decimal" },
    ],
    rows,
  };
}
