package io.github.nirguard.guard;

import static io.github.nirguard.guard.TestNirs.inDept;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The rate signals: distinct NIRs per sliding minute, hour and day. */
class RateSignalTest {
  @Test
  void distinctPerMinuteSlowsThenDenies() {
    EnumerationGuard g =
        SignalsTest.guard(SignalsTest.only().withDistinctPerMinute(Limit.of(3, 5)));
    assertSame(Decision.allow(), g.check("a", inDept(69, 0), SignalsTest.at(0)));
    assertSame(Decision.allow(), g.check("a", inDept(69, 1), SignalsTest.at(1)));
    Decision third = g.check("a", inDept(69, 2), SignalsTest.at(2));
    assertEquals(Verdict.SLOW_DOWN, third.verdict());
    assertTrue(third.has(Reason.RATE_MINUTE));
    assertEquals(Duration.ofSeconds(3), third.delay());
    assertEquals(Verdict.SLOW_DOWN, g.check("a", inDept(69, 3), SignalsTest.at(3)).verdict());
    Decision fifth = g.check("a", inDept(69, 4), SignalsTest.at(4));
    assertEquals(Verdict.DENY, fifth.verdict());
    assertTrue(fifth.has(Reason.RATE_MINUTE));
    assertEquals(Duration.ofHours(24).minusSeconds(0), fifth.delay());
  }

  @Test
  void repeatsOfOneNirCountOnceAndOtherPrincipalsDoNotAdd() {
    EnumerationGuard g =
        SignalsTest.guard(SignalsTest.only().withDistinctPerMinute(Limit.of(3, 5)));
    Nir n = inDept(69, 0);
    for (int i = 0; i < 20; i++) {
      assertSame(Decision.allow(), g.check("a", n, SignalsTest.at(i)));
    }
    assertSame(Decision.allow(), g.check("a", inDept(69, 1), SignalsTest.at(21)));
    assertSame(Decision.allow(), g.check("b", inDept(69, 2), SignalsTest.at(22)));
    assertSame(Decision.allow(), g.check("c", inDept(69, 3), SignalsTest.at(23)));
    assertEquals(2, g.snapshot("a", SignalsTest.at(23)).orElseThrow().distinctLastMinute());
  }

  @Test
  void theWindowSlides() {
    EnumerationGuard g =
        SignalsTest.guard(
            SignalsTest.only().withDistinctPerMinute(Limit.of(3, 5)).withBlockFor(Duration.ZERO));
    for (int i = 0; i < 4; i++) {
      g.check("a", inDept(69, i), SignalsTest.at(i));
    }
    assertEquals(4, g.snapshot("a", SignalsTest.at(5)).orElseThrow().distinctLastMinute());
    assertEquals(0, g.snapshot("a", SignalsTest.at(125)).orElseThrow().distinctLastMinute());
    assertSame(Decision.allow(), g.check("a", inDept(69, 10), SignalsTest.at(125)));
    assertEquals(4 + 1, g.snapshot("a", SignalsTest.at(126)).orElseThrow().distinctLastHour());
  }

  @Test
  void hourAndDayWindowsCountTheirSpan() {
    EnumerationGuard g =
        SignalsTest.guard(
            SignalsTest.only()
                .withDistinctPerHour(Limit.of(10, 20))
                .withDistinctPerDay(Limit.of(30, 40))
                .withBlockFor(Duration.ZERO));
    Decision last = null;
    for (int i = 0; i < 19; i++) { // one every two minutes: 19 in 38 minutes
      last = g.check("a", inDept(69, i), SignalsTest.at(120 * i));
    }
    assertEquals(Verdict.SLOW_DOWN, last.verdict());
    assertTrue(last.has(Reason.RATE_HOUR));
    Decision twentieth = g.check("a", inDept(69, 19), SignalsTest.at(120 * 19));
    assertEquals(Verdict.DENY, twentieth.verdict());
    // two hours later the hour window is empty, the day window still holds 20
    Decision later = g.check("a", inDept(69, 20), SignalsTest.at(120 * 19 + 7200));
    assertFalse(later.has(Reason.RATE_HOUR));
    assertEquals(
        21, g.snapshot("a", SignalsTest.at(120 * 19 + 7200)).orElseThrow().distinctLastDay());
  }
}
