package io.github.nirguard.guard;

import static io.github.nirguard.guard.GuardDecisionsTest.allow;
import static io.github.nirguard.guard.GuardDecisionsTest.expect;
import static io.github.nirguard.guard.SignalsTest.at;
import static io.github.nirguard.guard.SignalsTest.guard;
import static io.github.nirguard.guard.SignalsTest.only;
import static io.github.nirguard.guard.TestNirs.inDept;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link Reason#GLOBAL_NEW_PATIENTS}: the budget of new NIRs over every tenant together. */
class GlobalBudgetTest {
  static final int DAY = 86_400;
  static final Duration WEEK = Duration.ofDays(7);

  @Test
  void manySmallTenantsTogetherMeetTheGlobalBudget() {
    // each tenant's allowance (20) is far from reached; the global one (24) is not
    EnumerationGuard g = guard(only().withTenantNewPatients(20, 2).withGlobalNewPatients(24, 2));
    int n = 0;
    for (int t = 0; t < 8; t++) { // 8 tenants, 3 new NIRs each: the global 24
      Principal p = g.principal("rpps-" + t).inTenant("tenant-" + t);
      for (int i = 0; i < 3; i++) {
        allow(g.check(p, inDept(69, n), at(n)), "within the budget " + n);
        n++;
      }
    }
    Principal late = g.principal("rpps-8").inTenant("tenant-8");
    expect(
        g.check(late, inDept(69, n++), at(100)),
        Verdict.STEP_UP,
        WEEK,
        "the 25th new NIR of the day, anywhere",
        Reason.GLOBAL_NEW_PATIENTS);
    // a human steps up and goes on; a returning patient is never judged; the next day starts afresh
    g.stepUp(late, at(110));
    allow(g.check(late, inDept(69, n++), at(111)), "verified");
    allow(g.check(g.principal("rpps-0").inTenant("tenant-0"), inDept(69, 0), at(112)), "returning");
    Decision other = g.check(g.principal("rpps-9").inTenant("tenant-9"), inDept(69, n++), at(113));
    assertEquals(Verdict.STEP_UP, other.verdict(), "unverified, any tenant");
    allow(
        g.check(g.principal("rpps-10").inTenant("tenant-10"), inDept(69, n++), at(DAY + 1)),
        "next day");
  }

  @Test
  void offByDefaultAndNamedApartFromTheTenants() {
    assertEquals(0, GuardSettings.defaults().values().globalNewPatients);
    EnumerationGuard off = guard(only());
    for (int i = 0; i < 200; i++) {
      allow(
          off.check(off.principal("rpps-" + i).inTenant("t" + i % 7), inDept(13, i), at(i)),
          "no global budget");
    }
    // the global count is kept apart from every tenant's, the default tenant's included
    EnumerationGuard both =
        guard(only().withTenantNewPatients(5, 2).withGlobalNewPatients(1000, 2));
    int n = 0;
    for (int i = 0; i < 5; i++) {
      allow(both.check(both.principal("rpps-" + i), inDept(13, n++), at(n)), "tenant " + i);
    }
    Decision d = both.check(both.principal("rpps-5"), inDept(13, n++), at(n));
    assertTrue(
        d.has(Reason.TENANT_NEW_PATIENTS) && !d.has(Reason.GLOBAL_NEW_PATIENTS), d.toString());
    assertThrows(
        IllegalArgumentException.class,
        () -> GuardSettings.defaults().withGlobalNewPatients(-1, 2));
    assertTrue(
        GuardSettings.defaults()
            .withGlobalNewPatients(50_000, 3)
            .toString()
            .contains("globalNewPatients=50000 x3.0"));
  }
}
