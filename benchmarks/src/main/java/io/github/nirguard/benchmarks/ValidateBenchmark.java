package io.github.nirguard.benchmarks;

import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirProfile;
import java.math.BigInteger;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * The strict validity check and {@code parse} beside two peers: a naive {@code BigInteger} check
 * and a hand-written digit loop (checksum only, compact input only).
 *
 * <pre>{@code
 * java -cp 'benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*' \
 *     org.openjdk.jmh.Main ValidateBenchmark -prof gc
 * }</pre>
 *
 * @since 0.1.0
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ValidateBenchmark {
  private static final int N = 1024;
  private final String[] nirs = new String[N];
  private int i;

  /** Fills the inputs with strictly valid compact NIRs (mainland, some Corsica). */
  @Setup
  public void setup() {
    SplittableRandom r = new SplittableRandom(42);
    for (int k = 0; k < N; k++) {
      int dept = 1 + r.nextInt(95);
      String place =
          dept == 20 ? (r.nextBoolean() ? "2A" : "2B") : String.format(Locale.ROOT, "%02d", dept);
      String body =
          String.format(
              Locale.ROOT,
              "%d%02d%02d%s%03d%03d",
              1 + r.nextInt(2),
              r.nextInt(100),
              1 + r.nextInt(12),
              place,
              1 + r.nextInt(999),
              1 + r.nextInt(999));
      nirs[k] = Nir.fromBody(body).compact();
    }
  }

  private String next() {
    return nirs[i++ & (N - 1)];
  }

  /** nirguard: every strict rule plus the key, allocation-free. */
  @Benchmark
  public boolean nirguardStrictTest() {
    return NirProfile.STRICT.test(next());
  }

  /** nirguard: parse to a {@link Nir} value. */
  @Benchmark
  public Nir nirguardParse() {
    return Nir.parse(next());
  }

  /** Peer: a hand-written digit loop (key only, no structure, compact input only). */
  @Benchmark
  public boolean peerDigitLoop() {
    return digitLoop(next());
  }

  /** Peer: the naive check seen in the wild (strip, replace, BigInteger mod 97). */
  @Benchmark
  public boolean peerNaiveBigInteger() {
    return naive(next());
  }

  static boolean digitLoop(String s) {
    if (s.length() != 15) {
      return false;
    }
    long n = 0;
    for (int k = 0; k < 13; k++) {
      char c = s.charAt(k);
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (k == 6 && s.charAt(5) == '2' && (c == 'A' || c == 'B')) {
        n = n - 2 + 1; // "2A" -> "19", "2B" -> "18"
        d = c == 'A' ? 9 : 8;
      } else {
        return false;
      }
      n = n * 10 + d;
    }
    char k1 = s.charAt(13);
    char k2 = s.charAt(14);
    if (k1 < '0' || k1 > '9' || k2 < '0' || k2 > '9') {
      return false;
    }
    return 97 - n % 97 == (k1 - '0') * 10 + (k2 - '0');
  }

  static boolean naive(String s) {
    String t = s.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
    if (!t.matches("[12][0-9]{4}(2[AB]|[0-9]{2})[0-9]{8}")) {
      return false;
    }
    String body = t.substring(0, 13);
    if (body.charAt(5) == '2' && (body.charAt(6) == 'A' || body.charAt(6) == 'B')) {
      body = body.substring(0, 5) + (body.charAt(6) == 'A' ? "19" : "18") + body.substring(7);
    }
    int key = Integer.parseInt(t.substring(13));
    return BigInteger.valueOf(97)
            .subtract(new BigInteger(body).mod(BigInteger.valueOf(97)))
            .intValue()
        == key;
  }
}
