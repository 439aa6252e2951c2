package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KeyRing} and {@link KeyRingManager} as values: equal when the version, the slots and the
 * key material are; hash codes that follow; creation times that survive a write and a read.
 */
class KeyRingValueTest {
  @TempDir Path dir;

  @Test
  void ringsAreEqualByVersionSlotsAndMaterial() throws Exception {
    KeyRingManager m = KeyRingManager.empty().add("lab-export", KeyKind.TOKEN);
    KeyRing ring = m.ring();
    Kek kek = Kek.insecureEphemeral();
    KeyRing back = KeyRing.fromBytes(ring.toBytes(kek), kek);
    assertEquals(ring, back);
    assertEquals(ring.hashCode(), back.hashCode());

    KeyRing otherMaterial = KeyRingManager.empty().add("lab-export", KeyKind.TOKEN).ring();
    assertEquals(ring.version(), otherMaterial.version());
    assertEquals(ring.toString(), otherMaterial.toString());
    assertNotEquals(ring, otherMaterial, "same slots and version, other keys");

    KeyRing rotated = m.rotate("lab-export", KeyKind.TOKEN).ring();
    assertNotEquals(ring, rotated);
    assertNotEquals(ring.hashCode(), rotated.hashCode(), "the version is in the hash");
    assertNotEquals(ring, (Object) ring.toString());
    assertNotEquals(KeyRingManager.empty().hashCode(), m.hashCode(), "a slot more, another hash");
    assertEquals(KeyRingManager.empty(), KeyRingManager.empty());
    assertEquals(KeyRingManager.empty().hashCode(), KeyRingManager.empty().hashCode());
  }

  @Test
  void readWithAMinimumVersionReturnsTheRing() throws Exception {
    KeyRing ring = TestKeys.ring("lab-export");
    Kek kek = Kek.insecureEphemeral();
    Path file = dir.resolve("keys.ring");
    ring.write(file, kek);
    assertEquals(ring, KeyRing.read(file, kek, ring.version()));
    assertEquals(ring, KeyRing.read(file, kek));
  }

  @Test
  void creationTimesSurviveAWriteAndARead() throws GeneralSecurityException {
    long before = java.time.Instant.now().getEpochSecond();
    KeyRing ring = KeyRingManager.empty().add("lab-export", KeyKind.TOKEN, KeyKind.FPE).ring();
    Kek kek = Kek.insecureEphemeral();
    KeyRing back;
    try {
      back = KeyRing.fromBytes(ring.toBytes(kek), kek);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    assertEquals(2, back.describe().size());
    for (KeyInfo k : back.describe()) {
      assertNotNull(k.created(), k.toString());
      long t = k.created().getEpochSecond();
      assertTrue(t >= before && t <= before + 3600, k.toString());
    }
    assertEquals(ring.describe(), back.describe());
  }
}
