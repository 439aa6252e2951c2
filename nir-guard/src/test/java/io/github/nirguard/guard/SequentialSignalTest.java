package io.github.nirguard.guard;

import static io.github.nirguard.guard.TestNirs.inDept;
import static io.github.nirguard.guard.TestNirs.nir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The sequential-walk and birth-group signals. */
class SequentialSignalTest {
  @Test
  void aWalkerIsDeniedAtTheSixthNir() {
    EnumerationGuard g = SignalsTest.guard(SignalsTest.only().withSequential(Limit.of(3, 5)));
    Decision d = null;
    for (int order = 1; order <= 6; order++) {
      d = g.check("robot", nir(2, 85, 5, 75, 112, order), SignalsTest.at(order));
      if (order <= 3) {
        assertSame(Decision.allow(), d, "order " + order);
      } else if (order <= 5) {
        assertEquals(Verdict.SLOW_DOWN, d.verdict(), "order " + order);
      }
    }
    assertEquals(Verdict.DENY, d.verdict());
    assertTrue(d.has(Reason.SEQUENTIAL));
  }

  @Test
  void nearSequentialWithinTheGapChains() {
    EnumerationGuard g =
        SignalsTest.guard(SignalsTest.only().withSequential(Limit.denyAt(4)).withSequentialGap(8));
    int[] orders = {3, 10, 17, 25, 31};
    Decision d = null;
    for (int i = 0; i < orders.length; i++) {
      d = g.check("robot", nir(1, 70, 11, 13, 55, orders[i]), SignalsTest.at(i));
    }
    assertEquals(Verdict.DENY, d.verdict());
  }

  @Test
  void twinsAndUnrelatedPatientsDoNotFire() {
    EnumerationGuard g =
        EnumerationGuard.builder()
            // the cold-start allowance of new NIRs is NewPatientsTest's
            .settings(GuardSettings.defaults().withNewPatients(0, 0, 2))
            .build(); // defaults
    assertSame(Decision.allow(), g.check("p", nir(2, 90, 4, 69, 123, 41), SignalsTest.at(0)));
    assertSame(
        Decision.allow(), g.check("p", nir(2, 90, 4, 69, 123, 42), SignalsTest.at(60))); // her twin
    for (int i = 0; i < 40; i++) {
      assertSame(Decision.allow(), g.check("p", inDept(69, i), SignalsTest.at(120 + 60 * i)));
    }
    // orders far apart in one birth group: not a chain
    assertSame(Decision.allow(), g.check("p", nir(1, 60, 2, 69, 387, 100), SignalsTest.at(5000)));
    assertSame(Decision.allow(), g.check("p", nir(1, 60, 2, 69, 387, 200), SignalsTest.at(5060)));
  }

  @Test
  void aBirthGroupCrowdedWithFarOrdersFires() {
    EnumerationGuard g = SignalsTest.guard(SignalsTest.only().withSameBirthGroup(Limit.of(4, 6)));
    Decision d = null;
    for (int i = 0; i < 6; i++) {
      d = g.check("robot", nir(1, 77, 8, 33, 63, 1 + 100 * i), SignalsTest.at(i));
      assertEquals(
          i < 3 ? Verdict.ALLOW : i < 5 ? Verdict.SLOW_DOWN : Verdict.DENY,
          d.verdict(),
          "lookup " + (i + 1));
    }
    assertTrue(d.has(Reason.SAME_BIRTH_GROUP));
  }
}
