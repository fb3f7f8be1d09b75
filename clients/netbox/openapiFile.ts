import * as fs from "node:fs";
import * as path from "node:path";

/** Where NetBox's OpenAPI document lives beside the checkout: `shared/netbox/` of the workplace. */
export const OPENAPI_RELATIVE = path.join("shared", "netbox", "openapi-netbox-4.2.2.json");

/**
 * The NetBox OpenAPI document's path: `$NETBOX_OPENAPI` when set, else the first `shared/netbox/…` found
 * walking up from `from` (a clone has `../shared`, a worktree may sit deeper). Undefined when none.
 * @param from the folder to start from (the project root)
 * @param env the environment
 */
export function findOpenApiFile(from: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.NETBOX_OPENAPI) return path.resolve(env.NETBOX_OPENAPI);
  let dir = path.resolve(from);
  for (;;) {
    const candidate = path.join(dir, OPENAPI_RELATIVE);
    if (fs.existsSync(candidate)) return candidate;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}
