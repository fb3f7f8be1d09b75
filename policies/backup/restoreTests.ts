import type { Inventory } from "../../inventory/model";
import { daysBetween, type EvidenceRegister } from "../lib/evidence";

/** A backup policy whose restore tests are not current. */
export interface RestoreTestFinding {
  policy: string;
  text: string;
  /** Dotted inventory path (file:line). */
  at: string;
}

/** The control the evidence entries of restore tests carry. */
export const RESTORE_TEST_CONTROL = "DATA-10";

/**
 * Restore tests per backup policy, each on the policy's own interval (`restoreTestDays`): the newest
 * register entry of control DATA-10 naming the policy and dated on or before `asOf` must be at most that
 * many days old. A policy without an interval, or without any test, is a finding.
 * @param inv the inventory
 * @param policies ids of the policies to judge (those used where the run looks)
 * @param register the evidence register
 * @param asOf evaluation date
 */
export function judgeRestoreTests(inv: Inventory, policies: ReadonlySet<string>, register: EvidenceRegister, asOf: string): RestoreTestFinding[] {
  const out: RestoreTestFinding[] = [];
  inv.backupPolicies.forEach((b, i) => {
    if (!policies.has(b.id)) return;
    const at = `backupPolicies.${i}.restoreTestDays`;
    if (b.restoreTestDays === undefined) {
      out.push({ policy: b.id, text: `backup policy ${b.id} sets no restore-test interval; fix: set restoreTestDays and record each test in the evidence register`, at });
      return;
    }
    const tests = register.evidence.filter((e) => e.control === RESTORE_TEST_CONTROL && e.backupPolicy === b.id && e.date <= asOf).sort((x, y) => y.date.localeCompare(x.date));
    if (tests.length === 0) {
      out.push({ policy: b.id, text: `no restore test of backup policy ${b.id} is recorded (every ${b.restoreTestDays} days); fix: restore a copy and record it under ${RESTORE_TEST_CONTROL} with backupPolicy ${b.id}`, at });
      return;
    }
    const age = daysBetween(tests[0].date, asOf);
    if (age > b.restoreTestDays)
      out.push({ policy: b.id, text: `the last restore test of backup policy ${b.id} (${tests[0].reference}, ${tests[0].date}) is ${age} days old; the policy asks one every ${b.restoreTestDays} days; fix: run a restore test and record it`, at });
  });
  return out;
}
