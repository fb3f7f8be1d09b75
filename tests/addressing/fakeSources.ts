import type { FieldPath, SourceMap } from "../../inventory/loader/types";

/**
 * A source map that names the field path it was asked about in the file name, so a test can check
 * that each problem points at the right field (line numbers are the loader's job).
 */
export const fakeSources: SourceMap = {
  files: ["inventory.yaml"],
  locate: (path: FieldPath) => ({ file: `inventory.yaml#${path.join(".")}`, line: 7, column: 3 }),
};
