package io.github.nirguard.crypto;

import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What {@code nir keys list} shows of one key: purpose, kind, id, status, whether it is the primary
 * key and when it was created — never material.
 *
 * <pre>{@code
 * for (KeyInfo k : ring.describe()) System.out.println(k);
 * }</pre>
 *
 * @param purpose the purpose name
 * @param kind the kind
 * @param keyId the Tink key id
 * @param status {@code ENABLED}, {@code DISABLED} or {@code DESTROYED}
 * @param primary whether new data is protected with this key
 * @param created when the key was made, or null if unknown (a ring upgraded from format 1)
 * @since 0.1.0
 */
public record KeyInfo(
    String purpose,
    KeyKind kind,
    int keyId,
    String status,
    boolean primary,
    @Nullable Instant created) {
  /**
   * Returns the key id as 8 hex digits, as in tokens.
   *
   * @return e.g. {@code 1a2b3c4d}
   */
  public String keyIdHex() {
    return String.format(Locale.ROOT, "%08x", keyId);
  }
}
