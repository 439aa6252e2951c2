package io.github.nirguard.guard;

import java.util.function.BiConsumer;

/**
 * The default {@link GuardStore}: bounded, in-process, thread-safe; evicts the least recently used
 * principals when full.
 *
 * <p>Records (one per account, one per client) live in up to 64 lock stripes of at least 16
 * records, each an open-addressing table with least-recently-used eviction; a record is mutated
 * under its stripe's lock. The capacity is exact: {@link #size()} never exceeds {@code
 * maxPrincipals}. Eviction is least-recently-used within a stripe, and skips blocked principals
 * while an unblocked one remains. Target NIRs live in a direct-mapped table of {@code targetSlots}
 * entries (a new NIR overwrites the entry it hashes to), each counting up to 8 distinct principals.
 *
 * <p>Memory: at most {@code maxPrincipals × 5.7 KB} (an account record is 5.6 KB with the default
 * 512 known-patient slots, a client record 1.5 KB), plus {@code targetSlots × 32 B}; the defaults
 * (10,000 records, 65,536 targets) come to at most 59 MB.
 *
 * <pre>{@code
 * InMemoryGuardStore store = InMemoryGuardStore.create(50_000, 1 << 18);
 * EnumerationGuard guard = EnumerationGuard.builder().store(store).build();
 * store.size();        // principals currently held
 * store.evictions();   // principals evicted so far
 * }</pre>
 *
 * @since 0.1.0
 */
public final class InMemoryGuardStore implements GuardStore {
  /** Default number of principals. */
  public static final int DEFAULT_MAX_PRINCIPALS = 10_000;

  /** Default number of target slots. */
  public static final int DEFAULT_TARGET_SLOTS = 1 << 16;

  static final int TAGS = 8;
  private static final int MAX_STRIPES = 64;
  private static final int TARGET_LOCKS = 64;

  private final Stripe[] stripes;
  private final int stripeShift;
  private final int maxPrincipals;
  // targets, 4 longs a slot (one cache line holds two): key, window start, 8 tags of 16 bits
  private final long[] targets;
  private final int targetSlots;
  private final int targetMask;
  private final Object[] targetLocks;

  private InMemoryGuardStore(int maxPrincipals, int targetSlots) {
    this.maxPrincipals = maxPrincipals;
    // at least 16 records a stripe, so that eviction has a choice
    int n = Math.min(MAX_STRIPES, Integer.highestOneBit(Math.max(1, maxPrincipals / 16)));
    this.stripes = new Stripe[n];
    this.stripeShift = 64 - Integer.numberOfTrailingZeros(n);
    for (int i = 0; i < n; i++) {
      stripes[i] = new Stripe(maxPrincipals / n + (i < maxPrincipals % n ? 1 : 0));
    }
    this.targets = new long[4 * targetSlots];
    this.targetSlots = targetSlots;
    this.targetMask = targetSlots - 1;
    this.targetLocks = new Object[TARGET_LOCKS];
    for (int i = 0; i < TARGET_LOCKS; i++) {
      targetLocks[i] = new Object();
    }
  }

  /**
   * Returns a store with the default capacities ({@value #DEFAULT_MAX_PRINCIPALS} principals,
   * {@value #DEFAULT_TARGET_SLOTS} target slots).
   *
   * @return the store
   */
  public static InMemoryGuardStore create() {
    return create(DEFAULT_MAX_PRINCIPALS, DEFAULT_TARGET_SLOTS);
  }

  /**
   * Returns a store with the given capacities.
   *
   * @param maxPrincipals the most principals held at once, at least 1
   * @param targetSlots the number of target slots, a power of two from 1 to 2<sup>24</sup>
   * @return the store
   * @throws IllegalArgumentException if a capacity is out of range
   */
  public static InMemoryGuardStore create(int maxPrincipals, int targetSlots) {
    if (maxPrincipals < 1) {
      throw new IllegalArgumentException("maxPrincipals must be at least 1");
    }
    if (targetSlots < 1 || targetSlots > (1 << 24) || (targetSlots & (targetSlots - 1)) != 0) {
      throw new IllegalArgumentException("targetSlots must be a power of two from 1 to 2^24");
    }
    return new InMemoryGuardStore(maxPrincipals, targetSlots);
  }

  private static long mix(long key) {
    long z = key * 0x9E3779B97F4A7C15L;
    return z ^ (z >>> 29);
  }

  private Stripe stripeOf(long mixed) {
    return stripes.length == 1 ? stripes[0] : stripes[(int) (mixed >>> stripeShift)];
  }

  @Override
  public <C> boolean update(
      long principalKey,
      boolean create,
      C context,
      BiConsumer<? super GuardRecord, ? super C> mutation) {
    long key = principalKey == 0 ? 1 : principalKey;
    long mixed = mix(key);
    Stripe s = stripeOf(mixed);
    synchronized (s) {
      int i = s.find(key, (int) mixed);
      if (i < 0) {
        if (!create) {
          return false;
        }
        i = s.insert(key, (int) mixed);
      }
      GuardRecord r = s.records[i];
      r.storeTick = ++s.clock;
      mutation.accept(r, context);
      if (r.lastSeen > s.latest) {
        s.latest = r.lastSeen;
      }
      return true;
    }
  }

  @Override
  public int touchTarget(long targetKey, int principalTag, long epochSecond, long windowSeconds) {
    long key = targetKey == 0 ? 1 : targetKey;
    int slot = (int) mix(key) & targetMask;
    long tag = principalTag & 0xFFFF;
    if (tag == 0) {
      tag = 1;
    }
    int base = 4 * slot;
    long[] t = targets;
    synchronized (targetLocks[slot & (TARGET_LOCKS - 1)]) {
      if (t[base] != key
          || epochSecond - t[base + 1] >= windowSeconds
          || epochSecond < t[base + 1] - windowSeconds) {
        t[base] = key;
        t[base + 1] = epochSecond;
        t[base + 2] = tag;
        t[base + 3] = 0;
        return 1;
      }
      int count = 0;
      for (int w = 2; w < 4; w++) {
        long word = t[base + w];
        for (int j = 0; j < 4; j++) {
          long x = (word >>> (16 * j)) & 0xFFFF;
          if (x == 0) {
            t[base + w] = word | (tag << (16 * j));
            return count + 1;
          }
          if (x == tag) {
            return countTags(base);
          }
          count++;
        }
      }
      return TAGS; // full: saturate
    }
  }

  private int countTags(int base) {
    int c = 0;
    for (int w = 2; w < 4; w++) {
      long word = targets[base + w];
      for (int j = 0; j < 4; j++) {
        if (((word >>> (16 * j)) & 0xFFFF) != 0) {
          c++;
        }
      }
    }
    return c;
  }

  @Override
  public boolean remove(long principalKey) {
    long key = principalKey == 0 ? 1 : principalKey;
    long mixed = mix(key);
    Stripe s = stripeOf(mixed);
    synchronized (s) {
      int i = s.find(key, (int) mixed);
      if (i < 0) {
        return false;
      }
      s.removeAt(i);
      return true;
    }
  }

  @Override
  public long size() {
    long n = 0;
    for (Stripe s : stripes) {
      synchronized (s) {
        n += s.size;
      }
    }
    return n;
  }

  /**
   * Returns the number of principals evicted to make room since creation.
   *
   * @return the eviction count
   */
  public long evictions() {
    long n = 0;
    for (Stripe s : stripes) {
      synchronized (s) {
        n += s.evictions;
      }
    }
    return n;
  }

  /**
   * Returns the capacity.
   *
   * @return the most principals held at once
   */
  public int maxPrincipals() {
    return maxPrincipals;
  }

  /**
   * Returns capacities and size, e.g. {@code InMemoryGuardStore[size=12, max=10000]}.
   *
   * @return a description
   */
  @Override
  public String toString() {
    return "InMemoryGuardStore[size="
        + size()
        + ", max="
        + maxPrincipals
        + ", targets="
        + targetSlots
        + "]";
  }

  /** One lock stripe: linear probing, backward-shift deletion, LRU by access tick. */
  private static final class Stripe {
    final int max;
    final long[] keys;
    final GuardRecord[] records;
    final int mask;
    int size;
    long clock;
    long latest;
    long evictions;

    Stripe(int max) {
      this.max = max;
      int cap = Integer.highestOneBit(Math.max(2, max * 2 - 1)) << 1;
      keys = new long[cap];
      records = new GuardRecord[cap];
      mask = cap - 1;
    }

    int find(long key, int hash) {
      for (int i = hash & mask; ; i = (i + 1) & mask) {
        long k = keys[i];
        if (k == key) {
          return i;
        }
        if (k == 0) {
          return -1;
        }
      }
    }

    int insert(long key, int hash) {
      if (size >= max) {
        evict();
      }
      int i = hash & mask;
      while (keys[i] != 0) {
        i = (i + 1) & mask;
      }
      keys[i] = key;
      records[i] = GuardRecord.empty();
      size++;
      return i;
    }

    private void evict() {
      int victim = -1;
      long oldest = Long.MAX_VALUE;
      int blockedVictim = -1;
      long blockedOldest = Long.MAX_VALUE;
      for (int i = 0; i <= mask; i++) {
        if (keys[i] == 0) {
          continue;
        }
        GuardRecord r = records[i];
        if (r.blockedUntil > latest) {
          if (r.storeTick < blockedOldest) {
            blockedOldest = r.storeTick;
            blockedVictim = i;
          }
        } else if (r.storeTick < oldest) {
          oldest = r.storeTick;
          victim = i;
        }
      }
      removeAt(victim >= 0 ? victim : blockedVictim);
      evictions++;
    }

    void removeAt(int i) {
      size--;
      int hole = i;
      int j = i;
      while (true) {
        keys[hole] = 0;
        records[hole] = null;
        while (true) {
          j = (j + 1) & mask;
          if (keys[j] == 0) {
            return;
          }
          int home = (int) mix(keys[j]) & mask;
          // move j into the hole unless its home lies cyclically in (hole, j]
          boolean stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
          if (!stays) {
            break;
          }
        }
        keys[hole] = keys[j];
        records[hole] = records[j];
        hole = j;
      }
    }
  }
}
