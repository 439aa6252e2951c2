package io.github.nirguard.guard;

/**
 * List replay seen from follow-up events ({@link Reason#UNFOLLOWED_LOOKUPS}): a lookup of a NIR new
 * to the account waits, in {@link GuardRecord#followUps}, for the service to report the care that
 * follows it ({@link EnumerationGuard#followUp}: a dispensing, a claim). A reported follow-up
 * settles it as followed; one still waiting when the window has passed settles as unfollowed (both
 * into {@link GuardRecord#settled}, a shift register of outcomes, 1 = unfollowed). The signal
 * counts the unfollowed among the last {@link #HISTORY} settled. A real patient's lookup is
 * followed by care; a robot replaying a leaked list brings none.
 *
 * <p>Bounded: {@link #SLOTS} waiting lookups per record, each a 32-bit tag of the NIR's keyed
 * fingerprint and the epoch second of the lookup. A lookup pushed out of a full table before its
 * window ends is dropped without counting (a burst of new NIRs, which the rate and allowance
 * signals judge). Used only for NIRs new to the account: a returning patient costs nothing.
 */
final class FollowUps {
  /** Waiting lookups per record. */
  static final int SLOTS = 32;

  /** Settled outcomes the signal counts. */
  static final int HISTORY = 16;

  private static final long HISTORY_MASK = (1L << HISTORY) - 1;

  private final Limit limit;
  private final long windowSeconds;

  FollowUps(Limit limit, long windowSeconds) {
    this.limit = limit;
    this.windowSeconds = windowSeconds;
  }

  boolean isOff() {
    return limit.isOff();
  }

  /**
   * A NIR new to the account was looked up: settles the waiting lookups whose window has passed,
   * makes this one wait, and returns the signal's level (0, 1 or 2).
   */
  int lookedUp(GuardRecord r, long fingerprint, long now) {
    if (r.followUps.length != SLOTS) {
      r.followUps = new long[SLOTS];
    }
    long[] waiting = r.followUps;
    for (int i = 0; i < SLOTS; i++) {
      long e = waiting[i];
      if (e != 0 && now - (e & 0xFFFF_FFFFL) >= windowSeconds) {
        settle(r, true);
        waiting[i] = 0;
      }
    }
    int at = r.followNext;
    // a lookup still waiting in the slot is dropped, not counted
    waiting[at] = ((long) tag(fingerprint) << 32) | (now & 0xFFFF_FFFFL);
    r.followNext = (at + 1) % SLOTS;
    return limit.level(unfollowed(r));
  }

  /**
   * The service reported care following a lookup of this NIR: the waiting lookup, if any, settles
   * as followed. Returns whether one was waiting.
   */
  static boolean followed(GuardRecord r, long fingerprint) {
    long[] waiting = r.followUps;
    int tag = tag(fingerprint);
    for (int i = 0; i < waiting.length; i++) {
      long e = waiting[i];
      if (e != 0 && (int) (e >>> 32) == tag) {
        waiting[i] = 0;
        settle(r, false);
        return true;
      }
    }
    return false;
  }

  /** Unfollowed lookups among the last {@link #HISTORY} settled. */
  static int unfollowed(GuardRecord r) {
    return Long.bitCount(r.settled & HISTORY_MASK);
  }

  private static void settle(GuardRecord r, boolean unfollowed) {
    r.settled = (r.settled << 1) | (unfollowed ? 1 : 0);
  }

  /** 32 bits of the NIR's fingerprint, never 0. */
  private static int tag(long fingerprint) {
    int t = (int) (fingerprint >>> 32);
    return t == 0 ? 1 : t;
  }

  @Override
  public String toString() {
    return "FollowUps[" + limit + ", " + windowSeconds + " s]";
  }
}
