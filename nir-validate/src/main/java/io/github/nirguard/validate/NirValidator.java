package io.github.nirguard.validate;

import io.github.nirguard.core.NirProfile;
import io.github.nirguard.core.internal.ScanStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Validates untrusted text as NIRs under a named profile; thread-safe, never throws on bad input.
 *
 * <pre>{@code
 * NirValidator validator = NirValidator.strict();
 * if (!validator.isValid(form.nir())) {              // allocation-free hot path
 *   ValidationResult r = validator.validate(form.nir());
 *   showError(r.reason().orElseThrow(), r.position());
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class NirValidator {
  private static final NirValidator STRICT = new NirValidator(NirProfile.STRICT);
  private static final NirValidator LENIENT = new NirValidator(NirProfile.LENIENT);
  private static final NirValidator CHECKSUM = new NirValidator(NirProfile.CHECKSUM_ONLY);

  private final NirProfile profile;

  private NirValidator(NirProfile profile) {
    this.profile = profile;
  }

  /**
   * Returns the validator of the default, strict profile.
   *
   * @return the strict validator
   */
  public static NirValidator strict() {
    return STRICT;
  }

  /**
   * Returns a validator for a profile, e.g. {@link NirProfile#LENIENT}.
   *
   * @param profile the profile
   * @return the validator
   */
  public static NirValidator of(NirProfile profile) {
    return new NirValidator(Objects.requireNonNull(profile, "profile"));
  }

  /**
   * Returns a validator for a profile name: {@code strict}, {@code lenient} or {@code checksum}
   * (see {@link NirProfile#named}).
   *
   * @param name the profile name, case-insensitive
   * @return the validator
   * @throws IllegalArgumentException for an unknown name
   */
  public static NirValidator named(String name) {
    NirProfile p = NirProfile.named(name);
    return p == NirProfile.STRICT
        ? STRICT
        : p == NirProfile.LENIENT ? LENIENT : p == NirProfile.CHECKSUM_ONLY ? CHECKSUM : of(p);
  }

  /**
   * Returns the profile applied.
   *
   * @return the profile
   */
  public NirProfile profile() {
    return profile;
  }

  /**
   * Returns whether the text is a NIR under this validator's profile. Allocates nothing.
   *
   * @param text the text as pasted (null is invalid)
   * @return {@code true} if valid
   */
  public boolean isValid(CharSequence text) {
    return text != null && profile.test(text);
  }

  /**
   * Validates a text. Never throws.
   *
   * @param text the text as pasted (null is reported as {@code EMPTY})
   * @return the result
   */
  public ValidationResult validate(CharSequence text) {
    return ValidationResult.of(ScanStatus.scan(profile, text == null ? "" : text));
  }

  /**
   * Validates many texts, in order. Never throws.
   *
   * @param texts the texts
   * @return one result per text
   */
  public List<ValidationResult> validateAll(Iterable<? extends CharSequence> texts) {
    List<ValidationResult> results = new ArrayList<>();
    for (CharSequence t : texts) {
      results.add(validate(t));
    }
    return results;
  }

  /**
   * Validates a stream of texts lazily. Never throws on bad input.
   *
   * @param texts the texts
   * @return one result per text
   */
  public Stream<ValidationResult> validateAll(Stream<? extends CharSequence> texts) {
    return texts.map(this::validate);
  }

  @Override
  public String toString() {
    return "NirValidator[" + profile.name() + "]";
  }
}
