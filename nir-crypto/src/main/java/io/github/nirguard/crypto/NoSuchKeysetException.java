package io.github.nirguard.crypto;

import java.util.Objects;

/**
 * Thrown when a {@link KeyRing} has no keyset for a purpose and kind: a usage error, unchecked.
 *
 * <p>A subclass of {@link IllegalArgumentException}, so callers that catch that keep working. The
 * message names the purpose and kind (never key material); {@link
 * java.security.GeneralSecurityException} is kept for real cryptographic failures.
 *
 * <pre>{@code
 * try {
 *   NirFpe fpe = NirFpe.create(ring, "lab-export");
 * } catch (NoSuchKeysetException e) {
 *   System.err.println("add it: nir keys add " + e.purpose() + " --kind " + e.kind().label());
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class NoSuchKeysetException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The purpose name (checked by {@link Purpose#check}, so never free text). */
  private final String purpose;

  private final KeyKind kind;

  NoSuchKeysetException(String purpose, KeyKind kind) {
    super("no keyset for purpose '" + purpose + "' and kind " + kind.label());
    this.purpose = Objects.requireNonNull(purpose, "purpose");
    this.kind = kind;
  }

  /**
   * Returns the purpose that has no keyset of {@link #kind()}.
   *
   * @return the purpose name
   */
  public String purpose() {
    return purpose;
  }

  /**
   * Returns the kind of the missing keyset.
   *
   * @return the kind
   */
  public KeyKind kind() {
    return kind;
  }
}
