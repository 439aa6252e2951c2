package io.github.nirguard.protect;

import io.github.nirguard.policy.ColumnRule;
import io.github.nirguard.record.FieldType;
import io.github.nirguard.record.Mask;
import org.jspecify.annotations.Nullable;

/** {@code mask}: what {@link Mask} leaves. */
final class MaskCodec extends Codec {
  private final FieldType type;

  MaskCodec(ColumnRule rule, int at) {
    super(rule, at, true);
    this.type = rule.field().type();
  }

  @Override
  @Nullable Problem protect(String v, String[] out, @Nullable Object block, int k) {
    out[at] = Mask.mask(v, type);
    return null;
  }
}
