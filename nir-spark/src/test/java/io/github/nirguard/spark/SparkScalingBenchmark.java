package io.github.nirguard.spark;

import static org.apache.spark.sql.functions.col;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyedTokenizer;
import io.github.nirguard.crypto.NirFpe;
import io.github.nirguard.testkit.Nirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Scaling benchmark (not a unit test): N rows keyed-tokenized and FPE-encrypted by the plain
 * library on one thread, then by Spark in {@code local[1]} and {@code local[2]}.
 *
 * <p>Every row is a strictly valid NIR text drawn from a pool of one million generated NIRs (row
 * {@code i} takes pool entry {@code i mod 1,000,000}; the pool is built once per JVM from a fixed
 * seed). The plain library parses each text once, tokenizes it ({@code KeyedTokenizer}) and
 * encrypts it ({@code NirFpe}, marked mode). Spark runs {@code spark.range(n, 8 partitions) → text
 * → nir_token, nir_fpe_encrypt} and writes to the {@code noop} sink, which evaluates every column
 * and stores nothing. The configurations run in interleaved rounds (plain 1 thread, plain 2
 * threads, {@code local[1]}, {@code local[2]}, then again), each timed pass after a warm-up pass at
 * a tenth of the size, so that all see the same background load on a shared machine; the best and
 * median wall times are printed, with the process CPU time of the best pass (CPU s / wall s = cores
 * actually used).
 *
 * <p>Run it from the repository root (after {@code mvn -q -Dnirguard.fast -pl nir-spark install}):
 *
 * <pre>{@code
 * mvn -q -pl nir-spark dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
 * SPARK_LOCAL_IP=127.0.0.1 java -Xmx4g \
 *   --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
 *   --add-opens=java.base/sun.util.calendar=ALL-UNNAMED \
 *   -cp nir-spark/target/test-classes:nir-spark/target/classes:$(cat nir-spark/target/bench.cp) \
 *   io.github.nirguard.spark.SparkScalingBenchmark 10000000
 * }</pre>
 *
 * <p>The argument is the number of rows (default 10,000,000). {@code -Dbench.runs=N} changes the
 * number of rounds (default 3); {@code -Dbench.masters=local[1],local[2]} the Spark masters.
 */
public final class SparkScalingBenchmark {
  static final int POOL = 1_000_000;
  static final int PARTITIONS = 8;
  static final String TOKEN_PURPOSE = "bench-token";
  static final String FPE_PURPOSE = "bench-fpe";

  private SparkScalingBenchmark() {}

  /** The texts, built once per JVM (driver and, in local mode, executors). */
  static final class Pool {
    static final String[] TEXTS =
        Nirs.valid().map(Nir::compact).sample(7L, POOL).toArray(new String[0]);

    private Pool() {}
  }

  /** {@code bench_text(id)}: the pool entry of a row. */
  static final class Text implements UDF1<Long, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String call(Long id) {
      return Pool.TEXTS[(int) (id % POOL)];
    }
  }

  /**
   * Runs the benchmark.
   *
   * @param args the number of rows (optional)
   * @throws Exception if anything fails
   */
  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 10_000_000L;
    int runs = Integer.getInteger("bench.runs", 3);
    List<String> masters =
        Arrays.asList(System.getProperty("bench.masters", "local[1],local[2]").split(","));

    Path dir = Files.createTempDirectory("nirguard-bench");
    KeyRing ring = SparkTests.ring(TOKEN_PURPOSE, FPE_PURPOSE);
    ProtectedKeys keys = SparkTests.protect(ring, dir);
    KeyedTokenizer tokenizer = KeyedTokenizer.create(ring, TOKEN_PURPOSE);
    NirFpe fpe = NirFpe.create(ring, FPE_PURPOSE);
    System.out.printf(
        Locale.ROOT,
        "rows=%,d runs=%d cores=%d java=%s%n",
        rows,
        runs,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    System.out.printf(Locale.ROOT, "pool: %,d texts%n", Pool.TEXTS.length);

    // Rounds interleave the configurations, so that each sees the same background load on a
    // shared machine; every configuration is warmed up (a tenth of the rows) before its timed run.
    List<String> names =
        new ArrayList<>(List.of("plain library, 1 thread", "plain library, 2 threads"));
    for (String m : masters) {
      names.add("Spark " + m);
    }
    double[][] wall = new double[names.size()][runs];
    double[][] cpu = new double[names.size()][runs];
    for (int round = 0; round < runs; round++) {
      time(names, 0, round, rows, wall, cpu, n -> plain(tokenizer, fpe, n));
      time(names, 1, round, rows, wall, cpu, n -> plainParallel(tokenizer, fpe, n));
      for (int m = 0; m < masters.size(); m++) {
        SparkSession session = SparkTests.session(masters.get(m));
        try {
          NirFunctions nir = NirFunctions.register(session, keys);
          session.udf().register("bench_text", new Text(), DataTypes.StringType);
          time(names, 2 + m, round, rows, wall, cpu, n -> spark(session, nir, n));
        } finally {
          session.stop();
        }
      }
    }
    System.out.println();
    System.out.println(
        "| configuration | best wall (s) | median wall (s) | rows/s (best) | CPU s / wall s (best run) |");
    System.out.println("|---|---:|---:|---:|---:|");
    double[] best = new double[names.size()];
    for (int c = 0; c < names.size(); c++) {
      int b = 0;
      for (int r = 1; r < runs; r++) {
        if (wall[c][r] < wall[c][b]) {
          b = r;
        }
      }
      double[] sorted = wall[c].clone();
      Arrays.sort(sorted);
      best[c] = wall[c][b];
      System.out.printf(
          Locale.ROOT,
          "| %s | %.2f | %.2f | %,.0f | %.2f |%n",
          names.get(c),
          best[c],
          sorted[runs / 2],
          rows / best[c],
          cpu[c][b] / wall[c][b]);
    }
    System.out.printf(Locale.ROOT, "%nplain 2 threads vs 1 thread: %.2fx%n", best[0] / best[1]);
    if (masters.size() >= 2) {
      System.out.printf(
          Locale.ROOT,
          "speed-up %s -> %s: %.2fx (goal >= 1.6x)%n",
          masters.get(0),
          masters.get(1),
          best[2] / best[3]);
    }
    System.out.printf(
        Locale.ROOT,
        "%s / plain 1 thread: %.2fx (goal <= 2x)%n",
        masters.get(0),
        best[2] / best[0]);
  }

  /** A timed workload over n rows. */
  @FunctionalInterface
  interface Workload {
    long run(long n) throws Exception;
  }

  private static void time(
      List<String> names, int c, int round, long rows, double[][] wall, double[][] cpu, Workload w)
      throws Exception {
    w.run(Math.max(1, rows / 10)); // warm-up: JIT, Spark planning, key decryption
    long cpu0 = processCpuNanos();
    long start = System.nanoTime();
    long check = w.run(rows);
    wall[c][round] = (System.nanoTime() - start) / 1e9;
    cpu[c][round] = (processCpuNanos() - cpu0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "round %d  %-28s %7.2f s wall %7.2f s CPU  (check %d)%n",
        round + 1,
        names.get(c),
        wall[c][round],
        cpu[c][round],
        check);
  }

  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean
        ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime()
        : 0;
  }

  static long plain(KeyedTokenizer tokenizer, NirFpe fpe, long n) {
    long check = 0;
    for (long i = 0; i < n; i++) {
      check += plainRow(tokenizer, fpe, i);
    }
    return check;
  }

  static long plainParallel(KeyedTokenizer tokenizer, NirFpe fpe, long n) {
    AtomicLong check = new AtomicLong();
    LongStream.range(0, n).parallel().forEach(i -> check.addAndGet(plainRow(tokenizer, fpe, i)));
    return check.get();
  }

  private static long plainRow(KeyedTokenizer tokenizer, NirFpe fpe, long i) {
    String text = Pool.TEXTS[(int) (i % POOL)];
    Nir nir = Nir.tryParse(text).orElse(null);
    if (nir == null) {
      return 0;
    }
    String token = tokenizer.tokenize(nir).value();
    String hidden = fpe.encrypt(nir);
    return token.charAt(20) + hidden.charAt(7);
  }

  static long spark(SparkSession session, NirFunctions nir, long n) {
    Column text = functions.call_function("bench_text", col("id"));
    Dataset<Row> out =
        session
            .range(0, n, 1, PARTITIONS)
            .select(text.as("text"))
            .select(
                nir.token(col("text"), TOKEN_PURPOSE).as("token"),
                nir.fpeEncrypt(col("text"), FPE_PURPOSE).as("fpe"));
    out.write().format("noop").mode("overwrite").save();
    return n;
  }
}
