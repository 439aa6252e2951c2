package io.github.nirguard.guard;

import static io.github.nirguard.guard.GuardDecisionsTest.SLOW;
import static io.github.nirguard.guard.GuardDecisionsTest.allow;
import static io.github.nirguard.guard.GuardDecisionsTest.expect;
import static io.github.nirguard.guard.SignalsTest.at;
import static io.github.nirguard.guard.SignalsTest.guard;
import static io.github.nirguard.guard.SignalsTest.only;
import static io.github.nirguard.guard.TestNirs.nir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link Reason#CROWD_WALK}, a walk spread over accounts and clients, and the bound of {@link
 * Reason#SHARED_TARGET}: both ask for a step-up, never deny.
 */
class CrowdWalkTest {
  static final Duration WEEK = Duration.ofDays(7);

  @Test
  void aCommuneWalkSpreadOverAccountsIsSeenByTheTenant() {
    EnumerationGuard g = guard(only().withCrowdWalk(Limit.of(3, 4), Duration.ofMinutes(10)));
    allow(g.check(g.principal("a0", "c"), commune(1), at(0)), "1");
    allow(g.check(g.principal("a1", "c"), commune(1), at(1)), "the same NIR counts once");
    allow(g.check(g.principal("a1", "c"), commune(2), at(2)), "2");
    expect(
        g.check(g.principal("a2", "c"), commune(3), at(3)),
        Verdict.SLOW_DOWN,
        SLOW,
        "3",
        Reason.CROWD_WALK);
    Principal fourth = g.principal("a3", "c");
    expect(g.check(fourth, commune(4), at(4)), Verdict.STEP_UP, WEEK, "4", Reason.CROWD_WALK);
    Decision sticky = g.check(fourth, nir(2, 55, 1, 13, 400, 8), at(5));
    assertEquals(Verdict.STEP_UP, sticky.verdict(), "that client stays asked");
    assertTrue(sticky.has(Reason.STEP_UP_REQUIRED));
    Principal verified = g.principal("a4", "c");
    g.stepUp(verified, at(6));
    expect(
        g.check(verified, commune(5), at(7)),
        Verdict.SLOW_DOWN,
        SLOW,
        "a verified client is slowed only",
        Reason.CROWD_WALK);
    allow(g.check(g.principal("a5", "c"), commune(6), at(7 + 601)), "the window is over");
  }

  @Test
  void aBirthdateWalkFoundInOneYearIsAskedInTheNextYearsToo() {
    EnumerationGuard g = guard(only().withCrowdWalk(Limit.of(3, 4), Duration.ofMinutes(10)));
    for (int m = 1; m <= 3; m++) {
      g.check(g.principal("a" + m, "c"), nir(1, 80, m, 69, 123, 5), at(m));
    }
    expect(
        g.check(g.principal("a4", "c"), nir(1, 80, 4, 69, 123, 5), at(4)),
        Verdict.STEP_UP,
        WEEK,
        "April 1980: 4",
        Reason.CROWD_WALK);
    expect(
        g.check(g.principal("a5", "c"), nir(1, 79, 1, 69, 123, 7), at(5)),
        Verdict.STEP_UP,
        WEEK,
        "January 1979: the first of its year, the walk's birthplace",
        Reason.CROWD_WALK);
    allow(g.check(g.principal("a6", "c"), nir(2, 79, 1, 69, 123, 7), at(6)), "the other sex");
    allow(g.check(g.principal("a7", "c"), nir(1, 79, 6, 69, 124, 7), at(7)), "another commune");
    allow(
        g.check(g.principal("a8", "c"), nir(1, 79, 2, 69, 123, 7), at(7 + 601)),
        "the mark lasts the window");
  }

  @Test
  void theSharedTargetAsksAStepUpNeverDeniesAndNeverJudgesAKnownPatient() {
    EnumerationGuard g = guard(only().withSharedTarget(Limit.of(2, 3)));
    Nir patient = nir(2, 61, 3, 69, 123, 45);
    allow(g.check("her-pharmacy", patient, at(0)), "her pharmacy, day 0");
    for (int i = 0; i < 8; i++) {
      Decision d = g.check("stolen-" + i, patient, at(86_400 + i));
      assertTrue(d.answerable() || d.verdict() == Verdict.STEP_UP, d.toString());
    }
    allow(g.check("her-pharmacy", patient, at(86_400 + 60)), "a known patient is never judged");
    Principal doctor = g.principal("her-doctor");
    expect(
        g.check(doctor, patient, at(86_400 + 90)),
        Verdict.STEP_UP,
        WEEK,
        "new carer",
        Reason.SHARED_TARGET);
    g.stepUp(doctor, at(86_400 + 95));
    allow(g.check(doctor, patient, at(86_400 + 100)), "after a step-up: a patient of hers now");
  }

  /** One birth period of the Rhône, commune after commune. */
  static Nir commune(int i) {
    return nir(1 + i % 2, 84, 9, 69, 100 + i, 3);
  }
}
