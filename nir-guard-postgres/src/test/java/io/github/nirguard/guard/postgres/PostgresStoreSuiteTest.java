package io.github.nirguard.guard.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import io.github.nirguard.guard.EnumerationGuard;
import io.github.nirguard.guard.GuardStore;
import io.github.nirguard.guard.Reason;
import io.github.nirguard.guard.Verdict;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The guard's store suite on a real PostgreSQL server, plus what only this store does (expiry,
 * bounded size). Needs a server: {@code -Dnirguard.postgres.url=jdbc:postgresql://…} or {@code
 * NIRGUARD_POSTGRES_URL} ({@code .ci/postgres.sh start} prints one); without one the tests are
 * skipped with a message, except under CI ({@code CI} set), where they fail.
 */
class PostgresStoreSuiteTest extends GuardStoreSuite {
  private static final AtomicInteger TABLES = new AtomicInteger();
  private static final List<String> PREFIXES = new ArrayList<>();
  private static ThreadConnections connections;

  @BeforeAll
  static void server() {
    String url = ThreadConnections.configuredUrl();
    if (url == null) {
      if (System.getenv("CI") != null) {
        throw new IllegalStateException(
            "CI must give a PostgreSQL server: NIRGUARD_POSTGRES_URL (see .ci/postgres.sh)");
      }
      Assumptions.abort(
          "PostgreSQL store tests skipped: no server given (start one with .ci/postgres.sh start,"
              + " then -Dnirguard.postgres.url=URL or NIRGUARD_POSTGRES_URL=URL)");
    }
    connections = new ThreadConnections(url);
  }

  @AfterAll
  static void dropTables() throws Exception {
    if (connections == null) {
      return;
    }
    try (Connection c = connections.getConnection()) {
      for (String p : PREFIXES) {
        for (String t : List.of("principal", "target")) {
          try (PreparedStatement s = c.prepareStatement("DROP TABLE IF EXISTS " + p + t)) {
            s.execute();
          }
        }
      }
    }
    connections.close();
  }

  private static PostgresGuardStore.Builder fresh() {
    String prefix = "ngtest" + ProcessHandle.current().pid() + "_" + TABLES.incrementAndGet() + "_";
    PREFIXES.add(prefix);
    return PostgresGuardStore.builder(connections).tablePrefix(prefix);
  }

  @Override
  GuardStore newStore() {
    PostgresGuardStore store = fresh().build();
    store.createTables();
    return store;
  }

  @Test
  void idleRecordsExpireButABlockedOneIsKeptUntilItsBlockEnds() throws Exception {
    PostgresGuardStore store = fresh().recordTtl(Duration.ofHours(1)).sweepEvery(0).build();
    store.createTables();
    EnumerationGuard g = guard(store);
    g.check("rpps-idle", walk(900), T0);
    for (int i = 1; i <= 6; i++) { // the robot's account: denied and blocked for 24 h
      g.check(g.principal("rpps-robot", "robot"), walk(i), T0.plusSeconds(i));
    }
    assertEquals(4, store.size(), "idle account, robot account, robot client, default tenant");
    assertTrue(store.targetPairs() >= 1);
    long pairs = store.targetPairs();
    // six NIRs new to their account were counted (the 6th robot lookup was denied first): each is
    // a shared-target pair (24 h) and a pair under each of its two crowd-walk keys (10 minutes);
    // the walk's sex and birthplace add one alarm pair (10 minutes; read, never raised here)
    int crowdPairs = 6 * 2 + 1;
    assertEquals(
        3 + crowdPairs,
        store.sweep(T0.getEpochSecond() + 7200),
        "the idle account, the client, the tenant's record, and the crowd-walk pairs");
    assertEquals(1, store.size());
    assertEquals(
        pairs - crowdPairs, store.targetPairs(), "shared targets are kept for their window (24 h)");
    assertTrue(
        g.check("rpps-robot", walk(800), T0.plusSeconds(7200)).has(Reason.BLOCKED),
        "still blocked: the sweep did not unblock it");
    store.sweep(T0.getEpochSecond() + 3 * 86_400);
    assertEquals(0, store.size());
    assertEquals(0, store.targetPairs());
  }

  @Test
  void theSweepKeepsAtMostMaxPrincipalsTheLeastRecentlySeenGoFirst() throws Exception {
    PostgresGuardStore store = fresh().maxPrincipals(3).sweepEvery(0).build();
    store.createTables();
    EnumerationGuard g = guard(store);
    for (int k = 0; k < 5; k++) {
      g.check("rpps-" + k, walk(100 + k), T0.plusSeconds(k));
    }
    assertEquals(6, store.size()); // and the default tenant's record
    store.sweep(T0.getEpochSecond() + 10);
    assertEquals(3, store.size());
    assertFalse(g.snapshot("rpps-0", T0.plusSeconds(10)).isPresent(), "oldest evicted");
    assertTrue(g.snapshot("rpps-4", T0.plusSeconds(10)).isPresent(), "newest kept");
  }

  @Test
  void theTablesHoldFingerprintsOnly() throws Exception {
    PostgresGuardStore store = fresh().build();
    store.createTables();
    EnumerationGuard g = guard(store);
    Nir nir = walk(321);
    assertEquals(Verdict.ALLOW, g.check("rpps-secret-account", nir, T0).verdict());
    String prefix = PREFIXES.get(PREFIXES.size() - 1);
    try (Connection c = connections.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT encode(record, 'escape') FROM " + prefix + "principal");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        String row = rs.getString(1);
        assertFalse(row.contains(nir.compact().substring(0, 10)), "no NIR in a record");
        assertFalse(row.contains("secret"), "no account name in a record");
      }
    }
  }
}
