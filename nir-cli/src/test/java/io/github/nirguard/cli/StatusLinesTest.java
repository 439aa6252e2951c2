package io.github.nirguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: data on stdout, everything else (status, summary, progress) on stderr; progress on the
 * long commands when stderr is a terminal (forced here with {@code nirguard.progress=always}); an
 * error ends the progress line first, so it stands on its own line.
 */
class StatusLinesTest {
  private static final String CLEAR = "\r\033[K";
  static final Path EXAMPLES = Path.of("..", "examples");
  static final String POLICY =
      "nirguard-policy 1\npurpose p\nnir-profile checksum\ncolumn nir nir fpe+token\ncolumn x text keep\n";

  @TempDir Path dir;

  static CliRun.Result withProgress(Supplier<CliRun.Result> run) {
    String before = System.getProperty("nirguard.progress");
    System.setProperty("nirguard.progress", "always");
    try {
      return run.get();
    } finally {
      if (before == null) {
        System.clearProperty("nirguard.progress");
      } else {
        System.setProperty("nirguard.progress", before);
      }
    }
  }

  /** A CSV of {@code rows} data rows; {@code bad} (if > 0) is a ragged line. */
  private Path csv(int rows, int bad) throws IOException {
    StringBuilder b = new StringBuilder("nir,x\n");
    for (int line = 2; line <= rows + 1; line++) {
      b.append(line == bad ? "255081416802538,a,b" : "255081416802538,a").append('\n');
    }
    Path p = dir.resolve("in-" + rows + "-" + bad + ".csv");
    Files.writeString(p, b.toString());
    return p;
  }

  @Test
  void protectAndRevealShowProgressAndClearItBeforeTheSummary() throws IOException {
    CliRun.Keys keys = CliRun.createKeys(dir, "p", "token", "fpe", "record");
    Path policy = dir.resolve("p.policy");
    Files.writeString(policy, POLICY);
    Path in = csv(20_000, 0);
    Path out = dir.resolve("out.csv");
    CliRun.Result p =
        withProgress(
            () ->
                CliRun.run(
                    keys.after(
                        "protect", "--policy", policy.toString(), in.toString(), out.toString())));
    assertEquals(ExitCodes.OK, p.code(), p.err());
    assertEquals("", p.out());
    assertTrue(p.err().contains("\r8,192 rows  "), p.err());
    assertTrue(p.err().contains(CLEAR + "nir protect: 20,000 rows protected"), p.err());
    CliRun.Result r =
        withProgress(
            () ->
                CliRun.run(
                    keys.after(
                        "reveal",
                        "--reason",
                        "test",
                        "--policy",
                        policy.toString(),
                        out.toString(),
                        dir.resolve("back.csv").toString())));
    assertEquals(ExitCodes.OK, r.code(), r.err());
    assertEquals("", r.out());
    assertTrue(r.err().contains("\r8,192 rows  "), r.err());
    assertTrue(r.err().contains(CLEAR + "nir reveal: 20,000 rows revealed"), r.err());
  }

  @Test
  void anErrorAfterProgressStandsOnItsOwnLine() throws IOException {
    CliRun.Keys keys = CliRun.createKeys(dir, "p", "token", "fpe", "record");
    Path policy = dir.resolve("p.policy");
    Files.writeString(policy, POLICY);
    Path in = csv(20_000, 19_000);
    CliRun.Result p =
        withProgress(
            () ->
                CliRun.run(
                    keys.after(
                        "protect",
                        "--policy",
                        policy.toString(),
                        in.toString(),
                        dir.resolve("o.csv").toString())));
    assertEquals(ExitCodes.UNREADABLE, p.code(), p.err());
    assertTrue(p.err().contains("\r8,192 rows  "), p.err());
    assertTrue(
        p.err()
            .endsWith(
                CLEAR
                    + "nir protect: "
                    + in
                    + ": RAGGED_ROW at line 19000: 3 cells, header has 2\n"),
        p.err());
  }

  @Test
  void withoutATerminalThereIsNoProgress() throws IOException {
    CliRun.Keys keys = CliRun.createKeys(dir, "p", "token", "fpe", "record");
    Path policy = dir.resolve("p.policy");
    Files.writeString(policy, POLICY);
    CliRun.Result p =
        CliRun.run(
            keys.after(
                "protect",
                "--policy",
                policy.toString(),
                csv(20_000, 0).toString(),
                dir.resolve("o.csv").toString()));
    assertEquals(ExitCodes.OK, p.code(), p.err());
    assertFalse(p.err().contains("\r"), p.err());
  }

  @Test
  void validateOfAFileShowsProgressOnStderrAndClearsItBeforeSummaryOrError() throws IOException {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      b.append("255081416802538\n");
    }
    Path in = dir.resolve("nirs.txt");
    Files.writeString(in, b.toString());
    CliRun.Result v = withProgress(() -> CliRun.run("validate", "--format", "csv", in.toString()));
    assertEquals(ExitCodes.OK, v.code(), v.err());
    assertFalse(v.out().contains("rows"), "no progress among the data");
    assertTrue(v.err().startsWith("\r1,024 rows  "), v.err());
    assertTrue(v.err().endsWith(CLEAR), v.err());
    CliRun.Result t = withProgress(() -> CliRun.run("validate", in.toString()));
    assertTrue(
        t.err().endsWith(CLEAR + "5000 line(s): 5000 valid, 0 invalid (profile strict)\n"),
        t.err());

    Files.write(in, new byte[Input.MAX_LINE + 1], java.nio.file.StandardOpenOption.APPEND);
    CliRun.Result e = withProgress(() -> CliRun.run("validate", in.toString()));
    assertEquals(ExitCodes.UNREADABLE, e.code());
    assertTrue(
        e.err()
            .endsWith(CLEAR + "nir validate: " + in + ": line 5001 is longer than 65536 bytes\n"),
        e.err());
  }

  @Test
  void encryptAndDecryptStatusGoesToStderr() throws IOException {
    CliRun.Keys keys = CliRun.createKeys(dir, "p", "file");
    Path in = dir.resolve("data.csv");
    Files.writeString(in, "a,b\n1,2\n", StandardCharsets.UTF_8);
    Path env = dir.resolve("data.nirg");
    CliRun.Result e =
        CliRun.run(keys.after("encrypt", "--purpose", "p", in.toString(), env.toString()));
    assertEquals(ExitCodes.OK, e.code(), e.err());
    assertEquals("", e.out());
    assertEquals("nir encrypt: encrypted " + in + " -> " + env + "\n", e.err());
    Path back = dir.resolve("back.csv");
    CliRun.Result d =
        CliRun.run(keys.after("decrypt", "--purpose", "p", env.toString(), back.toString()));
    assertEquals(ExitCodes.OK, d.code(), d.err());
    assertEquals("", d.out());
    assertEquals("nir decrypt: decrypted " + env + " -> " + back + "\n", d.err());
  }
}
