package io.github.nirguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: line commands cap the line length, skip a byte-order mark, and name an unreadable input
 * and its cause.
 */
class InputLimitsTest {
  private static final String NIR = "255081416802538";
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  @TempDir Path dir;

  private Path file(String name, byte[]... parts) throws IOException {
    Path p = dir.resolve(name);
    try (var out = Files.newOutputStream(p)) {
      for (byte[] part : parts) {
        out.write(part);
      }
    }
    return p;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] digits(int n) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) '7');
    return b;
  }

  @Test
  void aLineLongerThanTheLimitStopsEveryLineCommandWithItsLine() throws IOException {
    CliRun.Keys keys = CliRun.createKeys(dir, "p", "token", "prp-token", "fpe");
    Path in =
        file("long.txt", utf8(NIR + "\n"), digits(Input.MAX_LINE + 1), utf8("\n" + NIR + "\n"));
    String[][] commands = {
      {"validate", in.toString()},
      keys.after("tokenize", "--purpose", "p", in.toString()),
      keys.after("fpe", "encrypt", "--purpose", "p", in.toString()),
      keys.after("fpe", "decrypt", "--reason", "test", "--purpose", "p", in.toString()),
      keys.after("detokenize", "--reason", "test", "--purpose", "p", in.toString()),
    };
    for (String[] args : commands) {
      CliRun.Result r = CliRun.run(args);
      assertEquals(ExitCodes.UNREADABLE, r.code(), args[0] + ": " + r.err());
      assertTrue(r.err().contains(in + ": line 2 is longer than 65536 bytes"), r.err());
      assertFalse(r.err().contains("7777777"), "no value in the message");
    }
  }

  @Test
  void aLineOfExactlyTheLimitIsReadEvenWithACarriageReturn() throws IOException {
    Path in = file("limit.txt", digits(Input.MAX_LINE), utf8("\r\n"), utf8(NIR + "\n"));
    CliRun.Result r = CliRun.run("validate", "--format", "csv", in.toString());
    assertEquals(ExitCodes.INVALID, r.code(), r.err());
    assertTrue(r.out().startsWith("line,status,reason\n1,invalid,"), r.out());
    assertTrue(r.out().endsWith("2,valid,\n"), r.out());
  }

  @Test
  void anEndlessLineIsNotBuffered() throws IOException {
    long[] consumed = {0};
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            consumed[0]++;
            return '7';
          }

          @Override
          public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) '7');
            consumed[0] += len;
            return len;
          }
        };
    try (Input in = new Input(endless, Input.MAX_LINE)) {
      Input.LineTooLongException e = assertThrows(Input.LineTooLongException.class, in::readLine);
      assertEquals("line 1 is longer than 65536 bytes", e.getMessage());
    }
    assertTrue(consumed[0] < 4 * Input.MAX_LINE, "read " + consumed[0] + " bytes");
  }

  @Test
  void aByteOrderMarkIsNotData() throws IOException {
    CliRun.Result plain =
        CliRun.run("validate", "--format", "csv", file("plain.txt", utf8(NIR + "\n")).toString());
    CliRun.Result bom =
        CliRun.run(
            "validate", "--format", "csv", file("bom.txt", BOM, utf8(NIR + "\n")).toString());
    assertEquals(ExitCodes.OK, bom.code(), bom.out());
    assertEquals(plain.out(), bom.out());

    CliRun.Keys keys = CliRun.createKeys(dir, "p", "token", "fpe");
    for (String[] cmd : new String[][] {{"tokenize"}, {"fpe", "encrypt"}}) {
      String[] a = java.util.Arrays.copyOf(cmd, cmd.length + 3);
      a[cmd.length] = "--purpose";
      a[cmd.length + 1] = "p";
      a[cmd.length + 2] = dir.resolve("plain.txt").toString();
      CliRun.Result p = CliRun.run(keys.after(a));
      a[cmd.length + 2] = dir.resolve("bom.txt").toString();
      CliRun.Result b = CliRun.run(keys.after(a));
      assertEquals(ExitCodes.OK, b.code(), b.err());
      assertEquals(p.out(), b.out());
    }
  }

  @Test
  void aByteOrderMarkAfterTheFirstLineIsStillData() throws IOException {
    CliRun.Result r =
        CliRun.run(
            "validate",
            "--format",
            "csv",
            file("mid.txt", utf8(NIR + "\n"), BOM, utf8(NIR + "\n")).toString());
    assertEquals(ExitCodes.INVALID, r.code());
    assertTrue(r.out().contains("2,invalid,"), r.out());
  }

  @Test
  void aDirectoryAsInputIsUnreadableWithItsCause() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("sub"));
    CliRun.Result r = CliRun.run("validate", sub.toString());
    assertEquals(ExitCodes.UNREADABLE, r.code());
    assertEquals("nir validate: " + sub + ": cannot read (is a directory)\n", r.err());
    CliRun.Keys keys = CliRun.createKeys(dir, "p", "token");
    CliRun.Result t = CliRun.run(keys.after("tokenize", "--purpose", "p", sub.toString()));
    assertEquals(ExitCodes.UNREADABLE, t.code());
    assertEquals("nir tokenize: " + sub + ": cannot read (is a directory)\n", t.err());
  }
}
