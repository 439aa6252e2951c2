package io.github.nirguard.crypto;

import java.util.Arrays;
import java.util.Map;

/** 32-byte keys derived from a PRF keyset, by Tink key id; package-private, never printed. */
final class DerivedKeys {
  private final int primaryId;
  private final Map<Integer, byte[]> keys;

  DerivedKeys(int primaryId, Map<Integer, byte[]> keys) {
    this.primaryId = primaryId;
    this.keys = keys;
  }

  int primaryId() {
    return primaryId;
  }

  byte[] primary() {
    return keys.get(primaryId);
  }

  /** Returns the key of an id, or null. */
  byte[] get(int keyId) {
    return keys.get(keyId);
  }

  Map<Integer, byte[]> all() {
    return keys;
  }

  /** Overwrites the material (best effort; the JVM may hold copies). */
  void wipe() {
    for (byte[] k : keys.values()) {
      Arrays.fill(k, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "DerivedKeys[" + keys.size() + " key(s)]";
  }
}
