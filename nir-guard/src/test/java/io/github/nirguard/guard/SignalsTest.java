package io.github.nirguard.guard;

import static io.github.nirguard.guard.TestNirs.T0;
import static io.github.nirguard.guard.TestNirs.inDept;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Helpers for the signal tests (one class per signal), and the handling of time. */
class SignalsTest {

  /** Settings with every signal off, for testing one at a time. */
  static GuardSettings only() {
    return GuardSettings.defaults()
        .withDistinctPerMinute(Limit.off())
        .withDistinctPerHour(Limit.off())
        .withDistinctPerDay(Limit.off())
        .withSequential(Limit.off())
        .withSameBirthGroup(Limit.off())
        .withWideSpread(Limit.off())
        .withOffProfile(Limit.off())
        .withFailedLookups(Limit.off())
        .withSharedTarget(Limit.off())
        .withBirthWalks(Limit.off(), Limit.off())
        .withCrowdWalk(Limit.off(), java.time.Duration.ofMinutes(10))
        .withNewPatients(0, 0, 2)
        .withTenantNewPatients(0, 2)
        .withColdStartSwarm(0, 2, java.time.Duration.ofDays(7))
        .withSharedFingerprint(Limit.off(), java.time.Duration.ofHours(24))
        .withBreadthStepsUp(false);
  }

  /** A guard with these settings and the other defaults. */
  static EnumerationGuard guard(GuardSettings settings) {
    return EnumerationGuard.builder().settings(settings).build();
  }

  static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  @Test
  void timeGoingBackwardsIsTakenAsTheLatest() {
    EnumerationGuard g = guard(only().withDistinctPerMinute(Limit.of(3, 5)));
    g.check("a", inDept(69, 0), at(1000));
    g.check("a", inDept(69, 1), at(10));
    g.check("a", inDept(69, 2), at(20));
    assertEquals(3, g.snapshot("a", at(1000)).orElseThrow().distinctLastMinute());
  }
}
