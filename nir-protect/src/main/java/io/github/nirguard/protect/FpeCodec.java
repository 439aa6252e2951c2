package io.github.nirguard.protect;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.KeyedTokenizer;
import io.github.nirguard.crypto.Token;
import io.github.nirguard.policy.ColumnRule;
import io.github.nirguard.validate.ValidationResult;
import java.security.GeneralSecurityException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code fpe} and {@code fpe+token}: the NIR encrypted with FF1 (a block of rows through the batch
 * path), and its keyed token in the next column; revealed with the key the row seal names, the
 * token recomputed and compared.
 */
final class FpeCodec extends NirCodec {
  /** The token column's index, or -1 for plain {@code fpe}. */
  private final int tokenAt;

  FpeCodec(ColumnRule rule, int at, int tokenAt, Engines engines) {
    super(rule, at, engines);
    this.tokenAt = tokenAt;
  }

  /** A block's validations and ciphertexts (null: outside the FPE domains). */
  private static final class Block {
    final ValidationResult[] checked;
    final String[] encrypted;

    Block(int count) {
      checked = new ValidationResult[count];
      encrypted = new String[count];
    }
  }

  @Override
  @Nullable Object prepare(String[][] rows, int count, int in) {
    Block b = new Block(count);
    Nir[] nirs = new Nir[count];
    for (int k = 0; k < count; k++) {
      b.checked[k] = validate(rows[k][in]);
      nirs[k] = b.checked[k].nir().orElse(null);
    }
    engines.primaryFpe().encryptAll(nirs, b.encrypted, count);
    return b;
  }

  @Override
  @Nullable Problem protect(String v, String[] out, @Nullable Object block, int k) {
    Block b = (Block) block;
    ValidationResult r = b != null ? b.checked[k] : validate(v);
    if (!r.isValid()) {
      return invalid(r);
    }
    Nir nir = r.nir().orElseThrow();
    String e = b != null ? b.encrypted[k] : encryptOrNull(nir);
    if (e == null) {
      return problem(RowReason.NOT_IN_FPE_DOMAIN); // lenient or checksum-only NIR
    }
    out[at] = e;
    if (tokenAt >= 0) {
      out[tokenAt] = engines.primaryTokenizer().tokenize(nir).value();
    }
    return null;
  }

  private @Nullable String encryptOrNull(Nir nir) {
    try {
      return engines.primaryFpe().encrypt(nir);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  void blank(String[] out) {
    out[at] = "";
    if (tokenAt >= 0) {
      out[tokenAt] = "";
    }
  }

  @Override
  @Nullable Problem reveal(String[] row, String[] out, Opened opened) {
    String tokenCell = tokenAt >= 0 ? row[tokenAt] : "";
    if (row[at].isEmpty()) {
      return tokenCell.isEmpty() ? null : problem(RowReason.TOKEN_MISMATCH);
    }
    if (opened.fpeKey == RowSeal.NO_KEY) {
      return problem(
          RowReason.ROW_SEAL_REFUSED); // an FPE value in a row whose seal names no FPE key
    }
    Nir nir;
    try {
      nir = engines.fpe((int) opened.fpeKey).decrypt(row[at]);
    } catch (GeneralSecurityException e) {
      return problem(RowReason.FPE_REFUSED);
    }
    if (tokenAt >= 0 && !tokenMatches(nir, tokenCell)) {
      return problem(RowReason.TOKEN_MISMATCH);
    }
    out[at] = nir.compact();
    return null;
  }

  /** Whether a token cell is the keyed token of a NIR, under the key the token names. */
  private boolean tokenMatches(Nir nir, String cell) {
    Optional<Token> t = Token.tryParse(cell);
    if (t.isEmpty() || t.get().scheme() != Token.Scheme.KEYED || t.get().keyId().isEmpty()) {
      return false;
    }
    KeyedTokenizer k;
    try {
      k = engines.tokenizer(t.get().keyId().get());
    } catch (GeneralSecurityException e) {
      return false;
    }
    return k.matches(nir, t.get());
  }
}
