import { loadInventory } from "../../inventory/loader";
import type { Inventory } from "../../inventory/model";
import type { PlannedResource } from "../../offline/planTypes";
import { planExampleStack } from "./planExample";
import { exampleKubernetesAssertions, examplePlanAssertions } from "./examplePlanAssertions";

// One stack per test file: the Pulumi SDK's runtime state is global to a module registry.
describe("offline plan of the example province, stack na-dc2", () => {
  let plan: PlannedResource[] = [];
  let inventory: Inventory;
  beforeAll(async () => {
    const loaded = loadInventory("inventory/provinces/ninh-an");
    if (!loaded.ok) throw new Error("the example province does not load");
    inventory = loaded.inventory;
    plan = await planExampleStack("na-dc2");
  });
  examplePlanAssertions(() => plan, () => inventory, "na-dc2");
  exampleKubernetesAssertions(() => plan);
});
