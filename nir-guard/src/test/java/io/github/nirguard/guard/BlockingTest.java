package io.github.nirguard.guard;

import static io.github.nirguard.guard.TestNirs.dept;
import static io.github.nirguard.guard.TestNirs.inDept;
import static io.github.nirguard.guard.TestNirs.nir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Blocks after a DENY, their end and release, and accounts with clients. */
class BlockingTest {
  static EnumerationGuard walkerGuard(Duration block) {
    return SignalsTest.guard(
        SignalsTest.only().withSequential(Limit.denyAt(3)).withBlockFor(block));
  }

  static void walk(EnumerationGuard g, Principal who, int from) {
    for (int order = from; order < from + 4; order++) {
      g.check(who, nir(1, 85, 5, 75, 112, order), SignalsTest.at(order));
    }
  }

  @Test
  void aDenyBlocksThePrincipalUntilItExpires() {
    EnumerationGuard g = walkerGuard(Duration.ofHours(2));
    walk(g, g.principal("robot"), 1);
    Decision d = g.check("robot", inDept(69, 1), SignalsTest.at(100));
    assertEquals(Verdict.DENY, d.verdict());
    assertTrue(d.has(Reason.BLOCKED));
    assertTrue(d.has(Reason.SEQUENTIAL));
    assertTrue(d.delay().compareTo(Duration.ofHours(2)) <= 0 && d.delay().toMinutes() > 100);
    assertTrue(g.snapshot("robot", SignalsTest.at(100)).orElseThrow().blockedUntil().isPresent());
    assertSame(Decision.allow(), g.check("robot", inDept(69, 2), SignalsTest.at(2 * 3600 + 10)));
    assertFalse(
        g.snapshot("robot", SignalsTest.at(2 * 3600 + 10))
            .orElseThrow()
            .blockedUntil()
            .isPresent());
  }

  @Test
  void releaseLiftsTheBlock() {
    EnumerationGuard g = walkerGuard(Duration.ofHours(24));
    walk(g, g.principal("robot"), 1);
    assertEquals(Verdict.DENY, g.check("robot", inDept(69, 1), SignalsTest.at(100)).verdict());
    assertTrue(g.release("robot"));
    assertFalse(g.release("never-seen"));
    assertSame(Decision.allow(), g.check("robot", inDept(69, 1), SignalsTest.at(101)));
  }

  @Test
  void zeroBlockMakesDenialsNonSticky() {
    EnumerationGuard g = walkerGuard(Duration.ZERO);
    walk(g, g.principal("robot"), 1);
    Decision d =
        g.check("robot", inDept(69, 1), SignalsTest.at(100)); // the chain is still in the window
    assertEquals(Verdict.DENY, d.verdict());
    assertTrue(d.has(Reason.SEQUENTIAL));
    assertFalse(d.has(Reason.BLOCKED));
    assertFalse(g.snapshot("robot", SignalsTest.at(100)).orElseThrow().blockedUntil().isPresent());
  }

  @Test
  void aRobotOnOneClientBlocksTheWholeAccount() {
    // wide spread on the robot's client only: the account's view is diluted by the owner's local
    // patients and never fires, so only the client rule can block the account
    EnumerationGuard g =
        SignalsTest.guard(
            SignalsTest.only().withWideSpread(Limit.denyAt(20)).withBlockFor(Duration.ofHours(24)));
    Principal owner = g.principal("rpps-1", "counter-1");
    Principal robot = g.principal("rpps-1", "robot");
    Decision d = null;
    int n = 0;
    int accountSpread = 0;
    while (d == null || d.verdict() != Verdict.DENY) {
      for (int k = 0; k < 3; k++) {
        GuardDecisionsTest.allow(
            g.check(owner, inDept(69, 3 * n + k), SignalsTest.at(60 * n + k)), "owner " + n);
      }
      accountSpread = g.snapshot("rpps-1", SignalsTest.at(60 * n + 29)).orElseThrow().spread();
      d = g.check(robot, inDept(dept(n), 5000 + n), SignalsTest.at(60 * n + 30));
      n++;
    }
    GuardDecisionsTest.expect(
        d, Verdict.DENY, Duration.ofHours(24), "the robot's denial", Reason.WIDE_SPREAD);
    assertTrue(accountSpread < 19, "the account's own view stays far below: " + accountSpread);
    int t = 60 * n;
    GuardDecisionsTest.expect(
        g.check(owner, inDept(69, 9000), SignalsTest.at(t)),
        Verdict.DENY,
        Duration.ofHours(24).minusSeconds(t - (60 * (n - 1) + 30)),
        "the owner's next lookup",
        Reason.BLOCKED,
        Reason.WIDE_SPREAD);
    GuardDecisionsTest.expect(
        g.check(g.principal("rpps-1", "counter-2"), inDept(69, 9001), SignalsTest.at(t)),
        Verdict.DENY,
        Duration.ofHours(24).minusSeconds(t - (60 * (n - 1) + 30)),
        "a third client",
        Reason.BLOCKED,
        Reason.WIDE_SPREAD);
    GuardDecisionsTest.allow(
        g.check(g.principal("rpps-2", "counter-1"), inDept(69, 9002), SignalsTest.at(t)),
        "another account");
    assertTrue(g.release("rpps-1"));
    GuardDecisionsTest.allow(g.check(owner, inDept(69, 9003), SignalsTest.at(t + 1)), "released");
  }

  @Test
  void aClientSeesItsOwnStreamUndilutedByTheOwner() {
    EnumerationGuard g = SignalsTest.guard(SignalsTest.only().withWideSpread(Limit.denyAt(20)));
    Principal owner = g.principal("rpps-1", "counter-1");
    Principal robot = g.principal("rpps-1", "robot");
    Decision d = null;
    int n = 0;
    while (d == null || d.verdict() != Verdict.DENY) {
      for (int k = 0; k < 3; k++) { // the owner, three local patients per robot lookup
        g.check(owner, inDept(69, 3 * n + k), SignalsTest.at(60 * n + k));
      }
      d = g.check(robot, inDept(dept(n), 5000 + n), SignalsTest.at(60 * n + 30));
      n++;
    }
    assertEquals(21, n); // the account alone would have been diluted 3 to 1
  }
}
