package io.github.nirguard.guard;

import java.time.Duration;
import java.util.Objects;

/**
 * The values behind a {@link GuardSettings}, with their defaults (each documented on its {@code
 * with…} method), the range checks of single values, the reachability check of the builder and the
 * description the guard prints. The new-patient allowance and the step-up durations are set and
 * read together: each is one small value ({@link NewPatientAllowance}, {@link StepUpTimes}). A
 * settings object copies them before a change and never changes them once it holds them.
 */
final class SettingsValues implements Cloneable {

  Limit distinctPerMinute = Limit.of(12, 30);
  Limit distinctPerHour = Limit.of(150, 400);
  Limit distinctPerDay = Limit.of(600, 1500);
  Limit sequential = Limit.of(3, 5);
  int sequentialGap = 8;
  Limit sameBirthGroup = Limit.of(4, 6);
  int breadthWindow = 48;
  Limit wideSpread = Limit.of(20, 25);
  Limit offProfile = Limit.of(22, 29);
  double unusualShare = 0.015;
  int minHistory = 30;
  int failureWindow = 32;
  Limit failedLookups = Limit.of(8, 12);
  Limit sharedTarget = Limit.of(5, 8);
  Duration sharedTargetWindow = Duration.ofHours(24);
  Duration blockFor = Duration.ofHours(24);
  Duration slowDownDelay = Duration.ofSeconds(3);
  boolean failOpen;
  int knownPatients = 512;
  Limit sameBirthPeriod = Limit.of(5, 8);
  Limit birthdateWalk = Limit.of(5, 9);
  Limit crowdWalk = Limit.of(6, 8);
  Duration crowdWindow = Duration.ofMinutes(10);
  NewPatientAllowance newPatients = NewPatientAllowance.DEFAULTS;
  StepUpTimes stepUps = StepUpTimes.DEFAULTS;
  boolean breadthStepsUp = true;
  int tenantNewPatients = 2000;
  double tenantGrowth = 2.0;
  int coldStartSwarm = 20;
  double swarmGrowth = 2.0;
  Duration swarmAlarmFor = Duration.ofDays(7);
  Limit sharedFingerprint = Limit.of(6, 8);
  Duration fingerprintWindow = Duration.ofHours(24);
  int globalNewPatients;
  double globalGrowth = 2.0;
  int tenantCoverage = 0;
  double coverageGrowth = 2.0;
  Limit unfollowedLookups = Limit.off();
  Duration followUpWithin = Duration.ofHours(2);

  SettingsValues copy() {
    try {
      return (SettingsValues) clone();
    } catch (CloneNotSupportedException e) {
      throw new AssertionError(e);
    }
  }

  static Limit limit(Limit limit) {
    return Objects.requireNonNull(limit, "limit");
  }

  static int range(int value, int min, int max, String name) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be from " + min + " to " + max);
    }
    return value;
  }

  static double share(double share) {
    if (!(share > 0 && share <= 0.5)) {
      throw new IllegalArgumentException("unusualShare must be in (0, 0.5]");
    }
    return share;
  }

  static int minHistory(int newPatients) {
    if (newPatients < 1) {
      throw new IllegalArgumentException("minHistory must be at least 1");
    }
    return newPatients;
  }

  static Duration atLeastASecond(Duration window) {
    if (window.getSeconds() < 1) {
      throw new IllegalArgumentException("sharedTargetWindow must be at least one second");
    }
    return window;
  }

  static Duration upTo(Duration d, Duration max, String name, String shownMax) {
    if (d.isNegative() || d.compareTo(max) > 0) {
      throw new IllegalArgumentException(name + " must be from 0 to " + shownMax);
    }
    return d;
  }

  static int coldAllowance(int value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be 0 (off) or more");
    }
    return value;
  }

  static double growth(double growth, String name) {
    if (!(growth >= 1 && growth <= 100)) {
      throw new IllegalArgumentException(name + " growth must be from 1 to 100");
    }
    return growth;
  }

  static Duration positive(Duration d, String name) {
    if (d.getSeconds() < 1) {
      throw new IllegalArgumentException(name + " must be at least one second");
    }
    return d;
  }

  static int slots(int slots) {
    if (slots < 64 || slots > GuardRecord.MAX_KNOWN || Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("knownPatients must be a power of two from 64 to 65536");
    }
    return slots;
  }

  /** Checks that every limit fits what its window can count. */
  void checkReachable() {
    checkReachable(sequential, GuardRecord.RING, "sequential");
    checkReachable(sameBirthGroup, GuardRecord.RING, "sameBirthGroup");
    checkReachable(wideSpread, breadthWindow, "wideSpread");
    checkReachable(offProfile, breadthWindow, "offProfile");
    checkReachable(failedLookups, failureWindow, "failedLookups");
    checkReachable(sameBirthPeriod, GuardRecord.RING, "sameBirthPeriod");
    checkReachable(birthdateWalk, GuardRecord.RING, "birthdateWalk");
    checkReachable(crowdWalk, 8, "crowdWalk");
    checkReachable(sharedFingerprint, 8, "sharedFingerprint");
    checkReachable(unfollowedLookups, FollowUps.HISTORY, "unfollowedLookups");
  }

  static void checkReachable(Limit limit, int max, String name) {
    if (!limit.isOff() && limit.deny() > max) {
      throw new IllegalStateException(
          name + " deny threshold exceeds what its window can count (" + max + ")");
    }
  }

  /** The unusual share in thousandths, as the guard compares it. */
  int unusualPermille() {
    return (int) Math.round(unusualShare * 1000);
  }

  /** The values as the guard's {@code toString()} has always listed them (no knownPatients). */
  String describe() {
    return "perMinute="
        + distinctPerMinute
        + ", perHour="
        + distinctPerHour
        + ", perDay="
        + distinctPerDay
        + ", sequential="
        + sequential
        + " (gap "
        + sequentialGap
        + "), sameBirthGroup="
        + sameBirthGroup
        + ", breadthWindow="
        + breadthWindow
        + ", wideSpread="
        + wideSpread
        + ", offProfile="
        + offProfile
        + " (share "
        + unusualPermille() / 1000.0
        + ", history "
        + minHistory
        + "), failedLookups="
        + failedLookups
        + " (of "
        + failureWindow
        + "), sharedTarget="
        + sharedTarget
        + " ("
        + Duration.ofSeconds(sharedTargetWindow.getSeconds())
        + "), blockFor="
        + Duration.ofSeconds(blockFor.getSeconds())
        + ", slowDownDelay="
        + slowDownDelay
        + ", failOpen="
        + failOpen
        + ", sameBirthPeriod="
        + sameBirthPeriod
        + ", birthdateWalk="
        + birthdateWalk
        + ", crowdWalk="
        + crowdWalk
        + " ("
        + Duration.ofSeconds(crowdWindow.getSeconds())
        + "), newPatients="
        + newPatients.describe()
        + ", "
        + stepUps.describe()
        + ", breadthStepsUp="
        + breadthStepsUp
        + ", tenantNewPatients="
        + tenantNewPatients
        + " x"
        + tenantGrowth
        + ", coldStartSwarm="
        + coldStartSwarm
        + " x"
        + swarmGrowth
        + " ("
        + Duration.ofSeconds(swarmAlarmFor.getSeconds())
        + "), sharedFingerprint="
        + sharedFingerprint
        + " ("
        + Duration.ofSeconds(fingerprintWindow.getSeconds())
        + "), globalNewPatients="
        + globalNewPatients
        + " x"
        + globalGrowth
        + ", tenantCoverage="
        + tenantCoverage
        + " x"
        + coverageGrowth
        + ", unfollowedLookups="
        + unfollowedLookups
        + " ("
        + Duration.ofSeconds(followUpWithin.getSeconds())
        + ")";
  }
}
