package io.github.nirguard.spark;

import io.github.nirguard.risk.RiskMeter;
import io.github.nirguard.risk.RiskReport;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Scaling benchmark of {@link SparkRisk} (not a unit test): the report of a generated table of N
 * rows (default 3,000,000; {@link RiskTables}: two rows per person, quasi-identifiers birth month,
 * sex, department, sensitive blood group and care code, people by pseudonym) in {@code local[1]}
 * and {@code local[2]}.
 *
 * <p>Each round and master starts a session, generates the table on the executors ({@code
 * spark.range} over 8 partitions) and caches it (not timed), counts the report once on a tenth of
 * the rows (warm-up), then times {@code SparkRisk.report} on the whole table: wall time, and the
 * process CPU time over it (CPU s / wall s = cores actually used). Masters alternate within each
 * round, so that both see the same background load on a shared machine; the load average is printed
 * with each pass. The reports of all passes must be equal.
 *
 * <pre>{@code
 * mvn -q -B -o -pl nir-spark -am test-compile dependency:build-classpath -Dnirguard.fast \
 *   -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/risk-bench.cp
 * SPARK_LOCAL_IP=127.0.0.1 java -Xmx3g --add-opens=java.base/java.nio=ALL-UNNAMED \
 *   --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
 *   --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED \
 *   -cp nir-spark/target/test-classes:nir-spark/target/classes:$(cat /tmp/risk-bench.cp) \
 *   io.github.nirguard.spark.SparkRiskBenchmark 3000000
 * }</pre>
 *
 * <p>{@code -Dbench.runs=N} sets the rounds (default 2), {@code -Dbench.masters=...} the masters.
 */
public final class SparkRiskBenchmark {
  static final long SEED = 2026L;
  static final int PARTITIONS = 8;
  static final RiskMeter.Columns COLUMNS =
      new RiskMeter.Columns(
          List.of("birth_month", "sex", "department"), List.of("blood", "care"), "pseudo");

  private SparkRiskBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args the number of rows (optional)
   * @throws Exception if anything fails
   */
  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 3_000_000L;
    int runs = Integer.getInteger("bench.runs", 2);
    List<String> masters =
        Arrays.asList(System.getProperty("bench.masters", "local[1],local[2]").split(","));
    System.out.printf(
        Locale.ROOT,
        "rows=%,d runs=%d cores=%d java=%s load=%s%n",
        rows,
        runs,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        load());
    double[][] wall = new double[masters.size()][runs];
    double[][] cpu = new double[masters.size()][runs];
    RiskReport first = null;
    for (int round = 0; round < runs; round++) {
      for (int m = 0; m < masters.size(); m++) {
        SparkSession spark =
            SparkSession.builder()
                .appName("nirguard-risk-bench")
                .master(masters.get(m))
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", String.valueOf(PARTITIONS))
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        try {
          Dataset<Row> warm = RiskTables.generated(spark, SEED + 1, rows / 10, PARTITIONS);
          var unused = SparkRisk.report(warm, COLUMNS);
          Dataset<Row> table =
              RiskTables.generated(spark, SEED, rows, PARTITIONS)
                  .persist(StorageLevel.MEMORY_AND_DISK());
          long n = table.count();
          String before = load();
          long cpu0 = cpuNanos();
          long t0 = System.nanoTime();
          RiskReport r = SparkRisk.report(table, COLUMNS);
          wall[m][round] = (System.nanoTime() - t0) / 1e9;
          cpu[m][round] = (cpuNanos() - cpu0) / 1e9;
          System.out.printf(
              Locale.ROOT,
              "round %d %-9s rows=%,d wall=%.2f s cpu=%.2f s (%.2f cores) load %s -> %s%n  %s%n",
              round + 1,
              masters.get(m),
              n,
              wall[m][round],
              cpu[m][round],
              cpu[m][round] / wall[m][round],
              before,
              load(),
              r);
          if (first == null) {
            first = r;
          } else if (!first.equals(r)) {
            throw new AssertionError("the reports differ between passes");
          }
          table.unpersist();
        } finally {
          spark.stop();
        }
      }
    }
    List<String> summary = new ArrayList<>();
    for (int m = 0; m < masters.size(); m++) {
      double[] w = wall[m].clone();
      Arrays.sort(w);
      summary.add(
          String.format(
              Locale.ROOT, "%s best %.2f s median %.2f s", masters.get(m), w[0], w[w.length / 2]));
    }
    System.out.println(String.join("; ", summary));
    if (masters.size() == 2) {
      double[] a = wall[0].clone();
      double[] b = wall[1].clone();
      Arrays.sort(a);
      Arrays.sort(b);
      System.out.printf(
          Locale.ROOT,
          "speed-up %s -> %s: best %.2fx, per round %s%n",
          masters.get(0),
          masters.get(1),
          a[0] / b[0],
          perRound(wall));
    }
  }

  private static String perRound(double[][] wall) {
    List<String> out = new ArrayList<>();
    for (int r = 0; r < wall[0].length; r++) {
      out.add(String.format(Locale.ROOT, "%.2fx", wall[0][r] / wall[1][r]));
    }
    return String.join(", ", out);
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + "/" + f[1];
    } catch (Exception e) {
      return "?";
    }
  }
}
