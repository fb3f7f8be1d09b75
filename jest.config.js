/**
 * Two projects: `unit` (fast, no services) and `openstack` (tests/openstack, against the real Keystone +
 * Neutron that globalSetup starts, installing them if missing). `npm run unit` runs both; a service
 * that cannot start fails the run, it never skips tests.
 * Type-checking is `npm run typecheck`'s job; with `isolatedModules` in tsconfig, ts-jest only transpiles.
 */
const transform = { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] };
module.exports = {
  testTimeout: 120000,
  projects: [
    {
      displayName: "unit",
      testEnvironment: "node",
      roots: ["<rootDir>/tests"],
      testMatch: ["**/*.test.ts"],
      testPathIgnorePatterns: ["/node_modules/", "<rootDir>/tests/openstack/"],
      transform,
    },
    {
      displayName: "openstack",
      testEnvironment: "node",
      roots: ["<rootDir>/tests/openstack"],
      testMatch: ["**/*.test.ts"],
      transform,
      globalSetup: "<rootDir>/tests/openstack/globalSetup.ts",
      globalTeardown: "<rootDir>/tests/openstack/globalTeardown.ts",
    },
  ],
};
