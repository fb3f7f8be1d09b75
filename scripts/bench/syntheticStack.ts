/**
 * A synthetic province written as a stack the offline planner runs, in a temporary folder: the province
 * files, its address-plan lock, Pulumi.yaml and Pulumi.<site>.yaml. Benchmarks of what a user waits for
 * (the plan, the proof, the main job) start from it.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { inventoryToYamlFiles, type SyntheticSizes } from "../../inventory/synthetic/syntheticProvince";
import { allocateAddressPlan, renderLock, LOCK_FILE_NAME } from "../../inventory/addressing";
import type { Inventory } from "../../inventory/model";
import { oneSiteProvince } from "./oneSiteProvince";

/** A synthetic stack on disk. */
export interface SyntheticStack {
  /** The folder holding Pulumi.yaml and the stack file. */
  root: string;
  /** The province folder. */
  provinceDir: string;
  /** The stack (= site) name. */
  site: string;
  /** The inventory. */
  inventory: Inventory;
}

/**
 * A one-site synthetic province of the given sizes as a stack, in a new temporary folder.
 * @param sizes the province's sizes (one site)
 * @param label folder name prefix
 */
export function writeSyntheticStack(sizes: SyntheticSizes, label = "hatang-bench-"): SyntheticStack {
  return writeInventoryStack(oneSiteProvince({ ...sizes, sites: 1 }), label);
}

/**
 * Any inventory as the stack of its first site, in a new temporary folder (the caller removes `root`).
 * @param inv the inventory (its address plan must allocate)
 * @param label folder name prefix
 */
export function writeInventoryStack(inv: Inventory, label: string): SyntheticStack {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), label));
  const provinceDir = path.join(root, "province");
  fs.mkdirSync(provinceDir);
  for (const f of inventoryToYamlFiles(inv)) fs.writeFileSync(path.join(provinceDir, f.file), f.text);
  const alloc = allocateAddressPlan(inv);
  if (!alloc.ok) throw new Error(JSON.stringify(alloc.problems.slice(0, 3)));
  fs.writeFileSync(path.join(provinceDir, LOCK_FILE_NAME), renderLock(alloc.lock));
  const site = inv.sites[0].id;
  fs.copyFileSync(path.join(__dirname, "..", "..", "Pulumi.yaml"), path.join(root, "Pulumi.yaml"));
  fs.writeFileSync(
    path.join(root, `Pulumi.${site}.yaml`),
    [
      "config:",
      '  pulumi:disable-default-providers: ["openstack", "kubernetes"]',
      "  openstack:authUrl: https://keystone.example:5000/v3",
      "  openstack:userName: hatang-deployer",
      "  hatang:firewallSshUser: hatang",
      "  hatang:routerSshUser: hatang",
      "  hatang:nodeSshUser: debian",
      "  hatang:nodeSshPublicKey: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFhwCE3fNJaYgyVT7OxctUV6dNNXjlsq+EZhTSOy2Bms hatang-nodes@example",
      `  hatang:site: ${site}`,
      `  hatang:province: ${provinceDir}`,
      "  hatang:externalNetworkId: ext-net",
      "  hatang:logShipperImage: registry.example/fluent-bit:3.2@sha256:" + "a".repeat(64),
      "",
    ].join("\n"),
  );
  return { root, provinceDir, site, inventory: inv };
}
