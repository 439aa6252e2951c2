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
import io.github.nirguard.crypto.KeyedTokenizer;
import io.github.nirguard.crypto.ReversibleTokenizer;
import io.github.nirguard.testkit.Nirs;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
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
 * base64url. Every side parses with {@link Nir#parse}; the keyed peers build the keyed token's
 * canonical input ({@code "nirguard-token" 0x01 len purpose 13 body 0}) in a per-thread buffer and produce
 * {@code nt1.<key id>.<26 base32 chars>}; {@link Local#setup} checks that the JCA and Guava peers give
 * exactly nirguard's tokens for the same raw key. Tokenizers and Tink primitives are shared by the
 * threads (they are thread-safe); the JCA {@code Mac} and buffers are per thread. Inputs: 1024
 * valid NIRs from {@code Nirs.valid().stream(42)}, cycled.
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
  static final String[] NIRS = Nirs.valid().stream(42).limit(N).map(Nir::compact).toArray(String[]::new);
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

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
          KeyRing.empty()
              .withNewKeyset(PURPOSE, KeyKind.TOKEN)
              .withNewKeyset(PURPOSE, KeyKind.PRP_TOKEN)
              .withNewKeyset(PURPOSE, KeyKind.SIV_TOKEN);
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

  /** Per-thread input cursor, canonical-input buffer, output buffers and JCA {@code Mac}. */
  @State(Scope.Thread)
  public static class Local {
    int i;
    byte[] input;
    final byte[] out = new byte[32];
    char[] tinkChars;
    char[] rawChars;
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
      input = new byte[domain.length + 2 + purpose.length + 15];
      System.arraycopy(domain, 0, input, 0, domain.length);
      input[domain.length] = 1;
      input[domain.length + 1] = (byte) purpose.length;
      System.arraycopy(purpose, 0, input, domain.length + 2, purpose.length);
      tinkChars = prefixChars(keys.tinkPrfId);
      rawChars = prefixChars(keys.rawKeyId);
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(keys.rawKey, "HmacSHA256"));
      KeyedTokenizer reference = KeyedTokenizer.insecureFromRawKey(keys.rawKey, keys.rawKeyId, PURPOSE);
      TokenBenchmark b = new TokenBenchmark();
      for (int k = 0; k < N; k++) {
        String expected = reference.tokenize(Nir.parse(NIRS[k])).value();
        i = k;
        String jca = b.keyedJcaMac(keys, this);
        i = k;
        String guava = b.keyedGuavaHmac(keys, this);
        if (!expected.equals(jca) || !expected.equals(guava)) {
          throw new GeneralSecurityException("a peer does not compute nirguard's keyed token");
        }
      }
      i = 0;
    }

    String next() {
      return NIRS[i++ & (N - 1)];
    }
  }

  static char[] prefixChars(int keyId) {
    char[] c = new char[13 + 26];
    String p = "nt1." + String.format("%08x", keyId) + ".";
    p.getChars(0, 13, c, 0);
    return c;
  }

  /** Writes the canonical tail {@code 13 body 0} after the constant prefix, as nirguard does. */
  static void writeTail(byte[] input, Nir nir) {
    int p = input.length - 15;
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
   * RFC 4648 base32 (lowercase, no padding) of the first 16 bytes after the 13-character prefix:
   * the same code as nirguard's keyed-token encoder, so that only the HMAC differs.
   */
  static String token(byte[] mac, char[] chars) {
    int pos = 13;
    for (int g = 0; g < 15; g += 5) {
      long x = (mac[g] & 0xFFL) << 32 | (mac[g + 1] & 0xFFL) << 24 | (mac[g + 2] & 0xFFL) << 16
          | (mac[g + 3] & 0xFFL) << 8 | (mac[g + 4] & 0xFFL);
      for (int k = 0; k < 8; k++) {
        chars[pos++] = BASE32[(int) (x >>> (35 - 5 * k)) & 31];
      }
    }
    int last = mac[15] & 0xFF;
    chars[pos] = BASE32[last >>> 3];
    chars[pos + 1] = BASE32[(last << 2) & 31];
    return new String(chars);
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
   * Peer: Tink {@code PrfSet.computePrimary(input, 16)} (HMAC-SHA-256 PRF) on the same input.
   *
   * @param k shared keys
   * @param l per-thread state
   * @return the token string
   * @throws GeneralSecurityException never
   */
  @Benchmark
  public String keyedTinkPrfSet(Keys k, Local l) throws GeneralSecurityException {
    writeTail(l.input, Nir.parse(l.next()));
    return token(k.tinkPrf.computePrimary(l.input, 16), l.tinkChars);
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
    writeTail(l.input, Nir.parse(l.next()));
    l.mac.update(l.input);
    l.mac.doFinal(l.out, 0);
    return token(l.out, l.rawChars);
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
    writeTail(l.input, Nir.parse(l.next()));
    k.guavaHmac.hashBytes(l.input).writeBytesTo(l.out, 0, 16);
    return token(l.out, l.rawChars);
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
