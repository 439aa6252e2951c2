package io.github.nirguard.benchmarks;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.guard.Decision;
import io.github.nirguard.guard.EnumerationGuard;
import io.github.nirguard.guard.Principal;
import io.github.nirguard.guard.postgres.PostgresGuardStore;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import javax.sql.PooledConnection;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * The guard's check on the PostgreSQL store ({@link PostgresGuardStore}) beside its honest peer: a
 * plain round trip ({@code SELECT 1}) on the same connection to the same server. The population is
 * {@link GuardBenchmark}'s, smaller (256 accounts): a normal ALLOW path.
 *
 * <pre>{@code
 * URL=$(.ci/postgres.sh start)
 * java -Dnirguard.postgres.url="$URL" \
 *     -cp 'benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*' \
 *     org.openjdk.jmh.Main GuardStoreBenchmark -t 1
 * }</pre>
 *
 * @since 0.1.0
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class GuardStoreBenchmark {
  static final int ACCOUNTS = 256;
  static final int PATIENTS = 32;

  /** The guard on a fresh pair of tables, shared by the threads. */
  @State(Scope.Benchmark)
  public static class Shared {
    EnumerationGuard guard;
    PerThread connections;
    Principal[] accounts = new Principal[ACCOUNTS];
    Principal[] clients = new Principal[ACCOUNTS];
    Nir[][] patients = new Nir[ACCOUNTS][PATIENTS];
    final AtomicLong clock = new AtomicLong(GuardBenchmark.START);
    String prefix;

    /** Creates the tables and the population. */
    @Setup
    public void setup() throws Exception {
      String url = System.getProperty("nirguard.postgres.url", "");
      if (url.isBlank() || url.startsWith("$")) {
        throw new IllegalStateException(
            "give -Dnirguard.postgres.url=jdbc:postgresql://... (.ci/postgres.sh start)");
      }
      connections = new PerThread(url);
      prefix = "ngbench" + ProcessHandle.current().pid() + "_";
      PostgresGuardStore store =
          PostgresGuardStore.builder(connections.dataSource).tablePrefix(prefix).build();
      store.createTables();
      KeyRing ring = KeyRingManager.empty().add("guard", KeyKind.FINGERPRINT).ring();
      guard = EnumerationGuard.builder().keys(ring, "guard").store(store).build();
      SplittableRandom r = new SplittableRandom(42);
      for (int a = 0; a < ACCOUNTS; a++) {
        accounts[a] = guard.principal("rpps-" + a);
        clients[a] = guard.principal("rpps-" + a, "workstation-1");
        int home = 1 + r.nextInt(19);
        for (int p = 0; p < PATIENTS; p++) {
          int d = r.nextDouble() < 0.7 ? home : 21 + r.nextInt(70);
          patients[a][p] =
              Nir.fromBody(
                  String.format(
                      Locale.ROOT,
                      "%d%02d%02d%02d%03d%03d",
                      1 + r.nextInt(2),
                      r.nextInt(100),
                      1 + r.nextInt(12),
                      d,
                      1 + r.nextInt(999),
                      1 + r.nextInt(999)));
        }
      }
    }

    /** Drops the tables. */
    @TearDown(Level.Trial)
    public void drop() throws SQLException {
      try (Connection c = connections.dataSource.getConnection()) {
        for (String t : List.of("principal", "target")) {
          try (PreparedStatement s = c.prepareStatement("DROP TABLE IF EXISTS " + prefix + t)) {
            s.execute();
          }
        }
      }
      connections.closeAll();
    }
  }

  /** A thread's random sequence. */
  @State(Scope.Thread)
  public static class Local {
    long seed = System.nanoTime() | 1;

    int next() {
      seed ^= seed << 13;
      seed ^= seed >>> 7;
      seed ^= seed << 17;
      return (int) seed;
    }
  }

  private static Decision check(Shared s, Local l, Principal[] who) {
    int r = l.next();
    int a = r & (ACCOUNTS - 1);
    int u = Math.min((r >>> 11) & (PATIENTS - 1), (r >>> 18) & (PATIENTS - 1));
    Instant now = Instant.ofEpochSecond(s.clock.incrementAndGet());
    return s.guard.check(who[a], s.patients[a][u], now);
  }

  /** nirguard on PostgreSQL: a check under the account's principal. */
  @Benchmark
  public Decision postgresCheckAccount(Shared s, Local l) {
    return check(s, l, s.accounts);
  }

  /** nirguard on PostgreSQL: a check under the account and one of its clients. */
  @Benchmark
  public Decision postgresCheckAccountAndClient(Shared s, Local l) {
    return check(s, l, s.clients);
  }

  /** Peer: one plain round trip to the same server on the same kind of connection. */
  @Benchmark
  public int peerSelectOne(Shared s) throws SQLException {
    try (Connection c = s.connections.dataSource.getConnection();
        PreparedStatement p = c.prepareStatement("SELECT 1");
        ResultSet rs = p.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /**
   * One physical connection per benchmark thread, through the driver's own {@link
   * PooledConnection}: each {@code getConnection()} is a logical handle whose {@code close()}
   * leaves the physical connection open (the store closes what it borrows). Only {@code
   * getConnection()} is answered.
   */
  static final class PerThread {
    private final PGConnectionPoolDataSource driver = new PGConnectionPoolDataSource();
    private final List<PooledConnection> all = new ArrayList<>();
    private final ThreadLocal<PooledConnection> mine = new ThreadLocal<>();
    final DataSource dataSource =
        (DataSource)
            Proxy.newProxyInstance(
                DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                  if (!method.getName().equals("getConnection") || args != null) {
                    throw new SQLFeatureNotSupportedException(method.getName());
                  }
                  return mine().getConnection();
                });

    PerThread(String url) {
      driver.setURL(url);
    }

    private PooledConnection mine() throws SQLException {
      PooledConnection c = mine.get();
      if (c == null) {
        c = driver.getPooledConnection();
        synchronized (all) {
          all.add(c);
        }
        mine.set(c);
      }
      return c;
    }

    void closeAll() throws SQLException {
      synchronized (all) {
        for (PooledConnection c : all) {
          c.close();
        }
        all.clear();
      }
    }
  }
}
