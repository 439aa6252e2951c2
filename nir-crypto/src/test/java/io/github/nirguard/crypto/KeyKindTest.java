package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.crypto.tink.prf.PrfParameters;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link KeyKind#derived()}: exactly the kinds whose keyset is a Tink PRF (the key is derived from
 * it), and {@link KeyRing#derive} refuses every other kind of a ring that holds them all.
 */
class KeyKindTest {
  @Test
  void derivedKindsAreThePrfKindsAndOnlyTheyDerive() throws Exception {
    Set<KeyKind> documented =
        EnumSet.of(
            KeyKind.TOKEN, KeyKind.PRP_TOKEN, KeyKind.FPE, KeyKind.FINGERPRINT, KeyKind.DATE_SHIFT);
    KeyRing ring = TestKeys.ring("kinds");
    for (KeyKind k : KeyKind.values()) {
      boolean prf = k.parameters() instanceof PrfParameters;
      assertEquals(prf, k.derived(), k.label());
      assertEquals(documented.contains(k), k.derived(), k.label());
      if (k.derived()) {
        var keys = ring.derive("kinds", k);
        try {
          assertEquals(32, keys.primary().length, k.label());
        } finally {
          keys.wipe();
        }
      } else {
        IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> ring.derive("kinds", k));
        assertEquals("keys of kind " + k.label() + " are not derived", e.getMessage());
      }
    }
  }
}
