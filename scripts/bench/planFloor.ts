/**
 * The floor of the plan benchmark: a bare SDK registration of N custom resources on the same mock
 * engine, with inputs of a similar size and no compiling, no components. Child-process entry:
 * `node --import tsx scripts/bench/planFloor.ts <N>` prints {resources, ms, maxRssKiB}.
 */
import * as openstack from "@pulumi/openstack";
import { runOffline } from "../../offline/mockEngine";

async function main(): Promise<void> {
  const n = Number(process.argv[2]);
  const t0 = performance.now();
  const { resources } = await runOffline(
    async () => {
      for (let i = 0; i < n; i++) {
        new openstack.networking.Network(`floor-${i}`, { name: `floor-${i}`, mtu: 9000, tags: ["site:floor", `zone:z${i % 11}`, "hatang"], segments: [{ networkType: "vlan", physicalNetwork: "physnet-dc", segmentationId: 100 + (i % 3000) }] });
      }
    },
    { project: "hatang", stack: "floor", config: {} },
  );
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ resources: resources.length, ms, maxRssKiB: process.resourceUsage().maxRSS }) + "\n");
}

void main();
