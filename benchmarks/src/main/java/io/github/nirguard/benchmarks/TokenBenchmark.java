package io.github.nirguard.benchmarks;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.daead.DeterministicAeadConfig;
import com.google.crypto.tink.daead.PredefinedDeterministicAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfSet;
import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.crypto.KeyedTokenizer;
import io.github.nirguard.crypto.ReversibleTokenizer;
import io.github.nirguard.testkit.Nirs;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Keyed and reversible NIR tokens end to end (parse, tokenize, token string), beside their peers.
 *
 * <p>Peers do the same work: Tink {@code PrfSet}, JCA {@code Mac} and Guava HMAC-SHA-256 over the
 * same canonical input with the same base32 encoding; Tink AES-SIV over the 13-byte body with
 * base64url. Every side parses with {@link Nir#parse} (except {@code keyedNirguardFromText}, which
 * runs the same strict check inside {@link KeyedTokenizer#tokenize(CharSequence)}); the keyed peers
 * build the keyed token's canonical input ({@code "nirguard-token" 0x01 len purpose 13 body 0}) in
 * a per-thread buffer and produce {@code nt1.<key id>.<26 base32 chars>}; {@link Local#setup}
 * checks that the JCA and Guava peers give exactly nirguard's tokens for the same raw key.
 * Tokenizers and Tink primitives are shared by the threads (they are thread-safe); the JCA {@code
 * Mac} and buffers are per thread. Inputs: 1024 valid NIRs from {@code Nirs.valid().stream(42)},
 * cycled.
 *
 * <pre>{@code
 * java -cp 'benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*' \
 *     org.openjdk.jmh.Main TokenBenchmark -prof gc -t 1
 * }</pre>
 *
 * @since 0.1.0
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TokenBenchmark {
  static final int N = 1024;
  static final String PURPOSE = "research-42";
  static final String[] NIRS =
      Nirs.valid().stream(42).limit(N).map(Nir::compact).toArray(String[]::new);
  private static final byte[] BASE32 =
      "abcdefghijklmnopqrstuvwxyz234567".getBytes(StandardCharsets.US_ASCII);

  /** Keys, tokenizers and Tink primitives, shared by the benchmark threads. */
  @State(Scope.Benchmark)
  public static class Keys {
    KeyedTokenizer keyed;
    ReversibleTokenizer prp;
    ReversibleTokenizer siv;
    PrfSet tinkPrf;
    int tinkPrfId;
    DeterministicAead tinkSiv;
    byte[] sivAssociatedData;
    byte[] rawKey;
    int rawKeyId;
    HashFunction guavaHmac;

    /**
     * Builds the key ring, the tokenizers and the peers' keys.
     *
     * @throws GeneralSecurityException if Tink fails
     */
    @Setup
    public void setup() throws GeneralSecurityException {
      KeyRing ring =
          KeyRingManager.empty()
              .add(PURPOSE, KeyKind.TOKEN)
              .add(PURPOSE, KeyKind.PRP_TOKEN)
              .add(PURPOSE, KeyKind.SIV_TOKEN)
              .ring();
      keyed = KeyedTokenizer.create(ring, PURPOSE);
      prp = ReversibleTokenizer.prp(ring, PURPOSE);
      siv = ReversibleTokenizer.siv(ring, PURPOSE);
      PrfConfig.register();
      DeterministicAeadConfig.register();
      KeysetHandle prfKeys = KeysetHandle.generateNew(PredefinedPrfParameters.HMAC_SHA256_PRF);
      tinkPrf = prfKeys.getPrimitive(RegistryConfiguration.get(), PrfSet.class);
      tinkPrfId = tinkPrf.getPrimaryId();
      tinkSiv =
          KeysetHandle.generateNew(PredefinedDeterministicAeadParameters.AES256_SIV)
              .getPrimitive(RegistryConfiguration.get(), DeterministicAead.class);
      sivAssociatedData = ("nirguard-siv-token/1/" + PURPOSE).getBytes(StandardCharsets.UTF_8);
      rawKey = new byte[32];
      SplittableRandom r = new SplittableRandom(7);
      for (int k = 0; k < rawKey.length; k++) {
        rawKey[k] = (byte) r.nextInt(256);
      }
      rawKeyId = 0x0102_0304;
      guavaHmac = Hashing.hmacSha256(rawKey);
    }
  }

  /**
   * Per-thread input cursor, buffers and JCA {@code Mac}. The buffers written per call sit in one
   * array padded by two cache lines on each side, laid out as nirguard's own per-thread scratch:
   * the garbage collector may move two threads' buffers next to each other, and false sharing would
   * then slow one side of a two-thread comparison at random.
   */
  @State(Scope.Thread)
  public static class Local {
    static final int PAD = 128;
    static final int INPUT = PAD; // canonical input, 64 bytes reserved
    static final int OUT = INPUT + 64; // 32-byte HMAC
    static final int RAW_TOKEN = OUT + 32; // token under the raw key (JCA, Guava), 39 chars
    static final int TINK_TOKEN = RAW_TOKEN + 39; // token under the Tink key, 39 chars

    int i;
    int inputLength;
    final byte[] scratch = new byte[TINK_TOKEN + 39 + PAD];

    /**
     * Tink's {@code computePrimary} takes a whole array: its input has exactly the input's length.
     */
    byte[] tinkInput;

    Mac mac;

    /**
     * Prepares the buffers and checks that the peers compute nirguard's tokens.
     *
     * @param keys the shared keys
     * @throws GeneralSecurityException if a peer disagrees with nirguard
     */
    @Setup
    public void setup(Keys keys) throws GeneralSecurityException {
      byte[] domain = "nirguard-token".getBytes(StandardCharsets.US_ASCII);
      byte[] purpose = PURPOSE.getBytes(StandardCharsets.UTF_8);
      inputLength = domain.length + 2 + purpose.length + 15;
      System.arraycopy(domain, 0, scratch, INPUT, domain.length);
      scratch[INPUT + domain.length] = 1;
      scratch[INPUT + domain.length + 1] = (byte) purpose.length;
      System.arraycopy(purpose, 0, scratch, INPUT + domain.length + 2, purpose.length);
      tinkInput = java.util.Arrays.copyOfRange(scratch, INPUT, INPUT + inputLength);
      prefix(keys.rawKeyId, scratch, RAW_TOKEN);
      prefix(keys.tinkPrfId, scratch, TINK_TOKEN);
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(keys.rawKey, "HmacSHA256"));
      KeyedTokenizer reference =
          KeyedTokenizer.insecureFromRawKey(keys.rawKey, keys.rawKeyId, PURPOSE);
      TokenBenchmark b = new TokenBenchmark();
      for (int k = 0; k < N; k++) {
        String expected = reference.tokenize(Nir.parse(NIRS[k])).value();
        if (!expected.equals(reference.tokenize(NIRS[k]).value())) {
          throw new GeneralSecurityException("tokenize(text) differs from tokenize(parse(text))");
        }
        i = k;
        String jca = b.keyedJcaMac(keys, this);
        i = k;
        String guava = b.keyedGuavaHmac(keys, this);
        if (!expected.equals(jca) || !expected.equals(guava)) {
          throw new GeneralSecurityException("a peer does not compute nirguard's keyed token");
        }
        i = k;
        String tink = b.keyedTinkPrfSet(keys, this);
        if (tink.length() != expected.length()
            || !tink.startsWith(String.format(Locale.ROOT, "nt1.%08x.", keys.tinkPrfId))) {
          throw new GeneralSecurityException("the Tink peer's token is malformed");
        }
      }
      i = 0;
    }

    String next() {
      return NIRS[i++ & (N - 1)];
    }
  }

  static void prefix(int keyId, byte[] out, int pos) {
    byte[] p =
        ("nt1." + String.format(Locale.ROOT, "%08x", keyId) + ".")
            .getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(p, 0, out, pos, 13);
  }

  /** Writes the canonical tail {@code 13 body 0} ending at {@code end}, as nirguard does. */
  static void writeTail(byte[] input, int end, Nir nir) {
    int p = end - 15;
    input[p++] = 13;
    long v = nir.numericBody();
    for (int k = p + 12; k >= p; k--) {
      input[k] = (byte) ('0' + (int) (v % 10));
      v /= 10;
    }
    char letter = nir.corsicaLetter();
    if (letter != 0) {
      input[p + 5] = '2';
      input[p + 6] = (byte) letter;
    }
    input[p + 13] = 0;
  }

  /**
   * RFC 4648 base32 (lowercase, no padding) of 16 MAC bytes after the 13-character prefix at {@code
   * tok}: the same code as nirguard's keyed-token encoder, so that only the HMAC differs.
   */
  static String token(byte[] mac, int off, byte[] out, int tok) {
    int pos = tok + 13;
    for (int g = off; g < off + 15; g += 5) {
      long x =
          (mac[g] & 0xFFL) << 32
              | (mac[g + 1] & 0xFFL) << 24
              | (mac[g + 2] & 0xFFL) << 16
              | (mac[g + 3] & 0xFFL) << 8
              | (mac[g + 4] & 0xFFL);
      for (int k = 0; k < 8; k++) {
        out[pos++] = BASE32[(int) (x >>> (35 - 5 * k)) & 31];
      }
    }
    int last = mac[off + 15] & 0xFF;
    out[pos] = BASE32[last >>> 3];
    out[pos + 1] = BASE32[(last << 2) & 31];
    return new String(out, tok, 39, StandardCharsets.ISO_8859_1);
  }

  /**
   * Shared cost of every variant: the strict parse alone.
   *
   * @param l per-thread state
   * @return the NIR
   */
  @Benchmark
  public Nir baselineParse(Local l) {
    return Nir.parse(l.next());
  }

  /**
   * nirguard keyed token: parse, {@link KeyedTokenizer#tokenize(Nir)}, token string.
   *
   * @param k shared keys
   * @param l per-thread state
   * @return the token string
   */
  @Benchmark
  public String keyedNirguard(Keys k, Local l) {
    return k.keyed.tokenize(Nir.parse(l.next())).value();
  }

  /**
   * nirguard keyed token from the text: {@link KeyedTokenizer#tokenize(CharSequence)} does the same
   * strict check as {@code Nir.parse} and reads the body from the text, without a {@link Nir}.
   *
   * @param k shared keys
   * @param l per-thread state
   * @return the token string
   */
  @Benchmark
  public String keyedNirguardFromText(Keys k, Local l) {
    return k.keyed.tokenize(l.next()).value();
  }

  /**
   * Peer: Tink {@code PrfSet.computePrimary(input, 16)} (HMAC-SHA-256 PRF) on the same input.
   *
   * @param k shared keys
   * @param l per-thread state
   * @return the token string
   * @throws GeneralSecurityException never
   */
  @Benchmark
  public String keyedTinkPrfSet(Keys k, Local l) throws GeneralSecurityException {
    writeTail(l.tinkInput, l.tinkInput.length, Nir.parse(l.next()));
    return token(k.tinkPrf.computePrimary(l.tinkInput, 16), 0, l.scratch, Local.TINK_TOKEN);
  }

  /**
   * Peer: a per-thread JCA {@code Mac} (HmacSHA256), update and doFinal into a buffer.
   *
   * @param k shared keys
   * @param l per-thread state
   * @return the token string
   * @throws GeneralSecurityException never
   */
  @Benchmark
  public String keyedJcaMac(Keys k, Local l) throws GeneralSecurityException {
    byte[] b = l.scratch;
    writeTail(b, Local.INPUT + l.inputLength, Nir.parse(l.next()));
    l.mac.update(b, Local.INPUT, l.inputLength);
    l.mac.doFinal(b, Local.OUT);
    return token(b, Local.OUT, b, Local.RAW_TOKEN);
  }

  /**
   * Peer: Guava {@code Hashing.hmacSha256(key).hashBytes(input)}.
   *
   * @param k shared keys
   * @param l per-thread state
   * @return the token string
   */
  @Benchmark
  public String keyedGuavaHmac(Keys k, Local l) {
    byte[] b = l.scratch;
    writeTail(b, Local.INPUT + l.inputLength, Nir.parse(l.next()));
    k.guavaHmac.hashBytes(b, Local.INPUT, l.inputLength).writeBytesTo(b, Local.OUT, 16);
    return token(b, Local.OUT, b, Local.RAW_TOKEN);
  }

  /**
   * nirguard reversible PRP token (one AES-256 block): parse, tokenize, token string.
   *
   * @param k shared keys
   * @param l per-thread state
   * @return the token string
   */
  @Benchmark
  public String reversiblePrpNirguard(Keys k, Local l) {
    return k.prp.tokenize(Nir.parse(l.next())).value();
  }

  /**
   * nirguard reversible AES-SIV token (Tink underneath): parse, tokenize, token string.
   *
   * @param k shared keys
   * @param l per-thread state
   * @return the token string
   */
  @Benchmark
  public String reversibleSivNirguard(Keys k, Local l) {
    return k.siv.tokenize(Nir.parse(l.next())).value();
  }

  /**
   * Peer: Tink AES-SIV {@code encryptDeterministically} of the 13-byte body, base64url.
   *
   * @param k shared keys
   * @param l per-thread state
   * @return the token string
   * @throws GeneralSecurityException never
   */
  @Benchmark
  public String reversibleSivTink(Keys k, Local l) throws GeneralSecurityException {
    byte[] body = Nir.parse(l.next()).body().getBytes(StandardCharsets.US_ASCII);
    byte[] ct = k.tinkSiv.encryptDeterministically(body, k.sivAssociatedData);
    return "ns1." + Base64.getUrlEncoder().withoutPadding().encodeToString(ct);
  }
}
