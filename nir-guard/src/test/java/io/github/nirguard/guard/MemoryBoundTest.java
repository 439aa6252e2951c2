package io.github.nirguard.guard;

import static io.github.nirguard.guard.TestNirs.T0;
import static io.github.nirguard.guard.TestNirs.inDept;
import static io.github.nirguard.guard.TestNirs.nir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import io.github.nirguard.testkit.Nirs;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Memory stays bounded: per principal, and in the number of principals. */
class MemoryBoundTest {

  @Test
  void manyPrincipalsAreEvictedLeastRecentlyUsedFirst() {
    EnumerationGuard g = EnumerationGuard.builder().maxPrincipals(1000).targetSlots(1024).build();
    InMemoryGuardStore store = (InMemoryGuardStore) g.store();
    for (int p = 0; p < 100_000; p++) {
      g.check("account-" + p, inDept(69, p % 100), T0.plusSeconds(p));
      if (p % 1000 == 999) {
        g.check("hot", inDept(69, p % 100), T0.plusSeconds(p)); // one account stays busy
      }
    }
    assertTrue(store.size() <= 1000, "size " + store.size());
    assertTrue(store.size() >= 900, "size " + store.size()); // stripes fill unevenly, but nearly
    assertTrue(store.evictions() >= 99_000, "evictions " + store.evictions());
    assertFalse(g.snapshot("account-0", T0).isPresent());
    assertFalse(g.snapshot("account-50000", T0).isPresent());
    assertTrue(g.snapshot("account-99999", T0.plusSeconds(100_000)).isPresent());
    assertTrue(g.snapshot("hot", T0.plusSeconds(100_000)).isPresent());
  }

  @Test
  void aBlockedPrincipalIsNotEvictedToUnblockIt() {
    EnumerationGuard g = EnumerationGuard.builder().maxPrincipals(64).targetSlots(64).build();
    InMemoryGuardStore store = (InMemoryGuardStore) g.store();
    for (int order = 1; order <= 6; order++) {
      g.check("robot", nir(1, 85, 5, 75, 112, order), T0.plusSeconds(order));
    }
    assertEquals(Verdict.DENY, g.check("robot", inDept(69, 1), T0.plusSeconds(10)).verdict());
    for (int p = 0; p < 5000; p++) { // a flood of other principals, trying to push it out
      g.check("flood-" + p, inDept(69, p % 50), T0.plusSeconds(20 + p));
    }
    assertTrue(store.size() <= 64);
    assertEquals(Verdict.DENY, g.check("robot", inDept(69, 2), T0.plusSeconds(6000)).verdict());
  }

  @Test
  void aRecordDoesNotGrowWithLookups() throws Exception {
    AtomicReference<GuardRecord> seen = new AtomicReference<>();
    InMemoryGuardStore inner = InMemoryGuardStore.create(10, 16);
    GuardStore spy = new SpyStore(inner, seen::set);
    EnumerationGuard g =
        EnumerationGuard.builder()
            .settings(SignalsTest.only())
            .keys(TestNirs.ring(), "guard")
            .store(spy)
            .build();
    g.check("p", inDept(69, 0), T0);
    int size = seen.get().sizeInBytes();
    assertTrue(size < 7 * 1024, "record of " + size + " bytes");
    long heapBefore = seen.get().known.length;
    int i = 0;
    for (Nir n : (Iterable<Nir>) Nirs.valid().stream(3).limit(50_000)::iterator) {
      g.check("p", n, T0.plusSeconds(i++));
    }
    assertEquals(size, seen.get().sizeInBytes());
    assertEquals(heapBefore, seen.get().known.length);
    assertEquals(50_001, g.snapshot("p", T0.plusSeconds(i)).orElseThrow().checks());
  }
}
