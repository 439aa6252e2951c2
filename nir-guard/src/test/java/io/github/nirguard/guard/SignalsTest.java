package io.github.nirguard.guard;

import static io.github.nirguard.guard.TestNirs.T0;
import static io.github.nirguard.guard.TestNirs.dept;
import static io.github.nirguard.guard.TestNirs.inDept;
import static io.github.nirguard.guard.TestNirs.nir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each signal fires when it should, and not when it should not. */
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

  @Nested
  class Rates {
    @Test
    void distinctPerMinuteSlowsThenDenies() {
      EnumerationGuard g = only().distinctPerMinute(Limit.of(3, 5)).build();
      assertSame(Decision.allow(), g.check("a", inDept(69, 0), at(0)));
      assertSame(Decision.allow(), g.check("a", inDept(69, 1), at(1)));
      Decision third = g.check("a", inDept(69, 2), at(2));
      assertEquals(Verdict.SLOW_DOWN, third.verdict());
      assertTrue(third.has(Reason.RATE_MINUTE));
      assertEquals(Duration.ofSeconds(3), third.delay());
      assertEquals(Verdict.SLOW_DOWN, g.check("a", inDept(69, 3), at(3)).verdict());
      Decision fifth = g.check("a", inDept(69, 4), at(4));
      assertEquals(Verdict.DENY, fifth.verdict());
      assertTrue(fifth.has(Reason.RATE_MINUTE));
      assertEquals(Duration.ofHours(24).minusSeconds(0), fifth.delay());
    }

    @Test
    void repeatsOfOneNirCountOnceAndOtherPrincipalsDoNotAdd() {
      EnumerationGuard g = only().distinctPerMinute(Limit.of(3, 5)).build();
      Nir n = inDept(69, 0);
      for (int i = 0; i < 20; i++) {
        assertSame(Decision.allow(), g.check("a", n, at(i)));
      }
      assertSame(Decision.allow(), g.check("a", inDept(69, 1), at(21)));
      assertSame(Decision.allow(), g.check("b", inDept(69, 2), at(22)));
      assertSame(Decision.allow(), g.check("c", inDept(69, 3), at(23)));
      assertEquals(2, g.snapshot("a", at(23)).orElseThrow().distinctLastMinute());
    }

    @Test
    void theWindowSlides() {
      EnumerationGuard g = only().distinctPerMinute(Limit.of(3, 5)).blockFor(Duration.ZERO).build();
      for (int i = 0; i < 4; i++) {
        g.check("a", inDept(69, i), at(i));
      }
      assertEquals(4, g.snapshot("a", at(5)).orElseThrow().distinctLastMinute());
      assertEquals(0, g.snapshot("a", at(125)).orElseThrow().distinctLastMinute());
      assertSame(Decision.allow(), g.check("a", inDept(69, 10), at(125)));
      assertEquals(4 + 1, g.snapshot("a", at(126)).orElseThrow().distinctLastHour());
    }

    @Test
    void hourAndDayWindowsCountTheirSpan() {
      EnumerationGuard g = only().distinctPerHour(Limit.of(10, 20)).distinctPerDay(Limit.of(30, 40))
          .blockFor(Duration.ZERO).build();
      Decision last = null;
      for (int i = 0; i < 19; i++) { // one every two minutes: 19 in 38 minutes
        last = g.check("a", inDept(69, i), at(120 * i));
      }
      assertEquals(Verdict.SLOW_DOWN, last.verdict());
      assertTrue(last.has(Reason.RATE_HOUR));
      Decision twentieth = g.check("a", inDept(69, 19), at(120 * 19));
      assertEquals(Verdict.DENY, twentieth.verdict());
      // two hours later the hour window is empty, the day window still holds 20
      Decision later = g.check("a", inDept(69, 20), at(120 * 19 + 7200));
      assertFalse(later.has(Reason.RATE_HOUR));
      assertEquals(21, g.snapshot("a", at(120 * 19 + 7200)).orElseThrow().distinctLastDay());
    }
  }

  @Nested
  class Sequential {
    @Test
    void aWalkerIsDeniedAtTheSixthNir() {
      EnumerationGuard g = only().sequential(Limit.of(3, 5)).build();
      Decision d = null;
      for (int order = 1; order <= 6; order++) {
        d = g.check("robot", nir(2, 85, 5, 75, 112, order), at(order));
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
      EnumerationGuard g = only().sequential(Limit.denyAt(4)).sequentialGap(8).build();
      int[] orders = {3, 10, 17, 25, 31};
      Decision d = null;
      for (int i = 0; i < orders.length; i++) {
        d = g.check("robot", nir(1, 70, 11, 13, 55, orders[i]), at(i));
      }
      assertEquals(Verdict.DENY, d.verdict());
    }

    @Test
    void twinsAndUnrelatedPatientsDoNotFire() {
      EnumerationGuard g = EnumerationGuard.builder().build(); // defaults
      assertSame(Decision.allow(), g.check("p", nir(2, 90, 4, 69, 123, 41), at(0)));
      assertSame(Decision.allow(), g.check("p", nir(2, 90, 4, 69, 123, 42), at(60))); // her twin
      for (int i = 0; i < 40; i++) {
        assertSame(Decision.allow(), g.check("p", inDept(69, i), at(120 + 60 * i)));
      }
      // orders far apart in one birth group: not a chain
      assertSame(Decision.allow(), g.check("p", nir(1, 60, 2, 69, 387, 100), at(5000)));
      assertSame(Decision.allow(), g.check("p", nir(1, 60, 2, 69, 387, 200), at(5060)));
    }

    @Test
    void aBirthGroupCrowdedWithFarOrdersFires() {
      EnumerationGuard g = only().sameBirthGroup(Limit.of(4, 6)).build();
      Decision d = null;
      for (int i = 0; i < 6; i++) {
        d = g.check("robot", nir(1, 77, 8, 33, 63, 1 + 100 * i), at(i));
        assertEquals(i < 3 ? Verdict.ALLOW : i < 5 ? Verdict.SLOW_DOWN : Verdict.DENY, d.verdict(),
            "lookup " + (i + 1));
      }
      assertTrue(d.has(Reason.SAME_BIRTH_GROUP));
    }
  }

  @Nested
  class Breadth {
    @Test
    void nirsFromEveryDepartmentAreAWideSpread() {
      EnumerationGuard g = only().wideSpread(Limit.of(20, 25)).build();
      Decision d = null;
      int n = 0;
      while (n < 48 && (d == null || d.verdict() != Verdict.DENY)) {
        d = g.check("robot", inDept(dept(n), n), at(300 * n));
        n++;
      }
      assertEquals(Verdict.DENY, d.verdict());
      assertTrue(d.has(Reason.WIDE_SPREAD));
      assertEquals(26, n); // 26 departments, one each: 25 beyond the most common
    }

    @Test
    void aLocalPracticeWithPatientsFromAllOverIsNotASpread() {
      EnumerationGuard g = EnumerationGuard.builder().build();
      for (int i = 0; i < 200; i++) { // 60 % local, the rest from 80 departments
        Nir n = i % 5 < 3 ? inDept(69, i) : inDept(dept(i), i);
        assertSame(Decision.allow(), g.check("pharmacy", n, at(300 * i)), "lookup " + i);
      }
    }

    @Test
    void offProfileFiresOnceHistoryIsLearnedAndNotBefore() {
      EnumerationGuard g = only().offProfile(Limit.of(10, 15)).minHistory(30).build();
      // 30 new patients, all from the Rhône: not learned yet (the window lags), so no profile
      for (int i = 0; i < 30; i++) {
        g.check("p", inDept(69, i), at(60 * i));
      }
      for (int i = 0; i < 15; i++) {
        assertSame(Decision.allow(), g.check("p", inDept(dept(i + 40), 1000 + i), at(3000 + 60 * i)));
      }
      // 100 more local patients: now the baseline knows the Rhône
      for (int i = 0; i < 100; i++) {
        assertSame(Decision.allow(), g.check("p", inDept(69, 100 + i), at(10_000 + 60 * i)));
      }
      Decision d = null;
      int n = 0;
      while (n < 48 && (d == null || d.verdict() != Verdict.DENY)) {
        d = g.check("p", inDept(dept(n + 40), 2000 + n), at(20_000 + 60 * n));
        n++;
      }
      assertEquals(Verdict.DENY, d.verdict());
      assertTrue(d.has(Reason.OFF_PROFILE));
      assertTrue(n <= 16, "denied after " + n);
    }

    @Test
    void returningPatientsAreNeverOffProfile() {
      EnumerationGuard g = only().offProfile(Limit.of(10, 15)).minHistory(30).build();
      for (int i = 0; i < 100; i++) {
        g.check("p", inDept(69, i), at(60 * i));
      }
      // eight patients born elsewhere, seen once...
      for (int i = 0; i < 8; i++) {
        g.check("p", inDept(dept(i + 40), 500 + i), at(7000 + 60 * i));
      }
      for (int i = 0; i < 100; i++) { // ... and local ones, until the elsewhere ones are learned
        g.check("p", inDept(69, 1000 + i), at(8000 + 60 * i));
      }
      // they come back, many times a day: never off-profile
      for (int round = 0; round < 5; round++) {
        for (int i = 0; i < 8; i++) {
          assertSame(Decision.allow(),
              g.check("p", inDept(dept(i + 40), 500 + i), at(86_400 * (round + 1) + 60 * i)));
        }
      }
    }
  }

  @Nested
  class FailedLookups {
    @Test
    void aGuesserIsDenied() {
      EnumerationGuard g = only().failedLookups(Limit.of(8, 12)).build();
      Decision d = null;
      for (int i = 0; i < 12; i++) {
        d = i % 2 == 0 ? g.checkInvalid("robot", at(i)) : g.check("robot", "1 85 05 78 006 084 36", at(i));
        assertEquals(i < 7 ? Verdict.ALLOW : i < 11 ? Verdict.SLOW_DOWN : Verdict.DENY, d.verdict(),
            "lookup " + (i + 1));
      }
      assertTrue(d.has(Reason.FAILED_LOOKUPS));
    }

    @Test
    void unknownNirsCountAsFailures() {
      EnumerationGuard g = only().failedLookups(Limit.denyAt(5)).build();
      Decision d = null;
      for (int i = 0; i < 5; i++) {
        Nir n = inDept(dept(i), i);
        assertSame(Decision.allow(), g.check("robot", n, at(i)));
        d = g.recordUnknown("robot", n, at(i));
      }
      assertEquals(Verdict.DENY, d.verdict());
      assertEquals(5, g.snapshot("robot", at(10)).orElseThrow().failures());
    }

    @Test
    void occasionalTyposDoNotFire() {
      EnumerationGuard g = EnumerationGuard.builder().build();
      for (int i = 0; i < 500; i++) {
        if (i % 20 == 0) {
          assertSame(Decision.allow(), g.check("p", "2 55 08 14 168 025 39", at(60 * i)));
        }
        assertSame(Decision.allow(), g.check("p", inDept(69, i % 150), at(60 * i + 10)));
      }
    }
  }

  @Nested
  class SharedTarget {
    @Test
    void manyPrincipalsOnOneNirAreSlowedThenDeniedButNotBlocked() {
      EnumerationGuard g = only().sharedTarget(Limit.of(5, 8)).build();
      Nir target = inDept(75, 1);
      for (int p = 0; p < 8; p++) {
        Decision d = g.check("account-" + p, target, at(p));
        assertEquals(p < 4 ? Verdict.ALLOW : p < 7 ? Verdict.SLOW_DOWN : Verdict.DENY, d.verdict(),
            "principal " + (p + 1));
        if (p >= 4) {
          assertTrue(d.has(Reason.SHARED_TARGET));
        }
      }
      // the same principal again does not add; the 8th principal is not blocked for other NIRs
      assertEquals(Verdict.DENY, g.check("account-7", target, at(20)).verdict());
      assertSame(Decision.allow(), g.check("account-7", inDept(75, 2), at(21)));
    }

    @Test
    void theWindowForgets() {
      EnumerationGuard g = only().sharedTarget(Limit.of(3, 4))
          .sharedTargetWindow(Duration.ofHours(1)).build();
      Nir target = inDept(75, 1);
      for (int p = 0; p < 3; p++) {
        g.check("account-" + p, target, at(p));
      }
      assertSame(Decision.allow(), g.check("account-9", target, at(3600 + 10)));
    }
  }

  @Nested
  class Blocking {
    static EnumerationGuard walkerGuard(Duration block) {
      return only().sequential(Limit.denyAt(3)).blockFor(block).build();
    }

    static void walk(EnumerationGuard g, Principal who, int from) {
      for (int order = from; order < from + 4; order++) {
        g.check(who, nir(1, 85, 5, 75, 112, order), at(order));
      }
    }

    @Test
    void aDenyBlocksThePrincipalUntilItExpires() {
      EnumerationGuard g = walkerGuard(Duration.ofHours(2));
      walk(g, g.principal("robot"), 1);
      Decision d = g.check("robot", inDept(69, 1), at(100));
      assertEquals(Verdict.DENY, d.verdict());
      assertTrue(d.has(Reason.BLOCKED));
      assertTrue(d.has(Reason.SEQUENTIAL));
      assertTrue(d.delay().compareTo(Duration.ofHours(2)) <= 0 && d.delay().toMinutes() > 100);
      assertTrue(g.snapshot("robot", at(100)).orElseThrow().blockedUntil().isPresent());
      assertSame(Decision.allow(), g.check("robot", inDept(69, 2), at(2 * 3600 + 10)));
      assertFalse(g.snapshot("robot", at(2 * 3600 + 10)).orElseThrow().blockedUntil().isPresent());
    }

    @Test
    void releaseLiftsTheBlock() {
      EnumerationGuard g = walkerGuard(Duration.ofHours(24));
      walk(g, g.principal("robot"), 1);
      assertEquals(Verdict.DENY, g.check("robot", inDept(69, 1), at(100)).verdict());
      assertTrue(g.release("robot"));
      assertFalse(g.release("never-seen"));
      assertSame(Decision.allow(), g.check("robot", inDept(69, 1), at(101)));
    }

    @Test
    void zeroBlockMakesDenialsNonSticky() {
      EnumerationGuard g = walkerGuard(Duration.ZERO);
      walk(g, g.principal("robot"), 1);
      Decision d = g.check("robot", inDept(69, 1), at(100)); // the chain is still in the window
      assertEquals(Verdict.DENY, d.verdict());
      assertTrue(d.has(Reason.SEQUENTIAL));
      assertFalse(d.has(Reason.BLOCKED));
      assertFalse(g.snapshot("robot", at(100)).orElseThrow().blockedUntil().isPresent());
    }

    @Test
    void aRobotOnOneClientBlocksTheWholeAccount() {
      EnumerationGuard g = walkerGuard(Duration.ofHours(24));
      Principal owner = g.principal("rpps-1", "counter-1");
      Principal robot = g.principal("rpps-1", "stolen-session");
      assertSame(Decision.allow(), g.check(owner, inDept(69, 1), at(0)));
      walk(g, robot, 10);
      Decision d = g.check(owner, inDept(69, 2), at(100));
      assertEquals(Verdict.DENY, d.verdict());
      assertTrue(d.has(Reason.BLOCKED));
      assertTrue(d.has(Reason.SEQUENTIAL));
      // another account is not affected
      assertSame(Decision.allow(), g.check(g.principal("rpps-2", "counter-1"), inDept(69, 3), at(101)));
    }

    @Test
    void aClientSeesItsOwnStreamUndilutedByTheOwner() {
      EnumerationGuard g = only().wideSpread(Limit.denyAt(20)).build();
      Principal owner = g.principal("rpps-1", "counter-1");
      Principal robot = g.principal("rpps-1", "robot");
      Decision d = null;
      int n = 0;
      while (d == null || d.verdict() != Verdict.DENY) {
        for (int k = 0; k < 3; k++) { // the owner, three local patients per robot lookup
          g.check(owner, inDept(69, 3 * n + k), at(60 * n + k));
        }
        d = g.check(robot, inDept(dept(n), 5000 + n), at(60 * n + 30));
        n++;
      }
      assertEquals(21, n); // the account alone would have been diluted 3 to 1
    }
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
