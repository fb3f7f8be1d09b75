/**
 * A test file's dataplane case: built in `beforeAll` (namespaces, OVS ports, rule bases, warm-up, listeners),
 * removed in `afterAll` whether or not the build or the tests passed.
 */
import type { DataplaneCase } from "./caseTypes";
import { Dataplane } from "./dataplane";
import { compareVerdicts, writeDataplaneReport, type Comparison, type Referee } from "./report";

/** What a test gets from its case. */
export interface CaseUnderTest {
  dp: Dataplane;
  /** Probes every case probe, compares with the expected verdicts and the referees', writes out/dataplane/<name>.{md,json} and returns the comparison. */
  probeAndReport(name: string, referees?: readonly Referee[]): Promise<Comparison>;
}

/**
 * Registers the case's build and clean-up hooks in the calling test file.
 * @param c the case
 */
export function caseUnderTest(c: DataplaneCase): CaseUnderTest {
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
  return {
    dp,
    async probeAndReport(name: string, referees: readonly Referee[] = []): Promise<Comparison> {
      const result = await compareVerdicts(dp, c.probes, referees);
      writeDataplaneReport(name, c, result, { buildMs, totalMs: Date.now() - started });
      return result;
    },
  };
}
