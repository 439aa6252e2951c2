package io.github.nirguard.guard;

/**
 * NIRs new to an account, per UTC day, against an allowance that grows with a history of normal use
 * ({@link Reason#NEW_PATIENTS}, answered with STEP_UP). The allowance is {@code max(cold, growth ×
 * learned)}; {@code learned} decays by an eighth at each new day, is kept by a day that stayed
 * within its allowance, and grows (at most fourfold a day) only from a day on which a human stepped
 * up. A robot replaying a list never steps up: its allowance stays at the cold start, whether it
 * runs on a new account, a new client or an old one; and a principal on which no human ever stepped
 * up may see at most {@code lifetime × cold} new NIRs in all, however slowly.
 */
final class Novelty {
  private static final long DAY = 86_400;

  private final int coldAccount;
  private final int coldClient;
  private final double growth;
  private final int lifetime;

  Novelty(NewPatientAllowance a) {
    this.coldAccount = a.account();
    this.coldClient = a.client();
    this.growth = a.growth();
    this.lifetime = a.lifetime();
  }

  /**
   * Counts a NIR new to the account, looked up by this principal; returns whether today's count
   * exceeds the allowance (never for a verified principal, whose day counts as a human's).
   */
  boolean count(GuardRecord r, long now, boolean account, boolean verified) {
    int cold = account ? coldAccount : coldClient;
    int day = (int) (now / DAY);
    if (day != r.novelDay) {
      roll(r, day, cold);
    }
    if (verified) {
      r.humanDay = day;
    }
    r.novelToday++;
    if (r.humanDay < 0 && r.lifetimeNovel < Integer.MAX_VALUE) {
      r.lifetimeNovel++; // until a human first steps up on this principal
    }
    return !verified
        && cold > 0
        && (r.novelToday > allowance(r, cold)
            || (lifetime > 0 && r.humanDay < 0 && r.lifetimeNovel > (long) lifetime * cold));
  }

  /** Marks today as a day a human stepped up on this principal. */
  void human(GuardRecord r, long now, boolean account) {
    int day = (int) (now / DAY);
    if (day != r.novelDay) {
      roll(r, day, account ? coldAccount : coldClient);
    }
    r.humanDay = day;
  }

  private void roll(GuardRecord r, int day, int cold) {
    int previous = r.novelToday;
    int learned = r.learnedNovel;
    int decayed = learned - learned / 8;
    int next = decayed;
    if (r.humanDay == r.novelDay) {
      next = Math.max(decayed, Math.min(previous, 4 * Math.max(cold, learned)));
    } else if (previous <= allowance(r, cold)) {
      next = Math.max(decayed, Math.min(previous, learned));
    }
    r.learnedNovel = next;
    r.novelToday = 0;
    r.novelDay = day;
  }

  /** Today's allowance. */
  int allowance(GuardRecord r, int cold) {
    return (int) Math.max(cold, Math.min(1 << 30, growth * r.learnedNovel));
  }

  int allowance(GuardRecord r, boolean account) {
    return allowance(r, account ? coldAccount : coldClient);
  }
}
