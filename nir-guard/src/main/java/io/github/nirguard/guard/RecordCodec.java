package io.github.nirguard.guard;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * The versioned layout of a {@link GuardRecord}'s bytes: {@code NGR4}, which is {@code NGR3}
 * followed by the follow-up state (next slot, settled outcomes, then the waiting table: 0 entries,
 * or {@link FollowUps#SLOTS} when the signal is on); {@code NGR3} is {@code NGR2} followed by a
 * tenant's counts. {@code NGR3} and {@code NGR2} bytes (written before these signals) are still
 * read, with the missing parts at zero.
 */
final class RecordCodec {
  /** The tenant's counts at the end of {@code NGR3}. */
  private static final int TENANT_BYTES = 6 * 4 + 8;

  /** The fixed part of the follow-up state at the end of {@code NGR4}. */
  private static final int FOLLOW_BYTES = 4 + 8 + 4;

  private RecordCodec() {}

  static byte[] write(GuardRecord r) {
    ByteBuffer b = ByteBuffer.allocate(size(r.known.length, r.followUps.length));
    b.putInt(GuardRecord.MAGIC);
    b.putLong(r.lastSeen).putLong(r.blockedUntil).putInt(r.blockReasons);
    b.putLong(r.checks).putLong(r.failures).putLong(r.failureBits);
    b.putInt(r.known.length);
    for (long k : r.known) {
      b.putLong(k);
    }
    b.putInt(r.ringNext)
        .putInt(r.ringSize)
        .putInt(r.chained)
        .putInt(r.group)
        .putInt(r.spread)
        .putInt(r.unusual);
    for (long e : r.ring) {
      b.putLong(e);
    }
    b.put(r.breadth).putInt(r.breadthNext).putInt(r.breadthSize);
    for (int x : r.rate) {
      b.putInt(x);
    }
    b.putInt(r.histTotal);
    for (int h : r.deptHist) {
      b.putInt(h);
    }
    for (int h : r.decadeHist) {
      b.putInt(h);
    }
    for (long w : r.walk) {
      b.putLong(w);
    }
    b.putInt(r.samePeriod).putInt(r.birthChained);
    b.putInt(r.novelDay).putInt(r.novelToday).putInt(r.learnedNovel).putInt(r.humanDay);
    b.putInt(r.lifetimeNovel);
    b.putLong(r.stepUpUntil).putInt(r.stepUpReasons);
    for (int i = 0; i < GuardRecord.CLIENT_SLOTS; i++) {
      b.putInt(r.clientTags[i]).putLong(r.clientUntil[i]);
    }
    b.putInt(r.vouchedToday).putInt(r.swarmDay).putInt(r.swarmToday).putInt(r.swarmHumans);
    b.putInt(r.swarmLearned).putLong(r.swarmUntil).putInt(r.tenantSince);
    b.putInt(r.followNext).putLong(r.settled).putInt(r.followUps.length);
    for (long e : r.followUps) {
      b.putLong(e);
    }
    return b.array();
  }

  static GuardRecord read(byte[] bytes) {
    try {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      int magic = b.getInt();
      if (magic != GuardRecord.MAGIC
          && magic != GuardRecord.MAGIC_3
          && magic != GuardRecord.MAGIC_2) {
        throw new IllegalArgumentException("not a guard record (or another version)");
      }
      boolean tenantCounts = magic != GuardRecord.MAGIC_2;
      boolean follow = magic == GuardRecord.MAGIC;
      GuardRecord r = new GuardRecord();
      r.lastSeen = b.getLong();
      r.blockedUntil = b.getLong();
      r.blockReasons = b.getInt();
      r.checks = b.getLong();
      r.failures = b.getLong();
      r.failureBits = b.getLong();
      int n = b.getInt();
      if (n < 0 || n > GuardRecord.MAX_KNOWN || (n & (n - 1)) != 0) {
        throw new IllegalArgumentException("not a guard record (bad size)");
      }
      int slots = follow ? (bytes.length - size(n, 0)) / 8 : 0;
      int expected =
          size(n, slots) - (follow ? 0 : FOLLOW_BYTES) - (tenantCounts ? 0 : TENANT_BYTES);
      if ((slots != 0 && slots != FollowUps.SLOTS) || bytes.length != expected) {
        throw new IllegalArgumentException("not a guard record (bad size)");
      }
      r.known = new long[n];
      for (int i = 0; i < n; i++) {
        r.known[i] = b.getLong();
      }
      r.ringNext = b.getInt();
      r.ringSize = b.getInt();
      r.chained = b.getInt();
      r.group = b.getInt();
      r.spread = b.getInt();
      r.unusual = b.getInt();
      if (r.ringNext < 0
          || r.ringNext >= GuardRecord.RING
          || r.ringSize < 0
          || r.ringSize > GuardRecord.RING) {
        throw new IllegalArgumentException("not a guard record (bad ring)");
      }
      for (int i = 0; i < GuardRecord.RING; i++) {
        r.ring[i] = b.getLong();
      }
      b.get(r.breadth);
      r.breadthNext = b.getInt();
      r.breadthSize = b.getInt();
      if (r.breadthNext < 0
          || r.breadthNext >= GuardRecord.RING
          || r.breadthSize < 0
          || r.breadthSize > GuardRecord.RING) {
        throw new IllegalArgumentException("not a guard record (bad breadth window)");
      }
      for (int i = 0; i < r.rate.length; i++) {
        r.rate[i] = b.getInt();
      }
      r.histTotal = b.getInt();
      for (int i = 0; i < GuardRecord.DEPTS; i++) {
        r.deptHist[i] = b.getInt();
      }
      for (int i = 0; i < GuardRecord.DECADES; i++) {
        r.decadeHist[i] = b.getInt();
      }
      for (int i = 0; i < GuardRecord.RING; i++) {
        r.walk[i] = b.getLong();
      }
      r.samePeriod = b.getInt();
      r.birthChained = b.getInt();
      r.novelDay = b.getInt();
      r.novelToday = b.getInt();
      r.learnedNovel = b.getInt();
      r.humanDay = b.getInt();
      r.lifetimeNovel = b.getInt();
      r.stepUpUntil = b.getLong();
      r.stepUpReasons = b.getInt();
      for (int i = 0; i < GuardRecord.CLIENT_SLOTS; i++) {
        r.clientTags[i] = b.getInt();
        r.clientUntil[i] = b.getLong();
      }
      if (tenantCounts) {
        r.vouchedToday = b.getInt();
        r.swarmDay = b.getInt();
        r.swarmToday = b.getInt();
        r.swarmHumans = b.getInt();
        r.swarmLearned = b.getInt();
        r.swarmUntil = b.getLong();
        r.tenantSince = b.getInt();
      }
      if (follow) {
        r.followNext = b.getInt();
        r.settled = b.getLong();
        if (b.getInt() != slots || r.followNext < 0 || r.followNext >= Math.max(1, slots)) {
          throw new IllegalArgumentException("not a guard record (bad follow-up table)");
        }
        r.followUps = new long[slots];
        for (int i = 0; i < slots; i++) {
          r.followUps[i] = b.getLong();
        }
      }
      return r;
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("not a guard record (truncated)");
    }
  }

  static int size(int knownSlots, int followSlots) {
    return 4
        + 8
        + 8
        + 4
        + 8
        + 8
        + 8
        + 4
        + 8 * knownSlots
        + 6 * 4
        + 8 * GuardRecord.RING
        + GuardRecord.RING
        + 8
        + 4 * (GuardRecord.RATE_SLOTS + 6)
        + 4
        + 4 * GuardRecord.DEPTS
        + 4 * GuardRecord.DECADES
        + 8 * GuardRecord.RING
        + 7 * 4
        + 8
        + 4
        + 12 * GuardRecord.CLIENT_SLOTS
        + TENANT_BYTES
        + FOLLOW_BYTES
        + 8 * followSlots;
  }
}
