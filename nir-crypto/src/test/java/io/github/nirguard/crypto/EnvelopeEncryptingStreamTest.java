package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileEnvelope#encryptingStream}'s life cycle: bytes written one at a time or in ranges
 * decrypt to themselves; a closed stream takes nothing more and closes once; after a failed write
 * the stream refuses more, flushes nothing and closing only closes the sink.
 */
class EnvelopeEncryptingStreamTest {
  static FileEnvelope small; // 4 KB segments

  @TempDir Path dir;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    TinkSetup.ensure();
    small =
        FileEnvelope.of(
            KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES128_GCM_HKDF_4KB),
            "lab-export");
  }

  private byte[] decrypt(byte[] envelope) throws IOException, GeneralSecurityException {
    Path in = Files.write(dir.resolve("in.nge"), envelope);
    Path out = dir.resolve("out.bin");
    Files.deleteIfExists(out);
    small.decrypt(in, out);
    return Files.readAllBytes(out);
  }

  @Test
  void singleBytesAndRangesDecryptToThemselves() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    byte[] expected = new byte[10_000];
    try (OutputStream s = small.encryptingStream(sink, "application/octet-stream")) {
      for (int i = 0; i < expected.length; i++) {
        expected[i] = (byte) (i * 31 + 7);
      }
      for (int i = 0; i < 5_000; i++) {
        s.write(expected[i]);
      }
      s.flush();
      s.write(new byte[] {0, 0}, 0, 0);
      byte[] padded = new byte[5_004];
      System.arraycopy(expected, 5_000, padded, 2, 5_000);
      s.write(padded, 2, 5_000);
    }
    assertArrayEquals(expected, decrypt(sink.toByteArray()));
  }

  @Test
  void aClosedStreamTakesNothingMoreAndClosesOnce() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    OutputStream s = small.encryptingStream(sink, "text/plain");
    s.write(new byte[] {1, 2, 3});
    s.close();
    byte[] envelope = sink.toByteArray();
    IOException e = assertThrows(IOException.class, () -> s.write(4));
    assertEquals("stream closed", e.getMessage());
    assertThrows(IOException.class, () -> s.write(new byte[] {4}, 0, 1));
    s.flush(); // nothing to flush, and no failure
    s.close(); // no second final segment
    assertArrayEquals(envelope, sink.toByteArray());
    assertArrayEquals(new byte[] {1, 2, 3}, decrypt(envelope));
  }

  @Test
  void afterAFailedWriteTheStreamRefusesMoreAndClosingClosesTheSinkOnly() throws Exception {
    Path target = dir.resolve("abandoned.nge");
    AtomicFile file = AtomicFile.create(target, null, false);
    OutputStream s = small.encryptingStream(file.stream(), "text/plain");
    s.write(new byte[100]);
    file.close(); // the sink refuses bytes from now on
    byte[] segment = new byte[8192];
    IOException first = assertThrows(IOException.class, () -> s.write(segment));
    assertEquals("stream closed", first.getMessage(), "the sink's own failure");
    IOException then = assertThrows(IOException.class, () -> s.write(1));
    assertEquals("an earlier write failed", then.getMessage());
    s.flush(); // flushes nothing into the failed sink
    s.close(); // closes the sink, writes no last segment (which would fail)
    s.close();
    assertEquals(false, Files.exists(target));
  }
}
