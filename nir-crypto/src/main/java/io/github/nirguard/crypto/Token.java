package io.github.nirguard.crypto;

import io.github.nirguard.crypto.internal.Base32;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A pseudonym of a NIR: scheme, key id and value, as one printable string such as {@code
 * nt1.1a2b3c4d.mfrggzdfmztwq2lknnwg23tpoa}.
 *
 * <p>The prefix names the scheme and its format version ({@code nt1} keyed, {@code np1} PRP, {@code
 * ns1} AES-SIV) and the key id, so tokens from different schemes or keys never compare equal by
 * accident. Immutable, compared by value. {@link #toString()} hides the value part: a token is
 * still personal data.
 *
 * <pre>{@code
 * Token t = tokenizer.tokenize(nir);
 * String cell = t.value();             // store this
 * Token back = Token.parse(cell);      // checks the shape only
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Token {
  /**
   * The token schemes.
   *
   * <pre>{@code
   * Token t = Token.parse(cell);
   * if (t.scheme() == Token.Scheme.KEYED) { ... }   // irreversible: cannot be revealed
   * Token.Scheme.KEYED.prefix();                   // "nt1"
   * }</pre>
   *
   * @since 0.1.0
   */
  public enum Scheme {
    /** Keyed, irreversible HMAC-SHA-256 token, 128 bits. */
    KEYED("nt1"),
    /** Reversible 128-bit PRP token (one AES-256 block). */
    PRP("np1"),
    /** Reversible AES-SIV token (Tink deterministic AEAD). */
    SIV("ns1");

    private final String prefix;

    Scheme(String prefix) {
      this.prefix = prefix;
    }

    /**
     * Returns the prefix, e.g. {@code nt1}.
     *
     * @return the prefix
     */
    public String prefix() {
      return prefix;
    }

    /**
     * Returns the scheme for a name: {@code keyed}, {@code prp} or {@code siv}.
     *
     * @param name the name, case-insensitive, surrounding blanks ignored
     * @return the scheme
     * @throws IllegalArgumentException for an unknown name
     * @since 0.1.0
     */
    public static Scheme named(String name) {
      String n = name.trim().toUpperCase(Locale.ROOT);
      for (Scheme s : values()) {
        if (s.name().equals(n)) {
          return s;
        }
      }
      throw new IllegalArgumentException("unknown token scheme (expected keyed, prp or siv)");
    }

    /**
     * Returns the lowercase name used on the command line and in Spark.
     *
     * @return {@code keyed}, {@code prp} or {@code siv}
     * @since 0.1.0
     */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final String value;
  private final Scheme scheme;

  private Token(String value, Scheme scheme) {
    this.value = value;
    this.scheme = scheme;
  }

  static Token trusted(String value, Scheme scheme) {
    return new Token(value, scheme);
  }

  /**
   * Reads a token string, checking its shape (scheme prefix, key id, characters) but not its key.
   *
   * @param text the token string
   * @return the token
   * @throws IllegalArgumentException if it is not a token (the message never contains it)
   */
  public static Token parse(String text) {
    return tryParse(text).orElseThrow(() -> new IllegalArgumentException("not a nirguard token"));
  }

  /**
   * Reads a token string without throwing.
   *
   * @param text the token string (may be null)
   * @return the token, or empty
   */
  public static Optional<Token> tryParse(String text) {
    if (text == null || text.length() < 14 || text.length() > 256) {
      return Optional.empty();
    }
    String t = text.toLowerCase(Locale.ROOT);
    for (Scheme s : Scheme.values()) {
      if (t.startsWith(s.prefix + ".")) {
        if (s == Scheme.SIV) {
          return t.chars()
                  .skip(4)
                  .allMatch(c -> (Character.isLetterOrDigit(c) && c < 128) || c == '-' || c == '_')
              ? Optional.of(new Token(text, s))
              : Optional.empty();
        }
        if (t.length() != 4 + 8 + 1 + 26
            || t.charAt(12) != '.'
            || !isHex(t, 4, 12)
            || !Base32.decode(t, 13, 26, new byte[16])) {
          return Optional.empty();
        }
        return Optional.of(new Token(t, s));
      }
    }
    return Optional.empty();
  }

  private static boolean isHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the whole token string: store, join and compare this.
   *
   * @return the token string
   */
  public String value() {
    return value;
  }

  /**
   * Returns the scheme.
   *
   * @return the scheme
   */
  public Scheme scheme() {
    return scheme;
  }

  /**
   * Returns the Tink key id of the key that made this token (AES-SIV tokens carry it inside the
   * ciphertext, and return empty here).
   *
   * @return the key id, or empty for AES-SIV
   */
  public Optional<Integer> keyId() {
    if (scheme == Scheme.SIV) {
      return Optional.empty();
    }
    return Optional.of(Integer.parseUnsignedInt(value.substring(4, 12), 16));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Token && ((Token) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /**
   * Returns the scheme and key id only, e.g. {@code Token[nt1.1a2b3c4d.…]}.
   *
   * @return a description without the token's value part
   */
  @Override
  public String toString() {
    return "Token["
        + value.substring(0, Math.min(value.length(), scheme == Scheme.SIV ? 4 : 13))
        + "…]";
  }

  static String hex8(int keyId) {
    String h = Integer.toHexString(keyId);
    return "00000000".substring(h.length()) + h;
  }

  static void checkNotNull(Object o, String what) {
    Objects.requireNonNull(o, what);
  }
}
