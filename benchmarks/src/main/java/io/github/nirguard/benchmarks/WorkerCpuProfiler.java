package io.github.nirguard.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that puts CPU time beside wall time, iteration by iteration: the CPU time of the
 * benchmark's worker threads (JMH names them {@code …-jmh-worker-…}) and of the whole process, each
 * divided by every operation of the iteration. Where the wall time per operation grows and the
 * workers' CPU time does not, the workers waited (for a core, say); where both grow, they did more
 * work.
 *
 * <pre>{@code
 * java -cp 'benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*' \
 *     org.openjdk.jmh.Main 'ScanBenchmark.scannerCount' -p text=none -f 1 -wi 4 -w 2 -i 12 -r 2 \
 *     -prof io.github.nirguard.benchmarks.WorkerCpuProfiler -v EXTRA
 * }</pre>
 *
 * <p>{@code -v EXTRA} prints the per-iteration figures; the summary shows their means.
 *
 * @since 0.1.0
 */
public final class WorkerCpuProfiler implements InternalProfiler {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private long workersBefore;
  private long processBefore;

  /** Creates the profiler; JMH calls this by reflection. */
  public WorkerCpuProfiler() {}

  @Override
  public String getDescription() {
    return "CPU time of the JMH worker threads and of the process, per operation";
  }

  private long workersCpu() {
    long sum = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains("jmh-worker")) {
        long t = threads.getThreadCpuTime(info.getThreadId());
        if (t > 0) {
          sum += t;
        }
      }
    }
    return sum;
  }

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    workersBefore = workersCpu();
    processBefore = processCpu();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long workers = workersCpu() - workersBefore;
    long process = processCpu() - processBefore;
    long ops = Math.max(1, result.getMetadata().getAllOps());
    return List.of(
        new ScalarResult("cpu.workers", workers / 1e3 / ops, "us/op", AggregationPolicy.AVG),
        new ScalarResult("cpu.process", process / 1e3 / ops, "us/op", AggregationPolicy.AVG));
  }
}
