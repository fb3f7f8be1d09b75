/**
 * The real dataplane agrees with the rule bases: the hand-written sample site (seven zones behind three
 * enforcers, two tiers per zone, an Internet host) built from namespaces and Open vSwitch, each enforcer
 * loading its GENERATED nftables ruleset; real TCP, UDP and ICMP probes over IPv4 and IPv6 for every
 * allowed flow and a sample of denied ones; the kernel's verdict must equal the oracle's, probe by probe.
 */
import { sampleCase } from "./support/sampleCase";
import { caseUnderTest } from "./support/caseLifecycle";

const c = sampleCase();
const run = caseUnderTest(c);

test("every probe's kernel verdict equals the expected verdict", async () => {
  const result = await run.probeAndReport("sample");
  expect(result.mismatches).toEqual([]);
  expect(result.counts.ipv4.allow).toBeGreaterThan(0);
  expect(result.counts.ipv6.allow).toBeGreaterThan(0);
  expect(result.counts.ipv4.deny).toBeGreaterThan(0);
  expect(result.counts.ipv6.deny).toBeGreaterThan(0);
}, 600_000);
