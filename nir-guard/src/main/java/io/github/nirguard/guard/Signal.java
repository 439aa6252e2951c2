package io.github.nirguard.guard;

/**
 * The signals read off a principal's record after each step, each a count judged by its {@link
 * Limit} (the shared target is counted by the store: {@link SharedTarget}).
 */
enum Signal {
  RATE_MINUTE(Reason.RATE_MINUTE),
  RATE_HOUR(Reason.RATE_HOUR),
  RATE_DAY(Reason.RATE_DAY),
  FAILED_LOOKUPS(Reason.FAILED_LOOKUPS),
  SEQUENTIAL(Reason.SEQUENTIAL),
  SAME_BIRTH_GROUP(Reason.SAME_BIRTH_GROUP),
  WIDE_SPREAD(Reason.WIDE_SPREAD, true),
  OFF_PROFILE(Reason.OFF_PROFILE, true),
  SAME_BIRTH_PERIOD(Reason.SAME_BIRTH_PERIOD),
  BIRTHDATE_WALK(Reason.BIRTHDATE_WALK);

  final Reason reason;

  /** Whether the signal judges breadth (unlike the principal's patients): it may ask a step-up. */
  final boolean breadth;

  Signal(Reason reason) {
    this(reason, false);
  }

  Signal(Reason reason, boolean breadth) {
    this.reason = reason;
    this.breadth = breadth;
  }

  /** The signal's limit in the settings. */
  Limit limit(GuardSettings s) {
    return switch (this) {
      case RATE_MINUTE -> s.distinctPerMinute();
      case RATE_HOUR -> s.distinctPerHour();
      case RATE_DAY -> s.distinctPerDay();
      case FAILED_LOOKUPS -> s.failedLookups();
      case SEQUENTIAL -> s.sequential();
      case SAME_BIRTH_GROUP -> s.sameBirthGroup();
      case WIDE_SPREAD -> s.wideSpread();
      case OFF_PROFILE -> s.offProfile();
      case SAME_BIRTH_PERIOD -> s.values().sameBirthPeriod;
      case BIRTHDATE_WALK -> s.values().birthdateWalk;
    };
  }

  /** The signal's count at {@code now} (a rate window first empties its expired buckets). */
  int count(GuardRecord r, long now, FailedLookups failures) {
    return switch (this) {
      case RATE_MINUTE -> RateWindow.MINUTE.count(r.rate, now);
      case RATE_HOUR -> RateWindow.HOUR.count(r.rate, now);
      case RATE_DAY -> RateWindow.DAY.count(r.rate, now);
      case FAILED_LOOKUPS -> failures.count(r);
      case SEQUENTIAL -> r.chained;
      case SAME_BIRTH_GROUP -> r.group;
      case WIDE_SPREAD -> r.spread;
      case OFF_PROFILE -> r.unusual;
      case SAME_BIRTH_PERIOD -> r.samePeriod;
      case BIRTHDATE_WALK -> r.birthChained;
    };
  }
}
