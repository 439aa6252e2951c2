package io.github.nirguard.guard.postgres;

import io.github.nirguard.guard.GuardRecord;
import io.github.nirguard.guard.GuardStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import javax.sql.DataSource;

/**
 * A {@link GuardStore} on PostgreSQL through JDBC, shared by every instance of a lookup service:
 * one row per principal (its {@link GuardRecord} as bytes, with a version for optimistic
 * concurrency) and one row per (NIR fingerprint, principal tag) for the shared-target count.
 *
 * <p>Each write is one SQL statement: a record is read, the guard's mutation runs in the JVM, and
 * the new bytes are written back only if the version is still the one read ({@code UPDATE … WHERE
 * version = ?}), or inserted only if no row exists ({@code INSERT … ON CONFLICT DO NOTHING}); on a
 * conflict the whole step is retried on fresh bytes (the guard's mutations are re-runnable). No
 * lock is held between statements and no transaction spans a round trip. A target is counted by one
 * statement (an upsert of the pair and a count of the pairs within the window).
 *
 * <p>Bounded: every row carries an expiry ({@code lastSeen + recordTtl} for a record, never before
 * the end of its block; {@code seen + window} for a target pair), and {@link #sweep(long)} deletes
 * the expired rows and, beyond {@code maxPrincipals}, the least recently seen unblocked records.
 * The store sweeps by itself every {@code sweepEvery} updates (in the calling thread); a service
 * may also call {@link #sweep(long)} from a scheduler. The store holds fingerprints only: never a
 * NIR or an account name.
 *
 * <pre>{@code
 * DataSource pool = ...;                                   // e.g. HikariCP on the service's database
 * PostgresGuardStore store = PostgresGuardStore.builder(pool).tablePrefix("nirguard_").build();
 * store.createTables();                                    // once: CREATE TABLE IF NOT EXISTS
 * EnumerationGuard guard = EnumerationGuard.builder()
 *     .keys(ring, "guard")                                 // the same key on every instance
 *     .store(store)
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class PostgresGuardStore implements GuardStore {
  private static final int MAX_RETRIES = 64;

  private final DataSource dataSource;
  private final GuardTables sql;
  private final long recordTtl;
  private final long maxPrincipals;
  private final int sweepEvery;
  private final AtomicLong updates = new AtomicLong();
  private final AtomicLong latest = new AtomicLong();

  private PostgresGuardStore(Builder b) {
    this.dataSource = b.dataSource;
    this.sql = new GuardTables(b.prefix);
    this.recordTtl = b.recordTtl.getSeconds();
    this.maxPrincipals = b.maxPrincipals;
    this.sweepEvery = b.sweepEvery;
  }

  /**
   * Returns a builder over a data source (a connection pool: the store borrows a connection per
   * call and returns it).
   *
   * @param dataSource the data source
   * @return a builder with the documented defaults
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /**
   * Creates the two tables and their expiry indexes if they do not exist.
   *
   * @throws IllegalStateException if the database fails
   */
  public void createTables() {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      for (String ddl : sql.ddl) {
        try (PreparedStatement s = c.prepareStatement(ddl)) {
          s.execute();
        }
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  @Override
  public <C> boolean update(
      long principalKey,
      boolean create,
      C context,
      BiConsumer<? super GuardRecord, ? super C> mutation) {
    Objects.requireNonNull(mutation, "mutation");
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
        byte[] bytes = null;
        long version = 0;
        try (PreparedStatement s = c.prepareStatement(sql.selectRecord)) {
          s.setLong(1, principalKey);
          try (ResultSet rs = s.executeQuery()) {
            if (rs.next()) {
              bytes = rs.getBytes(1);
              version = rs.getLong(2);
            }
          }
        }
        if (bytes == null && !create) {
          return false;
        }
        GuardRecord r = bytes == null ? GuardRecord.empty() : GuardRecord.fromBytes(bytes);
        mutation.accept(r, context);
        long seen = r.lastSeenEpochSecond();
        long expires = Math.max(seen + recordTtl, r.blockedUntilEpochSecond());
        int rows;
        if (bytes == null) {
          try (PreparedStatement s = c.prepareStatement(sql.insertRecord)) {
            s.setLong(1, principalKey);
            s.setBytes(2, r.toBytes());
            s.setLong(3, seen);
            s.setLong(4, r.blockedUntilEpochSecond());
            s.setLong(5, expires);
            rows = s.executeUpdate();
          }
        } else {
          try (PreparedStatement s = c.prepareStatement(sql.updateRecord)) {
            s.setBytes(1, r.toBytes());
            s.setLong(2, seen);
            s.setLong(3, r.blockedUntilEpochSecond());
            s.setLong(4, expires);
            s.setLong(5, principalKey);
            s.setLong(6, version);
            rows = s.executeUpdate();
          }
        }
        if (rows == 1) {
          latest.accumulateAndGet(seen, Math::max);
          maybeSweep(c);
          return true;
        }
        // another instance wrote the record in between: run the step again on its bytes
      }
      throw new IllegalStateException("guard store: too much contention on one record");
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  @Override
  public int touchTarget(long targetKey, int principalTag, long epochSecond, long windowSeconds) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.touch)) {
      c.setAutoCommit(true);
      s.setLong(1, targetKey);
      s.setInt(2, principalTag);
      s.setLong(3, epochSecond);
      s.setLong(4, epochSecond + windowSeconds);
      s.setLong(5, targetKey);
      s.setInt(6, principalTag);
      s.setLong(7, epochSecond - windowSeconds);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  @Override
  public boolean remove(long principalKey) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.deleteRecord)) {
      c.setAutoCommit(true);
      s.setLong(1, principalKey);
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  @Override
  public long size() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.countPrincipals);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /**
   * Returns the number of (NIR fingerprint, principal tag) pairs held for the shared-target count.
   *
   * @return the number of pairs
   */
  public long targetPairs() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.countTargets);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /**
   * Deletes the rows expired at a time (the guard's time: epoch seconds), then, beyond {@code
   * maxPrincipals}, the least recently seen records that are not blocked.
   *
   * @param epochSecond the time
   * @return the number of rows deleted
   * @throws IllegalStateException if the database fails
   */
  public long sweep(long epochSecond) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      return sweep(c, epochSecond);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private void maybeSweep(Connection c) throws SQLException {
    if (sweepEvery > 0 && updates.incrementAndGet() % sweepEvery == 0) {
      sweep(c, latest.get());
    }
  }

  private long sweep(Connection c, long now) throws SQLException {
    long deleted = 0;
    try (PreparedStatement s = c.prepareStatement(sql.deleteExpiredPrincipals)) {
      s.setLong(1, now);
      deleted += s.executeUpdate();
    }
    try (PreparedStatement s = c.prepareStatement(sql.deleteExpiredTargets)) {
      s.setLong(1, now);
      deleted += s.executeUpdate();
    }
    try (PreparedStatement s = c.prepareStatement(sql.evictBeyondCap)) {
      // beyond the cap: the least recently seen records that are not blocked (evicting a blocked
      // principal would unblock it)
      s.setLong(1, now);
      s.setLong(2, maxPrincipals);
      deleted += s.executeUpdate();
    }
    return deleted;
  }

  private static IllegalStateException failure(SQLException e) {
    // the SQL state only: a driver's message may quote values
    return new IllegalStateException(
        "guard store: database error (SQL state " + e.getSQLState() + ")", e);
  }

  /**
   * Returns the tables and limits, e.g. {@code PostgresGuardStore[nirguard_principal,
   * nirguard_target, ttl=PT48H, max=1000000]}.
   *
   * @return a description
   */
  @Override
  public String toString() {
    return "PostgresGuardStore["
        + sql.principals
        + ", "
        + sql.targets
        + ", ttl="
        + Duration.ofSeconds(recordTtl)
        + ", max="
        + maxPrincipals
        + "]";
  }

  /**
   * Builds a {@link PostgresGuardStore}. Not thread-safe.
   *
   * <pre>{@code
   * PostgresGuardStore store = PostgresGuardStore.builder(pool)
   *     .recordTtl(Duration.ofDays(14))
   *     .maxPrincipals(2_000_000)
   *     .build();
   * }</pre>
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final DataSource dataSource;
    private String prefix = "nirguard_";
    private Duration recordTtl = Duration.ofDays(14);
    private long maxPrincipals = 1_000_000;
    private int sweepEvery = 10_000;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Sets the prefix of the two tables ({@code PREFIXprincipal}, {@code PREFIXtarget}). Default
     * {@code nirguard_}.
     *
     * @param prefix lower-case letters, digits and underscores, starting with a letter, at most 40
     * @return this builder
     * @throws IllegalArgumentException if the prefix is not such a name
     */
    public Builder tablePrefix(String prefix) {
      Objects.requireNonNull(prefix, "prefix");
      if (!prefix.matches("[a-z][a-z0-9_]{0,39}")) {
        throw new IllegalArgumentException(
            "table prefix: lower-case letters, digits and underscores, starting with a letter");
      }
      this.prefix = prefix;
      return this;
    }

    /**
     * Sets how long a record is kept after its principal's latest check (never less than its
     * block). Default 14 days: what the guard learned of an account's usual patients survives a
     * holiday week; an idle day loses only the baseline anyway.
     *
     * @param ttl at least one hour
     * @return this builder
     */
    public Builder recordTtl(Duration ttl) {
      Objects.requireNonNull(ttl, "ttl");
      if (ttl.getSeconds() < 3600) {
        throw new IllegalArgumentException("recordTtl must be at least one hour");
      }
      this.recordTtl = ttl;
      return this;
    }

    /**
     * Sets how many principal records the sweep keeps at most (blocked ones are never swept before
     * their block ends). Default 1,000,000 (about 6 GB of rows at 5.6 KB an account).
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder maxPrincipals(long max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxPrincipals must be at least 1");
      }
      this.maxPrincipals = max;
      return this;
    }

    /**
     * Sets how often the store sweeps by itself, in updates of this instance; 0 never (the service
     * calls {@link PostgresGuardStore#sweep(long)}). Default 10,000.
     *
     * @param updates 0 or more
     * @return this builder
     */
    public Builder sweepEvery(int updates) {
      if (updates < 0) {
        throw new IllegalArgumentException("sweepEvery must not be negative");
      }
      this.sweepEvery = updates;
      return this;
    }

    /**
     * Builds the store (creates nothing in the database: see {@link
     * PostgresGuardStore#createTables()}).
     *
     * @return the store
     */
    public PostgresGuardStore build() {
      return new PostgresGuardStore(this);
    }
  }
}
