import { pathToFileURL } from "node:url";

/**
 * Node flags that run a TypeScript file in a child process with the project's own tsx, whatever the
 * working directory (a command run from another project folder still finds it).
 */
export function tsxImport(): string[] {
  return ["--import", pathToFileURL(require.resolve("tsx")).href];
}
