package io.github.nirguard.guard;

/**
 * The step-up state of an account's clients, in its record ({@link GuardRecord#clientTags}): a
 * client that re-authenticated is verified for a while (exempt from {@link Reason#NEW_PATIENTS} and
 * from pending requirements); a client asked to step up stays asked until it does, or until the
 * requirement expires (each new attempt renews it: a human steps up, a robot keeps knocking). Eight
 * slots per account; an expired or the soonest-ending slot is reused.
 */
final class StepUps {
  private StepUps() {}

  /** The client's 32-bit tag (0 for the account alone). */
  static int tag(long clientKey) {
    return (int) (clientKey >>> 32) | 1;
  }

  /** 1 verified, -1 required, 0 neither, at {@code now}. */
  static int state(GuardRecord r, int tag, long now) {
    long[] until = r.clientUntil;
    int[] tags = r.clientTags;
    for (int i = 0; i < GuardRecord.CLIENT_SLOTS; i++) {
      long u = until[i];
      if (u != 0 && tags[i] == tag) {
        return u > now ? 1 : -u > now ? -1 : 0;
      }
    }
    return 0;
  }

  /** The end of the client's requirement, 0 if none. */
  static long requiredUntil(GuardRecord r, int tag) {
    for (int i = 0; i < GuardRecord.CLIENT_SLOTS; i++) {
      if (r.clientUntil[i] < 0 && r.clientTags[i] == tag) {
        return -r.clientUntil[i];
      }
    }
    return 0;
  }

  static void verify(GuardRecord r, int tag, long until, long now) {
    int i = slot(r, tag, now);
    r.clientTags[i] = tag;
    r.clientUntil[i] = until;
  }

  static void require(GuardRecord r, int tag, long until, long now) {
    int i = slot(r, tag, now);
    long old = r.clientTags[i] == tag && r.clientUntil[i] < 0 ? -r.clientUntil[i] : 0;
    r.clientTags[i] = tag;
    r.clientUntil[i] = -Math.max(until, old);
  }

  static void clear(GuardRecord r) {
    java.util.Arrays.fill(r.clientTags, 0);
    java.util.Arrays.fill(r.clientUntil, 0L);
    r.stepUpUntil = 0;
    r.stepUpReasons = 0;
  }

  private static int slot(GuardRecord r, int tag, long now) {
    int best = 0;
    long bestEnd = Long.MAX_VALUE;
    for (int i = 0; i < GuardRecord.CLIENT_SLOTS; i++) {
      long u = r.clientUntil[i];
      if (u != 0 && r.clientTags[i] == tag) {
        return i;
      }
      long end = Math.abs(u);
      if (end <= now) {
        end = 0; // empty or expired
      }
      if (end < bestEnd) {
        bestEnd = end;
        best = i;
      }
    }
    return best;
  }
}
