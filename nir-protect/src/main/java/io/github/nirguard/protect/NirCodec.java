package io.github.nirguard.protect;

import io.github.nirguard.core.Nir;
import io.github.nirguard.policy.ColumnRule;
import io.github.nirguard.validate.ValidationResult;
import org.jspecify.annotations.Nullable;

/** The NIR actions: the cell is validated first, by the policy's profile. */
abstract class NirCodec extends Codec {
  final Engines engines;

  NirCodec(ColumnRule rule, int at, Engines engines) {
    super(rule, at);
    this.engines = engines;
  }

  ValidationResult validate(String v) {
    return engines.validator.validate(v);
  }

  static Problem invalid(ValidationResult r) {
    return new Problem(RowReason.INVALID_NIR, r.reason().orElseThrow());
  }

  /** What the column holds for a valid NIR (the token codecs; FPE overrides {@link #protect}). */
  String apply(Nir nir) {
    throw new UnsupportedOperationException();
  }

  @Override
  @Nullable Problem protect(String v, String[] out, @Nullable Object block, int k) {
    ValidationResult r = validate(v);
    if (!r.isValid()) {
      return invalid(r);
    }
    out[at] = apply(r.nir().orElseThrow());
    return null;
  }
}
