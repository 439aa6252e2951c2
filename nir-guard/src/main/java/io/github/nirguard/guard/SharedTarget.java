package io.github.nirguard.guard;

/**
 * One NIR queried by many principals ({@link Reason#SHARED_TARGET}): the store counts the distinct
 * principal tags per NIR fingerprint over a window ({@link GuardStore#touchTarget}). Denies the
 * lookup, never blocks the principal.
 */
final class SharedTarget {
  private final Limit limit;
  private final long windowSeconds;

  SharedTarget(Limit limit, long windowSeconds) {
    this.limit = limit;
    this.windowSeconds = windowSeconds;
  }

  boolean isOff() {
    return limit.isOff();
  }

  /** Records that an account queried a NIR and returns the level (0-2) of the NIR's count. */
  int touch(GuardStore store, long nirFingerprint, long accountKey, long now) {
    return limit.level(store.touchTarget(nirFingerprint, tag(accountKey), now, windowSeconds));
  }

  /** The account's 16-bit tag, never 0. */
  static int tag(long accountKey) {
    return (int) (accountKey >>> 48) | 1;
  }
}
