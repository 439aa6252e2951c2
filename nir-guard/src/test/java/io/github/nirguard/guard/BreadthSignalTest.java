package io.github.nirguard.guard;

import static io.github.nirguard.guard.TestNirs.dept;
import static io.github.nirguard.guard.TestNirs.inDept;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import org.junit.jupiter.api.Test;

/** The breadth signals: spread over departments, and off-profile NIRs. */
class BreadthSignalTest {
  @Test
  void nirsFromEveryDepartmentAreAWideSpread() {
    EnumerationGuard g = SignalsTest.guard(SignalsTest.only().withWideSpread(Limit.of(20, 25)));
    Decision d = null;
    int n = 0;
    while (n < 48 && (d == null || d.verdict() != Verdict.DENY)) {
      d = g.check("robot", inDept(dept(n), n), SignalsTest.at(300 * n));
      n++;
    }
    assertEquals(Verdict.DENY, d.verdict());
    assertTrue(d.has(Reason.WIDE_SPREAD));
    assertEquals(26, n); // 26 departments, one each: 25 beyond the most common
  }

  @Test
  void aLocalPracticeWithPatientsFromAllOverIsNotASpread() {
    EnumerationGuard g =
        EnumerationGuard.builder()
            // the cold-start allowance of new NIRs is NewPatientsTest's
            .settings(GuardSettings.defaults().withNewPatients(0, 0, 2))
            .build();
    for (int i = 0; i < 200; i++) { // 60 % local, the rest from 80 departments
      Nir n = i % 5 < 3 ? inDept(69, i) : inDept(dept(i), i);
      assertSame(Decision.allow(), g.check("pharmacy", n, SignalsTest.at(300 * i)), "lookup " + i);
    }
  }

  @Test
  void offProfileFiresOnceHistoryIsLearnedAndNotBefore() {
    EnumerationGuard g =
        SignalsTest.guard(SignalsTest.only().withOffProfile(Limit.of(10, 15)).withMinHistory(30));
    // 30 new patients, all from the Rhône: not learned yet (the window lags), so no profile
    for (int i = 0; i < 30; i++) {
      g.check("p", inDept(69, i), SignalsTest.at(60 * i));
    }
    for (int i = 0; i < 15; i++) {
      assertSame(
          Decision.allow(),
          g.check("p", inDept(dept(i + 40), 1000 + i), SignalsTest.at(3000 + 60 * i)));
    }
    // 100 more local patients: now the baseline knows the Rhône
    for (int i = 0; i < 100; i++) {
      assertSame(
          Decision.allow(), g.check("p", inDept(69, 100 + i), SignalsTest.at(10_000 + 60 * i)));
    }
    Decision d = null;
    int n = 0;
    while (n < 48 && (d == null || d.verdict() != Verdict.DENY)) {
      d = g.check("p", inDept(dept(n + 40), 2000 + n), SignalsTest.at(20_000 + 60 * n));
      n++;
    }
    assertEquals(Verdict.DENY, d.verdict());
    assertTrue(d.has(Reason.OFF_PROFILE));
    assertTrue(n <= 16, "denied after " + n);
  }

  @Test
  void returningPatientsAreNeverOffProfile() {
    EnumerationGuard g =
        SignalsTest.guard(SignalsTest.only().withOffProfile(Limit.of(10, 15)).withMinHistory(30));
    for (int i = 0; i < 100; i++) {
      g.check("p", inDept(69, i), SignalsTest.at(60 * i));
    }
    // eight patients born elsewhere, seen once...
    for (int i = 0; i < 8; i++) {
      g.check("p", inDept(dept(i + 40), 500 + i), SignalsTest.at(7000 + 60 * i));
    }
    for (int i = 0; i < 100; i++) { // ... and local ones, until the elsewhere ones are learned
      g.check("p", inDept(69, 1000 + i), SignalsTest.at(8000 + 60 * i));
    }
    // they come back, many times a day: never off-profile
    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < 8; i++) {
        assertSame(
            Decision.allow(),
            g.check(
                "p", inDept(dept(i + 40), 500 + i), SignalsTest.at(86_400 * (round + 1) + 60 * i)));
      }
    }
  }
}
