import { z } from "zod";
import { Text } from "./common";
import { Aggregates } from "./site";

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
    /**
     * The address space the province carves its sites' aggregates from (every aggregate lies inside it).
     * A merger places the sites it moves in the free part of the kept province's space. Optional.
     */
    addressSpace: Aggregates.optional(),
  })
  .strict();
export type ProvinceInfo = z.infer<typeof ProvinceInfo>;
