package io.github.nirguard.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A control for the machine, not for nirguard: how much more CPU the same work costs when both
 * cores run it. Three kinds of work, each done once by one thread and then once by each of two
 * threads (the same amount per thread), in alternating rounds after a warm-up: a register-only
 * arithmetic loop, short strings built and encoded to UTF-8 (allocation, as a CSV row's cells), and
 * JCA AES-GCM of 64-byte records (as a row seal). It prints, per round, the wall time and the
 * process CPU per thread's share. Where the arithmetic costs the same on two threads and the others
 * cost more, the two cores share something (caches, memory bandwidth, a host's sibling threads)
 * that caps the speed-up of allocation-heavy work such as the pipeline (decision 0030).
 *
 * <pre>{@code
 * java -XX:+UseSerialGC -Xms2g -Xmn1g \
 *     -cp 'benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*' \
 *     io.github.nirguard.benchmarks.TwoCoreControl 6
 * }</pre>
 *
 * @since 0.1.0
 */
public final class TwoCoreControl {
  private static volatile long sink;

  private TwoCoreControl() {}

  private static long work(int kind, int n) throws Exception {
    long s = 0;
    if (kind == 0) {
      long x = 1;
      for (int i = 0; i < n * 400; i++) {
        x = x * 6364136223846793005L + 1442695040888963407L;
        s += x >>> 60;
      }
    } else if (kind == 1) {
      for (int i = 0; i < n; i++) {
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < 12; j++) {
          b.append(j * 31 + i).append(';');
        }
        s += b.toString().getBytes(StandardCharsets.UTF_8).length;
      }
    } else {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      SecretKeySpec k = new SecretKeySpec(new byte[16], "AES");
      byte[] iv = new byte[12];
      byte[] p = new byte[64];
      for (int i = 0; i < n; i++) {
        iv[0] = (byte) i;
        iv[1] = (byte) (i >> 8);
        iv[2] = (byte) (i >> 16);
        iv[3] = (byte) (i >> 24);
        c.init(Cipher.ENCRYPT_MODE, k, new GCMParameterSpec(128, iv));
        s += c.doFinal(p).length;
      }
    }
    return s;
  }

  /**
   * Runs the control.
   *
   * @param args the number of rounds (default 6)
   * @throws Exception if a kind of work fails
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    String[] names = {"arithmetic", "strings+utf8", "aes-gcm-64B"};
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int kind = 0; kind < 3; kind++) {
        int n = kind == 0 ? 2_000_000 : kind == 1 ? 6_000_000 : 2_000_000;
        for (int w = 0; w < 4; w++) {
          sink += work(kind, n);
        }
        for (int round = 0; round < rounds; round++) {
          for (int threads = 1; threads <= 2; threads++) {
            final int k = kind;
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            List<Future<Long>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
              done.add(pool.submit(() -> work(k, n)));
            }
            for (Future<Long> f : done) {
              sink += f.get();
            }
            long wall = System.nanoTime() - t0;
            long cpu = os.getProcessCpuTime() - cpu0;
            System.out.printf(
                "%-13s round %d, %d thread(s): wall %.3f s, CPU per thread's share %.3f s%n",
                names[kind], round, threads, wall / 1e9, cpu / 1e9 / threads);
          }
        }
      }
    } finally {
      pool.shutdown();
    }
    System.out.println(
        "load "
            + new String(
                    java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg")),
                    StandardCharsets.US_ASCII)
                .trim()
            + " (sink "
            + (sink & 1)
            + ")");
  }
}
