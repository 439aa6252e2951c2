package io.github.nirguard.protect;

import io.github.nirguard.core.Nir;
import io.github.nirguard.policy.ColumnRule;

/** {@code token}: the keyed token, to join on; not reversible. */
final class TokenCodec extends NirCodec {
  TokenCodec(ColumnRule rule, int at, Engines engines) {
    super(rule, at, engines);
  }

  @Override
  String apply(Nir nir) {
    return engines.primaryTokenizer().tokenize(nir).value();
  }
}
