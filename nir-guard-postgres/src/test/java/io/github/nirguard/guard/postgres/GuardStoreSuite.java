package io.github.nirguard.guard.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.guard.Decision;
import io.github.nirguard.guard.EnumerationGuard;
import io.github.nirguard.guard.GuardSettings;
import io.github.nirguard.guard.GuardStore;
import io.github.nirguard.guard.InMemoryGuardStore;
import io.github.nirguard.guard.Limit;
import io.github.nirguard.guard.Principal;
import io.github.nirguard.guard.PrincipalSnapshot;
import io.github.nirguard.guard.Reason;
import io.github.nirguard.guard.Verdict;
import io.github.nirguard.testkit.Nirs;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guard's behaviour on a store, the same for every store: a subclass supplies a fresh, empty
 * store (in memory, PostgreSQL). Two guards built with the same key on one store stand for two
 * instances of a lookup service.
 */
abstract class GuardStoreSuite {
  static final Instant T0 = Instant.parse("2026-03-03T09:00:00Z");

  KeyRing ring;

  /** A fresh, empty store. */
  abstract GuardStore newStore();

  @BeforeEach
  void keys() throws GeneralSecurityException {
    ring = KeyRingManager.empty().add("guard", KeyKind.FINGERPRINT).ring();
  }

  EnumerationGuard guard(GuardStore store) throws GeneralSecurityException {
    return EnumerationGuard.builder().keys(ring, "guard").store(store).build();
  }

  /** A NIR of one birth group (a man born in March 1980 in commune 123 of the Rhône). */
  static Nir walk(int order) {
    return Nir.fromBody(String.format(java.util.Locale.ROOT, "1800369123%03d", order));
  }

  /**
   * The follow-up signal through the store: lookups on one instance, follow-ups reported on the
   * other; the waiting lookups travel in the records (layout NGR4).
   */
  @Test
  void followUpsReportedOnAnotherInstanceSettleTheLookups() throws Exception {
    GuardStore store = newStore();
    GuardSettings on =
        GuardSettings.defaults()
            .withNewPatients(0, 0, 2)
            .withUnfollowedLookups(Limit.of(10, 14), Duration.ofHours(2));
    EnumerationGuard a =
        EnumerationGuard.builder().keys(ring, "guard").store(store).settings(on).build();
    EnumerationGuard b =
        EnumerationGuard.builder().keys(ring, "guard").store(store).settings(on).build();
    Principal owner = a.principal("rpps-1", "counter");
    Principal robot = a.principal("rpps-2", "robot");
    SplittableRandom r = new SplittableRandom(7);
    int robotStopped = 0;
    for (int i = 0; i < 30; i++) {
      Instant t = T0.plusSeconds(1800L * i);
      Nir mine = Nirs.valid().next(r);
      assertEquals(Verdict.ALLOW, a.check(owner, mine, t).verdict(), "owner " + i);
      assertTrue(b.followUp(b.principal("rpps-1", "counter"), mine, t.plusSeconds(60)), "" + i);
      Decision d = a.check(robot, Nirs.valid().next(r), t.plusSeconds(120));
      if (robotStopped == 0 && d.verdict() == Verdict.STEP_UP) {
        assertTrue(d.has(Reason.UNFOLLOWED_LOOKUPS), d.toString());
        robotStopped = i;
      }
    }
    // never followed, one every half hour, settled after two hours: 10 unfollowed at the 14th
    assertEquals(13, robotStopped);
  }

  @Test
  void anOrderWalkIsDeniedThenTheAccountStaysBlockedUntilReleased() throws Exception {
    EnumerationGuard g = guard(newStore());
    Principal p = g.principal("rpps-1", "robot");
    int deniedAt = 0;
    for (int i = 1; i <= 20 && deniedAt == 0; i++) {
      if (g.check(p, walk(i), T0.plusSeconds(10L * i)).verdict() == Verdict.DENY) {
        deniedAt = i;
      }
    }
    assertEquals(6, deniedAt, "an order walk is denied at its 6th lookup with the defaults");
    Decision later = g.check(g.principal("rpps-1", "other"), walk(500), T0.plusSeconds(3600));
    assertEquals(Verdict.DENY, later.verdict());
    assertTrue(later.has(Reason.BLOCKED));
    assertTrue(g.release(p));
    assertEquals(Verdict.ALLOW, g.check(p, walk(700), T0.plusSeconds(3700)).verdict(), "released");
  }

  @Test
  void twoInstancesOnOneStoreSeeOneRobot() throws Exception {
    GuardStore store = newStore();
    EnumerationGuard a = guard(store);
    EnumerationGuard b = guard(store);
    int deniedAt = 0;
    for (int i = 1; i <= 20 && deniedAt == 0; i++) {
      EnumerationGuard g = i % 2 == 0 ? a : b; // a robot spreading its queries over instances
      if (g.check(g.principal("rpps-2", "robot"), walk(i), T0.plusSeconds(10L * i)).verdict()
          == Verdict.DENY) {
        deniedAt = i;
      }
    }
    assertEquals(6, deniedAt, "counted once, whichever instance answers");
  }

  @Test
  void theSharedTargetIsCountedAcrossInstancesAndAccounts() throws Exception {
    GuardStore store = newStore();
    EnumerationGuard a = guard(store);
    EnumerationGuard b = guard(store);
    Nir famous = walk(42);
    List<Verdict> verdicts = new ArrayList<>();
    for (int k = 1; k <= 8; k++) {
      EnumerationGuard g = k % 2 == 0 ? a : b;
      Decision d = g.check("rpps-" + (100 + k), famous, T0.plusSeconds(60L * k));
      verdicts.add(d.verdict());
      assertEquals(d.verdict() != Verdict.ALLOW, d.has(Reason.SHARED_TARGET));
    }
    // defaults 5/8: slowed from the 5th account; at the 8th a step-up, never a denial
    assertEquals(
        List.of(
            Verdict.ALLOW,
            Verdict.ALLOW,
            Verdict.ALLOW,
            Verdict.ALLOW,
            Verdict.SLOW_DOWN,
            Verdict.SLOW_DOWN,
            Verdict.SLOW_DOWN,
            Verdict.STEP_UP),
        verdicts);
  }

  @Test
  void theTenantWideSignalsAreCountedAcrossInstances() throws Exception {
    GuardStore store = newStore();
    GuardSettings tenant =
        GuardSettings.defaults()
            .withTenantNewPatients(10, 2)
            .withColdStartSwarm(3, 2, Duration.ofDays(7));
    EnumerationGuard a =
        EnumerationGuard.builder().keys(ring, "guard").settings(tenant).store(store).build();
    EnumerationGuard b =
        EnumerationGuard.builder().keys(ring, "guard").settings(tenant).store(store).build();
    SplittableRandom r = new SplittableRandom(25);
    // a tenant's allowance of new NIRs, 10 on its first day, spent over both instances
    for (int k = 1; k <= 10; k++) {
      EnumerationGuard g = k % 2 == 0 ? a : b;
      Principal p = g.principal("rpps-" + k).inTenant("group");
      assertEquals(Verdict.ALLOW, g.check(p, Nirs.valid().next(r), T0.plusSeconds(k)).verdict());
    }
    Decision over =
        a.check(a.principal("rpps-11").inTenant("group"), Nirs.valid().next(r), T0.plusSeconds(20));
    assertEquals(Verdict.STEP_UP, over.verdict());
    assertTrue(over.has(Reason.TENANT_NEW_PATIENTS));
    Principal other = b.principal("rpps-12").inTenant("other");
    assertEquals(Verdict.ALLOW, b.check(other, Nirs.valid().next(r), T0.plusSeconds(21)).verdict());
    // the next day, cold starts growing together raise the tenant's alarm at the 4th
    Instant day1 = T0.plusSeconds(86_400);
    List<Verdict> verdicts = new ArrayList<>();
    for (int k = 1; k <= 5; k++) {
      EnumerationGuard g = k % 2 == 0 ? a : b;
      Principal fresh = g.principal("cps-" + k, "robot-" + k).inTenant("group");
      Decision d = g.check(fresh, Nirs.valid().next(r), day1.plusSeconds(k));
      verdicts.add(d.verdict());
      assertEquals(d.verdict() != Verdict.ALLOW, d.has(Reason.COLD_START_SWARM), "cold " + k);
    }
    assertEquals(
        List.of(Verdict.ALLOW, Verdict.ALLOW, Verdict.ALLOW, Verdict.STEP_UP, Verdict.STEP_UP),
        verdicts);
  }

  /** A NIR born in a department, varied over sex, year, month, commune and order number. */
  static Nir bornIn(int dept, int i) {
    return Nir.fromBody(
        String.format(
            java.util.Locale.ROOT,
            "%d%02d%02d%02d%03d%03d",
            1 + i % 2,
            30 + (i * 7) % 60,
            1 + (i * 5) % 12,
            dept,
            100 + (i * 13) % 40,
            1 + (i * 37) % 900));
  }

  /**
   * The tenant's coverage per department of birth through the store: one record per tenant and
   * department, counted over both instances.
   */
  @Test
  void theTenantsCoveragePerDepartmentIsCountedAcrossInstances() throws Exception {
    GuardStore store = newStore();
    GuardSettings coverage = GuardSettings.defaults().withTenantCoverage(10, 2);
    EnumerationGuard a =
        EnumerationGuard.builder().keys(ring, "guard").settings(coverage).store(store).build();
    EnumerationGuard b =
        EnumerationGuard.builder().keys(ring, "guard").settings(coverage).store(store).build();
    for (int k = 1; k <= 10; k++) { // the Rhône's 10 on the tenant's first day, over both
      EnumerationGuard g = k % 2 == 0 ? a : b;
      Principal p = g.principal("rpps-" + k, "desk").inTenant("group");
      assertEquals(Verdict.ALLOW, g.check(p, bornIn(69, k), T0.plusSeconds(k)).verdict(), "" + k);
    }
    Principal late = a.principal("rpps-11", "desk").inTenant("group");
    Decision over = a.check(late, bornIn(69, 11), T0.plusSeconds(20));
    assertEquals(Verdict.STEP_UP, over.verdict());
    assertTrue(over.has(Reason.TENANT_COVERAGE));
    // another department of the tenant, and another tenant, go on
    Principal south = b.principal("rpps-12", "desk").inTenant("group");
    assertEquals(Verdict.ALLOW, b.check(south, bornIn(13, 1), T0.plusSeconds(21)).verdict());
    Principal other = b.principal("rpps-13", "desk").inTenant("other");
    assertEquals(Verdict.ALLOW, b.check(other, bornIn(69, 12), T0.plusSeconds(22)).verdict());
  }

  @Test
  void aClientFingerprintIsCountedAcrossInstancesAndAccounts() throws Exception {
    GuardStore store = newStore();
    EnumerationGuard a = guard(store);
    EnumerationGuard b = guard(store);
    SplittableRandom r = new SplittableRandom(26);
    List<Verdict> verdicts = new ArrayList<>();
    for (int k = 1; k <= 8; k++) {
      EnumerationGuard g = k % 2 == 0 ? a : b;
      Principal p = g.principal("cps-" + k, "robot").withClientFingerprint("robot-host");
      Decision d = g.check(p, Nirs.valid().next(r), T0.plusSeconds(60L * k));
      verdicts.add(d.verdict());
      assertEquals(d.verdict() != Verdict.ALLOW, d.has(Reason.SHARED_FINGERPRINT));
    }
    // defaults 6/8: slowed from the 6th account; at the 8th a step-up, never a denial
    assertEquals(
        List.of(
            Verdict.ALLOW,
            Verdict.ALLOW,
            Verdict.ALLOW,
            Verdict.ALLOW,
            Verdict.ALLOW,
            Verdict.SLOW_DOWN,
            Verdict.SLOW_DOWN,
            Verdict.STEP_UP),
        verdicts);
  }

  @Test
  void concurrentChecksOfOneAccountAreAllCounted() throws Exception {
    GuardStore store = newStore();
    EnumerationGuard a = guard(store);
    EnumerationGuard b = guard(store);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (EnumerationGuard g : List.of(a, b)) {
        done.add(
            pool.submit(
                () -> {
                  Principal p = g.principal("rpps-3");
                  for (int i = 0; i < 150; i++) {
                    g.check(p, walk(1 + i % 3), T0.plusSeconds(i)); // three regulars
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    PrincipalSnapshot s = a.snapshot(a.principal("rpps-3"), T0.plusSeconds(200)).orElseThrow();
    assertEquals(300, s.checks(), "no update lost between the two instances");
  }

  @Test
  void theStoreGivesTheSameDecisionsAsOneInMemoryGuard() throws Exception {
    // the script lasts 47 minutes: with one-hour target windows, the in-memory table (a window from
    // a target's first query, counts capped at 8) and PostgreSQL (sliding) give the same levels
    GuardSettings hour =
        GuardSettings.defaults()
            .withCrowdWalk(Limit.of(6, 8), Duration.ofHours(1))
            .withSharedTargetWindow(Duration.ofHours(1));
    EnumerationGuard tested =
        EnumerationGuard.builder().keys(ring, "guard").settings(hour).store(newStore()).build();
    EnumerationGuard reference =
        EnumerationGuard.builder()
            .keys(ring, "guard")
            .settings(hour)
            .store(InMemoryGuardStore.create())
            .build();
    SplittableRandom r = new SplittableRandom(20);
    List<Nir> regulars = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      regulars.add(Nirs.valid().next(r));
    }
    int nonAllow = 0;
    for (int i = 0; i < 400; i++) {
      String account = "rpps-" + r.nextInt(6);
      String client = "ws-" + r.nextInt(2);
      Nir nir =
          r.nextDouble() < 0.6
              ? regulars.get(r.nextInt(regulars.size()))
              : r.nextDouble() < 0.5 ? Nirs.valid().next(r) : walk(1 + i);
      Instant at = T0.plusSeconds(7L * i);
      Decision expected = reference.check(reference.principal(account, client), nir, at);
      Decision actual = tested.check(tested.principal(account, client), nir, at);
      assertEquals(expected, actual, "check " + i);
      nonAllow += expected.verdict() == Verdict.ALLOW ? 0 : 1;
    }
    assertTrue(nonAllow > 0, "the script exercises more than ALLOW");
  }

  @Test
  void aStoreForgetsAPrincipal() throws Exception {
    GuardStore store = newStore();
    EnumerationGuard g = guard(store);
    g.check("rpps-4", walk(1), T0);
    assertTrue(g.snapshot("rpps-4", T0).isPresent());
    long before = store.size();
    assertTrue(before >= 1);
    assertFalse(g.snapshot("rpps-unknown", T0).isPresent());
  }
}
