package io.github.nirguard.crypto.fpe;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * FF1 format-preserving encryption (NIST SP 800-38G) with AES from the JCA.
 *
 * <p>An {@code Ff1} holds an AES key (16, 24 or 32 bytes, copied on creation) and a radix. It is
 * immutable and thread-safe: each thread that uses it gets its own {@code Cipher} ({@code
 * AES/ECB/NoPadding}, hardware-accelerated where the JDK supports it) the first time it calls in,
 * and reuses it afterwards.
 *
 * <p>Two paths are offered:
 *
 * <ul>
 *   <li>the general path, {@link #encrypt(byte[], int[])} and {@link #decrypt(byte[], int[])}: any
 *       radix from {@value #MIN_RADIX} to {@value #MAX_RADIX}, numeral strings of up to {@value
 *       #MAX_LENGTH} numerals, arbitrary-precision arithmetic, a few allocations per call;
 *   <li>the fast path, {@link #domain(byte[], int)}: any radix whose {@code radix^length} fits a
 *       {@code long} (up to {@value #MAX_DECIMAL_LENGTH} decimal digits; radix 13 and 11 numerals
 *       for a ranked NIR), values held in a {@code long}, one AES block per Feistel round, no
 *       allocation per call, and a batch form that encrypts many values per AES call.
 * </ul>
 *
 * <p>Every call enforces the domain floor of SP 800-38G Rev. 1, {@code radix^length >= 1,000,000},
 * and this class's caps: tweaks of at most {@value #MAX_TWEAK_LENGTH} bytes and inputs of at most
 * {@value #MAX_LENGTH} numerals. Exception messages name the rule that was broken but never quote
 * the input, and {@link #toString()} never shows the key.
 *
 * <p>The per-thread {@code Cipher} holds the AES key schedule for as long as the thread's
 * thread-local map keeps it (until the thread ends, or after this {@code Ff1} becomes unreachable
 * and the map expunges the stale entry).
 *
 * <p>This class is one algorithm, FF1, with its two paths and their shared checks; it stays whole
 * (about 800 lines) rather than scattering the Feistel rounds over several files.
 *
 * <pre>{@code
 * Ff1 ff1 = Ff1.insecureFromRawKey(key, 36);     // key: 16, 24 or 32 bytes
 * byte[] tweak = "orders".getBytes(StandardCharsets.UTF_8);
 * int[] secret = ff1.encrypt(tweak, new int[] {12, 0, 35, 7, 7, 1});
 * int[] plain = ff1.decrypt(tweak, secret);       // {12, 0, 35, 7, 7, 1}
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Ff1 {

  /** Smallest radix accepted. */
  public static final int MIN_RADIX = 2;

  /** Largest radix accepted (2<sup>16</sup>). */
  public static final int MAX_RADIX = 65536;

  /** Smallest domain size, {@code radix^length}, accepted (SP 800-38G Rev. 1). */
  public static final int MIN_DOMAIN_SIZE = 1_000_000;

  /** Longest tweak accepted, in bytes. */
  public static final int MAX_TWEAK_LENGTH = 256;

  /** Longest input accepted by the general path, in numerals. */
  public static final int MAX_LENGTH = 4096;

  /** Longest input accepted by the decimal fast path, in digits (fits a {@code long}). */
  public static final int MAX_DECIMAL_LENGTH = 18;

  /** Values per AES call in the batch path. */
  static final int BATCH_CHUNK = 256;

  private static final int BLOCK = 16;
  private static final int ROUNDS = 10;
  private static final String TRANSFORMATION = "AES/ECB/NoPadding";
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final SecretKeySpec key;
  private final int radix;
  private final ThreadLocal<Worker> workers;

  private Ff1(byte[] key, int radix) {
    Objects.requireNonNull(key, "key");
    if (key.length != 16 && key.length != 24 && key.length != 32) {
      throw new IllegalArgumentException("AES key must be 16, 24 or 32 bytes long");
    }
    if (radix < MIN_RADIX || radix > MAX_RADIX) {
      throw new IllegalArgumentException("radix must be between 2 and 65536");
    }
    this.key = new SecretKeySpec(key, "AES"); // copies the key bytes
    this.radix = radix;
    this.workers = ThreadLocal.withInitial(this::newWorker);
    workers.get(); // fail now, not on first use, if the JCA cannot provide AES
  }

  /**
   * Creates an FF1 instance from raw AES key bytes and a radix: the only way key material enters
   * this class, named so that every call site shows it. Use it for known-answer tests,
   * interoperability, or a key your own key management derived and wipes; nirguard's own FPE,
   * {@code io.github.nirguard.crypto.NirFpe}, takes its keys from a key ring.
   *
   * <pre>{@code
   * Ff1 ff1 = Ff1.insecureFromRawKey(key, 10);     // decimal digits
   * }</pre>
   *
   * @param key an AES key of 16, 24 or 32 bytes; the array is copied
   * @param radix the number of symbols in the alphabet, from {@value #MIN_RADIX} to {@value
   *     #MAX_RADIX}
   * @return a new instance
   * @throws IllegalArgumentException if the key size or the radix is not supported
   * @throws NullPointerException if {@code key} is null
   * @since 0.1.0
   */
  public static Ff1 insecureFromRawKey(byte[] key, int radix) {
    return new Ff1(key, radix);
  }

  /**
   * Returns the radix.
   *
   * @return the number of symbols in the alphabet
   */
  public int radix() {
    return radix;
  }

  /**
   * Encrypts a numeral string (general path).
   *
   * @param tweak the tweak, at most {@value #MAX_TWEAK_LENGTH} bytes, possibly empty
   * @param numerals numerals in {@code [0, radix)}, most significant first; not modified
   * @return the ciphertext, a new array of the same length
   * @throws IllegalArgumentException if a cap or the domain floor is broken, or a numeral is out of
   *     range
   * @throws NullPointerException if an argument is null
   */
  public int[] encrypt(byte[] tweak, int[] numerals) {
    return general(tweak, numerals, true);
  }

  /**
   * Decrypts a numeral string (general path).
   *
   * @param tweak the tweak used to encrypt
   * @param numerals ciphertext numerals in {@code [0, radix)}, most significant first; not modified
   * @return the plaintext, a new array of the same length
   * @throws IllegalArgumentException if a cap or the domain floor is broken, or a numeral is out of
   *     range
   * @throws NullPointerException if an argument is null
   */
  public int[] decrypt(byte[] tweak, int[] numerals) {
    return general(tweak, numerals, false);
  }

  /**
   * Prepares the fast path for one tweak and one input length.
   *
   * <p>The returned {@link Domain} precomputes everything that depends only on the key, the tweak
   * and the length, so each Feistel round costs a single AES block. Create it once and keep it. It
   * takes any radix for which {@code radix^length < 2^63} and the larger half {@code
   * radix^ceil(length/2) < 2^32} (for radix 10: 6 to {@value #MAX_DECIMAL_LENGTH} digits).
   *
   * @param tweak the tweak, at most {@value #MAX_TWEAK_LENGTH} bytes, possibly empty; copied
   * @param length the number of numerals
   * @return the prepared domain
   * @throws IllegalArgumentException if the tweak is too long, or the length breaks the domain
   *     floor or does not fit the fast path
   * @throws NullPointerException if {@code tweak} is null
   */
  public Domain domain(byte[] tweak, int length) {
    Objects.requireNonNull(tweak, "tweak");
    checkTweak(tweak);
    checkLength(radix, length);
    if (!fitsFastPath(radix, length)) {
      throw new IllegalArgumentException(
          "the fast path needs radix^length < 2^63 and radix^ceil(length/2) < 2^32; use the general path");
    }
    return new Domain(this, tweak.clone(), length);
  }

  /** Whether the 64-bit fast path can take this radix and length (it covers 18 decimal digits). */
  static boolean fitsFastPath(int radix, int length) {
    BigInteger r = BigInteger.valueOf(radix);
    int v = length - length / 2;
    return r.pow(length).bitLength() <= 63 && r.pow(v).subtract(BigInteger.ONE).bitLength() <= 32;
  }

  /**
   * Describes this instance without any key material.
   *
   * @return {@code Ff1[radix=R]}
   */
  @Override
  public String toString() {
    return "Ff1[radix=" + radix + "]";
  }

  // ---------------------------------------------------------------------------------------
  // Checks shared by both paths

  private static void checkTweak(byte[] tweak) {
    if (tweak.length > MAX_TWEAK_LENGTH) {
      throw new IllegalArgumentException("tweak must be at most 256 bytes long");
    }
  }

  private static void checkLength(int radix, int length) {
    if (length > MAX_LENGTH) {
      throw new IllegalArgumentException("input must be at most 4096 numerals long");
    }
    long size = 1;
    for (int i = 0; i < length && size < MIN_DOMAIN_SIZE; i++) {
      size *= radix;
    }
    if (size < MIN_DOMAIN_SIZE) {
      throw new IllegalArgumentException(
          "FF1 requires radix^length >= 1,000,000 (NIST SP 800-38G Rev. 1)");
    }
  }

  /** The byte length b of NUM_radix(B) for a half of {@code v} numerals. */
  private static int numBytes(int radix, int v) {
    // ceil(v * log2(radix)) is exactly the bit length of radix^v - 1.
    int bits = BigInteger.valueOf(radix).pow(v).subtract(BigInteger.ONE).bitLength();
    return (bits + 7) / 8;
  }

  /** The first CBC-MAC block, P. */
  private static byte[] pBlock(int radix, int u, int n, int t) {
    byte[] p = new byte[BLOCK];
    p[0] = 1;
    p[1] = 2;
    p[2] = 1;
    p[3] = (byte) (radix >>> 16);
    p[4] = (byte) (radix >>> 8);
    p[5] = (byte) radix;
    p[6] = 10;
    p[7] = (byte) u;
    p[8] = (byte) (n >>> 24);
    p[9] = (byte) (n >>> 16);
    p[10] = (byte) (n >>> 8);
    p[11] = (byte) n;
    p[12] = (byte) (t >>> 24);
    p[13] = (byte) (t >>> 16);
    p[14] = (byte) (t >>> 8);
    p[15] = (byte) t;
    return p;
  }

  // ---------------------------------------------------------------------------------------
  // General path

  private int[] general(byte[] tweak, int[] x, boolean encrypt) {
    Objects.requireNonNull(tweak, "tweak");
    Objects.requireNonNull(x, "numerals");
    checkTweak(tweak);
    int n = x.length;
    checkLength(radix, n);
    for (int numeral : x) {
      if (numeral < 0 || numeral >= radix) {
        throw new IllegalArgumentException("every numeral must be in [0, radix)");
      }
    }
    int t = tweak.length;
    int u = n / 2;
    int v = n - u;
    int b = numBytes(radix, v);
    int d = 4 * ((b + 3) / 4) + 4;
    BigInteger modU = BigInteger.valueOf(radix).pow(u);
    BigInteger modV = u == v ? modU : modU.multiply(BigInteger.valueOf(radix));

    Worker w = workers.get();
    byte[] state = w.block(pBlock(radix, u, n, t));
    int qLen = t + Math.floorMod(-t - b - 1, BLOCK) + 1 + b;
    byte[] q = new byte[qLen];
    System.arraycopy(tweak, 0, q, 0, t);

    BigInteger a = num(x, 0, u);
    BigInteger bb = num(x, u, n);
    if (encrypt) {
      for (int i = 0; i < ROUNDS; i++) {
        BigInteger y = roundValue(w, state, q, i, bb, b, d);
        BigInteger c = a.add(y).mod((i & 1) == 0 ? modU : modV);
        a = bb;
        bb = c;
      }
    } else {
      for (int i = ROUNDS - 1; i >= 0; i--) {
        BigInteger y = roundValue(w, state, q, i, a, b, d);
        BigInteger c = bb.subtract(y).mod((i & 1) == 0 ? modU : modV);
        bb = a;
        a = c;
      }
    }
    int[] out = new int[n];
    str(a, out, 0, u);
    str(bb, out, u, v);
    return out;
  }

  /** Steps i to iv of a round: builds Q, computes R = PRF(P || Q), expands it to S, NUM(S). */
  private static BigInteger roundValue(
      Worker w, byte[] pState, byte[] q, int i, BigInteger half, int b, int d) {
    int qLen = q.length;
    q[qLen - b - 1] = (byte) i;
    byte[] raw = half.toByteArray(); // big-endian, maybe with a leading sign byte
    int copy = Math.min(raw.length, b);
    Arrays.fill(q, qLen - b, qLen - copy, (byte) 0);
    System.arraycopy(raw, raw.length - copy, q, qLen - copy, copy);

    byte[] r = pState.clone();
    byte[] tmp = new byte[BLOCK];
    for (int off = 0; off < qLen; off += BLOCK) {
      for (int k = 0; k < BLOCK; k++) {
        tmp[k] = (byte) (r[k] ^ q[off + k]);
      }
      w.aes(tmp, 0, r, 0, BLOCK);
    }
    byte[] s = new byte[d];
    System.arraycopy(r, 0, s, 0, Math.min(d, BLOCK));
    for (int j = 1; j * BLOCK < d; j++) {
      System.arraycopy(r, 0, tmp, 0, BLOCK);
      tmp[12] ^= (byte) (j >>> 24);
      tmp[13] ^= (byte) (j >>> 16);
      tmp[14] ^= (byte) (j >>> 8);
      tmp[15] ^= (byte) j;
      byte[] e = new byte[BLOCK];
      w.aes(tmp, 0, e, 0, BLOCK);
      System.arraycopy(e, 0, s, j * BLOCK, Math.min(BLOCK, d - j * BLOCK));
    }
    return new BigInteger(1, s);
  }

  /** NUM_radix: the numerals x[from..to) read as a big-endian number. */
  private BigInteger num(int[] x, int from, int to) {
    BigInteger acc = BigInteger.ZERO;
    long chunk = 0;
    long scale = 1;
    long limit = Long.MAX_VALUE / radix;
    for (int k = from; k < to; k++) {
      if (scale > limit) {
        acc = acc.multiply(BigInteger.valueOf(scale)).add(BigInteger.valueOf(chunk));
        chunk = 0;
        scale = 1;
      }
      chunk = chunk * radix + x[k];
      scale *= radix;
    }
    return acc.multiply(BigInteger.valueOf(scale)).add(BigInteger.valueOf(chunk));
  }

  /** STR^m_radix: writes c as exactly m numerals into out[from..from+m). */
  private void str(BigInteger c, int[] out, int from, int m) {
    int per = 0;
    long scale = 1;
    while (scale <= Long.MAX_VALUE / radix) {
      scale *= radix;
      per++;
    }
    BigInteger chunkModulus = BigInteger.valueOf(scale);
    int pos = from + m;
    while (pos > from) {
      long rest;
      int take;
      if (c.bitLength() < Long.SIZE - 1) {
        rest = c.longValue();
        c = BigInteger.ZERO;
        take = pos - from;
      } else {
        BigInteger[] qr = c.divideAndRemainder(chunkModulus);
        c = qr[0];
        rest = qr[1].longValue();
        take = Math.min(per, pos - from);
      }
      for (int k = 0; k < take; k++) {
        out[--pos] = (int) (rest % radix);
        rest /= radix;
      }
    }
  }

  /**
   * {@code y mod m}, with {@code y} read as an unsigned 64-bit number, by multiplication.
   *
   * <p>{@code magic} must be {@code floor((2^64 - 1) / m)} and {@code m} must be in {@code [2,
   * 2^62)}. Then {@code q}, the high half of the 128-bit product {@code y * magic}, satisfies
   * {@code y/m - 1 < q <= y/m}, so {@code y - q*m} is in {@code [0, 2m)} and one conditional
   * subtraction finishes. This keeps two 64-bit divisions off the critical path of every Feistel
   * round.
   */
  static long unsignedMod(long y, long m, long magic) {
    // Unsigned high half: signed multiplyHigh, corrected for y's top bit (magic is positive).
    long q = Math.multiplyHigh(y, magic) + ((y >> 63) & magic);
    long r = y - q * m;
    return r >= m ? r - m : r;
  }

  // ---------------------------------------------------------------------------------------
  // Per-thread AES

  private Worker newWorker() {
    try {
      Cipher aes = Cipher.getInstance(TRANSFORMATION);
      aes.init(Cipher.ENCRYPT_MODE, key);
      return new Worker(aes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JCA provides no usable " + TRANSFORMATION, e);
    }
  }

  /** One thread's Cipher and scratch buffers; never shared between threads. */
  private static final class Worker {
    private final Cipher aes;
    private final byte[] in = new byte[BLOCK];
    private final byte[] out = new byte[BLOCK];
    private @Nullable Batch batch;

    Worker(Cipher aes) {
      this.aes = aes;
    }

    /**
     * AES-ECB over whole blocks; {@code src} and {@code dst} must be distinct arrays (an overlap
     * would make the JCA copy the input).
     *
     * <p>{@code doFinal} rather than {@code update}: ECB keeps no state between calls, and on JDK
     * 17 {@code doFinal} takes a shorter path, about 10% less per one-block call.
     */
    void aes(byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
      try {
        aes.doFinal(src, srcOff, len, dst, dstOff);
      } catch (GeneralSecurityException e) {
        // Cannot happen: whole blocks, no padding, dst large enough.
        throw new IllegalStateException(e);
      }
    }

    /** AES of one block into a new array. */
    byte[] block(byte[] src) {
      byte[] dst = new byte[BLOCK];
      aes(src, 0, dst, 0, BLOCK);
      return dst;
    }

    /** The first 8 bytes, big-endian, of AES(hi || lo). */
    long prf(long hi, long lo) {
      LONGS.set(in, 0, hi);
      LONGS.set(in, 8, lo);
      aes(in, 0, out, 0, BLOCK);
      return (long) LONGS.get(out, 0);
    }

    /** The batch buffers, made on the first batch call. */
    Batch batch() {
      Batch b = batch;
      if (b == null) {
        b = new Batch();
        batch = b;
      }
      return b;
    }
  }

  /** One thread's buffers for a chunk of the batch path. */
  private static final class Batch {
    final byte[] blocks = new byte[BATCH_CHUNK * BLOCK];
    final byte[] macs = new byte[BATCH_CHUNK * BLOCK];
    final long[] left = new long[BATCH_CHUNK];
    final long[] right = new long[BATCH_CHUNK];
  }

  // ---------------------------------------------------------------------------------------
  // Decimal fast path

  /**
   * FF1 over decimal numbers of one fixed length and one fixed tweak, in 64-bit arithmetic.
   *
   * <p>A value of {@code length} digits is handled as a {@code long} in {@code [0, 10^length)};
   * leading zeros count as digits, so with length 13 the value 42 stands for {@code 0000000000042}.
   * Results are identical to the general path on the same digits. Instances are immutable and
   * thread-safe; after a thread's first call, the {@code long} methods allocate nothing.
   *
   * <p>What is precomputed: the CBC-MAC of P and of every block of Q before its last one (the tweak
   * and its zero padding, which do not change between rounds), XORed with the constant bytes of Q's
   * last block. A round then XORs in the round number and NUM(B) and costs one AES block: one
   * {@code Cipher} call per round for a single value, or one call per round for up to 256 values in
   * the batch methods.
   *
   * <p>Why 64 bits suffice: with {@code v = ceil(length / 2) <= 9}, NUM(B) fits in {@code b <= 4}
   * bytes, so {@code d = 4 * ceil(b / 4) + 4 = 8}. The round value y is the first 8 bytes of R, an
   * unsigned 64-bit number, reduced modulo {@code 10^m <= 10^9}.
   *
   * <pre>{@code
   * byte[] tweak = "lab-export".getBytes(StandardCharsets.UTF_8);
   * Ff1.Domain nir = Ff1.insecureFromRawKey(key, 10).domain(tweak, 13);
   * long token = nir.encrypt(1_850_775_123_456L);
   * long back = nir.decrypt(token);                  // 1850775123456
   * String digits = nir.encrypt("0000000000042");   // 13 digits
   * long[] many = {1L, 2L, 3L};
   * nir.encrypt(many, many, many.length);            // in place, one AES call per round
   * }</pre>
   *
   * @since 0.1.0
   */
  public static final class Domain {
    private final Ff1 ff1;
    private final int length;
    private final long limit; // radix^length
    private final long modU; // radix^u
    private final long modV; // radix^v
    private final long magicU; // floor((2^64 - 1) / radix^u), for unsignedMod
    private final long magicV;
    private final int shift; // where [i] sits in the low half of Q's last block: 8 * b
    private final long keyHi; // CBC-MAC state before Q's last block, XOR its constant bytes
    private final long keyLo;

    private Domain(Ff1 ff1, byte[] tweak, int n) {
      this.ff1 = ff1;
      this.length = n;
      int u = n / 2;
      int v = n - u;
      int t = tweak.length;
      int radix = ff1.radix;
      int b = numBytes(radix, v);
      int d = 4 * ((b + 3) / 4) + 4;
      if (d != 8) {
        throw new AssertionError("d must be 8 on the fast path");
      }
      this.limit = pow(radix, n);
      this.modU = pow(radix, u);
      this.modV = pow(radix, v);
      this.magicU = Long.divideUnsigned(-1L, modU);
      this.magicV = Long.divideUnsigned(-1L, modV);
      this.shift = 8 * b;

      // CBC-MAC over P and every block of Q but the last, which alone holds [i] and
      // NUM(B) (b + 1 <= 5 bytes): those blocks are the same in every round.
      Worker w = ff1.workers.get();
      byte[] state = w.block(pBlock(radix, u, n, t));
      int qLen = t + Math.floorMod(-t - b - 1, BLOCK) + 1 + b;
      byte[] q = new byte[qLen];
      System.arraycopy(tweak, 0, q, 0, t);
      byte[] tmp = new byte[BLOCK];
      for (int off = 0; off < qLen; off += BLOCK) {
        for (int k = 0; k < BLOCK; k++) {
          tmp[k] = (byte) (state[k] ^ q[off + k]);
        }
        if (off + BLOCK < qLen) {
          w.aes(tmp, 0, state, 0, BLOCK);
        }
      }
      // tmp = state XOR the constant part of the last block; [i] and NUM(B) are XORed
      // in per round.
      this.keyHi = (long) LONGS.get(tmp, 0);
      this.keyLo = (long) LONGS.get(tmp, 8);
    }

    private static long pow(int radix, int e) {
      long p = 1;
      for (int i = 0; i < e; i++) {
        p *= radix;
      }
      return p;
    }

    /**
     * Returns the number of digits.
     *
     * @return the input and output length in digits
     */
    public int length() {
      return length;
    }

    /**
     * Encrypts one value.
     *
     * @param value a number in {@code [0, 10^length)}
     * @return the ciphertext, also in {@code [0, 10^length)}
     * @throws IllegalArgumentException if the value is out of range
     */
    public long encrypt(long value) {
      checkValue(value);
      Worker w = ff1.workers.get();
      long a = value / modV;
      long b = value - a * modV;
      for (int i = 0; i < ROUNDS; i += 2) {
        long c = a + unsignedMod(prf(w, i, b), modU, magicU); // even round: m = u
        a = b;
        b = c >= modU ? c - modU : c;
        c = a + unsignedMod(prf(w, i + 1, b), modV, magicV); // odd round: m = v
        a = b;
        b = c >= modV ? c - modV : c;
      }
      return a * modV + b;
    }

    /**
     * Decrypts one value.
     *
     * @param value a ciphertext in {@code [0, 10^length)}
     * @return the plaintext
     * @throws IllegalArgumentException if the value is out of range
     */
    public long decrypt(long value) {
      checkValue(value);
      Worker w = ff1.workers.get();
      long a = value / modV;
      long b = value - a * modV;
      for (int i = ROUNDS - 1; i > 0; i -= 2) {
        long c = b - unsignedMod(prf(w, i, a), modV, magicV); // odd round: m = v
        b = a;
        a = c < 0 ? c + modV : c;
        c = b - unsignedMod(prf(w, i - 1, a), modU, magicU); // even round: m = u
        b = a;
        a = c < 0 ? c + modU : c;
      }
      return a * modV + b;
    }

    /**
     * Encrypts {@code count} values, {@code in[0..count)} into {@code out[0..count)}.
     *
     * <p>Each Feistel round runs over up to 256 values at once with a single AES call, so the AES
     * instructions pipeline. {@code in} and {@code out} may be the same array. All inputs are
     * checked before anything is written.
     *
     * @param in the plaintexts, each in {@code [0, 10^length)}
     * @param out receives the ciphertexts
     * @param count how many values to process
     * @throws IllegalArgumentException if a value is out of range
     * @throws IndexOutOfBoundsException if {@code count} is negative or exceeds an array
     * @throws NullPointerException if an array is null
     */
    public void encrypt(long[] in, long[] out, int count) {
      batch(in, out, count, true);
    }

    /**
     * Decrypts {@code count} values, {@code in[0..count)} into {@code out[0..count)}.
     *
     * <p>Works like {@link #encrypt(long[], long[], int)}; {@code in} and {@code out} may be the
     * same array.
     *
     * @param in the ciphertexts, each in {@code [0, 10^length)}
     * @param out receives the plaintexts
     * @param count how many values to process
     * @throws IllegalArgumentException if a value is out of range
     * @throws IndexOutOfBoundsException if {@code count} is negative or exceeds an array
     * @throws NullPointerException if an array is null
     */
    public void decrypt(long[] in, long[] out, int count) {
      batch(in, out, count, false);
    }

    /**
     * Encrypts a string of exactly {@code length} ASCII digits.
     *
     * @param digits the plaintext digits, leading zeros included
     * @return the ciphertext digits, same length
     * @throws IllegalArgumentException if the input is not {@code length} ASCII digits
     * @throws NullPointerException if {@code digits} is null
     */
    public String encrypt(CharSequence digits) {
      return format(encrypt(parse(digits)));
    }

    /**
     * Decrypts a string of exactly {@code length} ASCII digits.
     *
     * @param digits the ciphertext digits, leading zeros included
     * @return the plaintext digits, same length
     * @throws IllegalArgumentException if the input is not {@code length} ASCII digits
     * @throws NullPointerException if {@code digits} is null
     */
    public String decrypt(CharSequence digits) {
      return format(decrypt(parse(digits)));
    }

    /**
     * Describes this domain without key or tweak.
     *
     * @return {@code Ff1.Domain[radix=R, length=N]}
     */
    @Override
    public String toString() {
      return "Ff1.Domain[radix=" + ff1.radix + ", length=" + length + "]";
    }

    /** y of round i: the first 8 bytes of PRF(P || Q), Q ending in [i] || NUM(half). */
    private long prf(Worker w, int i, long half) {
      return w.prf(keyHi, keyLo ^ ((long) i << shift) ^ half);
    }

    private void checkValue(long value) {
      if (value < 0 || value >= limit) {
        throw new IllegalArgumentException("value must be in [0, radix^length)");
      }
    }

    private long parse(CharSequence digits) {
      Objects.requireNonNull(digits, "digits");
      if (ff1.radix != 10) {
        throw new IllegalStateException("digit strings need radix 10; use the long methods");
      }
      if (digits.length() != length) {
        throw new IllegalArgumentException("expected exactly " + length + " ASCII digits");
      }
      long value = 0;
      for (int k = 0; k < length; k++) {
        char ch = digits.charAt(k);
        if (ch < '0' || ch > '9') {
          throw new IllegalArgumentException("expected exactly " + length + " ASCII digits");
        }
        value = value * 10 + (ch - '0');
      }
      return value;
    }

    private String format(long value) {
      char[] chars = new char[length];
      for (int k = length - 1; k >= 0; k--) {
        chars[k] = (char) ('0' + value % 10);
        value /= 10;
      }
      return new String(chars);
    }

    private void batch(long[] in, long[] out, int count, boolean encrypt) {
      Objects.requireNonNull(in, "in");
      Objects.requireNonNull(out, "out");
      Objects.checkFromIndexSize(0, count, in.length);
      Objects.checkFromIndexSize(0, count, out.length);
      for (int j = 0; j < count; j++) {
        checkValue(in[j]);
      }
      Worker w = ff1.workers.get();
      for (int from = 0; from < count; from += BATCH_CHUNK) {
        int size = Math.min(BATCH_CHUNK, count - from);
        if (encrypt) {
          encryptChunk(w, in, out, from, size);
        } else {
          decryptChunk(w, in, out, from, size);
        }
      }
    }

    private void encryptChunk(Worker w, long[] in, long[] out, int from, int size) {
      Batch batch = w.batch();
      long[] a = batch.left;
      long[] b = batch.right;
      byte[] blocks = batch.blocks;
      byte[] macs = batch.macs;
      for (int j = 0; j < size; j++) {
        long value = in[from + j];
        long hi = value / modV;
        a[j] = hi;
        b[j] = value - hi * modV;
        LONGS.set(blocks, j * BLOCK, keyHi);
      }
      for (int i = 0; i < ROUNDS; i++) {
        long lo = keyLo ^ ((long) i << shift);
        for (int j = 0; j < size; j++) {
          LONGS.set(blocks, j * BLOCK + 8, lo ^ b[j]);
        }
        w.aes(blocks, 0, macs, 0, size * BLOCK);
        long m = (i & 1) == 0 ? modU : modV;
        long r = (i & 1) == 0 ? magicU : magicV;
        for (int j = 0; j < size; j++) {
          long c = a[j] + unsignedMod((long) LONGS.get(macs, j * BLOCK), m, r);
          a[j] = c >= m ? c - m : c; // becomes the new B; the old B becomes A
        }
        long[] swap = a;
        a = b;
        b = swap;
      }
      for (int j = 0; j < size; j++) {
        out[from + j] = a[j] * modV + b[j];
      }
    }

    private void decryptChunk(Worker w, long[] in, long[] out, int from, int size) {
      Batch batch = w.batch();
      long[] a = batch.left;
      long[] b = batch.right;
      byte[] blocks = batch.blocks;
      byte[] macs = batch.macs;
      for (int j = 0; j < size; j++) {
        long value = in[from + j];
        long hi = value / modV;
        a[j] = hi;
        b[j] = value - hi * modV;
        LONGS.set(blocks, j * BLOCK, keyHi);
      }
      for (int i = ROUNDS - 1; i >= 0; i--) {
        long lo = keyLo ^ ((long) i << shift);
        for (int j = 0; j < size; j++) {
          LONGS.set(blocks, j * BLOCK + 8, lo ^ a[j]);
        }
        w.aes(blocks, 0, macs, 0, size * BLOCK);
        long m = (i & 1) == 0 ? modU : modV;
        long r = (i & 1) == 0 ? magicU : magicV;
        for (int j = 0; j < size; j++) {
          long c = b[j] - unsignedMod((long) LONGS.get(macs, j * BLOCK), m, r);
          b[j] = c < 0 ? c + m : c; // becomes the new A; the old A becomes B
        }
        long[] swap = a;
        a = b;
        b = swap;
      }
      for (int j = 0; j < size; j++) {
        out[from + j] = a[j] * modV + b[j];
      }
    }
  }
}
