package io.github.nirguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ObservationModeTest {

  /** Walks order numbers in one birth group: denied at the 6th lookup with the defaults. */
  private static void walk(EnumerationGuard g, Principal p, int n) {
    for (int i = 1; i <= n; i++) {
      g.check(p, TestNirs.nir(1, 80, 3, 69, 123, i), TestNirs.T0.plusSeconds(10L * i));
    }
  }

  @Test
  void anObservingGuardAnswersAllowButRecordsAndReportsWhatItWouldHaveDone() {
    DecisionCounts heard = new DecisionCounts();
    EnumerationGuard g = EnumerationGuard.builder().observeOnly(true).onDecision(heard).build();
    Principal p = g.principal("rpps-1", "robot");
    walk(g, p, 8);
    Decision later = g.check(p, TestNirs.nir(2, 50, 7, 13, 55, 1), TestNirs.T0.plusSeconds(600));
    assertEquals(Verdict.ALLOW, later.verdict(), "never refused");
    assertTrue(later.has(Reason.BLOCKED), "the reasons say what would have happened");
    assertEquals(
        9, heard.count(Verdict.ALLOW) + heard.count(Verdict.SLOW_DOWN) + heard.count(Verdict.DENY));
    assertEquals(4, heard.count(Verdict.DENY), "6th walk lookup, then blocked: 7th, 8th, later");
    assertTrue(heard.count(Reason.SEQUENTIAL) >= 1);
    assertTrue(
        g.snapshot("rpps-1", TestNirs.T0.plusSeconds(600)).orElseThrow().blockedUntil().isPresent(),
        "the block is recorded");
  }

  @Test
  void anEnforcingGuardTellsTheListenerTheSameDecisionsItReturns() {
    DecisionCounts heard = new DecisionCounts();
    EnumerationGuard g = EnumerationGuard.builder().onDecision(heard).build();
    Principal p = g.principal("rpps-2", "robot");
    int denied = 0;
    for (int i = 1; i <= 8; i++) {
      Decision d = g.check(p, TestNirs.nir(1, 80, 3, 69, 123, i), TestNirs.T0.plusSeconds(i));
      denied += d.verdict() == Verdict.DENY ? 1 : 0;
    }
    assertEquals(denied, heard.count(Verdict.DENY));
    assertEquals(8, heard.count(Verdict.ALLOW) + heard.count(Verdict.SLOW_DOWN) + denied);
    assertTrue(heard.toString().startsWith("DecisionCounts[ALLOW="), heard::toString);
  }

  @Test
  void aThrowingListenerDoesNotChangeTheAnswer() {
    EnumerationGuard g =
        EnumerationGuard.builder()
            .onDecision(
                (d, enforced) -> {
                  throw new IllegalStateException("metrics down");
                })
            .build();
    assertEquals(
        Verdict.ALLOW,
        g.check("rpps-3", TestNirs.nir(1, 80, 3, 69, 123, 1), TestNirs.T0).verdict());
  }
}
