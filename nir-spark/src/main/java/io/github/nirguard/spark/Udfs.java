package io.github.nirguard.spark;

import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirError;
import io.github.nirguard.crypto.KeyedTokenizer;
import io.github.nirguard.crypto.NirFpe;
import io.github.nirguard.crypto.Purpose;
import io.github.nirguard.crypto.ReversibleTokenizer;
import io.github.nirguard.crypto.Token;
import io.github.nirguard.record.Generalize;
import io.github.nirguard.validate.NirValidator;
import io.github.nirguard.validate.ValidationResult;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.api.java.UDF4;

/**
 * The Spark functions, one class each. Every class is serializable and carries at most the {@link
 * ProtectedKeys}; the decrypted ring is looked up per JVM ({@link Engines}) and held in transient
 * fields only.
 *
 * <p>Rule: data never throws — a null, invalid or undecryptable value gives null. Parameters do: an
 * unknown purpose, scheme, mode, profile, granularity or FPE key id fails the query with a message
 * naming the parameter (never a value), because silently nulling a billion rows is worse. So does
 * an FPE decryption without a key id once the purpose's FPE keyset holds several keys: decrypting
 * with a guessed key would silently give wrong NIRs.
 */
final class Udfs {
  private Udfs() {}

  // ---- parameters -----------------------------------------------------------------------------

  static NirValidator profile(String name) {
    if (name == null) {
      throw new IllegalArgumentException("nirguard: the profile is missing");
    }
    try {
      return NirValidator.named(name); // the one parser of profile names
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("nirguard: " + e.getMessage());
    }
  }

  static NirFpe.Mode mode(String name) {
    if (name == null) {
      throw new IllegalArgumentException("nirguard: the FPE mode is missing");
    }
    try {
      return NirFpe.Mode.named(name); // the one parser of FPE mode names
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("nirguard: " + e.getMessage());
    }
  }

  static Token.Scheme scheme(String name) {
    if (name == null) {
      throw new IllegalArgumentException("nirguard: the scheme is missing");
    }
    Token.Scheme scheme;
    try {
      scheme = Token.Scheme.named(name); // the one parser of scheme names
    } catch (IllegalArgumentException e) {
      scheme = Token.Scheme.KEYED;
    }
    if (scheme == Token.Scheme.KEYED) {
      throw new IllegalArgumentException(
          "nirguard: unknown reversible token scheme (expected prp or siv)");
    }
    return scheme;
  }

  static boolean yearOnly(String granularity) {
    if (granularity == null) {
      throw new IllegalArgumentException("nirguard: the granularity is missing");
    }
    Generalize.Granularity g;
    try {
      g = Generalize.Granularity.named(granularity); // the one parser of granularity names
    } catch (IllegalArgumentException e) {
      g = Generalize.Granularity.DEPARTMENT;
    }
    if (g != Generalize.Granularity.YEAR && g != Generalize.Granularity.YEAR_MONTH) {
      throw new IllegalArgumentException(
          "nirguard: unknown granularity (expected year or year-month)");
    }
    return g == Generalize.Granularity.YEAR;
  }

  static String purpose(String purpose) {
    return Purpose.check(purpose);
  }

  /**
   * A key id as {@code nir keys list} and {@code nir_fpe_key_id} print it: exactly 8 hex digits.
   * The message never repeats the text: a key id column could hold anything.
   */
  static int keyId(String hex) {
    if (hex == null) {
      throw new IllegalArgumentException("nirguard: the FPE key id is missing");
    }
    if (hex.length() != 8
        || !hex.chars().allMatch(c -> c < 128 && Character.digit(c, 16) >= 0)) { // ASCII only
      throw new IllegalArgumentException(
          "nirguard: malformed FPE key id (expected 8 hex digits, as nir keys list and nir_fpe_key_id give it)");
    }
    return Integer.parseUnsignedInt(hex, 16);
  }

  /**
   * The last parameters seen and what they resolved to: the rows of a query share their parameters,
   * so the per-row cost is two string comparisons, no allocation.
   */
  private static final class Memo<T> {
    final String first;
    final String second;
    final String third;
    final T value;

    Memo(String first, String second, T value) {
      this(first, second, "", value);
    }

    Memo(String first, String second, String third, T value) {
      this.first = first;
      this.second = second;
      this.third = third;
      this.value = value;
    }

    boolean matches(String a, String b) {
      return first.equals(a) && second.equals(b);
    }

    boolean matches(String a, String b, String c) {
      return first.equals(a) && second.equals(b) && third.equals(c);
    }
  }

  /** Base of the functions that need keys. */
  abstract static class Keyed implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    final ProtectedKeys keys;
    private transient volatile Engines engines;

    Keyed(ProtectedKeys keys) {
      this.keys = keys;
    }

    final Engines engines() {
      Engines e = engines;
      if (e == null) {
        e = Engines.of(keys);
        engines = e;
      }
      return e;
    }
  }

  // ---- validation -----------------------------------------------------------------------------

  /** {@code nir_valid(text[, profile])}. */
  static final class Valid implements UDF1<String, Boolean>, UDF2<String, String, Boolean> {
    private static final long serialVersionUID = 1L;

    @Override
    public Boolean call(String text) {
      return NirValidator.strict().isValid(text);
    }

    @Override
    public Boolean call(String text, String profile) {
      return profile == null ? null : profile(profile).isValid(text);
    }
  }

  /** {@code nir_reason(text[, profile])}: the reason code, null when valid. */
  static final class Reason implements UDF1<String, String>, UDF2<String, String, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String call(String text) {
      return reason(NirValidator.strict(), text);
    }

    @Override
    public String call(String text, String profile) {
      return profile == null ? null : reason(profile(profile), text);
    }

    private static String reason(NirValidator v, String text) {
      Optional<NirError> r = v.validate(text).reason();
      return r.isPresent() ? r.get().name() : null;
    }
  }

  /** {@code nir_normalize(text[, profile])}: the compact form, null when invalid. */
  static final class Normalize implements UDF1<String, String>, UDF2<String, String, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String call(String text) {
      return normalize(NirValidator.strict(), text);
    }

    @Override
    public String call(String text, String profile) {
      return profile == null ? null : normalize(profile(profile), text);
    }

    private static String normalize(NirValidator v, String text) {
      if (text == null) {
        return null;
      }
      ValidationResult r = v.validate(text);
      return r.isValid() ? r.nir().get().compact() : null;
    }
  }

  // ---- tokens ---------------------------------------------------------------------------------

  /** {@code nir_token(text, purpose)}: the keyed token, null when not a strictly valid NIR. */
  static final class KeyedToken extends Keyed implements UDF2<String, String, String> {
    private static final long serialVersionUID = 1L;
    private transient volatile Memo<KeyedTokenizer> memo;

    KeyedToken(ProtectedKeys keys) {
      super(keys);
    }

    KeyedTokenizer tokenizer(String purpose) {
      Memo<KeyedTokenizer> m = memo;
      if (m == null || !m.matches(purpose, "")) {
        m = new Memo<>(purpose, "", engines().keyed(purpose(purpose)));
        memo = m;
      }
      return m.value;
    }

    @Override
    public String call(String text, String purpose) {
      if (purpose == null) {
        return null;
      }
      KeyedTokenizer t = tokenizer(purpose);
      Optional<Nir> nir = Nir.tryParse(text);
      return nir.isPresent() ? t.tokenize(nir.get()).value() : null;
    }
  }

  /** {@code nir_reversible_token(text, purpose, scheme)}. */
  static final class ReversibleToken extends Keyed implements UDF3<String, String, String, String> {
    private static final long serialVersionUID = 1L;
    private transient volatile Memo<ReversibleTokenizer> memo;

    ReversibleToken(ProtectedKeys keys) {
      super(keys);
    }

    @Override
    public String call(String text, String purpose, String scheme) {
      if (purpose == null || scheme == null) {
        return null;
      }
      Memo<ReversibleTokenizer> m = memo;
      if (m == null || !m.matches(purpose, scheme)) {
        m = new Memo<>(purpose, scheme, engines().reversible(purpose(purpose), scheme(scheme)));
        memo = m;
      }
      Optional<Nir> nir = Nir.tryParse(text);
      return nir.isPresent() ? m.value.tokenize(nir.get()).value() : null;
    }
  }

  /** {@code nir_reveal(token, purpose)}: the compact NIR of a PRP or SIV token, else null. */
  static final class Reveal extends Keyed implements UDF2<String, String, String> {
    private static final long serialVersionUID = 1L;
    private transient volatile Memo<ReversibleTokenizer> prp;
    private transient volatile Memo<ReversibleTokenizer> siv;

    Reveal(ProtectedKeys keys) {
      super(keys);
    }

    private ReversibleTokenizer tokenizer(String purpose, Token.Scheme scheme) {
      boolean isSiv = scheme == Token.Scheme.SIV;
      Memo<ReversibleTokenizer> m = isSiv ? siv : prp;
      if (m == null || !m.matches(purpose, "")) {
        m = new Memo<>(purpose, "", engines().reversible(purpose(purpose), scheme));
        if (isSiv) {
          siv = m;
        } else {
          prp = m;
        }
      }
      return m.value;
    }

    @Override
    public String call(String text, String purpose) {
      if (purpose == null) {
        return null;
      }
      Optional<Token> token = Token.tryParse(text == null ? null : text.trim());
      if (token.isEmpty() || token.get().scheme() == Token.Scheme.KEYED) {
        return null;
      }
      ReversibleTokenizer t = tokenizer(purpose, token.get().scheme());
      try {
        return t.reveal(token.get()).compact();
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        return null; // another key, purpose or an altered token
      }
    }
  }

  // ---- FPE ------------------------------------------------------------------------------------

  /** Shared by encrypt and decrypt: the FPE of a purpose and mode. */
  abstract static class Fpe extends Keyed {
    private static final long serialVersionUID = 1L;
    private transient volatile Memo<NirFpe> memo;

    Fpe(ProtectedKeys keys) {
      super(keys);
    }

    final NirFpe fpe(String purpose, String mode) {
      Memo<NirFpe> m = memo;
      if (m == null || !m.matches(purpose, mode)) {
        m = new Memo<>(purpose, mode, resolve(engines(), purpose(purpose), mode(mode)));
        memo = m;
      }
      return m.value;
    }

    /** The FPE to use when no key id is given. */
    abstract NirFpe resolve(Engines engines, String purpose, NirFpe.Mode mode);
  }

  /** {@code nir_fpe_encrypt(text, purpose[, mode])}: null when not a strictly valid NIR. */
  static final class FpeEncrypt extends Fpe
      implements UDF2<String, String, String>, UDF3<String, String, String, String> {
    private static final long serialVersionUID = 1L;

    FpeEncrypt(ProtectedKeys keys) {
      super(keys);
    }

    @Override
    NirFpe resolve(Engines engines, String purpose, NirFpe.Mode mode) {
      return engines.fpe(purpose, mode); // the primary key: encrypt with the newest
    }

    @Override
    public String call(String text, String purpose) {
      return call(text, purpose, "marked");
    }

    @Override
    public String call(String text, String purpose, String mode) {
      if (purpose == null || mode == null) {
        return null;
      }
      NirFpe fpe = fpe(purpose, mode);
      Optional<Nir> nir = Nir.tryParse(text);
      if (nir.isEmpty()) {
        return null;
      }
      try {
        return fpe.encrypt(nir.get());
      } catch (IllegalArgumentException e) {
        return null; // not in the FPE domain (cannot happen for a strictly valid NIR)
      }
    }
  }

  /**
   * {@code nir_fpe_decrypt(text, purpose[, mode[, key_id]])}: the compact NIR, null when not a
   * ciphertext. Without a key id, only a keyset of one key is used: after a rotation the query
   * fails and asks for the key id, instead of decrypting with a guessed key into wrong NIRs.
   */
  static final class FpeDecrypt extends Fpe
      implements UDF2<String, String, String>,
          UDF3<String, String, String, String>,
          UDF4<String, String, String, String, String> {
    private static final long serialVersionUID = 1L;
    private transient volatile Memo<NirFpe> keyed;

    FpeDecrypt(ProtectedKeys keys) {
      super(keys);
    }

    @Override
    NirFpe resolve(Engines engines, String purpose, NirFpe.Mode mode) {
      return engines.fpeOnlyKey(purpose, mode);
    }

    @Override
    public String call(String text, String purpose) {
      return call(text, purpose, "marked");
    }

    @Override
    public String call(String text, String purpose, String mode) {
      if (purpose == null || mode == null) {
        return null;
      }
      return decrypt(fpe(purpose, mode), text);
    }

    @Override
    public String call(String text, String purpose, String mode, String keyId) {
      if (purpose == null || mode == null || keyId == null) {
        return null;
      }
      Memo<NirFpe> m = keyed;
      if (m == null || !m.matches(purpose, mode, keyId)) {
        m =
            new Memo<>(
                purpose, mode, keyId, engines().fpe(purpose(purpose), mode(mode), keyId(keyId)));
        keyed = m;
      }
      return decrypt(m.value, text);
    }

    private static String decrypt(NirFpe fpe, String text) {
      if (text == null) {
        return null;
      }
      try {
        return fpe.decrypt(text).compact();
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        return null;
      }
    }
  }

  /** {@code nir_fpe_key_id(purpose)}: the hex id of the key {@code nir_fpe_encrypt} uses now. */
  static final class FpeKeyId extends Keyed implements UDF1<String, String> {
    private static final long serialVersionUID = 1L;
    private transient volatile Memo<String> memo;

    FpeKeyId(ProtectedKeys keys) {
      super(keys);
    }

    @Override
    public String call(String purpose) {
      if (purpose == null) {
        return null;
      }
      Memo<String> m = memo;
      if (m == null || !m.matches(purpose, "")) {
        m =
            new Memo<>(
                purpose,
                "",
                Engines.keyIdHex(engines().fpe(purpose(purpose), NirFpe.Mode.MARKED).keyId()));
        memo = m;
      }
      return m.value;
    }
  }

  // ---- birth dates ----------------------------------------------------------------------------

  /**
   * {@code nir_generalize_birth_date(date, 'year'|'year-month')}: {@code "1955"} or {@code
   * "1955-08"}, as the policy engine's {@code generalize:year} and {@code :year-month}
   * (docs/policy.md). Takes DATE and TIMESTAMP columns, and strings {@code YYYY-MM-DD} or {@code
   * DD/MM/YYYY} read as the policy engine reads them; anything else gives null.
   */
  static final class GeneralizeBirthDate implements UDF2<Object, String, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String call(Object date, String granularity) {
      if (granularity == null) {
        return null;
      }
      boolean yearOnly = yearOnly(granularity);
      LocalDate d = toDate(date);
      if (d == null) {
        return null;
      }
      int y = d.getYear();
      if (y < 0 || y > 9999) {
        return null;
      }
      String year = String.valueOf(y);
      year = "0000".substring(year.length()) + year;
      if (yearOnly) {
        return year;
      }
      int m = d.getMonthValue();
      return year + (m < 10 ? "-0" : "-") + m;
    }

    static LocalDate toDate(Object v) {
      if (v == null) {
        return null;
      }
      if (v instanceof LocalDate) {
        return (LocalDate) v;
      }
      if (v instanceof java.sql.Date) {
        return ((java.sql.Date) v).toLocalDate();
      }
      if (v instanceof java.sql.Timestamp) {
        return ((java.sql.Timestamp) v).toLocalDateTime().toLocalDate();
      }
      if (v instanceof LocalDateTime) {
        return ((LocalDateTime) v).toLocalDate();
      }
      if (v instanceof Instant) {
        return ((Instant) v).atOffset(ZoneOffset.UTC).toLocalDate();
      }
      if (v instanceof CharSequence) {
        return Generalize.date(v.toString()); // the policy engine's own reader
      }
      return null;
    }
  }
}
