package io.github.nirguard.guard;

import static io.github.nirguard.guard.TestNirs.dept;
import static io.github.nirguard.guard.TestNirs.inDept;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import org.junit.jupiter.api.Test;

/** The failed-lookup signal: invalid text and unknown NIRs. */
class FailedLookupSignalTest {
  @Test
  void aGuesserIsDenied() {
    EnumerationGuard g = SignalsTest.guard(SignalsTest.only().withFailedLookups(Limit.of(8, 12)));
    Decision d = null;
    for (int i = 0; i < 12; i++) {
      d =
          i % 2 == 0
              ? g.checkInvalid("robot", SignalsTest.at(i))
              : g.check("robot", "1 85 05 78 006 084 36", SignalsTest.at(i));
      assertEquals(
          i < 7 ? Verdict.ALLOW : i < 11 ? Verdict.SLOW_DOWN : Verdict.DENY,
          d.verdict(),
          "lookup " + (i + 1));
    }
    assertTrue(d.has(Reason.FAILED_LOOKUPS));
  }

  @Test
  void unknownNirsCountAsFailures() {
    EnumerationGuard g = SignalsTest.guard(SignalsTest.only().withFailedLookups(Limit.denyAt(5)));
    Decision d = null;
    for (int i = 0; i < 5; i++) {
      Nir n = inDept(dept(i), i);
      assertSame(Decision.allow(), g.check("robot", n, SignalsTest.at(i)));
      d = g.recordUnknown("robot", n, SignalsTest.at(i));
    }
    assertEquals(Verdict.DENY, d.verdict());
    assertEquals(5, g.snapshot("robot", SignalsTest.at(10)).orElseThrow().failures());
  }

  @Test
  void occasionalTyposDoNotFire() {
    EnumerationGuard g = // the cold-start allowance of new NIRs is NewPatientsTest's
        EnumerationGuard.builder()
            .settings(GuardSettings.defaults().withNewPatients(0, 0, 2))
            .build();
    for (int i = 0; i < 500; i++) {
      if (i % 20 == 0) {
        assertSame(Decision.allow(), g.check("p", "2 55 08 14 168 025 39", SignalsTest.at(60 * i)));
      }
      assertSame(Decision.allow(), g.check("p", inDept(69, i % 150), SignalsTest.at(60 * i + 10)));
    }
  }
}
