package io.github.nirguard.protect;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.Token;
import io.github.nirguard.policy.ColumnRule;
import java.security.GeneralSecurityException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** {@code reversible-token}: a PRP token, revealed by its key. */
final class ReversibleTokenCodec extends NirCodec {
  ReversibleTokenCodec(ColumnRule rule, int at, Engines engines) {
    super(rule, at, engines);
  }

  @Override
  String apply(Nir nir) {
    return engines.reversible().tokenize(nir).value();
  }

  @Override
  @Nullable Problem reveal(String[] row, String[] out, Opened opened) {
    if (row[at].isEmpty()) {
      return null;
    }
    Optional<Token> t = Token.tryParse(row[at]);
    if (t.isEmpty()) {
      return problem(RowReason.NOT_A_TOKEN);
    }
    try {
      out[at] = engines.reversible().reveal(t.get()).compact();
      return null;
    } catch (GeneralSecurityException e) {
      return problem(RowReason.TOKEN_REFUSED);
    }
  }
}
