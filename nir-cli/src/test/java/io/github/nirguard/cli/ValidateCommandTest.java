package io.github.nirguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  @TempDir Path dir;

  static CliRun.Result run(String... args) {
    return CliRun.run(args);
  }

  private Path file(String content) throws IOException {
    Path p = dir.resolve("in.txt");
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void csvFormatHasOneRowPerLine() throws IOException {
    CliRun.Result r =
        run(
            "validate",
            "--format",
            "csv",
            file("2 55 08 14 168 025 38\n1 85 05 78 006 084 36\n\n").toString());
    assertEquals(ExitCodes.INVALID, r.code());
    assertEquals(
        "line,status,reason\n1,valid,\n2,invalid,KEY_MISMATCH\n3,invalid,EMPTY\n", r.out());
  }

  @Test
  void allValidExitsZero() throws IOException {
    CliRun.Result r = run("validate", file("255081416802538\n253072A07300443\n").toString());
    assertEquals(ExitCodes.OK, r.code());
    assertEquals("1: valid 2 55 08 •• ••• ••• ••\n2: valid 2 53 07 •• ••• ••• ••\n", r.out());
    assertTrue(r.err().contains("2 valid, 0 invalid"));
  }

  @Test
  void profilesChangeTheVerdict() throws IOException {
    Path in = file("185137512345607\n");
    assertEquals(ExitCodes.INVALID, run("validate", in.toString()).code());
    assertEquals(ExitCodes.OK, run("validate", "--profile", "checksum", in.toString()).code());
  }

  @Test
  void jsonFormat() throws IOException {
    CliRun.Result r =
        run("validate", "--format", "json", file("255081416802538\nabc\n").toString());
    assertEquals(
        "[\n  {\"line\":1,\"status\":\"valid\",\"masked\":\"2 55 08 •• ••• ••• ••\",\"flags\":[]},\n"
            + "  {\"line\":2,\"status\":\"invalid\",\"reason\":\"INVALID_CHARACTER\",\"position\":0}\n]\n",
        r.out());
  }

  @Test
  void usageAndInputErrorsHaveDistinctCodes() throws IOException {
    assertEquals(ExitCodes.USAGE, run("validate", "--format", "xml").code());
    assertEquals(
        ExitCodes.USAGE, run("validate", "--profile", "loose", file("x\n").toString()).code());
    assertEquals(ExitCodes.USAGE, run("validate", "--nope").code());
    CliRun.Result missing = run("validate", dir.resolve("missing.txt").toString());
    assertEquals(ExitCodes.UNREADABLE, missing.code());
    assertTrue(missing.err().contains("no such file"));
    Path latin1 = dir.resolve("latin1.txt");
    Files.write(
        latin1,
        "255081416802538\nr\u00e9sum\u00e9 185057800608436\n"
            .getBytes(StandardCharsets.ISO_8859_1));
    CliRun.Result bad = run("validate", latin1.toString());
    assertEquals(ExitCodes.UNREADABLE, bad.code());
    assertTrue(bad.err().contains("not valid UTF-8 (line 2)"), bad.err());
    assertFalse(bad.err().contains("185057800608436"));
  }

  @Test
  void outputNeverContainsTheInputDigits() throws IOException {
    String[] inputs = {
      "255081416802538", "185057800608436", "2550814168025", "2 55 08 14 168 025 38 99"
    };
    CliRun.Result r =
        run("validate", "--format", "text", file(String.join("\n", inputs) + "\n").toString());
    for (String in : inputs) {
      String digits = in.replace(" ", "");
      assertFalse((r.out() + r.err()).replace(" ", "").contains(digits.substring(5)), "leak");
    }
  }

  @Test
  void helpListsExitCodes() {
    CliRun.Result r = run("validate", "--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("Exit codes:"));
    assertTrue(r.out().contains("input unreadable"));
    assertTrue(run("--version").out().startsWith("nir "));
  }
}
