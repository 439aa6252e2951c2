package io.github.nirguard.benchmarks;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.crypto.KeyedTokenizer;
import io.github.nirguard.crypto.Token;
import io.github.nirguard.guard.Decision;
import io.github.nirguard.guard.EnumerationGuard;
import io.github.nirguard.guard.GuardSettings;
import io.github.nirguard.guard.Limit;
import io.github.nirguard.guard.Principal;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The enumeration guard's check on a normal principal mix, beside its peer: the HMAC keyed token a
 * guard could have used to fingerprint NIRs (nirguard's {@link KeyedTokenizer}).
 *
 * <p>One guard with its default settings is shared by the threads, as in a lookup service. 2,048
 * pharmacy accounts, each with one client principal (a workstation) and 32 regular patients of whom
 * 70 % are born in the account's department; a check picks an account and a patient (the regulars
 * more often). Virtual time advances one second per check, on a clock shared by the threads, so an
 * account is checked about 40 times a day and every decision is a plain ALLOW: the hot path (the
 * tear-down prints the number of other decisions, 0). The benchmark makes one {@link Instant} per
 * 64 checks (amortized in the allocation figures); the guard itself allocates nothing on ALLOW.
 * {@code checkAccount} updates one record, {@code checkAccountAndClient} two (the account's and the
 * client's). The working set (2,048 × 7 KB of records, 2 MB of NIR targets) does not fit in a
 * core's cache: a check pays a few cache misses, as it would in a service with that many accounts.
 *
 * <pre>{@code
 * java -cp 'benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*' \
 *     org.openjdk.jmh.Main GuardBenchmark -prof gc -t 2
 * }</pre>
 *
 * @since 0.1.0
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GuardBenchmark {
  static final int ACCOUNTS = 2048;
  static final int PATIENTS = 32;
  static final long START = Instant.parse("2026-03-02T00:00:00Z").getEpochSecond();

  /** The guard and the population, shared by the threads. */
  @State(Scope.Benchmark)
  public static class Shared {
    EnumerationGuard guard;
    Principal[] accounts = new Principal[ACCOUNTS];
    Principal[] clients = new Principal[ACCOUNTS];
    Nir[][] patients = new Nir[ACCOUNTS][PATIENTS];
    KeyedTokenizer tokenizer;
    final LongAdder notAllowed = new LongAdder();

    /**
     * With the follow-up signal on ({@code UNFOLLOWED_LOOKUPS}): each account's patients were first
     * looked up and followed up in the setup, so the measured checks are returning patients, which
     * the signal never judges (it must cost nothing there).
     */
    @Param({"false", "true"})
    public boolean followUps;

    /** Virtual time, shared by the threads as a service's clock is. */
    final AtomicLong clock = new AtomicLong(START);

    /** Builds the guard, the principals and their patients. */
    @Setup
    public void setup() throws GeneralSecurityException {
      KeyRing ring = KeyRingManager.empty().add("guard", KeyKind.FINGERPRINT, KeyKind.TOKEN).ring();
      guard =
          EnumerationGuard.builder()
              .keys(ring, "guard")
              // an established pharmacy: its allowance of new NIRs has grown past its 32 regulars
              // (a guard's first day would ask each account to step up at its 31st new patient)
              // and one tenant of 2,048 such pharmacies, whose learned daily norm of new patients
              // is above the ~65,000 first visits of the benchmark's first days (the default cold
              // tenant allowance, 2,000, would rightly ask them all to step up on day 2)
              .settings(
                  followUps
                      ? GuardSettings.defaults()
                          .withNewPatients(64, 64, 2)
                          .withTenantNewPatients(100_000, 2)
                          .withUnfollowedLookups(Limit.of(10, 14), Duration.ofHours(2))
                      : GuardSettings.defaults()
                          .withNewPatients(64, 64, 2)
                          .withTenantNewPatients(100_000, 2))
              .maxPrincipals(4 * ACCOUNTS)
              .build();
      tokenizer = KeyedTokenizer.create(ring, "guard");
      SplittableRandom r = new SplittableRandom(42);
      for (int a = 0; a < ACCOUNTS; a++) {
        accounts[a] = guard.principal("rpps-" + a);
        clients[a] = guard.principal("rpps-" + a, "workstation-1");
        // established: a human has stepped up on the account and its workstation once, so they are
        // not cold starts (2,048 cold starts on one day would be a COLD_START_SWARM, rightly)
        guard.stepUp(accounts[a], Instant.ofEpochSecond(START));
        guard.stepUp(clients[a], Instant.ofEpochSecond(START));
        int home = dept(r);
        for (int p = 0; p < PATIENTS; p++) {
          int d = r.nextDouble() < 0.7 ? home : dept(r);
          String body =
              String.format(
                  Locale.ROOT,
                  "%d%02d%02d%02d%03d%03d",
                  1 + r.nextInt(2),
                  r.nextInt(100),
                  1 + r.nextInt(12),
                  d,
                  1 + r.nextInt(999),
                  1 + r.nextInt(999));
          patients[a][p] = Nir.fromBody(body);
        }
      }
      if (followUps) {
        for (int p = 0; p < PATIENTS; p++) { // a first visit a minute, each followed by care
          Instant t = Instant.ofEpochSecond(START + 60L * (p + 1));
          for (int a = 0; a < ACCOUNTS; a++) {
            guard.check(clients[a], patients[a][p], t);
            guard.followUp(clients[a], patients[a][p], t.plusSeconds(30));
          }
        }
        clock.set(START + 3600);
      }
    }

    private static int dept(SplittableRandom r) {
      int d = 1 + r.nextInt(94);
      return d >= 20 ? d + 1 : d;
    }

    /** Reports decisions other than ALLOW (there should be none: this is the normal path). */
    @TearDown(Level.Trial)
    public void report() {
      System.out.println("\ndecisions other than ALLOW: " + notAllowed.sum());
    }
  }

  /** A thread's position in the mix, and its view of the shared clock. */
  @State(Scope.Thread)
  public static class Local {
    long seed;
    long counter;
    Instant now;
    AtomicLong clock;

    /** Starts each thread on its own random sequence. */
    @Setup
    public void setup(Shared s) {
      seed = System.nanoTime() | 1;
      clock = s.clock;
      now = Instant.ofEpochSecond(clock.get());
    }

    int next() {
      seed ^= seed << 13;
      seed ^= seed >>> 7;
      seed ^= seed << 17;
      if ((++counter & 63) == 0) {
        now = Instant.ofEpochSecond(clock.addAndGet(64)); // one second per check, all threads
      }
      return (int) seed;
    }
  }

  private static Nir patient(Shared s, int account, int random) {
    int u = (random >>> 11) & (PATIENTS - 1);
    int v = (random >>> 18) & (PATIENTS - 1);
    return s.patients[account][Math.min(u, v)]; // the regulars more often
  }

  /** nirguard: a check under the account's principal (one record). */
  @Benchmark
  public Decision checkAccount(Shared s, Local l) {
    int r = l.next();
    int a = r & (ACCOUNTS - 1);
    Decision d = s.guard.check(s.accounts[a], patient(s, a, r), l.now);
    if (d != Decision.allow()) {
      s.notAllowed.increment();
    }
    return d;
  }

  /** nirguard: a check under the account and one of its clients (two records). */
  @Benchmark
  public Decision checkAccountAndClient(Shared s, Local l) {
    int r = l.next();
    int a = r & (ACCOUNTS - 1);
    Decision d = s.guard.check(s.clients[a], patient(s, a, r), l.now);
    if (d != Decision.allow()) {
      s.notAllowed.increment();
    }
    return d;
  }

  /**
   * Peer: an HMAC-SHA-256 keyed token of the NIR, what the guard would pay to fingerprint with it.
   */
  @Benchmark
  public Token peerHmacToken(Shared s, Local l) {
    int r = l.next();
    return s.tokenizer.tokenize(patient(s, r & (ACCOUNTS - 1), r));
  }
}
