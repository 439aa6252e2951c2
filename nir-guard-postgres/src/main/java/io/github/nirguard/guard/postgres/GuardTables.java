package io.github.nirguard.guard.postgres;

import java.util.List;

/**
 * The SQL of a {@link PostgresGuardStore}: its two tables under a prefix ({@code PREFIXprincipal},
 * {@code PREFIXtarget}), their schema and every statement the store runs, with {@code ?} for each
 * value. Text only: the store binds the values and runs the statements.
 */
final class GuardTables {
  /** The principal table: one row per principal, its record as bytes and a version. */
  final String principals;

  /** The target table: one row per (NIR fingerprint, principal tag). */
  final String targets;

  /** The tables and their expiry indexes, each created if it does not exist. */
  final List<String> ddl;

  /** Reads a record and its version: pkey. */
  final String selectRecord;

  /** Inserts a record only if none exists: pkey, record, last_seen, blocked_until, expires_at. */
  final String insertRecord;

  /**
   * Writes a record only on the version read: record, last_seen, blocked_until, expires_at, pkey,
   * version.
   */
  final String updateRecord;

  /**
   * One statement: the upsert of (target, tag) and the count of the other tags in the window (the
   * count reads the snapshot before the upsert, hence the + 1 for this tag): tkey, tag, seen,
   * expires_at, tkey, tag, the window's start.
   */
  final String touch;

  /** Deletes a record: pkey. */
  final String deleteRecord;

  /** Counts the records. */
  final String countPrincipals;

  /** Counts the target pairs. */
  final String countTargets;

  /** Deletes the expired records: now. */
  final String deleteExpiredPrincipals;

  /** Deletes the expired target pairs: now. */
  final String deleteExpiredTargets;

  /**
   * Beyond the cap, deletes the least recently seen records that are not blocked (evicting a
   * blocked principal would unblock it): now, the cap.
   */
  final String evictBeyondCap;

  GuardTables(String prefix) {
    this.principals = prefix + "principal";
    this.targets = prefix + "target";
    this.ddl =
        List.of(
            "CREATE TABLE IF NOT EXISTS "
                + principals
                + " (pkey BIGINT PRIMARY KEY, version BIGINT NOT NULL, record BYTEA NOT NULL,"
                + " last_seen BIGINT NOT NULL, blocked_until BIGINT NOT NULL, expires_at BIGINT NOT NULL)",
            "CREATE INDEX IF NOT EXISTS "
                + principals
                + "_expiry ON "
                + principals
                + " (expires_at)",
            "CREATE INDEX IF NOT EXISTS " + principals + "_seen ON " + principals + " (last_seen)",
            "CREATE TABLE IF NOT EXISTS "
                + targets
                + " (tkey BIGINT NOT NULL, tag INTEGER NOT NULL, seen BIGINT NOT NULL,"
                + " expires_at BIGINT NOT NULL, PRIMARY KEY (tkey, tag))",
            "CREATE INDEX IF NOT EXISTS " + targets + "_expiry ON " + targets + " (expires_at)");
    this.selectRecord = "SELECT record, version FROM " + principals + " WHERE pkey = ?";
    this.insertRecord =
        "INSERT INTO "
            + principals
            + " (pkey, version, record, last_seen, blocked_until, expires_at) VALUES (?, 1, ?, ?, ?, ?)"
            + " ON CONFLICT (pkey) DO NOTHING";
    this.updateRecord =
        "UPDATE "
            + principals
            + " SET version = version + 1, record = ?, last_seen = ?, blocked_until = ?, expires_at = ?"
            + " WHERE pkey = ? AND version = ?";
    this.touch =
        "WITH up AS (INSERT INTO "
            + targets
            + " AS t (tkey, tag, seen, expires_at) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (tkey, tag) DO UPDATE SET seen = GREATEST(t.seen, EXCLUDED.seen),"
            + " expires_at = GREATEST(t.expires_at, EXCLUDED.expires_at) RETURNING 1)"
            + " SELECT 1 + count(*) FROM "
            + targets
            + " WHERE tkey = ? AND tag <> ? AND seen > ?";
    this.deleteRecord = "DELETE FROM " + principals + " WHERE pkey = ?";
    this.countPrincipals = "SELECT count(*) FROM " + principals;
    this.countTargets = "SELECT count(*) FROM " + targets;
    this.deleteExpiredPrincipals = "DELETE FROM " + principals + " WHERE expires_at <= ?";
    this.deleteExpiredTargets = "DELETE FROM " + targets + " WHERE expires_at <= ?";
    this.evictBeyondCap =
        "DELETE FROM "
            + principals
            + " WHERE pkey IN (SELECT pkey FROM "
            + principals
            + " WHERE blocked_until <= ?"
            + " ORDER BY last_seen LIMIT GREATEST(0, (SELECT count(*) FROM "
            + principals
            + ") - ?))";
  }
}
