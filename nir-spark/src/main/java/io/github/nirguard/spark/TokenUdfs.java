package io.github.nirguard.spark;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.KeyedTokenizer;
import io.github.nirguard.crypto.ReversibleTokenizer;
import io.github.nirguard.crypto.Token;
import io.github.nirguard.crypto.audit.AuditOperation;
import java.security.GeneralSecurityException;
import java.util.Optional;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF3;
import org.jspecify.annotations.Nullable;

/**
 * The token functions {@code nir_token}, {@code nir_reversible_token} and {@code nir_reveal}. A
 * null, invalid or unrevealable value gives null; a null parameter gives null, an unknown one fails
 * the query ({@link Params}), whatever the value. {@code nir_reveal} refuses without a {@link
 * RevealAudit} and counts each NIR it returns for its task's audit record ({@link RevealTally}).
 */
final class TokenUdfs {
  private TokenUdfs() {}

  /** {@code nir_token(text, purpose)}: the keyed token, null when not a strictly valid NIR. */
  static final class KeyedToken extends KeyedUdf implements UDF2<String, String, String> {
    private static final long serialVersionUID = 1L;
    private transient volatile @Nullable Memo<KeyedTokenizer> memo;

    KeyedToken(ProtectedKeys keys) {
      super(keys);
    }

    KeyedTokenizer tokenizer(String purpose) {
      Memo<KeyedTokenizer> m = memo;
      if (m == null || !m.matches(purpose, "")) {
        m = new Memo<>(purpose, "", engines().keyed(Params.purpose(purpose)));
        memo = m;
      }
      return m.value;
    }

    @Override
    public @Nullable String call(@Nullable String text, @Nullable String purpose) {
      if (purpose == null) {
        return null;
      }
      KeyedTokenizer t = tokenizer(purpose);
      Optional<Nir> nir = strictNir(text);
      return nir.isPresent() ? t.tokenize(nir.get()).value() : null;
    }
  }

  /** {@code nir_reversible_token(text, purpose, scheme)}. */
  static final class ReversibleToken extends KeyedUdf
      implements UDF3<String, String, String, String> {
    private static final long serialVersionUID = 1L;
    private transient volatile @Nullable Memo<ReversibleTokenizer> memo;

    ReversibleToken(ProtectedKeys keys) {
      super(keys);
    }

    @Override
    public @Nullable String call(
        @Nullable String text, @Nullable String purpose, @Nullable String scheme) {
      if (purpose == null || scheme == null) {
        return null;
      }
      Memo<ReversibleTokenizer> m = memo;
      if (m == null || !m.matches(purpose, scheme)) {
        m =
            new Memo<>(
                purpose,
                scheme,
                engines().reversible(Params.purpose(purpose), Params.scheme(scheme)));
        memo = m;
      }
      Optional<Nir> nir = strictNir(text);
      return nir.isPresent() ? m.value.tokenize(nir.get()).value() : null;
    }
  }

  /** {@code nir_reveal(token, purpose)}: the compact NIR of a PRP or SIV token, else null. */
  static final class Reveal extends KeyedUdf implements UDF2<String, String, String> {
    private static final long serialVersionUID = 1L;
    private transient volatile @Nullable Memo<ReversibleTokenizer> prp;
    private transient volatile @Nullable Memo<ReversibleTokenizer> siv;
    private final @Nullable RevealAudit audit;

    /** Without an audit, every call refuses ({@link RevealAudit}). */
    Reveal(ProtectedKeys keys, @Nullable RevealAudit audit) {
      super(keys);
      this.audit = audit;
    }

    private ReversibleTokenizer tokenizer(String purpose, Token.Scheme scheme) {
      boolean isSiv = scheme == Token.Scheme.SIV;
      Memo<ReversibleTokenizer> m = isSiv ? siv : prp;
      if (m == null || !m.matches(purpose, "")) {
        m = new Memo<>(purpose, "", engines().reversible(Params.purpose(purpose), scheme));
        if (isSiv) {
          siv = m;
        } else {
          prp = m;
        }
      }
      return m.value;
    }

    @Override
    public @Nullable String call(@Nullable String text, @Nullable String purpose) {
      RevealAudit a = RevealAudit.required(audit, "nir_reveal");
      if (purpose == null || text == null) {
        return null;
      }
      Optional<Token> token = Token.tryParse(text.trim());
      if (token.isEmpty() || token.get().scheme() == Token.Scheme.KEYED) {
        return null;
      }
      ReversibleTokenizer t = tokenizer(purpose, token.get().scheme());
      String nir;
      try {
        nir = t.reveal(token.get()).compact();
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        return null; // another key, purpose or an altered token
      }
      RevealTally.revealed(a, AuditOperation.DETOKENIZE, purpose, token.get().keyId().orElse(null));
      return nir;
    }
  }
}
