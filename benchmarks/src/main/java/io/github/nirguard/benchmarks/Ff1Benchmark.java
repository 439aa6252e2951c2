package io.github.nirguard.benchmarks;

import io.github.nirguard.crypto.fpe.Ff1;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * FF1 on a 13-digit NIR body: the decimal fast path, its batch form, the general path and Bouncy
 * Castle's {@code FPEFF1Engine}, side by side in one run.
 *
 * <p>All four encrypt the same 1024 random 13-digit values, cycled, under one AES-128 key and the
 * tweak {@code "lab-export"}. Bouncy Castle and the general path get their numerals precomputed, so
 * no conversion is timed. The batch benchmark encrypts all 1024 values per invocation and reports
 * the cost of one value.
 *
 * <pre>{@code
 * java -cp 'benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*' \
 *     org.openjdk.jmh.Main Ff1Benchmark -prof gc -t 1   # then -t 2
 * }</pre>
 *
 * @since 0.1.0
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Ff1Benchmark {

  static final int VALUES = 1024;
  static final int DIGITS = 13;

  /**
   * The key, the tweak, the inputs and our thread-safe instances, shared by all threads.
   *
   * <pre>{@code
   * @Benchmark public long run(Shared shared) { return shared.domain.encrypt(shared.values[0]); }
   * }</pre>
   *
   * @since 0.1.0
   */
  @State(Scope.Benchmark)
  public static class Shared {
    byte[] key;
    byte[] tweak;
    long[] values;
    byte[][] bcNumerals;
    int[][] numerals;
    Ff1 ff1;
    Ff1.Domain domain;

    /** Draws the inputs from a fixed seed and prepares the instances. */
    @Setup
    public void setUp() {
      SplittableRandom random = new SplittableRandom(13);
      key = new byte[16];
      random.nextBytes(key);
      tweak = "lab-export".getBytes(StandardCharsets.UTF_8);
      values = new long[VALUES];
      bcNumerals = new byte[VALUES][DIGITS];
      numerals = new int[VALUES][DIGITS];
      for (int i = 0; i < VALUES; i++) {
        long v = random.nextLong(10_000_000_000_000L);
        values[i] = v;
        for (int k = DIGITS - 1; k >= 0; k--) {
          bcNumerals[i][k] = (byte) (v % 10);
          numerals[i][k] = (int) (v % 10);
          v /= 10;
        }
      }
      ff1 = Ff1.insecureFromRawKey(key, 10);
      domain = ff1.domain(tweak, DIGITS);
    }
  }

  /**
   * Per-thread cursor, output buffers and Bouncy Castle engine (which is not thread-safe).
   *
   * <pre>{@code
   * @Benchmark public byte[] run(Shared shared, PerThread thread) {
   *     thread.bc.processBlock(shared.bcNumerals[thread.index()], 0, 13, thread.bcOut, 0);
   *     return thread.bcOut;
   * }
   * }</pre>
   *
   * @since 0.1.0
   */
  @State(Scope.Thread)
  public static class PerThread {
    int next;
    long[] batchOut = new long[VALUES];
    byte[] bcOut = new byte[DIGITS];
    FPEFF1Engine bc;

    /** Creates this thread's Bouncy Castle engine. */
    @Setup
    public void setUp(Shared shared) {
      bc = new FPEFF1Engine();
      bc.init(true, new FPEParameters(new KeyParameter(shared.key), 10, shared.tweak));
    }

    int index() {
      int i = next;
      next = (i + 1) & (VALUES - 1);
      return i;
    }
  }

  /** Our decimal fast path: one 13-digit value held in a {@code long}. */
  @Benchmark
  public long fastPath(Shared shared, PerThread thread) {
    return shared.domain.encrypt(shared.values[thread.index()]);
  }

  /** Our batch path: 1024 values per call, one AES call per round per 256 values. */
  @Benchmark
  @OperationsPerInvocation(VALUES)
  public long[] batchPath(Shared shared, PerThread thread) {
    shared.domain.encrypt(shared.values, thread.batchOut, VALUES);
    return thread.batchOut;
  }

  /** Our general path (BigInteger arithmetic) on the same digits. */
  @Benchmark
  public int[] generalPath(Shared shared, PerThread thread) {
    return shared.ff1.encrypt(shared.tweak, shared.numerals[thread.index()]);
  }

  /** Bouncy Castle {@code FPEFF1Engine} on the same digits. */
  @Benchmark
  public byte[] bouncyCastle(Shared shared, PerThread thread) {
    thread.bc.processBlock(shared.bcNumerals[thread.index()], 0, DIGITS, thread.bcOut, 0);
    return thread.bcOut;
  }
}
