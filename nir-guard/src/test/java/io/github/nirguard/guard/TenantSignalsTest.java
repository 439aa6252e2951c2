package io.github.nirguard.guard;

import static io.github.nirguard.guard.GuardDecisionsTest.allow;
import static io.github.nirguard.guard.GuardDecisionsTest.expect;
import static io.github.nirguard.guard.SignalsTest.at;
import static io.github.nirguard.guard.SignalsTest.guard;
import static io.github.nirguard.guard.SignalsTest.only;
import static io.github.nirguard.guard.TestNirs.inDept;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The signals across a tenant's accounts: {@link Reason#TENANT_NEW_PATIENTS}, {@link
 * Reason#COLD_START_SWARM} and {@link Reason#SHARED_FINGERPRINT}; each answers STEP_UP, scoped to
 * the asking client, and never judges another tenant, a verified client or a returning patient.
 */
class TenantSignalsTest {
  static final int DAY = 86_400;
  static final Duration WEEK = Duration.ofDays(7);

  @Test
  void aTenantPastItsAllowanceOfNewNirsAsksItsUnverifiedPrincipals() {
    EnumerationGuard g = guard(only().withTenantNewPatients(20, 2));
    int n = 0;
    for (int a = 0; a < 10; a++) { // 10 accounts, 2 new NIRs each: the tenant's 20
      Principal p = g.principal("rpps-" + a).inTenant("chain");
      for (int i = 0; i < 2; i++) {
        allow(g.check(p, inDept(69, n), at(n)), "within the tenant's allowance " + n);
        n++;
      }
    }
    Principal late = g.principal("rpps-10").inTenant("chain");
    expect(g.check(late, inDept(69, n++), at(100)), Verdict.STEP_UP, WEEK, "21st", tenantNew());
    // scoped: another tenant and the default one go on
    allow(g.check(g.principal("rpps-90").inTenant("other"), inDept(69, n++), at(101)), "other");
    allow(g.check(g.principal("rpps-91"), inDept(69, n++), at(102)), "default tenant");
    // a human steps up and goes on; an unverified principal is still asked today
    g.stepUp(late, at(110));
    allow(g.check(late, inDept(69, n++), at(111)), "verified");
    expect(
        g.check(g.principal("rpps-11").inTenant("chain"), inDept(69, n++), at(112)),
        Verdict.STEP_UP,
        WEEK,
        "unverified",
        tenantNew());
    // a returning patient is never judged
    allow(g.check(g.principal("rpps-0").inTenant("chain"), inDept(69, 0), at(113)), "returning");
    // a new day starts afresh
    allow(
        g.check(g.principal("rpps-12").inTenant("chain"), inDept(69, n++), at(DAY + 1)),
        "next day");
  }

  @Test
  void theTenantsAllowanceGrowsFromItsEstablishedPrincipalsNotFromColdOnes() {
    EnumerationGuard g = guard(only().withTenantNewPatients(20, 2));
    Principal desk = g.principal("rpps-0", "desk").inTenant("chain");
    g.stepUp(desk, at(0)); // a human: the desk is established
    int n = 0;
    for (int i = 0; i < 30; i++) { // day 0: 30 new NIRs of an established (verified) desk
      allow(g.check(desk, inDept(13, n), at(1 + n)), "verified desk " + i);
      n++;
    }
    // day 1: allowance 2 × 30 = 60, spent by cold robots that never raise it
    for (int i = 0; i < 60; i++) {
      Principal robot = g.principal("cps-" + i, "robot").inTenant("chain");
      allow(g.check(robot, inDept(13, n++), at(DAY + i)), "day 1, " + i);
    }
    expect(
        g.check(g.principal("cps-60", "robot").inTenant("chain"), inDept(13, n++), at(DAY + 99)),
        Verdict.STEP_UP,
        WEEK,
        "61st on day 1",
        tenantNew());
    // day 2: 30 decayed by an eighth (27), the robots' 61 not learned: 54
    for (int i = 0; i < 54; i++) {
      Principal robot = g.principal("cps-" + (100 + i), "robot").inTenant("chain");
      allow(g.check(robot, inDept(13, n++), at(2 * DAY + i)), "day 2, " + i);
    }
    expect(
        g.check(g.principal("cps-200", "robot").inTenant("chain"), inDept(13, n), at(2 * DAY + 99)),
        Verdict.STEP_UP,
        WEEK,
        "55th on day 2",
        tenantNew());
  }

  @Test
  void coldStartsGrowingTogetherRaiseTheTenantsAlarm() {
    EnumerationGuard g = guard(only().withColdStartSwarm(3, 2, WEEK));
    int d1 = DAY; // the tenant's first day only learns: day 0, many cold starts, no alarm
    for (int c = 0; c < 10; c++) {
      Principal early = g.principal("rpps-" + (100 + c), "desk").inTenant("chain");
      allow(g.check(early, inDept(75, 100 + c), at(c)), "the tenant's first day " + c);
    }
    Principal desk = g.principal("rpps-0", "desk").inTenant("chain");
    g.stepUp(desk, at(d1)); // an established desk (and a vouched cold start: allowance 3)
    for (int c = 1; c <= 3; c++) {
      Principal fresh = g.principal("cps-" + c, "robot-" + c).inTenant("chain");
      allow(g.check(fresh, inDept(75, c), at(d1 + 10 + c)), "cold start " + c);
    }
    Principal fourth = g.principal("cps-4", "robot-4").inTenant("chain");
    expect(g.check(fourth, inDept(75, 4), at(d1 + 20)), Verdict.STEP_UP, WEEK, "4th", swarm());
    Principal fifth = g.principal("cps-5", "robot-5").inTenant("chain");
    expect(g.check(fifth, inDept(75, 5), at(d1 + 21)), Verdict.STEP_UP, WEEK, "alarm", swarm());
    // the cold starts that went before are asked at their next new NIR; not at a returning one
    Principal first = g.principal("cps-1", "robot-1").inTenant("chain");
    allow(g.check(first, inDept(75, 1), at(d1 + 22)), "returning patient");
    expect(g.check(first, inDept(75, 6), at(d1 + 23)), Verdict.STEP_UP, WEEK, "next", swarm());
    // an established principal goes on (its verification over), as does another tenant
    allow(g.check(desk, inDept(75, 7), at(d1 + 13 * 3600)), "established");
    Principal elsewhere = g.principal("cps-9", "robot-9").inTenant("other");
    allow(g.check(elsewhere, inDept(75, 8), at(d1 + 13 * 3600 + 1)), "another tenant");
    // a human on a cold start steps up and goes on
    Principal newDesk = g.principal("rpps-7", "new-desk").inTenant("chain");
    assertEquals(Verdict.STEP_UP, g.check(newDesk, inDept(75, 10), at(d1 + 14 * 3600)).verdict());
    g.stepUp(newDesk, at(d1 + 14 * 3600 + 20));
    allow(g.check(newDesk, inDept(75, 10), at(d1 + 14 * 3600 + 21)), "stepped up");
    // the alarm lasts a week
    Principal later = g.principal("cps-20", "robot-20").inTenant("chain");
    expect(g.check(later, inDept(75, 11), at(6 * DAY)), Verdict.STEP_UP, WEEK, "day 6", swarm());
    Principal afterwards = g.principal("cps-21", "robot-21").inTenant("chain");
    allow(g.check(afterwards, inDept(75, 12), at(14 * DAY)), "two weeks later");
  }

  @Test
  void oneClientFingerprintOnManyAccountsAsksForAStepUp() {
    EnumerationGuard g = guard(only().withSharedFingerprint(Limit.of(2, 3), Duration.ofHours(24)));
    Principal a1 = g.principal("cps-1", "robot").withClientFingerprint("host-9");
    allow(g.check(a1, inDept(33, 0), at(0)), "1 account");
    allow(g.check(a1, inDept(33, 1), at(1)), "still 1 account");
    Principal a2 = g.principal("cps-2", "robot").withClientFingerprint("host-9");
    Decision slow = g.check(a2, inDept(33, 2), at(2));
    expect(slow, Verdict.SLOW_DOWN, Duration.ofSeconds(3), "2 accounts", fingerprint());
    Principal a3 = g.principal("cps-3", "robot").withClientFingerprint("host-9");
    expect(g.check(a3, inDept(33, 3), at(3)), Verdict.STEP_UP, WEEK, "3 accounts", fingerprint());
    expect(g.check(a1, inDept(33, 4), at(4)), Verdict.STEP_UP, WEEK, "a1 too", fingerprint());
    // not the accounts' other clients, nor another fingerprint, nor a returning patient
    allow(g.check(g.principal("cps-1", "desk"), inDept(33, 5), at(5)), "the owner's desk");
    Principal other = g.principal("cps-4", "robot").withClientFingerprint("host-1");
    allow(g.check(other, inDept(33, 6), at(6)), "another host");
    allow(g.check(a2, inDept(33, 2), at(7)), "a2's returning patient");
    // a verified client on a shared network goes on
    Principal centre = g.principal("rpps-5", "desk").withClientFingerprint("host-9");
    g.stepUp(centre, at(8));
    allow(g.check(centre, inDept(33, 7), at(9)), "verified");
    // the window ends
    Principal fresh = g.principal("cps-6", "robot").withClientFingerprint("host-9");
    allow(g.check(fresh, inDept(33, 8), at(DAY + 10)), "a day later");
    assertTrue(fresh.hasClientFingerprint());
  }

  @Test
  void theDefaultsAreTheDocumentedOnes() {
    SettingsValues v = GuardSettings.defaults().values();
    assertEquals(2000, v.tenantNewPatients);
    assertEquals(2.0, v.tenantGrowth);
    assertEquals(20, v.coldStartSwarm);
    assertEquals(2.0, v.swarmGrowth);
    assertEquals(WEEK, v.swarmAlarmFor);
    assertEquals(Limit.of(6, 8), v.sharedFingerprint);
    assertEquals(Duration.ofHours(24), v.fingerprintWindow);
    String s = GuardSettings.defaults().toString();
    assertTrue(s.contains("tenantNewPatients=2000 x2.0, coldStartSwarm=20 x2.0 (PT168H)"), s);
    assertTrue(s.contains("sharedFingerprint=Limit[slowDown=6, deny=8] (PT24H)"), s);
  }

  @Test
  void rangesAreChecked() {
    GuardSettings d = GuardSettings.defaults();
    assertEquals(
        "tenantNewPatients must be 0 (off) or more",
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> d.withTenantNewPatients(-1, 2))
            .getMessage());
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> d.withColdStartSwarm(5, 0.5, WEEK));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> d.withColdStartSwarm(5, 2, Duration.ZERO));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalStateException.class,
        () -> d.withSharedFingerprint(Limit.of(4, 9), Duration.ofHours(1)).checkReachable());
  }

  private static Reason tenantNew() {
    return Reason.TENANT_NEW_PATIENTS;
  }

  private static Reason swarm() {
    return Reason.COLD_START_SWARM;
  }

  private static Reason fingerprint() {
    return Reason.SHARED_FINGERPRINT;
  }
}
