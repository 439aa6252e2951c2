package io.github.nirguard.crypto;

import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirProfile;
import io.github.nirguard.crypto.internal.Base32;
import io.github.nirguard.crypto.internal.DerivedKeys;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 128-bit PRP token: AES-256 (JCA, one block) over {@code 'N' 0x01 | body (48 bits) | purpose
 * tag (64 bits)}. The 82 bits of fixed redundancy make a wrong key or purpose fail with probability
 * 1 − 2⁻⁸².
 */
final class PrpTokenizer implements ReversibleTokenizer {
  private final String purpose;
  private final int primaryId;
  private final byte[] tag; // 8 bytes: SHA-256("nirguard-prp-token/1/" + purpose)
  private final Map<Integer, ThreadLocal<Engines>> byKeyId = new HashMap<>();

  /** The primary key's engines, kept apart so tokenize needs no map lookup and no boxing. */
  private final ThreadLocal<Engines> primary;

  /** The first 8 bytes of the block, {@code 'N' 0x01}, above the 48-bit payload. */
  private static final long HEAD = 0x4E01_0000_0000_0000L;

  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /** Slots of the primary key's engines, indexed by thread id (see {@link #primaryEngines}). */
  private static final int SLOTS = 64;

  /**
   * The primary key's engines of recent threads, by thread id modulo {@link #SLOTS}: a plain array
   * read and one comparison instead of a {@code ThreadLocal} lookup per token. A slot only ever
   * serves the thread that owns its engines; a thread that finds another's (two ids in one slot)
   * takes its own from {@link #primary} and puts them there. A slot may keep the engines (and the
   * {@code Thread} object) of a thread that has ended until another thread takes the slot: at most
   * 64 per tokenizer.
   */
  private final Engines[] slots = new Engines[SLOTS];

  /**
   * One thread's ciphers and buffer. The bytes written per call live in one array padded by two
   * cache lines on each side: the garbage collector may move two threads' engines next to each
   * other, and unpadded buffers then share cache lines (false sharing made two threads slower than
   * one in the token benchmark).
   */
  private static final class Engines {
    static final int PAD = 128;

    /** The plaintext block. */
    static final int BLOCK = PAD;

    /** The ciphertext block. */
    static final int OUT = BLOCK + 16;

    /** The token in ASCII: {@code np1.<key id>.} then 26 base32 characters. */
    static final int TOK = OUT + 16;

    static final int TOKEN_CHARS = 13 + 26;

    final Cipher enc;
    final Cipher dec;
    final byte[] scratch = new byte[TOK + TOKEN_CHARS + PAD];

    /** The thread these engines were made for: the only one that may use them. */
    final Thread owner = Thread.currentThread();

    Engines(byte[] key, String prefix, byte[] tag) {
      try {
        SecretKeySpec k = new SecretKeySpec(key, "AES");
        enc = Cipher.getInstance("AES/ECB/NoPadding");
        enc.init(Cipher.ENCRYPT_MODE, k);
        dec = Cipher.getInstance("AES/ECB/NoPadding");
        dec.init(Cipher.DECRYPT_MODE, k);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES unavailable", e);
      }
      System.arraycopy(prefix.getBytes(StandardCharsets.US_ASCII), 0, scratch, TOK, 13);
      // the block's constant half: the purpose tag never changes, only bytes 0-7 are written
      System.arraycopy(tag, 0, scratch, BLOCK + 8, 8);
    }
  }

  private PrpTokenizer(String purpose, DerivedKeys keys) throws GeneralSecurityException {
    this.purpose = purpose;
    this.primaryId = keys.primaryId();
    byte[] h =
        MessageDigest.getInstance("SHA-256")
            .digest(("nirguard-prp-token/1/" + purpose).getBytes(StandardCharsets.UTF_8));
    this.tag = java.util.Arrays.copyOf(h, 8);
    for (Map.Entry<Integer, byte[]> e : keys.all().entrySet()) {
      byte[] key = e.getValue().clone();
      String p = Token.Scheme.PRP.prefix() + "." + Token.hex8(e.getKey()) + ".";
      byKeyId.put(e.getKey(), ThreadLocal.withInitial(() -> new Engines(key, p, tag)));
    }
    ThreadLocal<Engines> p = byKeyId.get(primaryId);
    if (p == null) {
      throw new GeneralSecurityException("the primary key is not among the keys");
    }
    this.primary = p;
  }

  static PrpTokenizer create(KeyRing ring, String purpose) throws GeneralSecurityException {
    DerivedKeys keys = ring.derive(purpose, KeyKind.PRP_TOKEN);
    try {
      return new PrpTokenizer(purpose, keys);
    } finally {
      keys.wipe();
    }
  }

  @Override
  public Token tokenize(Nir nir) {
    Engines e = primaryEngines();
    byte[] b = e.scratch;
    // 'N' 0x01 and the 48-bit payload (body and Corsica code) in one store; the tag is in place
    long payload = (nir.numericBody() << 2) | corsicaCode(nir.corsicaLetter());
    LONG_BE.set(b, Engines.BLOCK, HEAD | payload);
    try {
      e.enc.doFinal(b, Engines.BLOCK, 16, b, Engines.OUT);
    } catch (GeneralSecurityException x) {
      throw new IllegalStateException(x);
    }
    Base32.encode16(b, Engines.OUT, b, Engines.TOK + 13);
    return Token.trusted(
        new String(b, Engines.TOK, Engines.TOKEN_CHARS, StandardCharsets.ISO_8859_1),
        Token.Scheme.PRP);
  }

  /** The calling thread's engines for the primary key, without a {@code ThreadLocal} lookup. */
  private Engines primaryEngines() {
    Thread t = Thread.currentThread();
    int i = (int) t.getId() & (SLOTS - 1);
    Engines e = slots[i];
    if (e != null && e.owner == t) {
      return e;
    }
    e = primary.get();
    slots[i] = e;
    return e;
  }

  @Override
  public Nir reveal(Token token) throws GeneralSecurityException {
    if (token.scheme() != Token.Scheme.PRP) {
      throw new GeneralSecurityException("decryption failed");
    }
    ThreadLocal<Engines> local = byKeyId.get(token.keyId().orElseThrow());
    if (local == null) {
      throw new GeneralSecurityException("decryption failed");
    }
    Engines e = local.get();
    byte[] ct = new byte[16];
    if (!Base32.decode(token.value(), 13, 26, ct)) {
      throw new GeneralSecurityException("decryption failed");
    }
    byte[] b = new byte[16];
    e.dec.doFinal(ct, 0, 16, b, 0);
    int bad = (b[0] ^ 'N') | (b[1] ^ 1) | ((b[2] & 0xFF) >>> 6);
    for (int i = 0; i < 8; i++) {
      bad |= b[8 + i] ^ tag[i];
    }
    if (bad != 0) {
      throw new GeneralSecurityException("decryption failed");
    }
    long payload = 0;
    for (int i = 2; i <= 7; i++) {
      payload = (payload << 8) | (b[i] & 0xFF);
    }
    return rebuild(payload >>> 2, (int) (payload & 3));
  }

  static int corsicaCode(char letter) {
    return letter == 'A' ? 1 : letter == 'B' ? 2 : 0;
  }

  /** Rebuilds a NIR from its numeric body and Corsica code; fails for anything no NIR has. */
  static Nir rebuild(long numericBody, int corsica) throws GeneralSecurityException {
    if (numericBody >= 10_000_000_000_000L || corsica == 3) {
      throw new GeneralSecurityException("decryption failed");
    }
    char[] body = new char[13];
    long v = numericBody;
    for (int i = 12; i >= 0; i--) {
      body[i] = (char) ('0' + (int) (v % 10));
      v /= 10;
    }
    if (corsica != 0) {
      if (body[5] != '1' || body[6] != (corsica == 1 ? '9' : '8')) {
        throw new GeneralSecurityException("decryption failed");
      }
      body[5] = '2';
      body[6] = corsica == 1 ? 'A' : 'B';
    }
    // the key digits are not part of the token: parse the body and let core compute the key
    try {
      return NirProfile.CHECKSUM_ONLY.parseBody(new String(body));
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("decryption failed");
    }
  }

  @Override
  public String toString() {
    return "ReversibleTokenizer[prp, purpose=" + purpose + ", key=" + Token.hex8(primaryId) + "]";
  }
}
