package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test
  void flushReachesTheSink() throws Exception {
    Path file = dir.resolve("flushed.nge");
    try (java.io.BufferedOutputStream sink =
        new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      OutputStream s = small.encryptingStream(sink, "text/plain");
      s.write(new byte[10_000]);
      assertEquals(0, Files.size(file), "still in the sink's buffer");
      s.flush();
      assertTrue(Files.size(file) > 8_000, "flushed: " + Files.size(file));
      s.close();
    }
    assertArrayEquals(new byte[10_000], decrypt(Files.readAllBytes(file)));
  }

  /** A full device (Linux's /dev/full: every write fails with ENOSPC) behind a buffer. */
  @Test
  @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
  void onAFullDeviceTheStreamFailsOnceThenOnlyClosesTheSink() throws Exception {
    java.io.FileOutputStream device = new java.io.FileOutputStream("/dev/full");
    OutputStream s =
        small.encryptingStream(new java.io.BufferedOutputStream(device, 1 << 16), "text/plain");
    assertThrows(IOException.class, () -> s.write(new byte[200_000]), "no space left");
    IOException then = assertThrows(IOException.class, () -> s.write(1));
    assertEquals("an earlier write failed", then.getMessage());
    s.flush(); // does not flush the failed sink again (which would fail)
    assertTrue(device.getChannel().isOpen());
    assertThrows(IOException.class, s::close, "the sink's last flush fails");
    assertFalse(device.getChannel().isOpen(), "closing closed the sink");
    s.close(); // once
  }
}
