package io.github.nirguard.crypto;

import java.util.Locale;

/**
 * What {@code nir keys list} shows of one key: purpose, kind, id and status — never material.
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
 * @since 0.1.0
 */
public record KeyInfo(String purpose, KeyKind kind, int keyId, String status, boolean primary) {
  /**
   * Returns the key id as 8 hex digits, as in tokens.
   *
   * @return e.g. {@code 1a2b3c4d}
   */
  public String keyIdHex() {
    return String.format(Locale.ROOT, "%08x", keyId);
  }
}
