package io.github.nirguard.benchmarks;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import io.github.nirguard.crypto.FileEnvelope;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A companion to {@link FileEnvelopeBenchmark} for a loaded machine: alternates our verified
 * decryption and Tink's single pass over the same 64 MiB files and reports the medians of wall time
 * and of the decrypting thread's CPU time, which a neighbour's load disturbs less than wall time.
 * The first quarter of the rounds is warm-up. JMH remains the measure; this only steadies the
 * ratio.
 *
 * <pre>{@code
 * java -cp 'benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*' \
 *     io.github.nirguard.benchmarks.VerifiedDecryptionCpuCheck 80
 * }</pre>
 *
 * @since 0.1.0
 */
public final class VerifiedDecryptionCpuCheck {
  private static final byte[] BUFFER = new byte[1 << 16];

  private VerifiedDecryptionCpuCheck() {}

  private static long drain(InputStream in) throws IOException {
    long total = 0;
    for (int n; (n = in.read(BUFFER)) != -1; ) {
      total += n;
    }
    return total;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  /**
   * Runs the check.
   *
   * @param args the number of rounds (default 80)
   * @throws Exception if a decryption fails or the two disagree on the length
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 80;
    KeyRing ring = KeyRingManager.empty().add("bench", KeyKind.FILE).ring();
    FileEnvelope envelope = FileEnvelope.create(ring, "bench");
    StreamingAead tink =
        KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB)
            .getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
    byte[] associatedData = "nirguard-benchmark".getBytes(StandardCharsets.US_ASCII);
    byte[] plaintext = new byte[64 << 20];
    new SplittableRandom(42).nextBytes(plaintext);
    Path dir = Files.createTempDirectory("nirguard-cpu");
    Path ours = dir.resolve("ours.nge");
    Path raw = dir.resolve("raw.tink");
    try {
      try (OutputStream out =
          envelope.encryptingStream(Files.newOutputStream(ours), "application/octet-stream")) {
        out.write(plaintext);
      }
      try (OutputStream out =
          tink.newEncryptingStream(Files.newOutputStream(raw), associatedData)) {
        out.write(plaintext);
      }
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      List<Double> oursWall = new ArrayList<>();
      List<Double> oursCpu = new ArrayList<>();
      List<Double> tinkWall = new ArrayList<>();
      List<Double> tinkCpu = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < 2; k++) {
          boolean isOurs = (r + k) % 2 == 0; // alternate which goes first
          long wall = System.nanoTime();
          long cpu = threads.getCurrentThreadCpuTime();
          long n;
          if (isOurs) {
            try (InputStream in = envelope.openVerified(ours)) {
              n = drain(in);
            }
          } else {
            try (InputStream in =
                tink.newDecryptingStream(Files.newInputStream(raw), associatedData)) {
              n = drain(in);
            }
          }
          double wallMs = (System.nanoTime() - wall) / 1e6;
          double cpuMs = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
          if (n != plaintext.length) {
            throw new IllegalStateException("ours and Tink must decrypt the whole plaintext");
          }
          if (r >= rounds / 4) {
            (isOurs ? oursWall : tinkWall).add(wallMs);
            (isOurs ? oursCpu : tinkCpu).add(cpuMs);
          }
        }
      }
      System.out.printf(
          Locale.ROOT,
          "ours: wall %.1f ms, CPU %.1f ms; Tink single pass: wall %.1f ms, CPU %.1f ms;"
              + " Tink / ours: wall %.3f, CPU %.3f (medians of %d alternating rounds)%n",
          median(oursWall),
          median(oursCpu),
          median(tinkWall),
          median(tinkCpu),
          median(tinkWall) / median(oursWall),
          median(tinkCpu) / median(oursCpu),
          oursWall.size());
    } finally {
      Files.deleteIfExists(ours);
      Files.deleteIfExists(raw);
      Files.deleteIfExists(dir);
    }
  }
}
