package io.github.nirguard.crypto.audit;

import java.util.Locale;

/**
 * What an audited operation did: a re-identification or a key operation.
 *
 * <pre>{@code
 * AuditOperation op = AuditOperation.named("fpe-decrypt");   // FPE_DECRYPT
 * }</pre>
 *
 * @since 0.1.0
 */
public enum AuditOperation {
  /**
   * Reversible tokens back to NIRs ({@code nir detokenize}, {@code ReversibleTokenizer.reveal}).
   */
  DETOKENIZE,
  /**
   * Span tokens of a redacted document back to its text <em>without its seal checked</em> ({@code
   * nir scan --reveal --insecure-unsealed}; a program's own record of {@code
   * ReversibleRedactor.revealInsecureUnsealed}): tokens swapped, moved or brought from another
   * document were not refused. The count is tokens.
   */
  DETOKENIZE_UNSEALED,
  /** FPE ciphertexts back to NIRs ({@code nir fpe decrypt}, {@code NirFpe.decrypt}). */
  FPE_DECRYPT,
  /** A protected export revealed by the row engine ({@code nir reveal}); the count is rows. */
  REVEAL,
  /** A keyset created. */
  KEY_CREATE,
  /** A keyset rotated (a new primary key). */
  KEY_ROTATE,
  /** A key disabled. */
  KEY_DISABLE,
  /** A key enabled again. */
  KEY_ENABLE,
  /** A key destroyed. */
  KEY_DESTROY,
  /** A key made the primary of its keyset. */
  KEY_PROMOTE,
  /**
   * A format 1 key ring rewritten in format 2 ({@code nir keys upgrade}): one record per purpose,
   * the count is its keys.
   */
  KEY_UPGRADE,
  /**
   * Keys copied into a ring for a recipient ({@code nir keys export}): the count is the keys that
   * left.
   */
  KEY_EXPORT;

  /**
   * Returns whether this operation turns protected values back into NIRs.
   *
   * @return {@code true} for {@link #DETOKENIZE}, {@link #DETOKENIZE_UNSEALED}, {@link
   *     #FPE_DECRYPT} and {@link #REVEAL}
   */
  public boolean reidentifies() {
    return this == DETOKENIZE
        || this == DETOKENIZE_UNSEALED
        || this == FPE_DECRYPT
        || this == REVEAL;
  }

  /**
   * Returns the operation for a name such as {@code fpe-decrypt} or {@code key-rotate}.
   *
   * @param name the name, case-insensitive, dashes or underscores
   * @return the operation
   * @throws IllegalArgumentException for an unknown name (the message does not repeat it)
   */
  public static AuditOperation named(String name) {
    String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (AuditOperation o : values()) {
      if (o.name().equals(n)) {
        return o;
      }
    }
    throw new IllegalArgumentException("unknown audit operation");
  }

  /**
   * Returns the lowercase, dashed name used in audit logs.
   *
   * @return e.g. {@code fpe-decrypt}
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
