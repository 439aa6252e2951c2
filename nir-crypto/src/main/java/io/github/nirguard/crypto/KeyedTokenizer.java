package io.github.nirguard.crypto;

import io.github.nirguard.core.Nir;
import io.github.nirguard.core.Sex;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Stream;

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
  /** SHA-256 block size, and so the HMAC pad length. */
  private static final int BLOCK = 64;

  private final String purpose;
  private final int keyId;
  private final String prefix; // "nt1.<key id>."
  private final ThreadLocal<State> state;

  /**
   * Per-thread HMAC-SHA-256 state and buffers. The constant parts of HMAC are absorbed once: the
   * SHA-256 states after {@code K⊕ipad ‖ token prefix}, {@code K⊕ipad ‖ re-key prefix} and
   * {@code K⊕opad} are kept as templates that are never updated, only copied with
   * {@link MessageDigest#clone()}. A call then compresses two blocks (the message tail, the inner
   * hash) where {@code Mac.update/doFinal} compresses four (ipad again, message, opad, inner hash).
   * It allocates the two digest copies and its result.
   */
  private static final class State {
    final MessageDigest tokenInner;
    final MessageDigest rekeyInner;
    final MessageDigest outer;
    final byte[] buf = new byte[64];
    final byte[] out = new byte[32];
    final char[] chars = new char[13 + 26];

    State(MessageDigest tokenInner, MessageDigest rekeyInner, MessageDigest outer, String prefix) {
      this.tokenInner = tokenInner;
      this.rekeyInner = rekeyInner;
      this.outer = outer;
      prefix.getChars(0, prefix.length(), chars, 0);
    }

    /** A state of its own for another thread: threads share nothing mutable. */
    State copy() {
      return new State(copyOf(tokenInner), copyOf(rekeyInner), copyOf(outer), new String(chars, 0, 13));
    }
  }

  private KeyedTokenizer(String purpose, int keyId, byte[] key) {
    if (key.length > BLOCK) {
      throw new IllegalArgumentException("HMAC keys longer than a block are not supported");
    }
    this.purpose = purpose;
    this.keyId = keyId;
    this.prefix = Token.Scheme.KEYED.prefix() + "." + Token.hex8(keyId) + ".";
    byte[] p = purpose.getBytes(StandardCharsets.UTF_8);
    byte[] pad = new byte[BLOCK];
    try {
      MessageDigest tokenInner = sha256();
      tokenInner.update(keyPad(key, pad, (byte) 0x36));
      MessageDigest rekeyInner = copyOf(tokenInner);
      tokenInner.update(canonicalPrefix(DOMAIN, p));
      rekeyInner.update(canonicalPrefix(REKEY_DOMAIN, p));
      MessageDigest outer = sha256();
      outer.update(keyPad(key, pad, (byte) 0x5c));
      // the raw key is not kept: only these three states, which the threads copy
      State template = new State(tokenInner, rekeyInner, outer, prefix);
      this.state = ThreadLocal.withInitial(template::copy);
    } finally {
      Arrays.fill(pad, (byte) 0);
    }
  }

  private static byte[] keyPad(byte[] key, byte[] pad, byte xor) {
    Arrays.fill(pad, xor);
    for (int i = 0; i < key.length; i++) {
      pad[i] = (byte) (key[i] ^ xor);
    }
    return pad;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** Copies a SHA-256 state (the JDK's SUN provider and Bouncy Castle support it). */
  private static MessageDigest copyOf(MessageDigest d) {
    try {
      return (MessageDigest) d.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the SHA-256 provider cannot copy digest states", e);
    }
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
    String v = old.value();
    int p = 0;
    s.buf[p++] = (byte) v.length();
    for (int i = 0; i < v.length(); i++) {
      s.buf[p++] = (byte) v.charAt(i);
    }
    return finish(s, true, p);
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

  private Token finish(State s, boolean rekey, int len) {
    byte[] out = s.out;
    try {
      MessageDigest inner = copyOf(rekey ? s.rekeyInner : s.tokenInner);
      inner.update(s.buf, 0, len);
      inner.digest(out, 0, 32);
      MessageDigest outer = copyOf(s.outer);
      outer.update(out, 0, 32);
      outer.digest(out, 0, 32);
    } catch (DigestException e) {
      throw new IllegalStateException(e);
    }
    encode16(out, s.chars, 13);
    return Token.trusted(new String(s.chars), Token.Scheme.KEYED);
  }

  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  /**
   * {@link Base32#encode} specialised for the {@value #TOKEN_BYTES} token bytes: three 40-bit groups
   * of 8 characters, then the last byte as 2 characters (about twice as fast as the general loop).
   */
  private static void encode16(byte[] in, char[] out, int pos) {
    for (int g = 0; g < 15; g += 5) {
      long x = (in[g] & 0xFFL) << 32 | (in[g + 1] & 0xFFL) << 24 | (in[g + 2] & 0xFFL) << 16
          | (in[g + 3] & 0xFFL) << 8 | (in[g + 4] & 0xFFL);
      for (int k = 0; k < 8; k++) {
        out[pos++] = BASE32[(int) (x >>> (35 - 5 * k)) & 31];
      }
    }
    int last = in[15] & 0xFF;
    out[pos] = BASE32[last >>> 3];
    out[pos + 1] = BASE32[(last << 2) & 31];
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
