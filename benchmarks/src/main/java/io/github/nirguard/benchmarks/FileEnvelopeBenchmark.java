package io.github.nirguard.benchmarks;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import io.github.nirguard.crypto.FileEnvelope;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The file envelope beside raw Tink streaming AEAD on the same key type and data: encryption from a
 * byte array into a discarding stream, and decryption of a file (in the page cache) — our verified
 * two passes against Tink's single pass. The setup checks that both decrypt to the plaintext.
 * Divide the size by the time per operation for a throughput.
 *
 * <pre>{@code
 * java -cp 'benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*' \
 *     org.openjdk.jmh.Main FileEnvelopeBenchmark -f 1 -wi 2 -i 5
 * }</pre>
 *
 * @since 0.1.0
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(
    iterations = 2,
    time = 10) // 64 MB per operation: give the AES-GCM and SHA intrinsics time to kick in
@Measurement(iterations = 5, time = 4)
@Fork(1)
public class FileEnvelopeBenchmark {
  private static final int CHUNK = 1 << 16;

  /** Plaintext size in MiB. */
  @Param({"64"})
  public int mebibytes;

  private byte[] plaintext;
  private FileEnvelope envelope;
  private StreamingAead tink;
  private final byte[] associatedData = "nirguard-benchmark".getBytes(StandardCharsets.US_ASCII);
  private Path dir;
  private Path ours;
  private Path raw;
  private byte[] rawBytes;
  private final byte[] buffer = new byte[CHUNK];

  /**
   * Makes one FILE keyset (and a raw Tink keyset of the same type), the plaintext, and both
   * ciphertexts on disk.
   *
   * @throws Exception if setup fails
   */
  @Setup
  public void setup() throws Exception {
    KeyRing ring = KeyRingManager.empty().add("bench", KeyKind.FILE).ring();
    envelope = FileEnvelope.create(ring, "bench");
    // raw Tink on a keyset of the same type (AES-256-GCM-HKDF, 1 MB segments): the ring's keysets
    // are not API
    tink =
        KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB)
            .getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
    plaintext = new byte[mebibytes << 20];
    new SplittableRandom(42).nextBytes(plaintext);
    dir = Files.createTempDirectory("nirguard-bench");
    ours = dir.resolve("ours.nge");
    raw = dir.resolve("raw.tink");
    try (OutputStream out =
        envelope.encryptingStream(Files.newOutputStream(ours), "application/octet-stream")) {
      write(out);
    }
    try (OutputStream out = tink.newEncryptingStream(Files.newOutputStream(raw), associatedData)) {
      write(out);
    }
    rawBytes = Files.readAllBytes(raw);
    byte[] oursBack;
    try (InputStream in = envelope.openVerified(ours)) {
      oursBack = in.readAllBytes();
    }
    byte[] tinkBack;
    try (InputStream in = tink.newDecryptingStream(Files.newInputStream(raw), associatedData)) {
      tinkBack = in.readAllBytes();
    }
    if (!Arrays.equals(plaintext, oursBack) || !Arrays.equals(plaintext, tinkBack)) {
      throw new IllegalStateException("ours and Tink must decrypt to the same plaintext");
    }
  }

  /**
   * Deletes the ciphertext files.
   *
   * @throws IOException if they cannot be deleted
   */
  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(ours);
    Files.deleteIfExists(raw);
    Files.deleteIfExists(dir);
  }

  private void write(OutputStream out) throws IOException {
    for (int off = 0; off < plaintext.length; off += CHUNK) {
      out.write(plaintext, off, Math.min(CHUNK, plaintext.length - off));
    }
  }

  private long drain(InputStream in) throws IOException {
    long total = 0;
    for (int n; (n = in.read(buffer)) != -1; ) {
      total += n;
    }
    return total;
  }

  /**
   * nirguard: header, then Tink's stream, from memory into a discarding stream.
   *
   * @throws Exception never
   */
  @Benchmark
  public void encryptNirguard() throws Exception {
    try (OutputStream out =
        envelope.encryptingStream(OutputStream.nullOutputStream(), "application/octet-stream")) {
      write(out);
    }
  }

  /**
   * Peer: raw Tink {@code newEncryptingStream} on the same keyset and data.
   *
   * @throws Exception never
   */
  @Benchmark
  public void encryptTink() throws Exception {
    try (OutputStream out =
        tink.newEncryptingStream(OutputStream.nullOutputStream(), associatedData)) {
      write(out);
    }
  }

  /**
   * nirguard: {@code openVerified} (the verification pass, keeping each segment's tag), then the
   * second pass, comparing the tags, read to the end.
   *
   * @return the plaintext length
   * @throws Exception never
   */
  @Benchmark
  public long decryptNirguardVerified() throws Exception {
    try (InputStream in = envelope.openVerified(ours)) {
      return drain(in);
    }
  }

  /**
   * Peer: raw Tink single-pass {@code newDecryptingStream} over the same-size file, which releases
   * plaintext before it has seen the end.
   *
   * @return the plaintext length
   * @throws Exception never
   */
  @Benchmark
  public long decryptTinkSinglePass() throws Exception {
    try (InputStream in = tink.newDecryptingStream(Files.newInputStream(raw), associatedData)) {
      return drain(in);
    }
  }

  /**
   * Reference: two raw Tink single passes over the file, one after the other: what any two-pass
   * design built the plain way costs at least.
   *
   * @return the plaintext length of both passes
   * @throws Exception never
   */
  @Benchmark
  public long decryptTinkTwice() throws Exception {
    long total = 0;
    for (int pass = 0; pass < 2; pass++) {
      try (InputStream in = tink.newDecryptingStream(Files.newInputStream(raw), associatedData)) {
        total += drain(in);
      }
    }
    return total;
  }

  /**
   * Reference: raw Tink single pass from memory, to separate file reading from decryption.
   *
   * @return the plaintext length
   * @throws Exception never
   */
  @Benchmark
  public long decryptTinkFromMemory() throws Exception {
    try (InputStream in =
        tink.newDecryptingStream(new ByteArrayInputStream(rawBytes), associatedData)) {
      return drain(in);
    }
  }

  /**
   * Reference: SHA-256 of the plaintext, what each verified pass added before decision 0021.
   *
   * @return the digest
   * @throws GeneralSecurityException never
   */
  @Benchmark
  public byte[] sha256() throws GeneralSecurityException {
    return MessageDigest.getInstance("SHA-256").digest(plaintext);
  }
}
