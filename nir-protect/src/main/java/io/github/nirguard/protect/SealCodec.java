package io.github.nirguard.protect;

import io.github.nirguard.policy.ColumnRule;
import org.jspecify.annotations.Nullable;

/** {@code seal}: an empty cell; the value travels in the row seal, and comes back from it. */
final class SealCodec extends Codec {
  private final int slot;

  SealCodec(ColumnRule rule, int at, int slot) {
    super(rule, at);
    this.slot = slot;
  }

  @Override
  @Nullable Problem protect(String v, String[] out, @Nullable Object block, int k) {
    out[at] = "";
    return null;
  }

  @Override
  @Nullable Problem reveal(String[] row, String[] out, Opened opened) {
    out[at] = opened.sealed.get(slot);
    return null;
  }
}
