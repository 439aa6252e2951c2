package io.github.nirguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Hashes, descriptions and accessors of the guard's value types, pinned exactly. */
class ValueContractsTest {

  @Test
  void limitsHashSpreadAndDifferByBothThresholds() {
    Limit l = Limit.of(3, 5);
    assertEquals(3, l.slowDown());
    assertEquals(5, l.deny());
    assertEquals(3 * 31 + 5, l.hashCode());
    assertNotEquals(Limit.of(3, 6), l);
    assertNotEquals(Limit.of(4, 5), l);
    assertNotEquals(l, "Limit[slowDown=3, deny=5]");
    assertEquals(Limit.of(3, 5).hashCode(), l.hashCode());
    assertNotEquals(Limit.of(5, 5).hashCode(), Limit.of(3, 5).hashCode());
  }

  @Test
  void decisionsHashByVerdictReasonsAndDelay() {
    Set<Integer> hashes = new HashSet<>();
    for (Verdict v : new Verdict[] {Verdict.SLOW_DOWN, Verdict.DENY}) {
      for (Reason r : new Reason[] {Reason.RATE_HOUR, Reason.SEQUENTIAL, Reason.BLOCKED}) {
        for (long s : new long[] {1, 2, 60}) {
          Decision d = Decision.of(v, Set.of(r), Duration.ofSeconds(s));
          assertEquals(
              (v.hashCode() * 31 + r.bit()) * 31 + Duration.ofSeconds(s).hashCode(), d.hashCode());
          hashes.add(d.hashCode());
        }
      }
    }
    assertEquals(18, hashes.size(), "distinct decisions, distinct hashes");
  }

  @Test
  void principalsHashByFingerprintAndDescribeWithoutNames() {
    EnumerationGuard g = SignalsTest.guard(SignalsTest.only());
    Principal a = g.principal("rpps-1", "counter-1");
    Principal alone = g.principal("rpps-1");
    assertEquals(a, g.principal("rpps-1", "counter-1"));
    assertEquals(a.hashCode(), g.principal("rpps-1", "counter-1").hashCode());
    assertEquals(
        Long.hashCode((a.account * 31 + a.client) * 31 + a.tenant) * 31 + Long.hashCode(a.device),
        a.hashCode());
    assertNotEquals(a, a.inTenant("chain-1"));
    assertEquals(a.inTenant("chain-1"), g.principal("rpps-1", "counter-1").inTenant("chain-1"));
    assertNotEquals(a, a.withClientFingerprint("host-1"));
    assertTrue(a.withClientFingerprint("host-1").hasClientFingerprint());
    assertFalse(a.hasClientFingerprint());
    assertEquals(
        "Principal[account+client]", a.inTenant("chain-1").withClientFingerprint("h").toString());
    assertNotEquals(a.hashCode(), g.principal("rpps-1", "counter-2").hashCode());
    assertNotEquals(a, alone);
    assertEquals("Principal[account+client]", a.toString());
    assertEquals("Principal[account]", alone.toString());
    assertTrue(a.hasClient());
    assertFalse(alone.hasClient());
  }

  @Test
  void decisionCountsListOnlyWhatHappened() {
    DecisionCounts c = new DecisionCounts();
    assertEquals("DecisionCounts[]", c.toString());
    c.onDecision(Decision.of(Verdict.DENY, Set.of(Reason.SEQUENTIAL), Duration.ZERO), true);
    assertEquals("DecisionCounts[DENY=1, SEQUENTIAL=1]", c.toString());
    c.onDecision(Decision.allow(), true);
    assertEquals("DecisionCounts[ALLOW=1, DENY=1, SEQUENTIAL=1]", c.toString());
  }

  @Test
  void recordsReportTheirLatestCheckAndTheirLatestHold() {
    GuardRecord r = GuardRecord.empty();
    assertEquals(0, r.lastSeenEpochSecond());
    assertEquals(0, r.blockedUntilEpochSecond());
    assertEquals("GuardRecord[checks=0, failures=0, blocked=false]", r.toString());
    r.lastSeen = 100;
    r.blockedUntil = 100;
    assertEquals(100, r.lastSeenEpochSecond());
    assertEquals(100, r.blockedUntilEpochSecond());
    assertEquals("GuardRecord[checks=0, failures=0, blocked=false]", r.toString(), "ends now");
    r.blockedUntil = 101;
    assertEquals("GuardRecord[checks=0, failures=0, blocked=true]", r.toString());
    r.stepUpUntil = 150;
    assertEquals(150, r.blockedUntilEpochSecond());
    StepUps.require(r, 5, 170, 100);
    assertEquals(170, r.blockedUntilEpochSecond(), "a client's requirement holds the record");
    StepUps.verify(r, 7, 900, 100);
    assertEquals(170, r.blockedUntilEpochSecond(), "a verification does not");
  }

  @Test
  void clearingEvidenceForgetsTheShortTermStateOnly() {
    GuardRecord r = GuardRecord.empty();
    java.util.Arrays.fill(r.ring, 7L);
    java.util.Arrays.fill(r.walk, 7L);
    java.util.Arrays.fill(r.breadth, (byte) 7);
    java.util.Arrays.fill(r.rate, 7);
    java.util.Arrays.fill(r.window, (byte) 7);
    r.lastSeen = 42;
    r.clearEvidence();
    for (long v : r.ring) {
      assertEquals(0, v);
    }
    for (long v : r.walk) {
      assertEquals(0, v);
    }
    for (byte v : r.breadth) {
      assertEquals(0, v);
    }
    for (int v : r.rate) {
      assertEquals(0, v);
    }
    for (byte v : r.window) {
      assertEquals(0, v);
    }
    assertEquals(42, r.lastSeenEpochSecond());
  }

  @Test
  void stepsDescribeTheirKindAndLevelAndRaiseOnlyFiredSignals() {
    Step s = new Step(null);
    s.start(Step.Kind.LOOKUP, 5);
    s.raise(Reason.RATE_HOUR, 0);
    assertEquals(0, s.bits);
    s.raise(Reason.RATE_HOUR, 1);
    assertEquals(Reason.RATE_HOUR.bit(), s.bits);
    assertEquals("Step[LOOKUP, level 1]", s.toString());
  }

  @Test
  void stepUpTimesDescribeAllThree() {
    StepUpTimes t = StepUpTimes.of(Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(3));
    assertEquals(Duration.ofHours(2), t.client());
    assertEquals("stepUpFor=PT1H/PT2H, verifiedFor=PT3H", t.describe());
  }
}
