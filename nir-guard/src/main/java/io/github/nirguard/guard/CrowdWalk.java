package io.github.nirguard.guard;

/**
 * A walk spread over accounts and clients ({@link Reason#CROWD_WALK}): for each NIR new to its
 * account, the store counts distinct NIRs per birth period and department and per sex, birthplace
 * and birth year, over every principal it holds (the tenant), within a short window ({@link
 * GuardStore#touchTarget}, with the NIR's tag in place of a principal's). A walker shares one of
 * these keys on every lookup, whichever account or client it uses; the whole country's legitimate
 * traffic reaches a few per key in ten minutes. Its deny level asks for a STEP_UP, never denies.
 * Once a key reaches it, the walk's sex and birthplace are marked for the window (a third key,
 * whose count tells whether the mark was raised), so that a birth-date walk moving on to the next
 * year is asked at once.
 */
final class CrowdWalk {
  private static final long KEY_PERIOD = 0x43524f57_44500001L;
  private static final long KEY_PLACE = 0x43524f57_44500002L;
  private static final long KEY_ALARM = 0x43524f57_44500003L;
  private static final int ALARM_READ = 1;
  private static final int ALARM_RAISED = 2;

  private final Limit limit;
  private final long windowSeconds;

  CrowdWalk(Limit limit, long windowSeconds) {
    this.limit = limit;
    this.windowSeconds = windowSeconds;
  }

  /** Counts the NIR under both keys; returns the higher level (0-2). */
  int touch(GuardStore store, NirFeatures nir, long now) {
    if (limit.isOff()) {
      return 0;
    }
    int tag = SharedTarget.tag(nir.fingerprint);
    int a = store.touchTarget(nir.period() ^ KEY_PERIOD, tag, now, windowSeconds);
    int b = store.touchTarget(nir.placeYear() ^ KEY_PLACE, tag, now, windowSeconds);
    int level = limit.level(Math.max(a, b));
    long alarm = nir.place() ^ KEY_ALARM;
    if (level == 2) {
      store.touchTarget(alarm, ALARM_RAISED, now, windowSeconds);
      return 2;
    }
    // a walk found in this sex and birthplace: every year of it is asked, for the window
    return store.touchTarget(alarm, ALARM_READ, now, windowSeconds) > 1 ? 2 : level;
  }
}
