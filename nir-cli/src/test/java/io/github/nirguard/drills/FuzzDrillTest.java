package io.github.nirguard.drills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.cli.CliRun;
import io.github.nirguard.cli.ExitCodes;
import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirError;
import io.github.nirguard.core.NirFormatException;
import io.github.nirguard.csv.CsvError;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.LabExports;
import io.github.nirguard.testkit.Nirs;
import io.github.nirguard.validate.NirValidator;
import io.github.nirguard.validate.ValidationResult;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad-input fuzz: mutated NIR strings through the validator and the CLI, malformed CSV through
 * protect. Sizes scale with {@code nirguard.properties.size}: 500× it for NIR strings (1,000,000 by
 * default, 50,000,000 with -Pdrill is too many: capped at 5,000,000), a quarter of it for CSV files
 * through {@code nir protect} (500 by default, 25,000 with -Pdrill).
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES) // a hang fails the build instead of stalling it
class FuzzDrillTest {
  @TempDir Path dir;

  static final char[] NOISE = {
    '\u0660', '\u0665', '\u0669', // Arabic-Indic digits
    '\u06F5', // extended Arabic-Indic
    '\uFF10', '\uFF15', '\uFF19', // full-width digits
    '\u200B', '\u200C', '\uFEFF', // zero-width and BOM
    '\u00A0', '\u202F', '\u2009', ' ', '\t', '.', '-', '_', '/', 'O', 'o', 'l', 'I', 'A', 'B', 'a',
    'b', 'x', '\u00E9', '\uD83D', '\u0000', '\n', '\r', '"', ';', ','
  };

  static String mutate(String s, SplittableRandom r) {
    StringBuilder b = new StringBuilder(s);
    int edits = 1 + r.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int op = r.nextInt(7);
      int at = b.length() == 0 ? 0 : r.nextInt(b.length() + 1);
      switch (op) {
        case 0: // change a digit
          if (at < b.length()) {
            b.setCharAt(at, (char) ('0' + r.nextInt(10)));
          }
          break;
        case 1: // insert a digit
          b.insert(at, (char) ('0' + r.nextInt(10)));
          break;
        case 2: // delete
          if (at < b.length()) {
            b.deleteCharAt(at);
          }
          break;
        case 3: // look-alike, Unicode digit, invisible or control character
          b.insert(at, NOISE[r.nextInt(NOISE.length)]);
          break;
        case 4: // replace by a look-alike
          if (at < b.length()) {
            b.setCharAt(at, NOISE[r.nextInt(NOISE.length)]);
          }
          break;
        case 5: // transpose
          if (at + 1 < b.length()) {
            char c = b.charAt(at);
            b.setCharAt(at, b.charAt(at + 1));
            b.setCharAt(at + 1, c);
          }
          break;
        default: // a very long line, now and then
          if (r.nextInt(200) == 0) {
            b.append("0".repeat(10_000 + r.nextInt(100_000)));
          }
      }
    }
    return b.toString();
  }

  static long nirCases() {
    return Math.min(5_000_000L, 500L * ForAll.size());
  }

  @Test
  void mutatedNirsGiveOnlyDocumentedOutcomes() {
    long seed = ForAll.seed();
    SplittableRandom r = new SplittableRandom(seed);
    List<Nir> valid = Nirs.valid().sample(seed, 4096);
    NirValidator[] validators = {
      NirValidator.strict(), NirValidator.named("lenient"), NirValidator.named("checksum")
    };
    long n = nirCases();
    long invalid = 0;
    long start = System.nanoTime();
    for (long i = 0; i < n; i++) {
      Nir base = valid.get((int) (i & 4095));
      String text = mutate(r.nextBoolean() ? base.compact() : base.display(), r);
      for (NirValidator v : validators) {
        ValidationResult res = v.validate(text); // must not throw
        assertEquals(
            res.isValid(),
            v.isValid(text),
            "boolean and full check disagree (seed " + seed + ", case " + i + ")");
        if (!res.isValid()) {
          invalid++;
          assertNotNull(res.reason().orElse(null));
          assertTrue(
              res.position() >= 0 && res.position() <= text.length(),
              "position in range (seed " + seed + ", case " + i + ")");
          assertEquals(res, v.validate(text), "stable (seed " + seed + ", case " + i + ")");
        }
      }
      if ((i & 31) == 0) {
        try {
          Nir.parse(text);
        } catch (NirFormatException e) {
          assertEquals(NirValidator.strict().validate(text).reason().orElseThrow(), e.reason());
          assertFalse(e.getMessage().contains(text.length() > 5 ? text : "\u0001"));
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "fuzz drill: %,d mutated NIR strings x 3 profiles in %.1f s, %,d invalid verdicts, 0 unexpected exceptions%n",
        n, seconds, invalid);
    assertTrue(invalid > n, "mutations must mostly be caught");
  }

  @Test
  void theCliValidatesFuzzedFilesLineByLine() throws IOException {
    long seed = ForAll.seed();
    SplittableRandom r = new SplittableRandom(seed);
    int lines = Math.max(10_000, ForAll.size() * 10);
    List<Nir> valid = Nirs.valid().sample(seed, 1024);
    StringBuilder b = new StringBuilder();
    int written = 0;
    while (written < lines) {
      String s =
          mutate(valid.get(written & 1023).compact(), r).replace('\n', ' ').replace('\r', ' ');
      // long lines, but within the 64 KiB line limit of the line commands (InputLimitsTest: beyond
      // it, exit 3)
      b.append(s.length() > 60_000 ? s.substring(0, 60_000) : s).append('\n');
      written++;
    }
    Path in = dir.resolve("fuzz.txt");
    Files.write(in, b.toString().getBytes(StandardCharsets.UTF_8)); // a lone surrogate becomes ?
    CliRun.Result run = CliRun.run("validate", "--format", "csv", in.toString());
    assertTrue(run.code() == 0 || run.code() == 1, "exit code " + run.code() + ": " + run.err());
    List<String> rows = run.out().lines().collect(Collectors.toList());
    assertEquals(lines + 1, rows.size(), "one row per input line");
    Set<String> reasons =
        EnumSet.allOf(NirError.class).stream().map(Enum::name).collect(Collectors.toSet());
    reasons.add("");
    for (int i = 1; i < rows.size(); i++) {
      String[] f = rows.get(i).split(",", -1);
      assertEquals(String.valueOf(i), f[0]);
      assertTrue(reasons.contains(f[2]), "documented reason code");
    }
    assertEquals("", run.err().trim());
  }

  /**
   * Malformed CSV through the {@code nir protect} command itself (in this JVM, as the launcher runs
   * it), alternately plain and {@code --encrypt}: the exit code is 0, 1 (a value the policy
   * refuses) or 3 (malformed input); a refusal names a {@link CsvError} and a line on stderr and
   * nothing else of the file; nothing is left beside the input; the input is intact.
   */
  @Test
  void malformedCsvThroughNirProtectGivesAPreciseErrorAndNothingPartial() throws Exception {
    CliRun.Keys keys =
        CliRun.createKeys(
            Files.createDirectory(dir.resolve("keys")),
            "lab-export",
            "token",
            "fpe",
            "record",
            "file");
    String policy = Path.of("..", "examples", "lab-export.policy").toAbsolutePath().toString();
    StringWriter w = new StringWriter();
    LabExports.write(w, 8, 1, true);
    String goodText = w.toString();
    byte[] good = goodText.getBytes(StandardCharsets.UTF_8);
    Set<String> values = new java.util.HashSet<>();
    for (String line :
        goodText
            .substring(goodText.indexOf('\n') + 1)
            .split("\n")) { // data rows: the header is no secret
      for (String cell : line.split(";")) {
        if (cell.length() >= 4) {
          values.add(cell);
        }
      }
    }
    Path work = Files.createDirectory(dir.resolve("work"));
    long seed = ForAll.seed();
    SplittableRandom r = new SplittableRandom(seed);
    int files = Math.max(300, ForAll.size() / 4);
    int[] byCode = new int[ExitCodes.CRYPTO + 1];
    Pattern refusal =
        Pattern.compile(
            "("
                + Stream.of(CsvError.values()).map(Enum::name).collect(Collectors.joining("|"))
                + ")( at line (\\d+))?");
    for (int i = 0; i < files; i++) {
      String why = "seed " + seed + ", file " + i;
      byte[] bad = mutateCsv(good, r);
      Path in = work.resolve("in.csv");
      Files.write(in, bad);
      boolean encrypt = i % 2 == 1;
      Path out = work.resolve(encrypt ? "out.nge" : "out.csv");
      CliRun.Result run =
          encrypt
              ? CliRun.run(
                  keys.after(
                      "protect",
                      "--policy",
                      policy,
                      "-q",
                      "--encrypt",
                      in.toString(),
                      out.toString()))
              : CliRun.run(
                  keys.after("protect", "--policy", policy, "-q", in.toString(), out.toString()));
      assertTrue(
          run.code() == ExitCodes.OK
              || run.code() == ExitCodes.INVALID
              || run.code() == ExitCodes.UNREADABLE,
          why + ": exit " + run.code() + ": " + run.err());
      byCode[run.code()]++;
      for (String v : values) {
        assertFalse(
            run.err().contains(v) || run.out().contains(v),
            why + ": a cell value on stdout or stderr: " + run.err().replace(v, "<value>"));
      }
      List<String> left;
      try (Stream<Path> l = Files.list(work)) {
        left = l.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
      }
      if (run.code() == ExitCodes.OK) {
        assertEquals(
            List.of("in.csv", out.getFileName().toString()),
            left,
            why + ": the output and nothing else");
        Files.delete(out);
      } else {
        Matcher m = refusal.matcher(run.err());
        assertTrue(m.find(), why + ": a CSV error code on stderr: " + run.err());
        CsvError code = CsvError.valueOf(m.group(1));
        assertTrue(
            m.group(3) != null || code == CsvError.EMPTY_FILE,
            why + ": a line number: " + run.err());
        assertEquals(List.of("in.csv"), left, why + ": nothing partial written");
      }
      assertTrue(java.util.Arrays.equals(bad, Files.readAllBytes(in)), why + ": input intact");
    }
    System.out.printf(
        "fuzz drill: %,d malformed CSV files through nir protect (half --encrypt): %,d refused with a code and line (exit 3), %,d refused for a value (exit 1), %,d protected%n",
        files, byCode[ExitCodes.UNREADABLE], byCode[ExitCodes.INVALID], byCode[ExitCodes.OK]);
    assertTrue(byCode[ExitCodes.UNREADABLE] > files / 3);
  }

  static byte[] mutateCsv(byte[] good, SplittableRandom r) {
    List<Byte> b = new ArrayList<>();
    for (byte x : good) {
      b.add(x);
    }
    int op = r.nextInt(8);
    int at = r.nextInt(b.size());
    switch (op) {
      case 0:
        b.add(at, (byte) '"');
        break;
      case 1:
        b.add(at, (byte) ';');
        break;
      case 2:
        while (at < b.size() && b.get(at) != ';') {
          at++;
        }
        if (at < b.size()) {
          b.remove(at);
        }
        break;
      case 3:
        b.add(at, (byte) 0xC3); // a lone UTF-8 lead byte
        b.add(at + 1, (byte) 0x28);
        break;
      case 4:
        return java.util.Arrays.copyOf(good, r.nextInt(good.length));
      case 5:
        return new byte[0];
      case 6:
        int nl = indexOf(good, (byte) '\n');
        return java.util.Arrays.copyOf(good, nl + 1); // header only
      default:
        b.add(at, (byte) '"');
        b.add(Math.min(b.size(), at + 1 + r.nextInt(5)), (byte) 'x');
    }
    byte[] out = new byte[b.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.get(i);
    }
    return out;
  }

  static int indexOf(byte[] a, byte v) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == v) {
        return i;
      }
    }
    return -1;
  }
}
