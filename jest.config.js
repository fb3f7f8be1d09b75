/**
 * Six projects: `unit` (fast, no services), `browser` (`*.browser.test.ts`: the HTML exports opened in
 * Debian's headless Chromium, which globalSetup installs if missing), `openstack` (tests/openstack, against
 * the real Keystone + Neutron that globalSetup starts, installing them if missing), `dataplane`
 * (tests/dataplane: network namespaces, a private Open vSwitch and nftables on the real kernel; root),
 * `wan` (tests/wan-frr: FRR's own checker on every generated TSLCD edge configuration; FRR installed by
 * scripts/services/frr-install) and `cloudinit` (tests/cloudinit: every node's user-data through Debian's
 * `cloud-init schema`, installed by scripts/services/install-cloud-init). `npm run unit` runs them all; a service that cannot start fails the run,
 * it never skips tests.
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
      testPathIgnorePatterns: ["/node_modules/", "<rootDir>/tests/openstack/", "<rootDir>/tests/dataplane/", "<rootDir>/tests/wan-frr/", "<rootDir>/tests/cloudinit/", "\\.browser\\.test\\.ts$"],
      transform,
    },
    {
      displayName: "browser",
      testEnvironment: "node",
      roots: ["<rootDir>/tests"],
      testMatch: ["**/*.browser.test.ts"],
      transform,
      globalSetup: "<rootDir>/tests/exports/browserSetup.ts",
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
    {
      displayName: "dataplane",
      testEnvironment: "node",
      roots: ["<rootDir>/tests/dataplane"],
      testMatch: ["**/*.test.ts"],
      transform,
      globalSetup: "<rootDir>/tests/dataplane/globalSetup.ts",
      globalTeardown: "<rootDir>/tests/dataplane/globalTeardown.ts",
    },
    {
      displayName: "cloudinit",
      testEnvironment: "node",
      roots: ["<rootDir>/tests/cloudinit"],
      testMatch: ["**/*.test.ts"],
      transform,
      globalSetup: "<rootDir>/tests/cloudinit/globalSetup.ts",
    },
    {
      displayName: "wan",
      testEnvironment: "node",
      roots: ["<rootDir>/tests/wan-frr"],
      testMatch: ["**/*.test.ts"],
      transform,
      globalSetup: "<rootDir>/tests/wan-frr/globalSetup.ts",
    },
  ],
};
