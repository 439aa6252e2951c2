package io.github.nirguard.guard;

import static io.github.nirguard.guard.TestNirs.T0;
import static io.github.nirguard.guard.TestNirs.inDept;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Helpers for the signal tests (one class per signal), and the handling of time. */
class SignalsTest {

  /** A builder with every signal off, for testing one at a time. */
  static EnumerationGuard.Builder only() {
    return EnumerationGuard.builder()
        .distinctPerMinute(Limit.off()).distinctPerHour(Limit.off()).distinctPerDay(Limit.off())
        .sequential(Limit.off()).sameBirthGroup(Limit.off()).wideSpread(Limit.off())
        .offProfile(Limit.off()).failedLookups(Limit.off()).sharedTarget(Limit.off());
  }

  static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  @Test
  void timeGoingBackwardsIsTakenAsTheLatest() {
    EnumerationGuard g = only().distinctPerMinute(Limit.of(3, 5)).build();
    g.check("a", inDept(69, 0), at(1000));
    g.check("a", inDept(69, 1), at(10));
    g.check("a", inDept(69, 2), at(20));
    assertEquals(3, g.snapshot("a", at(1000)).orElseThrow().distinctLastMinute());
  }
}
