import { describeExampleStack } from "./examplePlanAssertions";

// One stack per test file: the Pulumi SDK's runtime state is global to a module registry.
describeExampleStack("na-dc1");
