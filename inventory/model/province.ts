import { z } from "zod";
import { Text } from "./common";

/** The legal regime the reports cite first; both are always cited. */
export const LegalRegime = z.enum(["decree-85-2016", "decree-331-2026"]);
export type LegalRegime = z.infer<typeof LegalRegime>;

/** Who the province is. */
export const ProvinceInfo = z
  .object({
    /** Short code used in resource names (e.g. `na`). */
    code: z.string().regex(/^[a-z]{2,6}$/, { message: "expected 2–6 lower-case letters (e.g. \"na\")" }),
    /** Vietnamese name, e.g. "Tỉnh Ninh An". */
    name: Text,
    /** English name, e.g. "Ninh An Province". */
    nameEn: Text,
    /** The unit operating the data center (e.g. the Department of Information and Communications). */
    operator: Text,
  })
  .strict();
export type ProvinceInfo = z.infer<typeof ProvinceInfo>;
