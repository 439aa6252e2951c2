package io.github.nirguard.guard;

import static io.github.nirguard.guard.TestNirs.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nirguard.core.Nir;
import io.github.nirguard.testkit.Nirs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Eight threads on the same principals: every count comes out exact. */
class ConcurrencyTest {
  static final int THREADS = 8;
  static final int PER_THREAD = 4000;
  static final int ACCOUNTS = 3;

  @Test
  void eightThreadsKeepExactTotals() throws Exception {
    EnumerationGuard g =
        EnumerationGuard.builder().settings(SignalsTest.only()).maxPrincipals(1000).build();
    // distinct NIRs for every (thread, i); the same NIRs are used by no two threads
    List<Nir> all = Nirs.valid().stream(42).distinct().limit((long) THREADS * PER_THREAD).toList();
    assertEquals(THREADS * PER_THREAD, new HashSet<>(all).size());
    Principal[] accounts = new Principal[ACCOUNTS];
    Principal[] clients = new Principal[ACCOUNTS * THREADS];
    for (int a = 0; a < ACCOUNTS; a++) {
      accounts[a] = g.principal("account-" + a);
      for (int t = 0; t < THREADS; t++) {
        clients[a * THREADS + t] = g.principal("account-" + a, "client-" + t);
      }
    }
    AtomicInteger[] lookups = new AtomicInteger[ACCOUNTS];
    AtomicInteger[] failures = new AtomicInteger[ACCOUNTS];
    List<Set<Nir>> distinct = new ArrayList<>();
    for (int a = 0; a < ACCOUNTS; a++) {
      lookups[a] = new AtomicInteger();
      failures[a] = new AtomicInteger();
      distinct.add(new HashSet<>());
    }
    for (int t = 0; t < THREADS; t++) {
      for (int i = 0; i < PER_THREAD; i++) {
        distinct.get(i % ACCOUNTS).add(all.get(t * PER_THREAD + i));
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      final int thread = t;
      futures.add(
          pool.submit(
              () -> {
                go.await();
                for (int i = 0; i < PER_THREAD; i++) {
                  int a = i % ACCOUNTS;
                  Nir nir = all.get(thread * PER_THREAD + i);
                  Principal who = i % 2 == 0 ? accounts[a] : clients[a * THREADS + thread];
                  g.check(who, nir, T0);
                  lookups[a].incrementAndGet();
                  if (i % 7 == 0) {
                    g.checkInvalid(who, T0);
                    lookups[a].incrementAndGet();
                    failures[a].incrementAndGet();
                  }
                  if (i % 11 == 0) {
                    g.recordUnknown(who, nir, T0);
                    failures[a].incrementAndGet();
                  }
                }
                return null;
              }));
    }
    go.countDown();
    for (Future<?> f : futures) {
      f.get(2, TimeUnit.MINUTES);
    }
    pool.shutdown();
    for (int a = 0; a < ACCOUNTS; a++) {
      PrincipalSnapshot s = g.snapshot(accounts[a], T0.plusSeconds(1)).orElseThrow();
      assertEquals(lookups[a].get(), s.checks(), "checks of account " + a);
      assertEquals(failures[a].get(), s.failures(), "failures of account " + a);
      assertEquals(distinct.get(a).size(), s.distinctLastDay(), "distinct NIRs of account " + a);
    }
  }
}
