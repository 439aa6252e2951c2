package io.github.nirguard.guard;

import java.util.function.BiConsumer;

/**
 * Where an {@link EnumerationGuard} keeps its state: one {@link GuardRecord} per principal key, and
 * a table of who queried which NIR. The default is {@link InMemoryGuardStore}; implement this
 * interface to share the state between several instances of a lookup service (a Redis-like store),
 * so that a robot spreading its queries over instances is still counted once.
 *
 * <p>Keys are 64-bit keyed fingerprints computed by the guard: a store never sees a principal name
 * or a NIR. All instances sharing a store must therefore build their guard with the same key
 * ({@link GuardBuilder#keys}); the builder refuses a custom store without one.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #update} runs the mutation on the calling thread, before returning, atomically per
 *       principal key: no two mutations of one key overlap, and each sees the previous one's
 *       result. A store that retries on conflict (optimistic concurrency) may run a mutation more
 *       than once on fresh copies: the guard's mutations are re-runnable. Mutations of different
 *       keys may run in parallel.
 *   <li>{@link #touchTarget} counts distinct principal tags per target key over a window; a store
 *       may forget a target (bounded memory), which can only lower the count.
 *   <li>A store may evict or expire records, preferably idle ones; it should keep a record until
 *       {@link GuardRecord#blockedUntilEpochSecond()} at least.
 *   <li>A failing store throws any {@link RuntimeException}; the guard then fails closed (DENY with
 *       {@link Reason#STORE_UNAVAILABLE}) unless built with {@code failOpen(true)}.
 * </ul>
 *
 * <pre>{@code
 * final class RedisGuardStore implements GuardStore {   // sketch
 *   public <C> boolean update(long key, boolean create, C context,
 *       BiConsumer<? super GuardRecord, ? super C> mutation) {
 *     String k = "ng:p:" + Long.toHexString(key);
 *     while (true) {                                     // WATCH / MULTI / EXEC
 *       redis.watch(k);
 *       byte[] old = redis.get(k);
 *       if (old == null && !create) { redis.unwatch(); return false; }
 *       GuardRecord r = old == null ? GuardRecord.empty() : GuardRecord.fromBytes(old);
 *       mutation.accept(r, context);
 *       if (redis.multi().set(k, r.toBytes()).expire(k, ttl(r)).exec() != null) return true;
 *     }
 *   }
 *   public int touchTarget(long target, int tag, long now, long window) {
 *     // one Lua script: SADD ng:t:<target> tag; EXPIRE (NX) window; SCARD
 *   }
 *   // remove: DEL; size: DBSIZE or a counter
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public interface GuardStore {

  /**
   * Runs a mutation, atomically, on the record of a principal key.
   *
   * @param principalKey the principal's keyed fingerprint
   * @param create whether to create an empty record ({@link GuardRecord#empty()}) when there is
   *     none; if {@code false} and there is none, the mutation does not run
   * @param context the guard's per-call context, handed to the mutation unchanged
   * @param mutation reads and changes the record; re-runnable
   * @param <C> the type of the context
   * @return whether the mutation ran
   */
  <C> boolean update(
      long principalKey,
      boolean create,
      C context,
      BiConsumer<? super GuardRecord, ? super C> mutation);

  /**
   * Records that a principal queried a target NIR, and returns how many distinct principals queried
   * it within the window, this one included.
   *
   * @param targetKey the NIR's keyed fingerprint
   * @param principalTag a nonzero 16-bit tag of the principal (0–65535, never 0)
   * @param epochSecond the time of the query
   * @param windowSeconds the window length; a target first queried longer ago than this starts
   *     afresh
   * @return the number of distinct principal tags in the window, at least 1; a store may cap it
   *     (the in-memory store counts up to 8)
   */
  int touchTarget(long targetKey, int principalTag, long epochSecond, long windowSeconds);

  /**
   * Forgets a principal entirely.
   *
   * @param principalKey the principal's keyed fingerprint
   * @return whether a record was removed
   */
  boolean remove(long principalKey);

  /**
   * Returns the number of principal records held (may be approximate for a remote store).
   *
   * @return the number of records
   */
  long size();
}
