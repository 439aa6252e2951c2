package io.github.nirguard.validate;

import io.github.nirguard.core.Leniency;
import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirError;
import io.github.nirguard.core.internal.ScanStatus;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The verdict on one text: valid or not, the reason code and position, the leniency flags.
 *
 * <p>Immutable; compared by value; {@link #toString()} shows only the masked NIR.
 *
 * <pre>{@code
 * ValidationResult r = NirValidator.named("lenient").validate(text);
 * if (r.isValid() && !r.flags().isEmpty()) warn(r.flags());
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ValidationResult {
  private final @Nullable Nir nir;
  private final @Nullable NirError reason;
  private final int position;
  private final Set<Leniency> flags;

  private ValidationResult(
      @Nullable Nir nir, @Nullable NirError reason, int position, Set<Leniency> flags) {
    this.nir = nir;
    this.reason = reason;
    this.position = position;
    this.flags = flags;
  }

  static ValidationResult of(long status) {
    if (ScanStatus.isValid(status)) {
      Set<Leniency> flags = ScanStatus.leniencesOf(status);
      return new ValidationResult(
          ScanStatus.nirOf(status),
          null,
          -1,
          flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(flags));
    }
    return new ValidationResult(
        null, ScanStatus.errorOf(status), ScanStatus.positionOf(status), Set.of());
  }

  /**
   * Returns whether the text is a NIR under the profile used.
   *
   * @return {@code true} if valid
   */
  public boolean isValid() {
    return nir != null;
  }

  /**
   * Returns the NIR when valid.
   *
   * @return the NIR, or empty
   */
  public Optional<Nir> nir() {
    return Optional.ofNullable(nir);
  }

  /**
   * Returns the reason when invalid.
   *
   * @return the stable reason code, or empty when valid
   */
  public Optional<NirError> reason() {
    return Optional.ofNullable(reason);
  }

  /**
   * Returns the 0-based position in the input of the problem.
   *
   * @return the position, or {@code -1} when valid
   */
  public int position() {
    return position;
  }

  /**
   * Returns the departures from the strict rules that the NIR relies on (lenient profiles only).
   *
   * @return the flags, empty for a strictly valid NIR or an invalid text
   */
  public Set<Leniency> flags() {
    return flags;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ValidationResult)) {
      return false;
    }
    ValidationResult r = (ValidationResult) o;
    return Objects.equals(nir, r.nir)
        && reason == r.reason
        && position == r.position
        && flags.equals(r.flags);
  }

  @Override
  public int hashCode() {
    return Objects.hash(nir, reason, position, flags);
  }

  /**
   * Returns e.g. {@code ValidationResult[valid, 2 55 08 •• ••• ••• ••]} or {@code
   * ValidationResult[invalid, KEY_MISMATCH at 13]}.
   *
   * @return a description that reveals no NIR
   */
  @Override
  public String toString() {
    if (nir != null) {
      return "ValidationResult[valid, "
          + nir.masked()
          + (flags.isEmpty() ? "" : ", flags=" + flags)
          + "]";
    }
    return "ValidationResult[invalid, " + reason + " at " + position + "]";
  }
}
