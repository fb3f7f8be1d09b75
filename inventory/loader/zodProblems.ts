import type { z } from "zod";
import { describeValue, valueAt } from "./describeValue";
import { allowedKeys, schemaAt } from "./schemaAt";
import { closestWord } from "./suggest";
import type { FieldPath, Problem } from "./types";
import type { YamlSourceMap } from "./yamlSourceMap";

/** Zod's built-in English messages start like this; anything else was written in the model and is kept. */
const DEFAULT_MESSAGE = /^(Invalid|Too small|Too big|Unrecognized key|Expected)/;

const TYPE_WORDS: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "a mapping (key: value lines)",
  record: "a mapping (key: value lines)",
  array: "a list (\"- \" items)",
  date: "a date",
  bigint: "a whole number",
};

/**
 * Turns zod issues into problems worded "expected X" with what was found and where.
 * @param issues the issues of a failed `safeParse`, all of them
 * @param raw the data that was parsed (to show what was found)
 * @param schema the schema that was used (to list allowed keys)
 * @param sources maps paths to file locations
 */
export function zodProblems(issues: readonly z.core.$ZodIssue[], raw: unknown, schema: z.ZodType, sources: YamlSourceMap): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path: FieldPath = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
    if (issue.code === "unrecognized_keys") {
      const allowed = allowedKeys(schemaAt(schema, path));
      for (const key of issue.keys) {
        const keyPath = [...path, key];
        const hint = closestWord(key, allowed);
        problems.push({
          location: sources.locateKey(keyPath),
          path: keyPath,
          message: `unknown field "${key}"${hint ? ` (did you mean "${hint}"?)` : ""}${allowed.length ? `; allowed: ${allowed.join(", ")}` : ""}`,
        });
      }
      continue;
    }
    const value = valueAt(raw, path);
    const message = issueMessage(issue, value, path);
    problems.push({ location: sources.locate(path), path, message, ...(value === undefined ? {} : { found: describeValue(value) }) });
  }
  return problems;
}

/**
 * The "expected ..." wording of one issue (other than unknown keys).
 * @param issue a zod issue
 * @param value what the data holds at the issue's path
 * @param path the issue's path (its last element names a missing field)
 */
export function issueMessage(issue: z.core.$ZodIssue, value: unknown, path: FieldPath): string {
  const custom = DEFAULT_MESSAGE.test(issue.message) ? undefined : issue.message;
  switch (issue.code) {
    case "invalid_type": {
      const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
      if (value === undefined && path.length > 0) return `missing required field "${String(path[path.length - 1])}" (expected ${expected})`;
      // YAML reads 0123, 1e5, yes-looking or numeric-looking words as numbers/booleans: say how to keep them text.
      const quoteHint = issue.expected === "string" && (typeof value === "number" || typeof value === "boolean") ? ' (put it in quotes: YAML read it as a number or true/false)' : "";
      return custom ?? `expected ${expected}${quoteHint}`;
    }
    case "too_small":
    case "too_big": {
      if (custom) return custom;
      const small = issue.code === "too_small";
      const bound = small ? issue.minimum : issue.maximum;
      const inclusive = issue.inclusive !== false;
      const word = small ? (inclusive ? "at least" : "more than") : inclusive ? "at most" : "less than";
      if (issue.origin === "array" || issue.origin === "set") return `expected ${word} ${String(bound)} item${Number(bound) === 1 ? "" : "s"}`;
      if (issue.origin === "string") return `expected ${word} ${String(bound)} character${Number(bound) === 1 ? "" : "s"}`;
      return `expected a number ${word} ${String(bound)}`;
    }
    case "invalid_value": {
      if (custom) return custom;
      const values = issue.values.map((v) => JSON.stringify(v));
      const hint = typeof value === "string" ? closestWord(value, issue.values.map(String)) : undefined;
      const expected = values.length === 1 ? `expected ${values[0]}` : `expected one of ${values.join(", ")}`;
      return hint ? `${expected} (did you mean "${hint}"?)` : expected;
    }
    case "invalid_format":
      return custom ?? (issue.format === "regex" && issue.pattern ? `expected text matching ${issue.pattern}` : `expected a valid ${issue.format}`);
    case "not_multiple_of":
      return custom ?? `expected a multiple of ${String(issue.divisor)}`;
    default:
      return custom ?? "invalid value";
  }
}
