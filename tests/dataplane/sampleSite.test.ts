/**
 * The real dataplane agrees with the rule bases: the hand-written sample site (seven zones behind three
 * enforcers, two tiers per zone, an Internet host) built from namespaces and Open vSwitch, each enforcer
 * loading its GENERATED nftables ruleset; real TCP, UDP and ICMP probes over IPv4 and IPv6 for every
 * allowed flow and a sample of denied ones; the kernel's verdict must equal the oracle's, probe by probe.
 */
import { Dataplane } from "./support/dataplane";
import { sampleCase } from "./support/sampleCase";
import { compareVerdicts, writeDataplaneReport } from "./support/report";

const c = sampleCase();
const dp = new Dataplane(c);
const started = Date.now();
let buildMs = 0;

beforeAll(async () => {
  dp.build();
  dp.warmUp();
  await dp.listen(c.probes);
  buildMs = Date.now() - started;
}, 300_000);

afterAll(() => {
  const problems = dp.destroy();
  if (problems.length > 0) console.warn(`clean-up problems:\n${problems.join("\n")}`);
});

test("every probe's kernel verdict equals the expected verdict", async () => {
  const result = await compareVerdicts(dp, c.probes);
  writeDataplaneReport("sample", c, result, { buildMs, totalMs: Date.now() - started });
  expect(result.mismatches).toEqual([]);
  expect(result.counts.ipv4.allow).toBeGreaterThan(0);
  expect(result.counts.ipv6.allow).toBeGreaterThan(0);
  expect(result.counts.ipv4.deny).toBeGreaterThan(0);
  expect(result.counts.ipv6.deny).toBeGreaterThan(0);
}, 600_000);
