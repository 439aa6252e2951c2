package io.github.nirguard.crypto;

import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.RegistryConfiguration;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * Reversible span tokens ({@code [nr1.…]}): a piece of text, as it was written, encrypted with the
 * purpose's AES-SIV keyset into a self-delimiting token; for redacted text that key holders must be
 * able to restore byte for byte.
 *
 * <p>The span (a NIR as {@code NirScanner} found it: spaces, dots, no-break spaces, the key on the
 * next line…) is encrypted whole, as UTF-8, with Tink's deterministic AEAD over the {@link
 * KeyKind#SIV_TOKEN} keyset (the same keys as {@code ns1} tokens, another associated data: {@code
 * "nirguard-span-token/nr1/" + purpose}). Equal spans give equal tokens; two spellings of one NIR
 * give two tokens. The token is {@code "[nr1." ‖ b64url(ciphertext) ‖ "]"}: its alphabet holds no
 * bracket, so a token ends at its first {@code ]} whatever text follows it. {@link #reveal} returns
 * the span or throws: never another text.
 *
 * <p>A token is bound to its purpose and keys, not to its place. A redacted document is bound whole
 * by a {@linkplain #seal seal} written after it ({@code [nr1.seal.…]}): AES-SIV, under the same
 * keys, over the token count with the SHA-256 of the text as associated data, so that a token
 * swapped, moved, duplicated or deleted, an edit or a cut refuse the document (decision 0022).
 *
 * <pre>{@code
 * SpanTokenizer spans = SpanTokenizer.create(ring, "lab-notes");
 * String token = spans.tokenize("2 55 08 14 168 025 38");   // "[nr1.AWG…]"
 * String again = spans.reveal(token);                      // "2 55 08 14 168 025 38"
 * }</pre>
 *
 * @since 0.1.0
 */
public final class SpanTokenizer {
  /** What every token starts with (readers find tokens by it, in any case). */
  public static final String PREFIX = "[nr1.";

  /** What every token ends with. */
  public static final char END = ']';

  /** The longest span, in UTF-8 bytes. */
  public static final int MAX_SPAN_BYTES = 255;

  /**
   * The longest token, in characters: the prefix, Tink's 5-byte key prefix, the 16-byte SIV and
   * {@link #MAX_SPAN_BYTES} in base64url, and the end: 374.
   */
  public static final int MAX_TOKEN_CHARS =
      PREFIX.length() + (5 + 16 + MAX_SPAN_BYTES + 2) / 3 * 4 + 1;

  /**
   * What a document seal starts with: {@link #PREFIX} then {@code seal.}, so that a reader that
   * knows tokens only refuses it as a malformed token rather than passing it by.
   */
  public static final String SEAL_PREFIX = PREFIX + "seal.";

  /** The length of the digest a {@linkplain #seal seal} binds: SHA-256, 32 bytes. */
  public static final int TEXT_DIGEST_BYTES = 32;

  /** The longest seal, in characters: well inside {@link #MAX_TOKEN_CHARS}. */
  public static final int MAX_SEAL_CHARS = SEAL_PREFIX.length() + (5 + 16 + 8 + 2) / 3 * 4 + 1;

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final String purpose;
  private final DeterministicAead daead;
  private final byte[] associatedData;
  private final byte[] sealData;

  private SpanTokenizer(String purpose, DeterministicAead daead) {
    this.purpose = purpose;
    this.daead = daead;
    this.associatedData = ("nirguard-span-token/nr1/" + purpose).getBytes(StandardCharsets.UTF_8);
    this.sealData = ("nirguard-span-seal/nr1/" + purpose + "/").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Returns the span tokenizer of a purpose: its {@link KeyKind#SIV_TOKEN} keyset's primary key
   * tokenizes; every enabled key of it reveals (rotation).
   *
   * @param ring the key ring
   * @param purpose the purpose
   * @return the tokenizer
   * @throws GeneralSecurityException if the keyset cannot be used
   * @throws NoSuchKeysetException if the ring has no such keyset for the purpose
   */
  public static SpanTokenizer create(KeyRing ring, String purpose) throws GeneralSecurityException {
    Objects.requireNonNull(purpose, "purpose");
    DeterministicAead d =
        ring.handle(purpose, KeyKind.SIV_TOKEN)
            .getPrimitive(RegistryConfiguration.get(), DeterministicAead.class);
    return new SpanTokenizer(purpose, d);
  }

  /**
   * Returns the token of a span.
   *
   * @param span the text, 1 to {@link #MAX_SPAN_BYTES} UTF-8 bytes, without unpaired surrogates
   * @return {@code [nr1.…]}
   * @throws IllegalArgumentException for an empty, too long or malformed span (the message holds no
   *     character of it)
   */
  public String tokenize(CharSequence span) {
    byte[] plain = utf8(span);
    if (plain.length == 0 || plain.length > MAX_SPAN_BYTES) {
      throw new IllegalArgumentException(
          "a span must be 1 to " + MAX_SPAN_BYTES + " UTF-8 bytes, not " + plain.length);
    }
    try {
      return PREFIX
          + B64.encodeToString(daead.encryptDeterministically(plain, associatedData))
          + END;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-SIV encryption failed", e);
    }
  }

  /**
   * Returns the span of a token.
   *
   * @param token a whole token, {@code [nr1.…]}
   * @return the span, exactly as it was tokenized
   * @throws GeneralSecurityException if it is not a token of this purpose's keys: malformed,
   *     altered, truncated, or another key or purpose (a generic message)
   */
  public String reveal(CharSequence token) throws GeneralSecurityException {
    int n = token.length();
    if (n < PREFIX.length() + 1
        || n > MAX_TOKEN_CHARS
        || !PREFIX.contentEquals(token.subSequence(0, PREFIX.length()))
        || token.charAt(n - 1) != END) {
      throw new GeneralSecurityException("decryption failed");
    }
    // one span, one token: refuse padding and altered unused trailing bits
    byte[] ct = canonical(token.subSequence(PREFIX.length(), n - 1).toString());
    byte[] plain = daead.decryptDeterministically(ct, associatedData);
    if (plain.length == 0 || plain.length > MAX_SPAN_BYTES) {
      throw new GeneralSecurityException("decryption failed");
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(plain))
          .toString();
    } catch (CharacterCodingException e) {
      throw new GeneralSecurityException("decryption failed");
    }
  }

  /**
   * Returns the seal of a redacted text: {@code "[nr1.seal." ‖ b64url(AES-SIV(u64 tokens, ad ‖
   * digest)) ‖ "]"}, which {@link #openSeal} accepts only with the same digest and count. The
   * digest is the SHA-256 of the text's UTF-8 bytes as written, tokens and all, up to the seal.
   *
   * @param textDigest SHA-256 of the redacted text before the seal ({@link #TEXT_DIGEST_BYTES})
   * @param tokens how many span tokens the text holds
   * @return the seal, {@link #MAX_SEAL_CHARS} characters at most
   * @throws IllegalArgumentException for a digest of another length or a negative count
   */
  public String seal(byte[] textDigest, long tokens) {
    if (textDigest.length != TEXT_DIGEST_BYTES || tokens < 0) {
      throw new IllegalArgumentException("a seal needs a SHA-256 digest and a count >= 0");
    }
    byte[] count = ByteBuffer.allocate(8).putLong(tokens).array();
    try {
      return SEAL_PREFIX
          + B64.encodeToString(daead.encryptDeterministically(count, sealData(textDigest)))
          + END;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-SIV encryption failed", e);
    }
  }

  /**
   * Returns the token count a seal authenticates for a text, or throws: the seal holds no value,
   * only the count, bound to the text's digest, the purpose and its keys.
   *
   * @param seal a whole seal, {@code [nr1.seal.…]}
   * @param textDigest SHA-256 of the text before it
   * @return the number of span tokens the sealed text held
   * @throws GeneralSecurityException if the seal is malformed, of another text, purpose or key (a
   *     generic message)
   */
  public long openSeal(CharSequence seal, byte[] textDigest) throws GeneralSecurityException {
    int n = seal.length();
    if (textDigest.length != TEXT_DIGEST_BYTES
        || n < SEAL_PREFIX.length() + 1
        || n > MAX_SEAL_CHARS
        || !SEAL_PREFIX.contentEquals(seal.subSequence(0, SEAL_PREFIX.length()))
        || seal.charAt(n - 1) != END) {
      throw new GeneralSecurityException("decryption failed");
    }
    byte[] ct = canonical(seal.subSequence(SEAL_PREFIX.length(), n - 1).toString());
    byte[] count = daead.decryptDeterministically(ct, sealData(textDigest));
    if (count.length != 8) {
      throw new GeneralSecurityException("decryption failed");
    }
    long tokens = ByteBuffer.wrap(count).getLong();
    if (tokens < 0) {
      throw new GeneralSecurityException("decryption failed");
    }
    return tokens;
  }

  private byte[] sealData(byte[] textDigest) {
    byte[] ad = Arrays.copyOf(sealData, sealData.length + textDigest.length);
    System.arraycopy(textDigest, 0, ad, sealData.length, textDigest.length);
    return ad;
  }

  /** The bytes of canonical base64url (no padding, no altered trailing bits), or throws. */
  private static byte[] canonical(String text) throws GeneralSecurityException {
    byte[] ct;
    try {
      ct = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("decryption failed");
    }
    if (!B64.encodeToString(ct).equals(text)) {
      throw new GeneralSecurityException("decryption failed");
    }
    return ct;
  }

  /**
   * Returns whether a character may be inside a token, between {@link #PREFIX} and {@link #END}:
   * the base64url alphabet.
   *
   * @param c a character
   * @return {@code true} for {@code A-Z a-z 0-9 - _}
   */
  public static boolean isTokenChar(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_';
  }

  /**
   * Returns where {@link #PREFIX} first starts in {@code text[from, to)}, in any case ({@code
   * [NR1.} too), or -1: where a reader of redacted text sees a token.
   *
   * @param text the text
   * @param from the first index searched
   * @param to the end of the text searched (a prefix must end by it)
   * @return the index of the {@code [}, or -1
   */
  public static int indexOfPrefix(CharSequence text, int from, int to) {
    int last = to - PREFIX.length();
    for (int i = Math.max(0, from); i <= last; i++) {
      if (text.charAt(i) == '['
          && (text.charAt(i + 1) | 0x20) == 'n'
          && (text.charAt(i + 2) | 0x20) == 'r'
          && text.charAt(i + 3) == '1'
          && text.charAt(i + 4) == '.') {
        return i;
      }
    }
    return -1;
  }

  private static byte[] utf8(CharSequence span) {
    try {
      ByteBuffer b =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(span));
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          "a span must be well-formed UTF-16 (an unpaired surrogate)");
    }
  }

  /**
   * Returns {@code SpanTokenizer[nr1, purpose=…]}: no key.
   *
   * @return a description
   */
  @Override
  public String toString() {
    return "SpanTokenizer[nr1, purpose=" + purpose + "]";
  }
}
