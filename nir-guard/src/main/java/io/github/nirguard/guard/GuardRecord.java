package io.github.nirguard.guard;

/**
 * The guard's state for one principal: fixed-size counters, ring buffers and sketches, holding
 * keyed fingerprints and coarse features of NIRs — never a NIR, never a principal. What a {@link
 * GuardStore} keeps, one per principal key.
 *
 * <p>The layout is private to the guard; a store only creates empty records, serializes them with
 * {@link #toBytes()} and {@link #fromBytes(byte[])}, and may read {@link #lastSeenEpochSecond()}
 * and {@link #blockedUntilEpochSecond()} to choose an expiry or an eviction victim. A record is
 * mutable and not thread-safe: the store runs one mutation at a time on it. The size is fixed: 2.1
 * KB, plus 8 bytes per known-patient slot for an account's record (6.2 KB with the default 512
 * slots).
 *
 * <pre>{@code
 * // in a store backed by a remote key-value service
 * byte[] bytes = remote.get(key);
 * GuardRecord record = bytes == null ? GuardRecord.empty() : GuardRecord.fromBytes(bytes);
 * mutation.accept(record, context);
 * remote.compareAndSet(key, bytes, record.toBytes());   // retry the whole step on conflict
 * }</pre>
 *
 * <p>What a record holds, for a data-protection review: counts per time bucket; the last 64
 * outcomes (failed or not); for the last 64 new NIRs, a 32-bit keyed fingerprint of (sex, year,
 * month, place of birth), the order number, the department of birth (or continent for a birth
 * abroad) and the decade of the two-digit birth year; the departments of birth of the last 64
 * distinct lookups; 48-bit keyed fingerprints of recently seen NIRs with a day number; histograms
 * of departments and decades of birth; when the follow-up signal is on, 31-bit keyed tags of up to
 * 32 new NIRs waiting for a follow-up, with the second of the lookup. Without the guard's key, a
 * fingerprint cannot be tested against candidate NIRs.
 *
 * @since 0.1.0
 */
public final class GuardRecord {
  static final int MAGIC = 0x4E475234; // "NGR4": NGR3 and the follow-up table

  static final int MAGIC_3 = 0x4E475233; // "NGR3": NGR2 and the tenant's counts, still read

  static final int MAGIC_2 = 0x4E475232; // "NGR2", still read
  static final int RING = 64;
  static final int DEPTS = 128;
  static final int DECADES = 10;
  static final int MINUTE_BUCKETS = 6;
  static final int MINUTE_SPAN = 10;
  static final int HOUR_BUCKETS = 12;
  static final int HOUR_SPAN = 300;
  static final int DAY_BUCKETS = 24;
  static final int DAY_SPAN = 3600;
  static final int MINUTE_OFFSET = 0;
  static final int HOUR_OFFSET = MINUTE_BUCKETS;
  static final int DAY_OFFSET = MINUTE_BUCKETS + HOUR_BUCKETS;
  static final int RATE_SLOTS = MINUTE_BUCKETS + HOUR_BUCKETS + DAY_BUCKETS;

  /** In {@link #rate}, after the bucket counts: the current bucket number of each window. */
  static final int RATE_HEAD = RATE_SLOTS;

  /** In {@link #rate}, after the heads: the running total of each window. */
  static final int RATE_TOTAL = RATE_SLOTS + 3;

  static final int MAX_KNOWN = 1 << 16;
  private static final long[] NONE = new long[0];

  // ring entry layout
  static final int ORDER_SHIFT = 32;
  static final int DEPT_SHIFT = 42;
  static final int DECADE_SHIFT = 49;
  static final long UNUSUAL = 1L << 53;
  static final long CHAINED = 1L << 54;
  static final long UNKNOWN = 1L << 55;

  // walk entry layout: period in bits 0-23, place in 24-47, month index + 1 in 48-58
  static final int PLACE_SHIFT = 24;
  static final int MONTH_SHIFT = 48;
  static final long BIRTH_CHAINED = 1L << 59;

  /** Step-up states of clients kept by an account's record. */
  static final int CLIENT_SLOTS = 8;

  /** The in-memory store's last access, for LRU eviction; not serialized. */
  long storeTick;

  long lastSeen;
  long blockedUntil;
  int blockReasons;
  long checks;
  long failures;

  /** Shift register: bit 0 is the latest lookup, 1 = failed (invalid or unknown). */
  long failureBits;

  /** Seen NIRs: (high 48 bits of the NIR fingerprint) | (UTC day & 0xFFFF); 0 = empty. */
  long[] known = NONE;

  /** The last new NIRs, see the entry layout. */
  final long[] ring = new long[RING];

  int ringNext;
  int ringSize;

  /** Parallel to {@link #ring}: birth period, place and month of each new NIR (walk layout). */
  final long[] walk = new long[RING];

  /** Ring entries sharing the birth period of the latest push (itself included). */
  int samePeriod;

  /** Ring entries flagged BIRTH_CHAINED, at the latest push. */
  int birthChained;

  /** The UTC day of {@link #novelToday}. */
  int novelDay;

  /** NIRs new to the account looked up today by this principal. */
  int novelToday;

  /** The learned daily count of new NIRs (decaying peak of normal days). */
  int learnedNovel;

  /** New NIRs counted before a human first stepped up on this principal. */
  int lifetimeNovel;

  /** The last UTC day a human stepped up on this principal, -1 if never. */
  int humanDay = -1;

  /** An account's step-up requirement for every client not verified: epoch second, 0 if none. */
  long stepUpUntil;

  /** The reasons of the account's step-up requirement. */
  int stepUpReasons;

  /**
   * New NIRs waiting for a follow-up ({@link FollowUps}): 31-bit tag of the fingerprint and a
   * followed mark, epoch second; empty until the signal is on.
   */
  long[] followUps = NONE;

  /** The next slot of {@link #followUps}. */
  int followNext;

  /** Settled follow-up outcomes, bit 0 the latest: 1 = unfollowed. */
  long settled;

  /** A tenant's record: new NIRs of its established principals today (learned from, next day). */
  int vouchedToday;

  /** A tenant's record: the UTC day of {@link #swarmToday} and {@link #swarmHumans}. */
  int swarmDay;

  /** A tenant's record: principals in their cold start that began on new NIRs today. */
  int swarmToday;

  /** A tenant's record: principals in their cold start on which a human stepped up today. */
  int swarmHumans;

  /** A tenant's record: the learned daily count of cold starts a human vouched for. */
  int swarmLearned;

  /** A tenant's record: its cold-start alarm lasts until this epoch second, 0 if never raised. */
  long swarmUntil;

  /** A tenant's record: the UTC day of its first lookup, plus one (0 for none yet). */
  int tenantSince;

  /** An account's clients with a step-up state: 32-bit tags (0 is the account alone). */
  final int[] clientTags = new int[CLIENT_SLOTS];

  /**
   * Per client slot: verified until (positive epoch second), or required until (negative), 0 for an
   * empty slot.
   */
  final long[] clientUntil = new long[CLIENT_SLOTS];

  /**
   * The last distinct lookups (new or returning patients), for the breadth signals: department
   * bucket in bits 0-6, bit 7 set when off-profile.
   */
  final byte[] breadth = new byte[RING];

  int breadthNext;
  int breadthSize;

  /** Ring entries flagged CHAINED, at the latest push. */
  int chained;

  /** Ring entries sharing the birth group of the latest push (itself included). */
  int group;

  /** Distinct department buckets in the breadth window, at the latest push. */
  int spread;

  /** Unusual entries in the breadth window, at the latest push. */
  int unusual;

  /**
   * The sliding windows (minute, hour, day): the bucket counts, then the current bucket number of
   * each window ({@link #RATE_HEAD}), then the running total of each ({@link #RATE_TOTAL}).
   */
  final int[] rate = new int[RATE_SLOTS + 6];

  /**
   * The breadth window's state, derived from {@link #breadth}: the count of each department bucket
   * (0-127), then how many buckets have each count (128 + count); not serialized, rebuilt when
   * {@link #windowSize} does not match the guard's window.
   */
  final byte[] window = new byte[DEPTS + RING + 1];

  int windowSize;
  int windowDistinct;
  int windowTop;
  final int[] deptHist = new int[DEPTS];
  final int[] decadeHist = new int[DECADES];
  int histTotal;

  GuardRecord() {}

  /**
   * Returns a new record with no history, what a store hands to the guard for a principal it has
   * never seen.
   *
   * @return an empty record
   */
  public static GuardRecord empty() {
    return new GuardRecord();
  }

  /** Sizes the known-patient table; a change of size forgets the known patients. */
  void ensureKnownSlots(int slots) {
    if (known.length != slots) {
      known = new long[slots];
    }
  }

  /** Forgets the short-term evidence (after a block), keeps the baseline and known patients. */
  void clearEvidence() {
    failureBits = 0;
    java.util.Arrays.fill(ring, 0L);
    java.util.Arrays.fill(walk, 0L);
    ringNext = 0;
    ringSize = 0;
    samePeriod = 0;
    birthChained = 0;
    java.util.Arrays.fill(breadth, (byte) 0);
    breadthNext = 0;
    breadthSize = 0;
    chained = 0;
    group = 0;
    spread = 0;
    unusual = 0;
    java.util.Arrays.fill(rate, 0);
    java.util.Arrays.fill(window, (byte) 0);
    windowSize = 0;
    windowDistinct = 0;
    windowTop = 0;
    java.util.Arrays.fill(followUps, 0L);
    followNext = 0;
    settled = 0;
  }

  /**
   * Returns the epoch second of the latest check of this principal; a store may expire a record
   * that has been idle long enough (a day of idleness loses only the baseline).
   *
   * @return the epoch second, 0 for an empty record
   */
  public long lastSeenEpochSecond() {
    return lastSeen;
  }

  /**
   * Returns the epoch second until which the principal is blocked or a step-up is required of it or
   * of one of its clients; a store should not evict or expire a record before it (evicting a
   * blocked principal would unblock it).
   *
   * @return the epoch second, 0 if never blocked
   */
  public long blockedUntilEpochSecond() {
    long until = Math.max(Math.max(blockedUntil, stepUpUntil), swarmUntil);
    for (long u : clientUntil) {
      until = Math.max(until, -u);
    }
    return until;
  }

  /**
   * Serializes the record (a versioned, fixed layout).
   *
   * @return the bytes
   */
  public byte[] toBytes() {
    return RecordCodec.write(this);
  }

  /**
   * Reads a record written by {@link #toBytes()}.
   *
   * @param bytes the bytes
   * @return the record
   * @throws IllegalArgumentException if the bytes are not a guard record of this version
   */
  public static GuardRecord fromBytes(byte[] bytes) {
    return RecordCodec.read(bytes);
  }

  static int serializedSize(int knownSlots) {
    return RecordCodec.size(knownSlots, 0);
  }

  /**
   * Returns the size of {@link #toBytes()}, close to the record's heap footprint.
   *
   * @return the size in bytes
   */
  public int sizeInBytes() {
    return RecordCodec.size(known.length, followUps.length);
  }

  /**
   * Returns counts only, e.g. {@code GuardRecord[checks=12, failures=1, blocked=false]}.
   *
   * @return a description without personal data
   */
  @Override
  public String toString() {
    return "GuardRecord[checks="
        + checks
        + ", failures="
        + failures
        + ", blocked="
        + (blockedUntil > lastSeen)
        + "]";
  }
}
