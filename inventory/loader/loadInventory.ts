import { Inventory } from "../model";
import { mergeFiles } from "./mergeFiles";
import { readInventorySources } from "./inventoryFiles";
import { crossFieldProblems, type RuleProblem } from "./rules";
import type { LoadResult, Problem, SourceMap } from "./types";
import { parseYamlFile, type ParsedFile, type SourceText } from "./yamlFile";
import { zodProblems } from "./zodProblems";

/**
 * Loads and validates a province: a YAML file or a folder of them. Returns the model with a source map,
 * or every problem found, each with file, line, column, field path, expectation and what was found.
 * Never throws for any input.
 * @param target a file or folder (relative to the working directory, or absolute)
 */
export function loadInventory(target: string): LoadResult {
  const { sources, problems } = readInventorySources(target);
  if (problems.length > 0) return { ok: false, problems };
  return loadSources(sources);
}

/**
 * Loads and validates inventory files given as text (in merge order). The stages run in turn and stop
 * at the first that finds problems, since later stages would read a model that is known to be wrong:
 * YAML syntax (every file), merge and schema (all issues), then the cross-field rules.
 * @param sources file names and contents
 */
export function loadSources(sources: readonly SourceText[]): LoadResult {
  try {
    return loadStages(sources);
  } catch (e) {
    // A bug of ours must still not show a stack trace to the person validating an inventory.
    const reason = e instanceof Error ? e.message : String(e);
    const location = sources.length > 0 ? { file: sources[0].file, line: 1, column: 1 } : undefined;
    return { ok: false, problems: [{ location, path: [], message: `internal error while loading (please report it): ${reason}` }] };
  }
}

function loadStages(sources: readonly SourceText[]): LoadResult {
  if (sources.length === 0) return { ok: false, problems: [{ path: [], message: "no inventory files given" }] };
  const parsed: ParsedFile[] = [];
  const yamlProblems: Problem[] = [];
  for (const s of sources) {
    const outcome = parseYamlFile(s);
    if (outcome.ok) parsed.push(outcome.parsed);
    else yamlProblems.push(...outcome.problems);
  }
  if (yamlProblems.length > 0) return { ok: false, problems: yamlProblems };

  const merged = mergeFiles(parsed);
  const result = Inventory.safeParse(merged.raw);
  const problems = [...merged.problems];
  if (!result.success) {
    const issues = result.error.issues.filter((i) => !(i.path.length > 0 && merged.rejectedKeys.has(String(i.path[0]))));
    problems.push(...zodProblems(issues, merged.raw, Inventory, merged.sources));
  }
  if (problems.length > 0 || !result.success) return { ok: false, problems: sortProblems(problems, merged.sources.files) };

  const ruleProblems = crossFieldProblems(result.data).map((r) => locateRuleProblem(r, merged.sources));
  if (ruleProblems.length > 0) return { ok: false, problems: sortProblems(ruleProblems, merged.sources.files) };
  return { ok: true, inventory: result.data, sources: merged.sources };
}

/**
 * Gives a rule's problem its location; a clash names where the first element is.
 * @param r the rule's problem
 * @param sources the source map
 */
export function locateRuleProblem(r: RuleProblem, sources: Pick<SourceMap, "locate">): Problem {
  const first = r.firstAt ? sources.locate(r.firstAt) : undefined;
  const message = first ? `${r.message} (first defined at ${first.file}:${first.line})` : r.message;
  return { location: sources.locate(r.path), path: r.path, message, ...(r.found === undefined ? {} : { found: r.found }) };
}

/**
 * Orders problems as a reader scans files: by file (load order), line, then column; stable otherwise.
 * @param problems the problems
 * @param files file names in load order
 */
export function sortProblems(problems: readonly Problem[], files: readonly string[]): Problem[] {
  const order = new Map(files.map((f, i) => [f, i]));
  const rank = (p: Problem): [number, number, number] =>
    p.location ? [order.get(p.location.file) ?? files.length, p.location.line, p.location.column] : [-1, 0, 0];
  return problems
    .map((p, i) => ({ p, i, r: rank(p) }))
    .sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1] || a.r[2] - b.r[2] || a.i - b.i)
    .map((x) => x.p);
}
