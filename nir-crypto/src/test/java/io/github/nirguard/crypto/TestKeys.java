package io.github.nirguard.crypto;

import java.security.GeneralSecurityException;

/** A key ring with one keyset of every kind for the purposes used in tests. */
final class TestKeys {
  private TestKeys() {}

  static KeyRing ring(String... purposes) throws GeneralSecurityException {
    KeyRingManager keys = KeyRingManager.empty();
    for (String p : purposes) {
      keys = keys.add(p, KeyKind.values());
    }
    return keys.ring();
  }

  static byte[] hex(String s) {
    byte[] b = new byte[s.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return b;
  }
}
