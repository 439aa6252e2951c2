package io.github.nirguard.guard;

import static io.github.nirguard.guard.GuardDecisionsTest.allow;
import static io.github.nirguard.guard.GuardDecisionsTest.expect;
import static io.github.nirguard.guard.SignalsTest.at;
import static io.github.nirguard.guard.SignalsTest.guard;
import static io.github.nirguard.guard.SignalsTest.only;
import static io.github.nirguard.guard.TestNirs.inDept;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link Reason#NEW_PATIENTS}: the cold-start allowance, step-ups, and growth from human days. */
class NewPatientsTest {
  static final int DAY = 86_400;
  static final Duration WEEK = Duration.ofDays(7);

  @Test
  void aColdAccountStepsUpPastItsAllowanceThenAHumanGoesOn() {
    EnumerationGuard g = guard(only().withNewPatients(5, 0, 2));
    Principal p = g.principal("rpps-1");
    for (int i = 0; i < 5; i++) {
      allow(g.check(p, inDept(69, i), at(i)), "new " + i);
    }
    allow(g.check(p, inDept(69, 0), at(5)), "a returning patient is no new NIR");
    expect(g.check(p, inDept(69, 5), at(6)), Verdict.STEP_UP, WEEK, "6th", Reason.NEW_PATIENTS);
    // pending: every lookup asks, returning patients too, and nothing more is counted
    Decision pending = g.check(p, inDept(69, 0), at(7));
    assertEquals(Verdict.STEP_UP, pending.verdict());
    assertEquals(true, pending.has(Reason.STEP_UP_REQUIRED));
    g.stepUp(p, at(8));
    for (int i = 6; i < 40; i++) {
      allow(g.check(p, inDept(69, i), at(10 + i)), "verified " + i);
    }
  }

  @Test
  void theAllowanceGrowsFromDaysAHumanSteppedUpNotFromARobotsPatience() {
    EnumerationGuard g = guard(only().withNewPatients(5, 0, 2).withNewPatientsBeforeStepUp(0));
    Principal robot = g.principal("robot");
    Principal human = g.principal("human");
    int n = 0;
    for (int day = 0; day < 4; day++) { // the robot stays exactly within its allowance
      for (int i = 0; i < 5; i++) {
        allow(g.check(robot, inDept(13, n++), at(day * DAY + i)), "robot day " + day);
      }
    }
    for (int i = 0; i < 5; i++) {
      allow(g.check(robot, inDept(13, n++), at(4 * DAY + i)), "robot day 4, " + i);
    }
    expect(
        g.check(robot, inDept(13, n++), at(4 * DAY + 5)),
        Verdict.STEP_UP,
        WEEK,
        "still the cold start",
        Reason.NEW_PATIENTS);
    for (int i = 0; i < 12; i++) { // day 0: steps up at the 6th, then 12 in all
      Decision d = g.check(human, inDept(69, i), at(i));
      if (i == 5) {
        assertEquals(Verdict.STEP_UP, d.verdict());
        g.stepUp(human, at(i));
        d = g.check(human, inDept(69, i), at(i));
      }
      allow(d, "human day 0, " + i);
    }
    // day 1: the allowance is 2 × 12 = 24
    for (int i = 0; i < 24; i++) {
      allow(g.check(human, inDept(69, 100 + i), at(DAY + 13 * 3600 + i)), "human day 1, " + i);
    }
    expect(
        g.check(human, inDept(69, 200), at(DAY + 14 * 3600)),
        Verdict.STEP_UP,
        WEEK,
        "25th",
        Reason.NEW_PATIENTS);
  }

  @Test
  void noHumanEverSteppedUpBoundsTheNewNirsOfAllDays() {
    EnumerationGuard g = guard(only().withNewPatients(5, 0, 2).withNewPatientsBeforeStepUp(2));
    Principal robot = g.principal("robot");
    for (int i = 0; i < 10; i++) { // 5 a day, within the daily allowance
      allow(g.check(robot, inDept(13, i), at((i / 5) * DAY + i)), "robot " + i);
    }
    expect(
        g.check(robot, inDept(13, 10), at(2 * DAY)),
        Verdict.STEP_UP,
        WEEK,
        "11th in all: 2 × 5",
        Reason.NEW_PATIENTS);
    Principal human = g.principal("human");
    g.stepUp(human, at(0));
    for (int i = 0; i < 15; i++) {
      allow(g.check(human, inDept(69, i), at(13 * 3600 + (i / 5) * DAY + i)), "human " + i);
    }
  }

  @Test
  void aClientsStepUpIsScopedToItAndRenewedByEachAttempt() {
    EnumerationGuard g = guard(only().withNewPatients(0, 3, 2));
    Principal owner = g.principal("rpps-1", "counter");
    Principal robot = g.principal("rpps-1", "robot");
    for (int i = 0; i < 3; i++) {
      allow(g.check(robot, inDept(69, i), at(i)), "robot " + i);
    }
    expect(g.check(robot, inDept(69, 3), at(3)), Verdict.STEP_UP, WEEK, "4th", Reason.NEW_PATIENTS);
    for (int i = 0; i < 3; i++) {
      allow(g.check(owner, inDept(69, 10 + i), at(10 + i)), "the owner goes on " + i);
    }
    // six days later the robot is still asked, and its attempt renews the requirement
    Decision later = g.check(robot, inDept(69, 20), at(6 * DAY));
    assertEquals(Verdict.STEP_UP, later.verdict());
    assertEquals(WEEK, later.delay());
    assertEquals(Verdict.STEP_UP, g.check(robot, inDept(69, 21), at(12 * DAY)).verdict());
    // a week after the last attempt the requirement is over, but a client on which no human ever
    // stepped up has spent its allowance for life (15 by default, 3 here): asked again, afresh
    Decision expired = g.check(robot, inDept(69, 22), at(12 * DAY + 7 * DAY));
    assertEquals(Verdict.STEP_UP, expired.verdict());
    assertEquals(false, expired.has(Reason.STEP_UP_REQUIRED), expired.toString());
    assertEquals(true, expired.has(Reason.NEW_PATIENTS));
  }
}
