package io.github.nirguard.guard;

/**
 * The NIRs a principal has seen recently, to tell a returning patient from a new one and to count a
 * NIR once a day: a 2-way set-associative table in {@link GuardRecord#known}. A NIR may sit in
 * either slot of its pair; an entry is the high 48 bits of its fingerprint and the UTC day (16
 * bits) it was last seen; 0 is empty. A new NIR replaces the pair's empty slot, else the one seen
 * longer ago.
 */
final class KnownPatients {
  /** What the table knew of a NIR before it was seen. */
  enum Sighting {
    /** Not in the table (never seen, or evicted). */
    NEW,
    /** Seen on an earlier day. */
    EARLIER,
    /** Seen earlier today. */
    TODAY
  }

  private KnownPatients() {}

  /** Records that a NIR is seen on {@code day} (UTC days, modulo 2^16). */
  static Sighting see(long[] known, long fingerprint, long day) {
    long tag = tag(fingerprint);
    int idx = (int) fingerprint & (known.length - 2);
    int slot;
    boolean seen;
    if ((known[idx] & ~0xFFFFL) == tag) {
      slot = idx;
      seen = true;
    } else if ((known[idx + 1] & ~0xFFFFL) == tag) {
      slot = idx + 1;
      seen = true;
    } else {
      seen = false;
      long a = known[idx];
      long b = known[idx + 1];
      // empty first, else the older day (days compared modulo 2^16 from today)
      slot =
          a == 0
              ? idx
              : b == 0
                  ? idx + 1
                  : ((day - (a & 0xFFFF)) & 0xFFFF) >= ((day - (b & 0xFFFF)) & 0xFFFF)
                      ? idx
                      : idx + 1;
    }
    boolean today = seen && (known[slot] & 0xFFFF) == day;
    known[slot] = tag | day;
    return today ? Sighting.TODAY : seen ? Sighting.EARLIER : Sighting.NEW;
  }

  /** Forgets a NIR (an unknown NIR is no patient). */
  static void forget(long[] known, long fingerprint) {
    long tag = tag(fingerprint);
    int idx = (int) fingerprint & (known.length - 2);
    if ((known[idx] & ~0xFFFFL) == tag) {
      known[idx] = 0;
    } else if ((known[idx + 1] & ~0xFFFFL) == tag) {
      known[idx + 1] = 0;
    }
  }

  /** The high 48 bits of a fingerprint, never 0 (0 marks an empty slot). */
  static long tag(long fingerprint) {
    long hi = fingerprint & 0xFFFF_FFFF_FFFF_0000L;
    return hi == 0 ? 0x10000 : hi;
  }
}
