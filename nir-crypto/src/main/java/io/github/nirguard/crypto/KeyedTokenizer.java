package io.github.nirguard.crypto;

import io.github.nirguard.core.Nir;
import io.github.nirguard.core.Sex;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed, irreversible tokens of NIRs: the default pseudonym. Deterministic, thread-safe.
 *
 * <p>The token is HMAC-SHA-256, truncated to 128 bits, over a canonical, length-prefixed,
 * domain-separated input: format version, purpose, the 13-character body (uppercase 2A/2B) and
 * optional attributes (the SNDS-style triplet adds birth date and sex). The HMAC key is derived
 * from the purpose's {@link KeyKind#TOKEN} keyset. Without the key, a token reveals nothing that
 * an exhaustive search over NIRs could use; with the key, anyone can enumerate — guard it.
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
  private final byte[] inputPrefix; // domain, version, purpose
  private final byte[] rekeyPrefix;
  private final ThreadLocal<State> state;

  /** Per-thread HMAC engine and buffers, so a call allocates only its result. */
  private static final class State {
    final Mac mac;
    final byte[] buf = new byte[64];
    final byte[] out = new byte[32];
    final char[] chars = new char[13 + 26];

    State(byte[] key, String prefix) {
      try {
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
      } catch (NoSuchAlgorithmException | InvalidKeyException e) {
        throw new IllegalStateException("HmacSHA256 unavailable", e);
      }
      prefix.getChars(0, prefix.length(), chars, 0);
    }
  }

  private KeyedTokenizer(String purpose, int keyId, byte[] key) {
    this.purpose = purpose;
    this.keyId = keyId;
    this.prefix = Token.Scheme.KEYED.prefix() + "." + Token.hex8(keyId) + ".";
    byte[] p = purpose.getBytes(StandardCharsets.UTF_8);
    this.inputPrefix = canonicalPrefix(DOMAIN, p);
    this.rekeyPrefix = canonicalPrefix(REKEY_DOMAIN, p);
    byte[] k = key.clone();
    this.state = ThreadLocal.withInitial(() -> new State(k, prefix));
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
   * @throws IllegalArgumentException if the ring has no TOKEN keyset for the purpose
   */
  public static KeyedTokenizer create(KeyRing ring, String purpose) throws GeneralSecurityException {
    DerivedKeys keys = ring.derive(purpose, KeyKind.TOKEN);
    try {
      return new KeyedTokenizer(purpose, keys.primaryId(), keys.primary());
    } finally {
      keys.wipe();
    }
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
    int p = writeBody(s.buf, 0, nir);
    s.buf[p++] = 0; // no attributes
    return finish(s, inputPrefix, p);
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
    Objects.requireNonNull(birthDate, "birthDate");
    Objects.requireNonNull(sex, "sex");
    State s = state.get();
    int p = writeBody(s.buf, 0, nir);
    s.buf[p++] = 2; // two attributes
    String date = birthDate.toString();
    if (date.length() > 20) {
      throw new IllegalArgumentException("birth date out of range");
    }
    s.buf[p++] = (byte) date.length();
    for (int i = 0; i < date.length(); i++) {
      s.buf[p++] = (byte) date.charAt(i);
    }
    s.buf[p++] = 1;
    s.buf[p++] = (byte) (sex == Sex.MALE ? '1' : sex == Sex.FEMALE ? '2' : '0');
    return finish(s, inputPrefix, p);
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
    String v = old.value();
    int p = 0;
    s.buf[p++] = (byte) v.length();
    for (int i = 0; i < v.length(); i++) {
      s.buf[p++] = (byte) v.charAt(i);
    }
    return finish(s, rekeyPrefix, p);
  }

  /**
   * Returns a tokenizer whose tokens are this tokenizer's tokens re-keyed by {@code next}: what
   * the data of a new project holds after re-keying by chaining.
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

  private Token finish(State s, byte[] head, int len) {
    Mac mac = s.mac;
    mac.update(head);
    mac.update(s.buf, 0, len);
    try {
      mac.doFinal(s.out, 0);
    } catch (ShortBufferException e) {
      throw new IllegalStateException(e);
    }
    Base32.encode(s.out, 0, TOKEN_BYTES, s.chars, 13);
    return Token.trusted(new String(s.chars), Token.Scheme.KEYED);
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
