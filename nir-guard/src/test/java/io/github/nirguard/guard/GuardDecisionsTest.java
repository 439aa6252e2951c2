package io.github.nirguard.guard;

import static io.github.nirguard.guard.SignalsTest.at;
import static io.github.nirguard.guard.SignalsTest.guard;
import static io.github.nirguard.guard.SignalsTest.only;
import static io.github.nirguard.guard.TestNirs.dept;
import static io.github.nirguard.guard.TestNirs.inDept;
import static io.github.nirguard.guard.TestNirs.nir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.Fingerprinter;
import io.github.nirguard.crypto.KeyRing;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The exact decision (verdict, reason set, delay) of every signal one below, at and one above each
 * threshold, and at the edges of every window; learning and unlearning; blocks; eviction; the key.
 * Public API only: {@link EnumerationGuard}, {@link GuardBuilder}, {@link GuardSettings}.
 */
class GuardDecisionsTest {
  static final Duration SLOW = Duration.ofSeconds(3); // the default slowDownDelay

  static void allow(Decision d, String what) {
    assertSame(Decision.allow(), d, what + ": " + d);
    assertEquals(Set.of(), d.reasons(), what);
    assertEquals(Duration.ZERO, d.delay(), what);
  }

  static void expect(Decision d, Verdict v, Duration delay, String what, Reason... reasons) {
    assertEquals(v, d.verdict(), what + ": " + d);
    Set<Reason> expected = reasons.length == 0 ? Set.of() : EnumSet.of(reasons[0], reasons);
    assertEquals(expected, d.reasons(), what);
    assertEquals(delay, d.delay(), what);
  }

  /** No block: a denial stays a denial of this lookup, so thresholds can be walked past. */
  static GuardSettings unblocked(UnaryOperator<GuardSettings> signal) {
    return signal.apply(only()).withBlockFor(Duration.ZERO);
  }

  // ------------------------------------------------------------------ rate

  @Test
  void eachRateWindowBelowAtAndAboveItsThresholds() {
    List<UnaryOperator<GuardSettings>> windows =
        List.of(
            s -> s.withDistinctPerMinute(Limit.of(3, 5)),
            s -> s.withDistinctPerHour(Limit.of(3, 5)),
            s -> s.withDistinctPerDay(Limit.of(3, 5)));
    Reason[] reasons = {Reason.RATE_MINUTE, Reason.RATE_HOUR, Reason.RATE_DAY};
    for (int w = 0; w < 3; w++) {
      EnumerationGuard g = guard(unblocked(windows.get(w)));
      allow(g.check("a", inDept(69, 0), at(0)), reasons[w] + " 1");
      allow(g.check("a", inDept(69, 1), at(1)), reasons[w] + " 2");
      expect(g.check("a", inDept(69, 2), at(2)), Verdict.SLOW_DOWN, SLOW, "3", reasons[w]);
      expect(g.check("a", inDept(69, 3), at(3)), Verdict.SLOW_DOWN, SLOW, "4", reasons[w]);
      expect(g.check("a", inDept(69, 4), at(4)), Verdict.DENY, SLOW, "5", reasons[w]);
      expect(g.check("a", inDept(69, 5), at(5)), Verdict.DENY, SLOW, "6", reasons[w]);
      // a repeat of a NIR seen today adds nothing
      expect(g.check("a", inDept(69, 0), at(6)), Verdict.DENY, SLOW, "repeat", reasons[w]);
      assertEquals(6, count(g, w, 6));
    }
  }

  static int count(EnumerationGuard g, int window, int second) {
    PrincipalSnapshot s = g.snapshot("a", at(second)).orElseThrow();
    return window == 0
        ? s.distinctLastMinute()
        : window == 1 ? s.distinctLastHour() : s.distinctLastDay();
  }

  @Test
  void aLookupLeavesEachRateWindowExactlyAtItsSpan() {
    List<UnaryOperator<GuardSettings>> windows =
        List.of(
            s -> s.withDistinctPerMinute(Limit.of(2, 3)),
            s -> s.withDistinctPerHour(Limit.of(2, 3)),
            s -> s.withDistinctPerDay(Limit.of(2, 3)));
    Reason[] reasons = {Reason.RATE_MINUTE, Reason.RATE_HOUR, Reason.RATE_DAY};
    int[] spans = {60, 3600, 86_400}; // T0 is on a bucket boundary of every window
    for (int w = 0; w < 3; w++) {
      EnumerationGuard inside = guard(unblocked(windows.get(w)));
      allow(inside.check("a", inDept(69, 0), at(0)), "first");
      assertEquals(1, count(inside, w, spans[w] - 1));
      expect(
          inside.check("a", inDept(69, 1), at(spans[w] - 1)),
          Verdict.SLOW_DOWN,
          SLOW,
          reasons[w] + " one second before the span",
          reasons[w]);
      EnumerationGuard outside = guard(unblocked(windows.get(w)));
      allow(outside.check("a", inDept(69, 0), at(0)), "first");
      assertEquals(0, count(outside, w, spans[w]));
      allow(outside.check("a", inDept(69, 1), at(spans[w])), reasons[w] + " at the span");
    }
  }

  // ------------------------------------------------------------------ sequential, birth group

  @Test
  void sequentialBelowAtAndAbove() {
    EnumerationGuard g = guard(unblocked(s -> s.withSequential(Limit.of(2, 3))));
    allow(g.check("a", nir(1, 85, 5, 75, 112, 1), at(0)), "chain 0");
    allow(g.check("a", nir(1, 85, 5, 75, 112, 2), at(1)), "chain 1");
    expect(
        g.check("a", nir(1, 85, 5, 75, 112, 3), at(2)),
        Verdict.SLOW_DOWN,
        SLOW,
        "chain 2",
        Reason.SEQUENTIAL);
    expect(
        g.check("a", nir(1, 85, 5, 75, 112, 4), at(3)),
        Verdict.DENY,
        SLOW,
        "chain 3",
        Reason.SEQUENTIAL);
    assertEquals(3, g.snapshot("a", at(3)).orElseThrow().chained());
  }

  @Test
  void theSequentialGapIsInclusive() {
    for (int gap : new int[] {8, 3}) {
      GuardSettings s = unblocked(x -> x.withSequential(Limit.denyAt(1))).withSequentialGap(gap);
      for (int d : new int[] {gap - 1, gap, gap + 1}) {
        for (int sign : new int[] {1, -1}) {
          EnumerationGuard g = guard(s);
          allow(g.check("a", nir(1, 85, 5, 75, 112, 100), at(0)), "first");
          Decision second = g.check("a", nir(1, 85, 5, 75, 112, 100 + sign * d), at(1));
          if (d <= gap) {
            expect(second, Verdict.DENY, SLOW, "gap " + gap + ", d " + d, Reason.SEQUENTIAL);
          } else {
            allow(second, "gap " + gap + ", d " + d);
          }
        }
      }
      // one field of the birth group differs: no chain
      for (Nir other :
          List.of(
              nir(2, 85, 5, 75, 112, 101),
              nir(1, 86, 5, 75, 112, 101),
              nir(1, 85, 6, 75, 112, 101),
              nir(1, 85, 5, 76, 112, 101),
              nir(1, 85, 5, 75, 113, 101))) {
        EnumerationGuard g = guard(s);
        allow(g.check("a", nir(1, 85, 5, 75, 112, 100), at(0)), "first");
        allow(g.check("a", other, at(1)), "another birth group");
      }
    }
  }

  @Test
  void sameBirthGroupBelowAtAndAboveAndTheRingOf64() {
    EnumerationGuard g = guard(unblocked(s -> s.withSameBirthGroup(Limit.of(2, 3))));
    allow(g.check("a", nir(2, 99, 12, 75, 112, 1), at(0)), "group 1");
    expect(
        g.check("a", nir(2, 99, 12, 75, 112, 100), at(1)),
        Verdict.SLOW_DOWN,
        SLOW,
        "group 2",
        Reason.SAME_BIRTH_GROUP);
    expect(
        g.check("a", nir(2, 99, 12, 75, 112, 200), at(2)),
        Verdict.DENY,
        SLOW,
        "group 3",
        Reason.SAME_BIRTH_GROUP);
    // the ring holds the last 64 new NIRs: 62 others between keep the first in, 63 push it out
    for (int others : new int[] {62, 63}) {
      EnumerationGuard r = guard(unblocked(s -> s.withSameBirthGroup(Limit.of(2, 3))));
      allow(r.check("a", nir(2, 99, 12, 75, 112, 1), at(0)), "first");
      for (int i = 0; i < others; i++) {
        r.check("a", inDept(69, i), at(1 + i)); // years 30-89: never birth group 99
      }
      Decision d = r.check("a", nir(2, 99, 12, 75, 112, 500), at(100));
      if (others == 62) {
        expect(d, Verdict.SLOW_DOWN, SLOW, "62 between", Reason.SAME_BIRTH_GROUP);
      } else {
        allow(d, "63 between");
      }
    }
  }

  // ------------------------------------------------------------------ spread, breadth window

  @Test
  void wideSpreadBelowAtAndAbove() {
    EnumerationGuard g = guard(unblocked(s -> s.withWideSpread(Limit.of(3, 5))));
    Verdict[] expected = {
      Verdict.ALLOW,
      Verdict.ALLOW,
      Verdict.ALLOW, // spreads 0, 1, 2
      Verdict.SLOW_DOWN,
      Verdict.SLOW_DOWN, // 3, 4
      Verdict.DENY,
      Verdict.DENY // 5, 6
    };
    for (int i = 0; i < expected.length; i++) {
      Decision d = g.check("a", inDept(dept(i), i), at(i));
      if (expected[i] == Verdict.ALLOW) {
        allow(d, "spread " + i);
      } else {
        expect(d, expected[i], SLOW, "spread " + i, Reason.WIDE_SPREAD);
      }
    }
    assertEquals(6, g.snapshot("a", at(10)).orElseThrow().spread());
  }

  @Test
  void theBreadthWindowHoldsExactlyItsSize() {
    // two lookups in dept 69, then seven in seven other departments: with a window of 8 the
    // first 69 has left (8 distinct, top 1: spread 7), with 9 it is still in (spread 6)
    for (int window : new int[] {8, 9}) {
      EnumerationGuard g =
          guard(unblocked(s -> s.withWideSpread(Limit.denyAt(7))).withBreadthWindow(window));
      allow(g.check("a", inDept(69, 0), at(0)), "69");
      allow(g.check("a", inDept(69, 1), at(1)), "69 again");
      Decision last = null;
      for (int i = 0; i < 7; i++) {
        last = g.check("a", inDept(dept(i), 10 + i), at(2 + i));
      }
      if (window == 8) {
        expect(last, Verdict.DENY, SLOW, "window 8", Reason.WIDE_SPREAD);
      } else {
        allow(last, "window 9");
      }
    }
  }

  @Test
  void aLimitItsWindowCannotReachIsRefusedAtTheBoundary() {
    GuardSettings s = only().withBreadthWindow(8).withFailureWindow(8);
    EnumerationGuard.builder().settings(s.withWideSpread(Limit.denyAt(8))).build();
    EnumerationGuard.builder().settings(s.withOffProfile(Limit.denyAt(8))).build();
    EnumerationGuard.builder().settings(s.withFailedLookups(Limit.denyAt(8))).build();
    EnumerationGuard.builder().settings(s.withSequential(Limit.denyAt(64))).build();
    EnumerationGuard.builder().settings(s.withSameBirthGroup(Limit.denyAt(64))).build();
    EnumerationGuard.builder().settings(s.withSharedTarget(Limit.denyAt(8))).build();
    for (GuardSettings refused :
        List.of(
            s.withWideSpread(Limit.denyAt(9)),
            s.withOffProfile(Limit.denyAt(9)),
            s.withFailedLookups(Limit.denyAt(9)),
            s.withSequential(Limit.denyAt(65)),
            s.withSameBirthGroup(Limit.denyAt(65)),
            s.withSharedTarget(Limit.denyAt(9)))) {
      assertThrows(
          IllegalStateException.class,
          () -> EnumerationGuard.builder().settings(refused).build(),
          refused.toString());
    }
  }

  // ------------------------------------------------------------------ failed lookups

  @Test
  void failedLookupsBelowAtAndAboveAndTheirWindow() {
    EnumerationGuard g = guard(unblocked(s -> s.withFailedLookups(Limit.of(2, 3))));
    allow(g.checkInvalid("a", at(0)), "1 failure");
    expect(g.checkInvalid("a", at(1)), Verdict.SLOW_DOWN, SLOW, "2", Reason.FAILED_LOOKUPS);
    expect(g.check("a", "not a nir", at(2)), Verdict.DENY, SLOW, "3 (text)", Reason.FAILED_LOOKUPS);
    assertEquals(3, g.snapshot("a", at(3)).orElseThrow().recentFailures());
    // window 8: a failure, k successes, a failure: both count while k <= 6
    for (int k : new int[] {6, 7}) {
      EnumerationGuard w =
          guard(unblocked(s -> s.withFailedLookups(Limit.of(2, 3))).withFailureWindow(8));
      allow(w.checkInvalid("a", at(0)), "first failure");
      for (int i = 0; i < k; i++) {
        allow(w.check("a", inDept(69, i), at(1 + i)), "success " + i);
      }
      Decision d = w.checkInvalid("a", at(20));
      if (k == 6) {
        expect(d, Verdict.SLOW_DOWN, SLOW, "6 between", Reason.FAILED_LOOKUPS);
      } else {
        allow(d, "7 between");
      }
    }
  }

  @Test
  void anUnknownNirTurnsItsOwnLookupIntoAFailure() {
    EnumerationGuard g = guard(unblocked(s -> s.withFailedLookups(Limit.of(2, 3))));
    allow(g.check("a", inDept(69, 1), at(0)), "lookup 1");
    allow(g.recordUnknown("a", inDept(69, 1), at(1)), "unknown 1");
    allow(g.check("a", inDept(69, 2), at(2)), "lookup 2");
    expect(
        g.recordUnknown("a", inDept(69, 2), at(3)),
        Verdict.SLOW_DOWN,
        SLOW,
        "unknown 2",
        Reason.FAILED_LOOKUPS);
    PrincipalSnapshot s = g.snapshot("a", at(4)).orElseThrow();
    assertEquals(2, s.checks()); // an unknown NIR is no new check
    assertEquals(2, s.failures());
    assertEquals(2, s.recentFailures());
  }

  // ------------------------------------------------------------------ shared target

  @Test
  void sharedTargetBelowAtAboveAndItsWindow() {
    EnumerationGuard g = guard(only().withSharedTarget(Limit.of(2, 3)));
    Nir famous = inDept(69, 7);
    allow(g.check("a", famous, at(0)), "account 1");
    allow(g.check("a", famous, at(1)), "account 1 again");
    expect(g.check("b", famous, at(2)), Verdict.SLOW_DOWN, SLOW, "2", Reason.SHARED_TARGET);
    Duration week = Duration.ofDays(7);
    expect(g.check("c", famous, at(3)), Verdict.STEP_UP, week, "3", Reason.SHARED_TARGET);
    expect(g.check("d", famous, at(4)), Verdict.STEP_UP, week, "4", Reason.SHARED_TARGET);
    // bounded: it asks c to step up (c stays asked until it does), never denies, never blocks
    expect(
        g.check("c", inDept(69, 8), at(5)),
        Verdict.STEP_UP,
        week,
        "c's next patient",
        Reason.STEP_UP_REQUIRED);
    assertFalse(g.snapshot("c", at(5)).orElseThrow().blockedUntil().isPresent());
    // the window runs from the first query: one second before its end, and at its end
    GuardSettings s =
        only().withSharedTarget(Limit.of(2, 3)).withSharedTargetWindow(Duration.ofHours(24));
    EnumerationGuard inside = guard(s);
    allow(inside.check("a", famous, at(0)), "first");
    expect(
        inside.check("b", famous, at(86_399)),
        Verdict.SLOW_DOWN,
        SLOW,
        "inside",
        Reason.SHARED_TARGET);
    EnumerationGuard outside = guard(s);
    allow(outside.check("a", famous, at(0)), "first");
    allow(outside.check("b", famous, at(86_400)), "a new window");
  }

  // ------------------------------------------------------------------ off-profile: learning

  /** NIRs of one birth decade (the 80s) in a department, each of its own birth group. */
  static Nir local(int dept, int i) {
    return nir(1, 85, 5, dept, 100 + i, 1);
  }

  @Test
  void aNirIsLearnedWhenItLeavesTheBreadthWindowAndJudgedFromMinHistory() {
    // window 8, minHistory 3: after 10 lookups 2 are learned (not judged), after 11, 3 (judged)
    for (int lookups : new int[] {10, 11}) {
      EnumerationGuard g =
          guard(
              unblocked(s -> s.withOffProfile(Limit.of(1, 2)))
                  .withBreadthWindow(8)
                  .withMinHistory(3));
      for (int i = 0; i < lookups; i++) {
        allow(g.check("a", local(69, i), at(i)), "local " + i);
      }
      assertEquals(lookups - 8, g.snapshot("a", at(50)).orElseThrow().history());
      Decision d = g.check("a", local(13, 0), at(60));
      if (lookups == 11) {
        expect(d, Verdict.SLOW_DOWN, SLOW, "judged", Reason.OFF_PROFILE);
        assertEquals(1, g.snapshot("a", at(61)).orElseThrow().unusual());
      } else {
        allow(d, "below minHistory");
      }
    }
  }

  @Test
  void theUnusualShareIsStrict() {
    // four learned NIRs, share 0.5: a department holding 1 of 4 is unusual, 2 of 4 is not
    for (int in13 : new int[] {1, 2}) {
      EnumerationGuard g =
          guard(
              unblocked(s -> s.withOffProfile(Limit.of(1, 2)))
                  .withBreadthWindow(8)
                  .withMinHistory(4)
                  .withUnusualShare(0.5));
      int t = 0;
      for (int i = 0; i < 4; i++) { // learned once 8 more lookups have pushed them out
        g.check("a", i < in13 ? local(13, i) : local(69, i), at(t++));
      }
      for (int i = 0; i < 8; i++) {
        allow(g.check("a", local(69, 50 + i), at(t++)), "filler " + i);
      }
      assertEquals(4, g.snapshot("a", at(t)).orElseThrow().history());
      Decision d = g.check("a", local(13, 90), at(t + 1));
      if (in13 == 1) {
        expect(d, Verdict.SLOW_DOWN, SLOW, "1 of 4", Reason.OFF_PROFILE);
      } else {
        allow(d, "2 of 4");
      }
    }
  }

  @Test
  void anUnknownNirIsUnlearnedOrNeverLearned() {
    GuardSettings s =
        unblocked(x -> x.withOffProfile(Limit.of(1, 2))).withBreadthWindow(8).withMinHistory(3);
    // already learned (it left the window): unlearned
    EnumerationGuard learned = guard(s);
    for (int i = 0; i < 11; i++) {
      learned.check("a", local(69, i), at(i));
    }
    assertEquals(3, learned.snapshot("a", at(20)).orElseThrow().history());
    learned.recordUnknown("a", local(69, 0), at(21));
    assertEquals(2, learned.snapshot("a", at(22)).orElseThrow().history());
    allow(learned.check("a", local(13, 0), at(23)), "below minHistory again");
    // still in the window when found unknown: marked, and never learned when it leaves
    EnumerationGuard marked = guard(s);
    for (int i = 0; i < 18; i++) { // lookup k is learned at lookup k + 9
      marked.check("a", local(69, i), at(i));
      if (i == 9) {
        marked.recordUnknown("a", local(69, 9), at(i));
      }
      if (i == 16) {
        assertEquals(9, marked.snapshot("a", at(i)).orElseThrow().history(), "0-8 learned");
      }
    }
    assertEquals(9, marked.snapshot("a", at(30)).orElseThrow().history(), "9 skipped");
  }

  // ------------------------------------------------------------------ blocks

  @Test
  void aBlockHoldsTheExactReasonsUntilItsLastSecond() {
    EnumerationGuard g =
        guard(only().withSequential(Limit.denyAt(3)).withBlockFor(Duration.ofHours(2)));
    allow(g.check("r", nir(1, 85, 5, 75, 112, 1), at(0)), "1");
    allow(g.check("r", nir(1, 85, 5, 75, 112, 2), at(1)), "2");
    allow(g.check("r", nir(1, 85, 5, 75, 112, 3), at(2)), "3");
    expect(
        g.check("r", nir(1, 85, 5, 75, 112, 4), at(10)),
        Verdict.DENY,
        Duration.ofHours(2),
        "the denial",
        Reason.SEQUENTIAL);
    expect(
        g.check("r", inDept(69, 1), at(10 + 7199)),
        Verdict.DENY,
        Duration.ofSeconds(1),
        "the block's last second",
        Reason.BLOCKED,
        Reason.SEQUENTIAL);
    assertEquals(
        Set.of(Reason.SEQUENTIAL), g.snapshot("r", at(10 + 7199)).orElseThrow().blockReasons());
    allow(g.check("r", inDept(69, 2), at(10 + 7200)), "the block is over");
    // it consumed its evidence: the chain starts over
    allow(g.check("r", nir(1, 85, 5, 75, 112, 5), at(10 + 7201)), "no chain left");
  }

  @Test
  void withoutABlockAClientDenialDoesNotBlockTheAccount() {
    EnumerationGuard g = guard(unblocked(s -> s.withWideSpread(Limit.denyAt(20))));
    Principal owner = g.principal("rpps-1", "counter-1");
    Principal robot = g.principal("rpps-1", "robot");
    Decision d = null;
    int n = 0;
    while (d == null || d.verdict() != Verdict.DENY) {
      for (int k = 0; k < 3; k++) {
        g.check(owner, inDept(69, 3 * n + k), at(60 * n + k));
      }
      d = g.check(robot, inDept(dept(n), 5000 + n), at(60 * n + 30));
      n++;
    }
    expect(d, Verdict.DENY, SLOW, "non-sticky", Reason.WIDE_SPREAD);
    allow(g.check(owner, inDept(69, 9000), at(60 * n)), "the owner goes on");
  }

  // ------------------------------------------------------------------ eviction

  @Test
  void theLeastRecentlyUsedUnblockedPrincipalIsEvicted() {
    EnumerationGuard g =
        EnumerationGuard.builder()
            .settings(only().withSequential(Limit.denyAt(1)))
            .maxPrincipals(16)
            .build();
    InMemoryGuardStore store = (InMemoryGuardStore) g.store();
    // p0 is blocked (one NIR continuing another), p1..p15 are ordinary
    g.check("p0", nir(1, 85, 5, 75, 112, 1), at(0));
    expect(
        g.check("p0", nir(1, 85, 5, 75, 112, 2), at(1)),
        Verdict.DENY,
        Duration.ofHours(24),
        "p0 blocked",
        Reason.SEQUENTIAL);
    for (int i = 1; i < 16; i++) {
      g.check("p" + i, inDept(69, i), at(10 + i));
    }
    assertEquals(16, store.size());
    assertEquals(0, store.evictions());
    g.check("p16", inDept(69, 16), at(40)); // full: evicts p1, the oldest unblocked
    assertEquals(16, store.size());
    assertEquals(1, store.evictions());
    assertFalse(g.snapshot("p1", at(41)).isPresent(), "p1 evicted");
    assertTrue(g.snapshot("p2", at(41)).isPresent());
    assertTrue(g.snapshot("p0", at(41)).orElseThrow().blockedUntil().isPresent(), "still blocked");
    expect(
        g.check("p0", inDept(69, 99), at(42)),
        Verdict.DENY,
        Duration.ofHours(24).minusSeconds(41),
        "p0 kept",
        Reason.BLOCKED,
        Reason.SEQUENTIAL);
    // a use refreshes: p2 used now, so p3 goes next
    g.check("p2", inDept(69, 2), at(43));
    g.check("p17", inDept(69, 17), at(44));
    assertTrue(g.snapshot("p2", at(45)).isPresent());
    assertFalse(g.snapshot("p3", at(45)).isPresent(), "p3 evicted");
  }

  // ------------------------------------------------------------------ the key

  @Test
  void aGuardsKeyIsRandomNeverZeroAndKeysFromARingAreUsed() throws Exception {
    long zeroKey = Fingerprinter.insecureFromRawKey(new byte[32]).fingerprintName("rpps-1");
    EnumerationGuard a = guard(only());
    EnumerationGuard b = guard(only());
    a.check("rpps-1", inDept(69, 1), at(0));
    b.check("rpps-1", inDept(69, 1), at(0));
    assertEquals(1, a.store().size());
    assertFalse(a.store().remove(zeroKey), "the record is not under the all-zero key's name");
    // with a ring, the record is under the ring's fingerprint of the name
    KeyRing ring = TestNirs.ring();
    EnumerationGuard keyed = EnumerationGuard.builder().keys(ring, "guard").build();
    keyed.check("rpps-1", inDept(69, 1), at(0));
    long ringKey = Fingerprinter.create(ring, "guard").fingerprintName("rpps-1");
    assertNotEquals(zeroKey, ringKey);
    assertFalse(a.store().remove(ringKey), "a random guard does not use the ring's key");
    assertTrue(keyed.store().remove(ringKey));
    assertEquals(1, keyed.store().size()); // the default tenant's record (tenant-wide signals)
    assertFalse(b.store().remove(zeroKey));
    assertFalse(b.store().remove(ringKey));
  }
}
