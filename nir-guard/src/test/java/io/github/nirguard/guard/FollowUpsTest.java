package io.github.nirguard.guard;

import static io.github.nirguard.guard.GuardDecisionsTest.allow;
import static io.github.nirguard.guard.GuardDecisionsTest.expect;
import static io.github.nirguard.guard.SignalsTest.at;
import static io.github.nirguard.guard.SignalsTest.guard;
import static io.github.nirguard.guard.SignalsTest.only;
import static io.github.nirguard.guard.TestNirs.inDept;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link Reason#UNFOLLOWED_LOOKUPS}: lookups of new NIRs the service never reports care for. */
class FollowUpsTest {
  static final Duration WEEK = Duration.ofDays(7);
  static final int HALF_HOUR = 1800;

  static GuardSettings on() {
    return only().withUnfollowedLookups(Limit.of(10, 14), Duration.ofHours(2));
  }

  @Test
  void offByDefaultAFollowUpChangesNothing() {
    assertTrue(GuardSettings.defaults().values().unfollowedLookups.isOff());
    EnumerationGuard g = guard(only());
    Principal p = g.principal("rpps-1", "w1");
    for (int i = 0; i < 40; i++) {
      allow(g.check(p, inDept(69, i), at(HALF_HOUR * i)), "never followed, signal off, " + i);
    }
    assertFalse(g.followUp(p, inDept(69, 39), at(HALF_HOUR * 40)));
    // and nothing is kept for it: the records have no follow-up table
    int[] slots = {-1, -1};
    g.store().update(p.account, false, slots, (r, c) -> c[0] = r.followUps.length);
    g.store().update(p.client, false, slots, (r, c) -> c[1] = r.followUps.length);
    assertArrayEquals(new int[] {0, 0}, slots);
  }

  @Test
  void unfollowedLookupsAskAStepUpThenDeny() {
    EnumerationGuard g = guard(on());
    Principal p = g.principal("rpps-1");
    // one new NIR every half hour, never followed: each settles as unfollowed two hours later, so
    // after lookup i the count is i - 3
    for (int i = 0; i < 13; i++) {
      allow(g.check(p, inDept(69, i), at(HALF_HOUR * i)), "unfollowed " + (i - 3));
    }
    Decision d = g.check(p, inDept(69, 13), at(HALF_HOUR * 13));
    assertEquals(Verdict.STEP_UP, d.verdict(), d.toString());
    assertTrue(d.has(Reason.UNFOLLOWED_LOOKUPS));
    g.stepUp(p, at(HALF_HOUR * 13 + 10));
    // a human vouched for what was settled: the count starts again (lookups 10-13 still wait)
    for (int i = 14; i < 23; i++) {
      allow(g.check(p, inDept(69, i), at(HALF_HOUR * i)), "verified, " + (i - 13));
    }
    // verified and still unfollowed: slowed down, then denied at 14 (a human who vouched, then a
    // robot on the session, or a professional selling lookups)
    for (int i = 23; i < 27; i++) {
      expect(
          g.check(p, inDept(69, i), at(HALF_HOUR * i)),
          Verdict.SLOW_DOWN,
          Duration.ofSeconds(3),
          "verified, " + (i - 13),
          Reason.UNFOLLOWED_LOOKUPS);
    }
    expect(
        g.check(p, inDept(69, 27), at(HALF_HOUR * 27)),
        Verdict.DENY,
        Duration.ofHours(24),
        "14 unfollowed since the step-up",
        Reason.UNFOLLOWED_LOOKUPS);
    Decision blocked = g.check(p, inDept(69, 0), at(HALF_HOUR * 28));
    assertEquals(Verdict.DENY, blocked.verdict());
    assertTrue(blocked.has(Reason.BLOCKED) && blocked.has(Reason.UNFOLLOWED_LOOKUPS));
  }

  @Test
  void followedLookupsDoNotCount() {
    EnumerationGuard g = guard(on());
    Principal p = g.principal("rpps-1", "w1");
    for (int i = 0; i < 60; i++) {
      allow(g.check(p, inDept(69, i), at(HALF_HOUR * i)), "lookup " + i);
      if (i % 4 != 0) { // three in four are followed by care within minutes
        assertTrue(g.followUp(p, inDept(69, i), at(HALF_HOUR * i + 300)), "waiting " + i);
      }
    }
    assertFalse(g.followUp(p, inDept(13, 999), at(HALF_HOUR * 61)), "never looked up");
    assertFalse(g.followUp(p, inDept(69, 1), at(HALF_HOUR * 61)), "already followed");
  }

  @Test
  void aReturningPatientIsNeverJudged() {
    EnumerationGuard g = guard(on());
    Principal p = g.principal("rpps-1");
    g.stepUp(p, at(0)); // verified: the signal slows it down instead of asking
    for (int i = 0; i < 14; i++) {
      g.check(p, inDept(69, i), at(HALF_HOUR * i));
    }
    expect(
        g.check(p, inDept(69, 14), at(HALF_HOUR * 14)),
        Verdict.SLOW_DOWN,
        Duration.ofSeconds(3),
        "11 unfollowed",
        Reason.UNFOLLOWED_LOOKUPS);
    allow(g.check(p, inDept(69, 2), at(HALF_HOUR * 14 + 60)), "a returning patient");
  }

  @Test
  void aRobotClientIsAskedWhileItsOwnersClientGoesOn() {
    EnumerationGuard g = guard(on());
    Principal owner = g.principal("rpps-1", "counter");
    Principal robot = g.principal("rpps-1", "robot");
    int stoppedAt = -1;
    for (int i = 0; i < 40 && stoppedAt < 0; i++) {
      int t = HALF_HOUR * i;
      allow(g.check(owner, inDept(69, 2 * i), at(t)), "owner " + i);
      g.followUp(owner, inDept(69, 2 * i), at(t + 120));
      Decision d = g.check(robot, inDept(69, 2 * i + 1), at(t + 600));
      if (d.verdict() != Verdict.ALLOW) {
        assertEquals(Verdict.STEP_UP, d.verdict(), d.toString());
        assertTrue(d.has(Reason.UNFOLLOWED_LOOKUPS));
        stoppedAt = i;
      }
    }
    // the robot's own count reaches 10 at its 14th lookup; the account's (half followed) never does
    assertEquals(13, stoppedAt);
    allow(g.check(owner, inDept(69, 200), at(HALF_HOUR * 14)), "the owner goes on");
  }

  /**
   * Outcomes count in the order of the lookups. An evening of 32 new NIRs, one every 3 minutes
   * (none has waited out its two hours at closing), every fourth never followed: the next morning's
   * first new NIR settles them all. The last 16 settled are the evening's last 16 lookups, 4 of
   * them unfollowed. Settling followed lookups as their follow-ups came and the unfollowed ones the
   * next morning counted 8 (the 8 unfollowed behind 8 followed), and a pharmacy with one lookup in
   * three unfollowed was asked to step up each morning.
   */
  @Test
  void outcomesSettleInTheOrderOfTheLookupsNotOfTheFollowUps() {
    GuardRecord r = GuardRecord.empty();
    FollowUps f = new FollowUps(Limit.of(10, 14), 7200);
    long evening = 1_772_409_600L + 17 * 3600;
    for (int i = 0; i < 32; i++) {
      long fp = 0x9E37_79B9_7F4A_7C15L * (i + 1);
      assertEquals(0, f.lookedUp(r, fp, evening + 180 * i), "lookup " + i);
      if (i % 4 != 3) {
        assertTrue(FollowUps.followed(r, fp), "followed " + i);
        assertFalse(FollowUps.followed(r, fp), "reported twice " + i);
      }
    }
    assertEquals(0, FollowUps.unfollowed(r), "nothing settled before the window has passed");
    f.lookedUp(r, 0x1234_5678_9ABC_DEF1L, evening + 15 * 3600); // the next morning
    assertEquals(4, FollowUps.unfollowed(r));
    assertEquals(0b0001_0001_0001_0001L, r.settled & 0xFFFF);
  }

  @Test
  void theLimitMustFitTheHistoryOfSixteen() {
    EnumerationGuard.builder()
        .settings(GuardSettings.defaults().withUnfollowedLookups(Limit.of(10, 16), WEEK))
        .build();
    GuardSettings tooMany = GuardSettings.defaults().withUnfollowedLookups(Limit.of(10, 17), WEEK);
    assertThrows(IllegalStateException.class, tooMany::checkReachable);
    assertThrows(
        IllegalArgumentException.class,
        () -> GuardSettings.defaults().withUnfollowedLookups(Limit.of(1, 2), Duration.ZERO));
    assertTrue(
        tooMany.toString().contains("unfollowedLookups=Limit[slowDown=10, deny=17] (PT168H)"));
  }

  @Test
  void theFollowUpTableRoundTripsAndOlderLayoutsAreRead() {
    GuardRecord r = GuardRecord.empty();
    FollowUps f = new FollowUps(Limit.of(10, 14), 7200);
    for (int i = 0; i < 40; i++) {
      f.lookedUp(r, 0x1234_5678_0000_0000L * (i + 1) + i, 1_772_409_600L + HALF_HOUR * i);
    }
    assertEquals(16, FollowUps.unfollowed(r));
    byte[] b = r.toBytes();
    assertEquals(0x4E475234, java.nio.ByteBuffer.wrap(b).getInt()); // NGR4
    GuardRecord back = GuardRecord.fromBytes(b);
    assertArrayEquals(b, back.toBytes());
    assertEquals(b.length, back.sizeInBytes());
    assertEquals(16, FollowUps.unfollowed(back));
    assertTrue(FollowUps.followed(back, 0x1234_5678_0000_0000L * 40 + 39));
    // NGR3: the same layout without the follow-up state at the end
    byte[] empty = GuardRecord.empty().toBytes();
    byte[] old = java.util.Arrays.copyOf(empty, empty.length - 16);
    java.nio.ByteBuffer.wrap(old).putInt(0x4E475233);
    assertEquals(0, GuardRecord.fromBytes(old).settled);
    byte[] table = java.util.Arrays.copyOf(b, b.length - 8); // a table of 31 slots
    assertThrows(IllegalArgumentException.class, () -> GuardRecord.fromBytes(table));
  }
}
