package io.github.nirguard.spark;

import io.github.nirguard.core.NirError;
import io.github.nirguard.validate.NirValidator;
import io.github.nirguard.validate.ValidationResult;
import java.util.Optional;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.jspecify.annotations.Nullable;

/**
 * The validation functions {@code nir_valid}, {@code nir_reason} and {@code nir_normalize}, keyless
 * and serializable. A null text is invalid (reason {@code EMPTY}); a null profile gives null, an
 * unknown one fails the query ({@link Params#profile}).
 */
final class ValidationUdfs {
  private ValidationUdfs() {}

  /** {@code nir_valid(text[, profile])}. */
  static final class Valid implements UDF1<String, Boolean>, UDF2<String, String, Boolean> {
    private static final long serialVersionUID = 1L;

    @Override
    public Boolean call(@Nullable String text) {
      return text != null && NirValidator.strict().isValid(text);
    }

    @Override
    public @Nullable Boolean call(@Nullable String text, @Nullable String profile) {
      if (profile == null) {
        return null;
      }
      NirValidator v = Params.profile(profile); // an unknown profile fails, whatever the text
      return text != null && v.isValid(text);
    }
  }

  /** {@code nir_reason(text[, profile])}: the reason code, null when valid. */
  static final class Reason implements UDF1<String, String>, UDF2<String, String, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public @Nullable String call(@Nullable String text) {
      return reason(NirValidator.strict(), text);
    }

    @Override
    public @Nullable String call(@Nullable String text, @Nullable String profile) {
      return profile == null ? null : reason(Params.profile(profile), text);
    }

    private static @Nullable String reason(NirValidator v, @Nullable String text) {
      // the validator reports null as EMPTY, as it does the empty text
      Optional<NirError> r = v.validate(text == null ? "" : text).reason();
      return r.isPresent() ? r.get().name() : null;
    }
  }

  /** {@code nir_normalize(text[, profile])}: the compact form, null when invalid. */
  static final class Normalize implements UDF1<String, String>, UDF2<String, String, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public @Nullable String call(@Nullable String text) {
      return normalize(NirValidator.strict(), text);
    }

    @Override
    public @Nullable String call(@Nullable String text, @Nullable String profile) {
      return profile == null ? null : normalize(Params.profile(profile), text);
    }

    private static @Nullable String normalize(NirValidator v, @Nullable String text) {
      if (text == null) {
        return null;
      }
      ValidationResult r = v.validate(text);
      return r.isValid() ? r.nir().get().compact() : null;
    }
  }
}
