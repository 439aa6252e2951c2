package io.github.nirguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: a write to standard output that fails (disk full, closed pipe) is exit 4 with its
 * cause, never exit 0.
 */
class StdoutFailureTest {
  @TempDir Path dir;

  /** Takes {@code capacity} characters, then fails as a full disk does. */
  static final class FullDisk extends Writer {
    private int room;
    final StringWriter taken = new StringWriter();

    FullDisk(int capacity) {
      this.room = capacity;
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
      if (len > room) {
        throw new IOException("No space left on device");
      }
      room -= len;
      taken.write(cbuf, off, len);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  private Path nirs() throws IOException {
    Path p = dir.resolve("nirs.txt");
    Files.write(p, List.of("255081416802538", "253072A07300443"), StandardCharsets.UTF_8);
    return p;
  }

  private void assertDiskFull(CliRun.Result r, String command) {
    assertEquals(ExitCodes.UNWRITABLE, r.code(), command + ": " + r.err());
    assertTrue(
        r.err().contains(command + ": cannot write standard output (no space left on device)"),
        r.err());
  }

  @Test
  void validateOnAFullDiskExits4WithTheCause() throws IOException {
    for (String format : new String[] {"text", "csv", "json"}) {
      CliRun.Result r =
          CliRun.run(new FullDisk(10), "validate", "--format", format, nirs().toString());
      assertDiskFull(r, "nir validate");
      assertFalse(r.err().contains("valid, "), "no summary after a failed write: " + r.err());
    }
  }

  @Test
  void validateWithRoomEnoughStillExits0() throws IOException {
    FullDisk roomy = new FullDisk(1 << 20);
    CliRun.Result r = CliRun.run(roomy, "validate", nirs().toString());
    assertEquals(ExitCodes.OK, r.code(), r.err());
    assertEquals(2, roomy.taken.toString().split("\n").length);
  }

  @Test
  void lineCommandsOnAFullDiskExit4WithTheCause() throws IOException {
    CliRun.Keys keys = CliRun.createKeys(dir, "p", "token", "prp-token", "fpe");
    Path in = nirs();
    assertDiskFull(
        CliRun.run(new FullDisk(5), keys.after("tokenize", "--purpose", "p", in.toString())),
        "nir tokenize");
    assertDiskFull(
        CliRun.run(new FullDisk(5), keys.after("fpe", "encrypt", "--purpose", "p", in.toString())),
        "nir fpe encrypt");

    CliRun.Result hidden =
        CliRun.run(keys.after("fpe", "encrypt", "--purpose", "p", in.toString()));
    assertEquals(ExitCodes.OK, hidden.code(), hidden.err());
    Path fpe = dir.resolve("fpe.txt");
    Files.writeString(fpe, hidden.out());
    assertDiskFull(
        CliRun.run(
            new FullDisk(5),
            keys.after("fpe", "decrypt", "--reason", "test", "--purpose", "p", fpe.toString())),
        "nir fpe decrypt");

    CliRun.Result tokens =
        CliRun.run(keys.after("tokenize", "--purpose", "p", "--scheme", "prp", in.toString()));
    assertEquals(ExitCodes.OK, tokens.code(), tokens.err());
    Path tok = dir.resolve("tokens.txt");
    Files.writeString(tok, tokens.out());
    assertDiskFull(
        CliRun.run(
            new FullDisk(5),
            keys.after("detokenize", "--reason", "test", "--purpose", "p", tok.toString())),
        "nir detokenize");
  }
}
