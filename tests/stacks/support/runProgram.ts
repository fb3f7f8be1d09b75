/**
 * Child-process entry for tests: runs the stack program on the mock engine with the config given as
 * JSON in argv[2] (`{stack, config, secretKeys}`) and prints the resource count. A program error ends
 * the process with the SDK's own report (the SDK raises it outside any promise a caller could catch).
 */
import { runOffline } from "../../../offline/mockEngine";
import { siteProgram } from "../../../stacks/siteProgram";

const { stack, config, secretKeys } = JSON.parse(process.argv[2] as string) as { stack: string; config: Record<string, string>; secretKeys: string[] };
runOffline(siteProgram, { project: "hatang", stack, config, secretKeys }).then((r) => console.log(`resources: ${r.resources.length}`));
