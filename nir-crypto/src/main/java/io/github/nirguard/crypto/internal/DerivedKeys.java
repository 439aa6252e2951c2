package io.github.nirguard.crypto.internal;

import java.util.Arrays;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * 32-byte keys derived from a PRF keyset, by Tink key id; internal, never printed.
 *
 * <pre>{@code
 * DerivedKeys keys = ring.derive(purpose, KeyKind.FPE);   // package-private in KeyRing
 * try {
 *   use(keys.primaryId(), keys.primary());
 * } finally {
 *   keys.wipe();
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class DerivedKeys {
  private final int primaryId;
  private final byte[] primary;
  private final Map<Integer, byte[]> keys;

  /**
   * Holds derived keys (the map and arrays are kept, not copied: {@link #wipe} clears them).
   *
   * @param primaryId the id of the primary key
   * @param keys the keys by id, the primary's among them
   * @throws IllegalArgumentException if the primary key is not among the keys
   */
  public DerivedKeys(int primaryId, Map<Integer, byte[]> keys) {
    byte[] p = keys.get(primaryId);
    if (p == null) {
      throw new IllegalArgumentException("the primary key is not among the keys");
    }
    this.primaryId = primaryId;
    this.primary = p;
    this.keys = keys;
  }

  /**
   * Returns the id of the primary key.
   *
   * @return the Tink key id
   */
  public int primaryId() {
    return primaryId;
  }

  /**
   * Returns the primary key (not a copy).
   *
   * @return 32 bytes
   */
  public byte[] primary() {
    return primary;
  }

  /**
   * Returns the key of an id (not a copy), or null.
   *
   * @param keyId the Tink key id
   * @return 32 bytes, or null
   */
  public byte @Nullable [] get(int keyId) {
    return keys.get(keyId);
  }

  /**
   * Returns every key by id (not copies).
   *
   * @return the keys
   */
  public Map<Integer, byte[]> all() {
    return keys;
  }

  /** Overwrites the material (best effort; the JVM may hold copies). */
  public void wipe() {
    for (byte[] k : keys.values()) {
      Arrays.fill(k, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "DerivedKeys[" + keys.size() + " key(s)]";
  }
}
