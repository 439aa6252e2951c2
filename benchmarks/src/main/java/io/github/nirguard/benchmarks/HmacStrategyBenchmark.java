package io.github.nirguard.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
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
 * The HMAC-SHA-256 strategies considered for the keyed-token hot path, on the keyed token's
 * canonical input (42 bytes for purpose {@code research-42}), HMAC only: no parse, no encoding.
 *
 * <p>Every strategy computes the same 32-byte HMAC into a per-thread buffer (checked in {@link
 * #setup()}); they differ in how much of HMAC they redo per call: JCA {@code Mac} (4 SHA-256
 * compressions), a {@code Mac} clone taken after the constant prefix (3), and SHA-256 states
 * precomputed after {@code K⊕ipad ‖ prefix} and {@code K⊕opad} and copied per call with {@code
 * MessageDigest.clone()} (2 compressions), with or without cloning the outer state.
 *
 * <pre>{@code
 * java -cp 'benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*' \
 *     org.openjdk.jmh.Main HmacStrategyBenchmark -prof gc
 * }</pre>
 *
 * @since 0.1.0
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HmacStrategyBenchmark {
  private static final int N = 1024;
  private final byte[][] bodies = new byte[N][];
  private final byte[] key = new byte[32];
  private byte[] prefix;
  private final byte[] out = new byte[32];
  private int i;

  private Mac mac;
  private Mac macAfterPrefix;
  private MessageDigest innerTemplate; // after K⊕ipad ‖ prefix
  private MessageDigest outerTemplate; // after K⊕opad
  private MessageDigest outerReused; // reset and re-absorbs K⊕opad
  private byte[] opadBlock;

  /**
   * Builds the key, the canonical prefix, 1024 message tails and every strategy's state.
   *
   * @throws GeneralSecurityException if the JDK lacks HMAC-SHA-256, or a strategy disagrees
   */
  @Setup
  public void setup() throws GeneralSecurityException {
    SplittableRandom r = new SplittableRandom(42);
    for (int k = 0; k < key.length; k++) {
      key[k] = (byte) r.nextInt(256);
    }
    byte[] domain = "nirguard-token".getBytes(StandardCharsets.US_ASCII);
    byte[] purpose = "research-42".getBytes(StandardCharsets.US_ASCII);
    prefix = new byte[domain.length + 2 + purpose.length];
    System.arraycopy(domain, 0, prefix, 0, domain.length);
    prefix[domain.length] = 1;
    prefix[domain.length + 1] = (byte) purpose.length;
    System.arraycopy(purpose, 0, prefix, domain.length + 2, purpose.length);
    for (int k = 0; k < N; k++) {
      byte[] tail = new byte[15];
      tail[0] = 13;
      for (int d = 1; d <= 13; d++) {
        tail[d] = (byte) ('0' + r.nextInt(10));
      }
      bodies[k] = tail;
    }
    mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    macAfterPrefix = Mac.getInstance("HmacSHA256");
    macAfterPrefix.init(new SecretKeySpec(key, "HmacSHA256"));
    macAfterPrefix.update(prefix);
    byte[] ipad = new byte[64];
    opadBlock = new byte[64];
    for (int k = 0; k < 64; k++) {
      byte kb = k < key.length ? key[k] : 0;
      ipad[k] = (byte) (kb ^ 0x36);
      opadBlock[k] = (byte) (kb ^ 0x5c);
    }
    innerTemplate = MessageDigest.getInstance("SHA-256");
    innerTemplate.update(ipad);
    innerTemplate.update(prefix);
    outerTemplate = MessageDigest.getInstance("SHA-256");
    outerTemplate.update(opadBlock);
    outerReused = MessageDigest.getInstance("SHA-256");

    byte[][] results = new byte[5][];
    jcaMac();
    results[0] = out.clone();
    i--;
    macClone();
    results[1] = out.clone();
    i--;
    digestClones();
    results[2] = out.clone();
    i--;
    digestCloneInnerReuseOuter();
    results[3] = out.clone();
    i--;
    mac.update(prefix);
    mac.update(bodies[0]);
    results[4] = mac.doFinal();
    for (byte[] b : results) {
      if (!Arrays.equals(b, results[4])) {
        throw new GeneralSecurityException("strategies disagree");
      }
    }
    i = 0;
  }

  private byte[] next() {
    return bodies[i++ & (N - 1)];
  }

  /**
   * Today's path: a per-thread {@code Mac}, update and doFinal (4 compressions).
   *
   * @return the output buffer
   * @throws GeneralSecurityException never
   */
  @Benchmark
  public byte[] jcaMac() throws GeneralSecurityException {
    mac.update(prefix);
    mac.update(next());
    mac.doFinal(out, 0);
    return out;
  }

  /**
   * Clone of a {@code Mac} that already absorbed the prefix (3 compressions).
   *
   * @return the output buffer
   * @throws GeneralSecurityException never
   */
  @Benchmark
  public byte[] macClone() throws GeneralSecurityException {
    try {
      Mac m = (Mac) macAfterPrefix.clone();
      m.update(next());
      m.doFinal(out, 0);
      return out;
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Clones of the precomputed inner and outer SHA-256 states (2 compressions, 2 copies).
   *
   * @return the output buffer
   * @throws DigestException never
   */
  @Benchmark
  public byte[] digestClones() throws DigestException {
    try {
      MessageDigest inner = (MessageDigest) innerTemplate.clone();
      inner.update(next());
      inner.digest(out, 0, 32);
      MessageDigest outer = (MessageDigest) outerTemplate.clone();
      outer.update(out, 0, 32);
      outer.digest(out, 0, 32);
      return out;
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Clone of the inner state; the outer digest is reused and re-absorbs {@code K⊕opad} (3
   * compressions, 1 copy).
   *
   * @return the output buffer
   * @throws DigestException never
   */
  @Benchmark
  public byte[] digestCloneInnerReuseOuter() throws DigestException {
    try {
      MessageDigest inner = (MessageDigest) innerTemplate.clone();
      inner.update(next());
      inner.digest(out, 0, 32);
      outerReused.update(opadBlock);
      outerReused.update(out, 0, 32);
      outerReused.digest(out, 0, 32);
      return out;
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
  }
}
