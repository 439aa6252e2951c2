package io.github.nirguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeastGeneralisationCommandTest {
  static final Path EXAMPLES = Path.of("..", "examples");
  static final String SAMPLE = EXAMPLES.resolve("lab-export.csv").toString();

  @TempDir static Path dir;
  static CliRun.Keys keys;

  @BeforeAll
  static void createKeys() {
    keys = CliRun.createKeys(dir, "lab-export", "token", "fpe", "record");
  }

  /** The sample policy with birth dates chosen from year-month to 5-year, and the rules given. */
  static String policy(String name, String rules) throws IOException {
    String text =
        Files.readString(EXAMPLES.resolve("lab-export.policy"))
            .replaceAll(
                "column birth_date +birth-date +generalize:year-month",
                "column birth_date birth-date generalize:year-month..5-year");
    Path p = dir.resolve(name);
    Files.writeString(p, text + rules);
    return p.toString();
  }

  @Test
  void choosesTheRungsSuppressesTheOutliersAndSaysSo() throws IOException {
    Path out = dir.resolve("k10.csv");
    Path report = dir.resolve("k10.report.csv");
    CliRun.Result r =
        CliRun.run(
            keys.after(
                "protect",
                "--policy",
                policy("k10.policy", "require k >= 10\nsuppress-outliers up to 2%\n"),
                "--report",
                report.toString(),
                SAMPLE,
                out.toString()));
    assertEquals(ExitCodes.OK, r.code(), r.err());
    assertTrue(
        r.err()
            .contains(
                "nir protect: least generalisation for k >= 10: birth_date=5-year; k = 11, 50"
                    + " classes on (birth_date, sex), 14 rows suppressed (14 people)\n"),
        r.err());
    assertTrue(
        r.err().contains("986 rows protected, 0 rejected, 0 invalid values dropped, 14 suppressed"),
        r.err());
    List<String> lines = Files.readAllLines(report);
    assertEquals("line,column,reason,action", lines.get(0));
    assertEquals(15, lines.size());
    for (String line : lines.subList(1, lines.size())) {
      assertTrue(line.matches("\\d+,birth_date\\+sex,RISK_SUPPRESSED,suppressed"), line);
    }
    // re-measured by nir risk: k = 11, as the summary said
    CliRun.Result risk =
        CliRun.run("risk", "--policy", dir.resolve("k10.policy").toString(), out.toString());
    assertEquals(ExitCodes.OK, risk.code(), risk.err());
    assertTrue(risk.out().contains("equivalence classes: 50; k = 11\n"), risk.out());
  }

  @Test
  void writesNothingAndExitsSixWhenNoRungsReachK() throws IOException {
    Path out = dir.resolve("refused.csv");
    CliRun.Result r =
        CliRun.run(
            keys.after(
                "protect",
                "--policy",
                policy("k10-strict.policy", "require k >= 10\n"),
                SAMPLE,
                out.toString()));
    assertEquals(ExitCodes.RISK, r.code(), r.err());
    assertTrue(
        r.err()
            .contains(
                "RISK_RULE_BROKEN: no generalisation within the policy's ranges reaches k >= 10:"
                    + " at the coarsest rungs (birth_date=5-year) k = "),
        r.err());
    assertTrue(r.err().contains("(nothing written)"), r.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void aRangeWithoutRequireKIsAPolicyErrorWithItsLine() throws IOException {
    CliRun.Result r =
        CliRun.run(
            keys.after(
                "protect",
                "--policy",
                policy("no-k.policy", ""),
                SAMPLE,
                dir.resolve("no-k.csv").toString()));
    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    assertTrue(r.err().contains("needs 'require k >= N'"), r.err());
  }
}
