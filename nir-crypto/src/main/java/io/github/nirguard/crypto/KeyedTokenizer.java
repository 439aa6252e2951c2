package io.github.nirguard.crypto;

import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirProfile;
import io.github.nirguard.core.Sex;
import io.github.nirguard.crypto.internal.Base32;
import io.github.nirguard.crypto.internal.DerivedKeys;
import io.github.nirguard.crypto.internal.HmacSha256Template;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Keyed, irreversible tokens of NIRs: the default pseudonym. Deterministic, thread-safe.
 *
 * <p>The token is HMAC-SHA-256, truncated to 128 bits, over a canonical, length-prefixed,
 * domain-separated input: format version, purpose, the 13-character body (uppercase 2A/2B) and
 * optional attributes (the SNDS-style triplet adds birth date and sex). The HMAC key is derived
 * from the purpose's {@link KeyKind#TOKEN} keyset. Without the key, a token reveals nothing that an
 * exhaustive search over NIRs could use; with the key, anyone can enumerate — guard it.
 *
 * <pre>{@code
 * KeyedTokenizer t = KeyedTokenizer.create(ring, "research-42");
 * Token token = t.tokenize(Nir.parse("2 55 08 14 168 025 38"));   // nt1.<key id>.<26 chars>
 * Token triplet = t.tokenize(nir, LocalDate.of(1955, 8, 3), Sex.FEMALE);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class KeyedTokenizer {
  static final byte[] DOMAIN = "nirguard-token".getBytes(StandardCharsets.US_ASCII);
  static final byte[] REKEY_DOMAIN = "nirguard-rekey".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int TOKEN_BYTES = 16;

  private final String purpose;
  private final int keyId;
  private final String prefix; // "nt1.<key id>."
  private final ThreadLocal<State> state;

  /**
   * Per-thread HMAC state and buffers: a copy of the {@link HmacSha256Template} (prefix 0: the
   * token prefix, prefix 1: the re-key prefix) and one scratch array.
   *
   * <p>Everything a call writes lives in one scratch array, padded on both sides: the garbage
   * collector may move two threads' states next to each other, and unpadded buffers then share
   * cache lines (false sharing halved the two-thread throughput in some benchmark forks).
   */
  private static final class State {
    /** Padding on each side of the written region: two cache lines (adjacent-line prefetch). */
    static final int PAD = 128;

    /** Offset of the message tail (up to 64 bytes). */
    static final int MSG = PAD;

    /** Offset of the 32-byte HMAC. */
    static final int OUT = MSG + 64;

    /** Offset of the token string, {@code nt1.<key id>.} then 26 base32 characters, in ASCII. */
    static final int TOK = OUT + 32;

    static final int TOKEN_CHARS = 13 + 26;

    final HmacSha256Template hmac;
    final byte[] scratch = new byte[TOK + TOKEN_CHARS + PAD];

    State(HmacSha256Template hmac, String prefix) {
      this.hmac = hmac;
      for (int i = 0; i < prefix.length(); i++) {
        scratch[TOK + i] = (byte) prefix.charAt(i);
      }
    }
  }

  private KeyedTokenizer(String purpose, int keyId, byte[] key) {
    this.purpose = purpose;
    this.keyId = keyId;
    this.prefix = Token.Scheme.KEYED.prefix() + "." + Token.hex8(keyId) + ".";
    byte[] p = purpose.getBytes(StandardCharsets.UTF_8);
    // the raw key is not kept: only the template's states, which the threads copy
    HmacSha256Template template =
        new HmacSha256Template(key, canonicalPrefix(DOMAIN, p), canonicalPrefix(REKEY_DOMAIN, p));
    String tokenPrefix = prefix;
    this.state = ThreadLocal.withInitial(() -> new State(template.copy(), tokenPrefix));
  }

  private static byte[] canonicalPrefix(byte[] domain, byte[] purpose) {
    byte[] out = new byte[domain.length + 2 + purpose.length];
    System.arraycopy(domain, 0, out, 0, domain.length);
    out[domain.length] = VERSION;
    out[domain.length + 1] = (byte) purpose.length;
    System.arraycopy(purpose, 0, out, domain.length + 2, purpose.length);
    return out;
  }

  /**
   * Creates a tokenizer from the primary key of a purpose's {@link KeyKind#TOKEN} keyset.
   *
   * @param ring the key ring
   * @param purpose the purpose
   * @return the tokenizer
   * @throws GeneralSecurityException if the keyset cannot be used
   * @throws NoSuchKeysetException if the ring has no TOKEN keyset for the purpose
   */
  public static KeyedTokenizer create(KeyRing ring, String purpose)
      throws GeneralSecurityException {
    DerivedKeys keys = ring.derive(purpose, KeyKind.TOKEN);
    try {
      return new KeyedTokenizer(purpose, keys.primaryId(), keys.primary());
    } finally {
      keys.wipe();
    }
  }

  /**
   * Creates a tokenizer from one given key of a purpose's {@link KeyKind#TOKEN} keyset, e.g. the
   * key id a token names, to recompute or check tokens made before a rotation.
   *
   * <pre>{@code
   * Token t = Token.parse(cell);
   * KeyedTokenizer same = KeyedTokenizer.forKey(ring, "research-42", t.keyId().orElseThrow());
   * same.matches(nir, t);                                  // true iff t is that NIR's token
   * }</pre>
   *
   * @param ring the key ring
   * @param purpose the purpose
   * @param keyId the Tink id of the key
   * @return the tokenizer
   * @throws GeneralSecurityException if the keyset has no key with that id (a generic message)
   * @throws NoSuchKeysetException if the ring has no TOKEN keyset for the purpose
   * @since 0.1.0
   */
  public static KeyedTokenizer forKey(KeyRing ring, String purpose, int keyId)
      throws GeneralSecurityException {
    DerivedKeys keys = ring.derive(purpose, KeyKind.TOKEN);
    try {
      byte[] key = keys.get(keyId);
      if (key == null) {
        throw new GeneralSecurityException("no such token key for this purpose");
      }
      return new KeyedTokenizer(purpose, keyId, key);
    } finally {
      keys.wipe();
    }
  }

  /**
   * Returns whether a token is this tokenizer's token of a NIR, comparing in constant time.
   *
   * <pre>{@code
   * if (!tokens.matches(revealedNir, storedToken)) refuse();
   * }</pre>
   *
   * @param nir the NIR
   * @param token a keyed token
   * @return {@code true} iff {@code token} equals {@code tokenize(nir)}
   * @since 0.1.0
   */
  public boolean matches(Nir nir, Token token) {
    byte[] mine = tokenize(nir).value().getBytes(StandardCharsets.US_ASCII);
    byte[] theirs = token.value().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(mine, theirs);
  }

  /**
   * Creates a tokenizer from raw key bytes. For known-answer tests and interoperability only: keys
   * belong in a {@link KeyRing}.
   *
   * @param key the 32-byte HMAC key
   * @param keyId the key id to print in tokens
   * @param purpose the purpose
   * @return the tokenizer
   */
  public static KeyedTokenizer insecureFromRawKey(byte[] key, int keyId, String purpose) {
    if (key.length != 32) {
      throw new IllegalArgumentException("a 32-byte key is required");
    }
    return new KeyedTokenizer(Purpose.check(purpose), keyId, key);
  }

  /**
   * Returns the purpose the tokens are bound to.
   *
   * @return the purpose
   */
  public String purpose() {
    return purpose;
  }

  /**
   * Returns the id of the key used.
   *
   * @return the Tink key id
   */
  public int keyId() {
    return keyId;
  }

  /**
   * Tokenizes a NIR.
   *
   * @param nir the NIR
   * @return its token
   */
  public Token tokenize(Nir nir) {
    State s = state.get();
    byte[] buf = s.scratch;
    int p = writeBody(buf, State.MSG, nir);
    buf[p++] = 0; // no attributes
    return finish(s, false, p);
  }

  /**
   * Tokenizes a NIR given as text: the token of {@code tokenize(Nir.parse(nirText))}, under the
   * same strict rules, but read straight from the text without building a {@link Nir} (the fast
   * path for columns of NIRs).
   *
   * <pre>{@code
   * Token t = tokenizer.tokenize("2 55 08 14 168 025 38");   // == tokenizer.tokenize(Nir.parse(...))
   * }</pre>
   *
   * @param nirText the NIR as pasted, see {@link Nir#parse}
   * @return its token
   * @throws io.github.nirguard.core.NirFormatException with the reason and position if the text is
   *     not a NIR under the strict rules
   */
  public Token tokenize(CharSequence nirText) {
    Objects.requireNonNull(nirText, "nirText");
    if (!NirProfile.STRICT.test(nirText)) {
      Nir.parse(nirText); // throws the reason and position
      throw new IllegalStateException("strict test and parse disagree");
    }
    State s = state.get();
    byte[] buf = s.scratch;
    int p = State.MSG;
    buf[p++] = 13;
    // valid: the significant characters are ASCII digits and 2A/2B (either case), the rest are
    // separators; the first 13 are the body
    int end = p + 13;
    for (int i = 0; p < end; i++) {
      char c = nirText.charAt(i);
      if (c >= '0' && c <= '9') {
        buf[p++] = (byte) c;
      } else if ((c | 0x20) == 'a' || (c | 0x20) == 'b') {
        buf[p++] = (byte) (c & ~0x20);
      }
    }
    buf[p++] = 0; // no attributes
    return finish(s, false, p);
  }

  /**
   * Tokenizes the SNDS-style triplet: NIR, birth date and sex.
   *
   * @param nir the NIR
   * @param birthDate the birth date
   * @param sex the sex
   * @return the token of the triplet (different from {@link #tokenize(Nir)})
   */
  public Token tokenize(Nir nir, LocalDate birthDate, Sex sex) {
    return tokenize(nir, birthDate, sex, 0);
  }

  /**
   * The triplet token with an optional twin rank: without a rank ({@code 0}) exactly {@link
   * #tokenize(Nir, LocalDate, Sex)}; with a rank 1–9, a third attribute, the rank's digit.
   */
  Token tokenize(Nir nir, LocalDate birthDate, Sex sex, int twinRank) {
    Objects.requireNonNull(birthDate, "birthDate");
    Objects.requireNonNull(sex, "sex");
    if (twinRank < 0 || twinRank > 9) {
      throw new IllegalArgumentException("twin rank must be 0 (none) or 1 to 9");
    }
    State s = state.get();
    byte[] buf = s.scratch;
    int p = writeBody(buf, State.MSG, nir);
    buf[p++] = (byte) (twinRank == 0 ? 2 : 3); // two or three attributes
    String date = birthDate.toString();
    if (date.length() > 20) {
      throw new IllegalArgumentException("birth date out of range");
    }
    buf[p++] = (byte) date.length();
    for (int i = 0; i < date.length(); i++) {
      buf[p++] = (byte) date.charAt(i);
    }
    buf[p++] = 1;
    buf[p++] = (byte) (sex == Sex.MALE ? '1' : sex == Sex.FEMALE ? '2' : '0');
    if (twinRank != 0) {
      buf[p++] = 1;
      buf[p++] = (byte) ('0' + twinRank);
    }
    return finish(s, false, p);
  }

  /**
   * Tokenizes many NIRs.
   *
   * @param nirs the NIRs
   * @return their tokens, in order
   */
  public Token[] tokenizeAll(Nir[] nirs) {
    Token[] out = new Token[nirs.length];
    for (int i = 0; i < nirs.length; i++) {
      out[i] = tokenize(nirs[i]);
    }
    return out;
  }

  /**
   * Tokenizes a stream of NIRs lazily (parallel streams are fine: the tokenizer is thread-safe).
   *
   * @param nirs the NIRs
   * @return their tokens
   */
  public Stream<Token> tokenizeAll(Stream<Nir> nirs) {
    return nirs.map(this::tokenize);
  }

  /**
   * Re-keys a token by chaining: applies this tokenizer's key to a token made with another key (or
   * purpose), without ever seeing the NIR — INSEE's practice for its statistical code. The result
   * equals {@code chained(old).tokenize(nir)}.
   *
   * @param old a keyed token made by another tokenizer
   * @return the new token
   * @throws IllegalArgumentException if {@code old} is not a keyed token
   */
  public Token rekey(Token old) {
    if (old.scheme() != Token.Scheme.KEYED) {
      throw new IllegalArgumentException("only keyed tokens can be re-keyed");
    }
    State s = state.get();
    byte[] buf = s.scratch;
    String v = old.value();
    int p = State.MSG;
    buf[p++] = (byte) v.length();
    for (int i = 0; i < v.length(); i++) {
      buf[p++] = (byte) v.charAt(i);
    }
    return finish(s, true, p);
  }

  /**
   * Returns a tokenizer whose tokens are this tokenizer's tokens re-keyed by {@code next}: what the
   * data of a new project holds after re-keying by chaining.
   *
   * <pre>{@code
   * KeyedTokenizer chain = old.chainedWith(next);
   * chain.tokenize(nir).equals(next.rekey(old.tokenize(nir)));   // true
   * }</pre>
   *
   * @param next the tokenizer of the new key
   * @return the chained tokenizer, as a function
   */
  public java.util.function.Function<Nir, Token> chainedWith(KeyedTokenizer next) {
    return nir -> next.rekey(tokenize(nir));
  }

  private static int writeBody(byte[] buf, int p, Nir nir) {
    buf[p++] = 13;
    long v = nir.numericBody();
    for (int i = p + 12; i >= p; i--) {
      buf[i] = (byte) ('0' + (int) (v % 10));
      v /= 10;
    }
    char letter = nir.corsicaLetter();
    if (letter != 0) {
      buf[p + 5] = '2';
      buf[p + 6] = (byte) letter;
    }
    return p + 13;
  }

  /** HMACs the message tail written at {@code State.MSG} up to {@code end}; returns the token. */
  private Token finish(State s, boolean rekey, int end) {
    byte[] buf = s.scratch;
    s.hmac.mac(rekey ? 1 : 0, buf, State.MSG, end - State.MSG, buf, State.OUT);
    Base32.encode16(buf, State.OUT, buf, State.TOK + 13);
    return Token.trusted(
        new String(buf, State.TOK, State.TOKEN_CHARS, StandardCharsets.ISO_8859_1),
        Token.Scheme.KEYED);
  }

  /**
   * Returns the purpose and key id, never key material.
   *
   * @return a description
   */
  @Override
  public String toString() {
    return "KeyedTokenizer[purpose=" + purpose + ", key=" + Token.hex8(keyId) + "]";
  }
}
