package io.github.nirguard.protect;

import io.github.nirguard.policy.ColumnRule;
import org.jspecify.annotations.Nullable;

/** {@code keep}: the value as it is. */
final class KeepCodec extends Codec {
  KeepCodec(ColumnRule rule, int at, boolean watched) {
    super(rule, at, watched);
  }

  @Override
  @Nullable Problem protect(String v, String[] out, @Nullable Object block, int k) {
    out[at] = v;
    return null;
  }
}
