package io.github.nirguard.guard;

import static io.github.nirguard.guard.GuardDecisionsTest.allow;
import static io.github.nirguard.guard.GuardDecisionsTest.expect;
import static io.github.nirguard.guard.SignalsTest.at;
import static io.github.nirguard.guard.SignalsTest.guard;
import static io.github.nirguard.guard.SignalsTest.only;
import static io.github.nirguard.guard.TestNirs.inDept;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The tenant's coverage per department of birth ({@link Reason#TENANT_COVERAGE}): new NIRs born in
 * one department, counted over the tenant's principals against the tenant's history of that
 * department; answers STEP_UP, scoped to that department and to unverified clients.
 */
class TenantCoverageTest {
  static final int DAY = 86_400;
  static final Duration WEEK = Duration.ofDays(7);

  @Test
  void oneDepartmentCoveredBeyondItsAllowanceAsksTheTenantsUnverifiedClients() {
    EnumerationGuard g = guard(only().withTenantCoverage(10, 2));
    int n = 0;
    for (int a = 0; a < 5; a++) { // 5 accounts, 2 new NIRs each born in the Rhône: the 10
      Principal p = g.principal("rpps-" + a, "desk").inTenant("chain");
      for (int i = 0; i < 2; i++) {
        allow(g.check(p, inDept(69, n++), at(n)), "within the department's allowance " + n);
      }
    }
    Principal late = g.principal("rpps-5", "desk").inTenant("chain");
    expect(g.check(late, inDept(69, n++), at(100)), Verdict.STEP_UP, WEEK, "11th", coverage());
    // scoped: another department of the tenant, another tenant, the default one go on
    Principal other = g.principal("rpps-6", "desk").inTenant("chain");
    for (int i = 0; i < 10; i++) {
      allow(g.check(other, inDept(13, i), at(101 + i)), "Bouches-du-Rhône " + i);
    }
    allow(g.check(g.principal("rpps-90").inTenant("other"), inDept(69, n++), at(120)), "other");
    allow(g.check(g.principal("rpps-91"), inDept(69, n++), at(121)), "default tenant");
    // a returning patient is never judged, a verified client goes on
    allow(g.check(g.principal("rpps-0", "desk").inTenant("chain"), inDept(69, 0), at(122)), "back");
    Principal human = g.principal("rpps-7", "desk").inTenant("chain");
    g.stepUp(human, at(123));
    allow(g.check(human, inDept(69, n++), at(124)), "verified");
    // a new UTC day starts afresh
    Principal next = g.principal("rpps-8", "desk").inTenant("chain");
    allow(g.check(next, inDept(69, n), at(DAY + 1)), "next day");
  }

  @Test
  void theAllowanceGrowsFromEstablishedPrincipalsOnly() {
    EnumerationGuard g = guard(only().withTenantCoverage(10, 2));
    Principal desk = g.principal("rpps-0", "desk").inTenant("chain");
    g.stepUp(desk, at(0)); // a human: established
    int n = 0;
    for (int i = 0; i < 30; i++) { // day 0: 30 new Gironde NIRs of an established desk
      allow(g.check(desk, inDept(33, n++), at(1 + i)), "verified desk " + i);
    }
    // day 1: 2 × 30 = 60, spent by cold robots that never raise it
    for (int i = 0; i < 60; i++) {
      Principal robot = g.principal("cps-" + i, "robot").inTenant("chain");
      allow(g.check(robot, inDept(33, n++), at(DAY + i)), "day 1, " + i);
    }
    Principal robot = g.principal("cps-60", "robot").inTenant("chain");
    expect(
        g.check(robot, inDept(33, n++), at(DAY + 99)), Verdict.STEP_UP, WEEK, "61st", coverage());
    // day 2: 30 decayed by an eighth (27), the robots' not learned: 54
    for (int i = 0; i < 54; i++) {
      Principal r = g.principal("cps-" + (100 + i), "robot").inTenant("chain");
      allow(g.check(r, inDept(33, n++), at(2 * DAY + i)), "day 2, " + i);
    }
    Principal last = g.principal("cps-200", "robot").inTenant("chain");
    expect(
        g.check(last, inDept(33, n), at(2 * DAY + 99)), Verdict.STEP_UP, WEEK, "55th", coverage());
  }

  @Test
  void offByDefaultAndRangesAreChecked() {
    assertEquals(0, GuardSettings.defaults().values().tenantCoverage);
    assertTrue(GuardSettings.defaults().toString().contains("tenantCoverage=0 x2.0"));
    GuardSettings d = GuardSettings.defaults();
    assertEquals(
        "tenantCoverage must be 0 (off) or more",
        assertThrows(IllegalArgumentException.class, () -> d.withTenantCoverage(-1, 2))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> d.withTenantCoverage(5, 0.5));
    // off: a tenant covering one department far beyond any allowance is never asked
    EnumerationGuard g = guard(only());
    Principal p = g.principal("rpps-0", "desk").inTenant("chain");
    for (int i = 0; i < 200; i++) {
      allow(
          g.check(g.principal("cps-" + i, "robot").inTenant("chain"), inDept(69, i), at(i)),
          "" + i);
    }
    allow(g.check(p, inDept(69, 999), at(999)), "off");
  }

  @Test
  void eachDepartmentOfATenantHasItsOwnKey() {
    Set<Long> keys = new HashSet<>();
    for (long tenant : new long[] {1L, 2L, -7L, 0x1234_5678_9abc_def0L}) {
      for (int dept = 0; dept < GuardRecord.DEPTS; dept++) {
        long k = Decider.coverageKey(tenant, dept);
        assertNotEquals(tenant, k);
        assertTrue(keys.add(k), "tenant " + tenant + ", department " + dept);
      }
    }
  }

  private static Reason coverage() {
    return Reason.TENANT_COVERAGE;
  }
}
