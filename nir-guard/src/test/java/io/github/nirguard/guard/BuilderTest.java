package io.github.nirguard.guard;

import static io.github.nirguard.guard.TestNirs.T0;
import static io.github.nirguard.guard.TestNirs.inDept;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Builder defaults, validation, and key derivation. */
class BuilderTest {

  @Test
  void defaultsBuildAnInMemoryGuard() {
    EnumerationGuard g = EnumerationGuard.builder().build();
    assertTrue(g.store() instanceof InMemoryGuardStore);
    assertEquals(
        InMemoryGuardStore.DEFAULT_MAX_PRINCIPALS,
        ((InMemoryGuardStore) g.store()).maxPrincipals());
    String s = g.toString();
    assertTrue(s.contains("perMinute=Limit[slowDown=12, deny=30]"), s);
    assertTrue(s.contains("blockFor=PT24H"), s);
    assertTrue(s.contains("failOpen=false"), s);
  }

  @Test
  void rejectsOutOfRangeSettings() {
    GuardBuilder b = EnumerationGuard.builder();
    GuardSettings s = GuardSettings.defaults();
    assertThrows(IllegalArgumentException.class, () -> b.maxPrincipals(0));
    assertThrows(IllegalArgumentException.class, () -> b.targetSlots(3));
    assertThrows(IllegalArgumentException.class, () -> b.targetSlots(1 << 25));
    assertThrows(IllegalArgumentException.class, () -> s.withKnownPatients(100));
    assertThrows(IllegalArgumentException.class, () -> s.withKnownPatients(32));
    assertThrows(IllegalArgumentException.class, () -> s.withSequentialGap(0));
    assertThrows(IllegalArgumentException.class, () -> s.withSequentialGap(999));
    assertThrows(IllegalArgumentException.class, () -> s.withBreadthWindow(7));
    assertThrows(IllegalArgumentException.class, () -> s.withBreadthWindow(57));
    assertThrows(IllegalArgumentException.class, () -> s.withUnusualShare(0));
    assertThrows(IllegalArgumentException.class, () -> s.withUnusualShare(0.6));
    assertThrows(IllegalArgumentException.class, () -> s.withUnusualShare(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> s.withMinHistory(0));
    assertThrows(IllegalArgumentException.class, () -> s.withFailureWindow(65));
    assertThrows(IllegalArgumentException.class, () -> s.withSharedTargetWindow(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> s.withBlockFor(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> s.withBlockFor(Duration.ofDays(400)));
    assertThrows(IllegalArgumentException.class, () -> s.withSlowDownDelay(Duration.ofHours(2)));
    assertThrows(NullPointerException.class, () -> s.withDistinctPerMinute(null));
    assertThrows(NullPointerException.class, () -> b.store(null));
    b.settings(s).build(); // the failed calls changed nothing
  }

  @Test
  void rejectsLimitsTheirWindowCannotReach() {
    assertThrows(
        IllegalStateException.class,
        () ->
            EnumerationGuard.builder()
                .settings(
                    GuardSettings.defaults().withBreadthWindow(20).withWideSpread(Limit.of(10, 21)))
                .build());
    assertThrows(
        IllegalStateException.class,
        () ->
            EnumerationGuard.builder()
                .settings(
                    GuardSettings.defaults().withBreadthWindow(20).withOffProfile(Limit.of(10, 21)))
                .build());
    assertThrows(
        IllegalStateException.class,
        () ->
            EnumerationGuard.builder()
                .settings(
                    GuardSettings.defaults()
                        .withFailureWindow(16)
                        .withFailedLookups(Limit.of(8, 17)))
                .build());
    assertThrows(
        IllegalStateException.class,
        () ->
            EnumerationGuard.builder()
                .settings(GuardSettings.defaults().withSequential(Limit.denyAt(65)))
                .build());
    assertThrows(
        IllegalStateException.class,
        () ->
            EnumerationGuard.builder()
                .settings(GuardSettings.defaults().withSharedTarget(Limit.of(5, 9)))
                .build());
    EnumerationGuard.builder()
        .settings(
            GuardSettings.defaults()
                .withBreadthWindow(20)
                .withWideSpread(Limit.off())
                .withOffProfile(Limit.off()))
        .build();
  }

  @Test
  void aSharedStoreNeedsASharedKeyAndNoInMemoryCapacities() throws Exception {
    GuardStore store = InMemoryGuardStore.create(10, 16);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> EnumerationGuard.builder().store(store).build());
    assertTrue(e.getMessage().contains("keys"));
    KeyRing ring = KeyRingManager.empty().add("guard", KeyKind.FINGERPRINT).ring();
    assertThrows(
        IllegalStateException.class,
        () -> EnumerationGuard.builder().keys(ring, "guard").store(store).maxPrincipals(5).build());
    EnumerationGuard.builder().keys(ring, "guard").store(store).build();
  }

  @Test
  void keysNeedAFingerprintKeysetOfThePurpose() throws Exception {
    KeyRing ring = KeyRingManager.empty().add("guard", KeyKind.FPE).ring();
    assertThrows(
        IllegalArgumentException.class, () -> EnumerationGuard.builder().keys(ring, "guard"));
    // a token keyset is no longer enough: lookup hosts hold the fingerprint kind only
    KeyRing tokens = KeyRingManager.empty().add("guard", KeyKind.TOKEN).ring();
    assertThrows(
        IllegalArgumentException.class, () -> EnumerationGuard.builder().keys(tokens, "guard"));
    assertThrows(
        IllegalArgumentException.class, () -> EnumerationGuard.builder().keys(ring, "Bad Name"));
  }

  @Test
  void guardsWithTheSameKeyShareTheirStateAndOthersDoNot() throws Exception {
    KeyRing ring = KeyRingManager.empty().add("guard", KeyKind.FINGERPRINT).ring();
    KeyRing other = KeyRingManager.empty().add("guard", KeyKind.FINGERPRINT).ring();
    GuardStore shared = InMemoryGuardStore.create(100, 64);
    EnumerationGuard a = EnumerationGuard.builder().keys(ring, "guard").store(shared).build();
    EnumerationGuard b = EnumerationGuard.builder().keys(ring, "guard").store(shared).build();
    EnumerationGuard c = EnumerationGuard.builder().keys(other, "guard").store(shared).build();
    a.check("rpps-1", inDept(69, 1), T0);
    a.check("rpps-1", inDept(69, 2), T0);
    assertEquals(2, b.snapshot("rpps-1", T0).orElseThrow().checks());
    assertFalse(c.snapshot("rpps-1", T0).isPresent());
    assertEquals(a.principal("rpps-1"), a.principal("rpps-1"));
    assertNotEquals(
        a.principal("rpps-1"), b.principal("rpps-1")); // a principal belongs to its guard
    assertThrows(
        IllegalArgumentException.class, () -> b.check(a.principal("rpps-1"), inDept(69, 3), T0));
  }

  @Test
  void randomKeysDifferPerGuard() {
    EnumerationGuard a = EnumerationGuard.builder().build();
    a.check("rpps-1", inDept(69, 1), T0);
    EnumerationGuard b = EnumerationGuard.builder().build();
    assertFalse(b.snapshot("rpps-1", T0).isPresent());
    assertTrue(a.snapshot("rpps-1", T0).isPresent());
  }

  @Test
  void principalsAreValidated() {
    EnumerationGuard g = EnumerationGuard.builder().build();
    assertThrows(NullPointerException.class, () -> g.principal(null));
    assertThrows(IllegalArgumentException.class, () -> g.principal(""));
    assertThrows(IllegalArgumentException.class, () -> g.principal("a", ""));
    assertThrows(NullPointerException.class, () -> g.check("a", inDept(69, 1), null));
    assertThrows(
        NullPointerException.class, () -> g.check("a", (io.github.nirguard.core.Nir) null, T0));
    assertTrue(g.principal("a", "b").hasClient());
    assertFalse(g.principal("a").hasClient());
    assertNotEquals(g.principal("a", "b"), g.principal("b", "a"));
    assertNotEquals(g.principal("a", "b"), g.principal("a"));
  }
}
