import { z } from "zod";
import type { FieldPath } from "./types";

/**
 * Finds the sub-schema of `root` at a data path (array indexes step into the element schema),
 * looking through optional and default wrappers. Used to list the allowed keys of a mapping.
 * @param root the schema of the whole document
 * @param path a path into data the schema describes
 */
export function schemaAt(root: z.ZodType, path: FieldPath): z.ZodType | undefined {
  let cur: z.ZodType | undefined = unwrap(root);
  for (const seg of path) {
    if (cur instanceof z.ZodObject) cur = (cur.shape as Record<string, z.ZodType>)[String(seg)];
    else if (cur instanceof z.ZodArray) cur = cur.element as z.ZodType;
    else if (cur instanceof z.ZodRecord) cur = cur.valueType as z.ZodType;
    else return undefined;
    cur = cur ? unwrap(cur) : undefined;
  }
  return cur;
}

/**
 * The keys a mapping schema accepts: an object's fields, or an enum-keyed record's keys; empty otherwise.
 * @param schema a schema found by `schemaAt`
 */
export function allowedKeys(schema: z.ZodType | undefined): string[] {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape as Record<string, unknown>);
  if (schema instanceof z.ZodRecord && schema.keyType instanceof z.ZodEnum) return (schema.keyType.options as unknown[]).map(String);
  return [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let cur = schema;
  for (let i = 0; i < 10; i++) {
    if (cur instanceof z.ZodOptional || cur instanceof z.ZodDefault || cur instanceof z.ZodNullable) cur = cur.unwrap() as z.ZodType;
    else break;
  }
  return cur;
}
