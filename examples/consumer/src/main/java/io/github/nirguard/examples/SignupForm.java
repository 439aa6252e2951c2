package io.github.nirguard.examples;

import io.github.nirguard.core.Nir;
import io.github.nirguard.core.Sex;
import io.github.nirguard.validate.CrossCheck;
import io.github.nirguard.validate.Mismatch;
import io.github.nirguard.validate.NirValidator;
import io.github.nirguard.validate.ValidationResult;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * Validating a NIR typed into a sign-up form: a message for the user, never an exception, and
 * never the value itself in a message or a log.
 */
public final class SignupForm {
  private static final NirValidator VALIDATOR = NirValidator.strict();

  private SignupForm() {}

  /**
   * What the form shows beside the field.
   *
   * @param nir the NIR to store when accepted
   * @param message what to tell the user
   */
  public record Verdict(Optional<Nir> nir, String message) {
    /** Whether the form may be submitted. */
    public boolean accepted() {
      return nir.isPresent();
    }
  }

  /** Checks the typed NIR, then checks it against the sex and birth date typed beside it. */
  public static Verdict check(String typed, Sex sex, LocalDate birthDate) {
    ValidationResult r = VALIDATOR.validate(typed);
    if (!r.isValid()) {
      // a stable code and a position in the text as typed: enough to point at the mistake
      return new Verdict(Optional.empty(), "Invalid social-security number: "
          + r.reason().orElseThrow().description() + " (at character " + (r.position() + 1) + ")");
    }
    Nir nir = r.nir().orElseThrow();
    Set<Mismatch> mismatches = CrossCheck.of(nir, sex, birthDate);
    for (Mismatch m : mismatches) {
      if (!m.isWarning()) {
        return new Verdict(Optional.empty(), "The number does not match the form: " + m);
      }
    }
    return new Verdict(Optional.of(nir), "OK " + nir.masked());
  }
}
