package io.github.nirguard.guard;

/**
 * List replay seen from follow-up events ({@link Reason#UNFOLLOWED_LOOKUPS}): a lookup of a NIR new
 * to the account waits, in {@link GuardRecord#followUps}, for the service to report the care that
 * follows it ({@link EnumerationGuard#followUp}: a dispensing, a claim). A reported follow-up marks
 * it followed; when its window has passed it settles, as followed or unfollowed, in the order of
 * the lookups (into {@link GuardRecord#settled}, a shift register of outcomes, 1 = unfollowed). The
 * signal counts the unfollowed among the last {@link #HISTORY} settled. A real patient's lookup is
 * followed by care; a robot replaying a leaked list brings none.
 *
 * <p>Bounded: {@link #SLOTS} waiting lookups per record, each a 31-bit tag of the NIR's keyed
 * fingerprint, the followed mark and the epoch second of the lookup. A lookup pushed out of a full
 * table before its window ends is dropped without counting (a burst of new NIRs, which the rate and
 * allowance signals judge). Used only for NIRs new to the account: a returning patient costs
 * nothing.
 */
final class FollowUps {
  /** Waiting lookups per record. */
  static final int SLOTS = 32;

  /** Settled outcomes the signal counts. */
  static final int HISTORY = 16;

  private static final long HISTORY_MASK = (1L << HISTORY) - 1;

  /** In a waiting entry: the service reported the follow-up (bit 0 of the tag). */
  private static final long FOLLOWED = 1L << 32;

  /** In a waiting entry: the tag, without the followed mark. */
  private static final long TAG_MASK = 0xFFFF_FFFEL << 32;

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
   * oldest first, makes this one wait, and returns the signal's level (0, 1 or 2).
   *
   * <p>Every lookup settles when its window has passed, followed or not, in the order of the
   * lookups: a follow-up only marks its lookup. Settling followed lookups at once and unfollowed
   * ones a window later would put the unfollowed lookups of a whole window together in the count:
   * after a night, a pharmacy's first new NIR of the morning would settle every unfollowed lookup
   * of the previous evening behind the followed ones already counted, and 10 of the last 16 settled
   * could be unfollowed while 1 lookup in 5 was.
   */
  int lookedUp(GuardRecord r, long fingerprint, long now) {
    if (r.followUps.length != SLOTS) {
      r.followUps = new long[SLOTS];
    }
    long[] waiting = r.followUps;
    int next = r.followNext;
    for (int k = 0; k < SLOTS; k++) {
      int i = (next + k) % SLOTS; // the oldest slot first
      long e = waiting[i];
      if (e != 0 && now - (e & 0xFFFF_FFFFL) >= windowSeconds) {
        settle(r, (e & FOLLOWED) == 0);
        waiting[i] = 0;
      }
    }
    // a lookup still waiting in the slot is dropped, followed or not: not counted
    waiting[next] = ((long) tag(fingerprint) << 32) | (now & 0xFFFF_FFFFL);
    r.followNext = (next + 1) % SLOTS;
    return limit.level(unfollowed(r));
  }

  /**
   * The service reported care following a lookup of this NIR: the waiting lookup, if any, is marked
   * followed (it settles as followed when its window has passed). Returns whether one was waiting.
   */
  static boolean followed(GuardRecord r, long fingerprint) {
    long[] waiting = r.followUps;
    long tag = (long) tag(fingerprint) << 32;
    for (int i = 0; i < waiting.length; i++) {
      long e = waiting[i];
      if (e != 0 && (e & TAG_MASK) == tag && (e & FOLLOWED) == 0) {
        waiting[i] = e | FOLLOWED;
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

  /**
   * 31 bits of the NIR's fingerprint, shifted left by one (bit 0 is the followed mark), never 0.
   */
  private static int tag(long fingerprint) {
    int t = (int) (fingerprint >>> 33) << 1;
    return t == 0 ? 2 : t;
  }

  @Override
  public String toString() {
    return "FollowUps[" + limit + ", " + windowSeconds + " s]";
  }
}
