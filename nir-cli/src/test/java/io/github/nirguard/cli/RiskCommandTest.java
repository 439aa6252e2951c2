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

class RiskCommandTest {
  static final Path EXAMPLES = Path.of("..", "examples");
  static final String POLICY = EXAMPLES.resolve("lab-export.policy").toString();

  @TempDir static Path dir;
  static Path safe;
  static CliRun.Keys keys;

  @BeforeAll
  static void protectTheSample() {
    keys = CliRun.createKeys(dir, "lab-export", "token", "fpe", "record");
    safe = dir.resolve("safe.csv");
    CliRun.Result r =
        CliRun.run(
            keys.after(
                "protect",
                "-q",
                "--policy",
                POLICY,
                EXAMPLES.resolve("lab-export.csv").toString(),
                safe.toString()));
    assertEquals(0, r.code(), r.err());
  }

  @Test
  void measuresTheProtectedSampleWithThePolicysColumns() {
    CliRun.Result r = CliRun.run("risk", "--policy", POLICY, safe.toString());
    assertEquals(ExitCodes.OK, r.code(), r.err());
    assertTrue(r.out().contains("quasi-identifiers: birth_date, sex\n"), r.out());
    assertTrue(r.out().contains("person column nir_token"), r.out());
    assertTrue(r.out().contains("rows: 1,000; people: 1,000"), r.out());
    assertTrue(r.out().contains("distinct l-diversity: blood_group = 1;"), r.out());
    assertEquals("", r.err());
  }

  @Test
  void printsNoValueOfTheFile() throws IOException {
    CliRun.Result text = CliRun.run("risk", "--policy", POLICY, safe.toString());
    CliRun.Result json =
        CliRun.run("risk", "--policy", POLICY, "--format", "json", safe.toString());
    List<String> lines = Files.readAllLines(safe);
    List<String> header = List.of(lines.get(0).split(";", -1));
    int checked = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(";", -1);
      for (String column : List.of("nir", "nir_token", "birth_date", "blood_group")) {
        int c = header.indexOf(column);
        if (cells[c].length() > 2) {
          assertFalse(text.out().contains(cells[c]), "a value in the text report");
          assertFalse(json.out().contains(cells[c]), "a value in the JSON report");
          checked++;
        }
      }
    }
    assertTrue(checked > 2000, "values were checked");
  }

  @Test
  void jsonHasTheFigures() {
    CliRun.Result r =
        CliRun.run(
            "risk",
            "--policy",
            POLICY,
            "--quasi",
            "sex",
            "--sensitive",
            "ald",
            "--each-row-a-person",
            "--format",
            "json",
            safe.toString());
    assertEquals(ExitCodes.OK, r.code(), r.err());
    assertTrue(r.out().startsWith("{\"rows\":1000,\"people\":1000,\"memberships\":1000,"), r.out());
    assertTrue(r.out().contains("\"classes\":2,"), r.out());
    assertTrue(
        r.out().contains("\"quasi_identifiers\":[\"sex\"],\"sensitive\":[\"ald\"]"), r.out());
    assertTrue(r.out().contains("\"person\":null"), r.out());
    assertTrue(r.out().contains("\"l_diversity\":{\"ald\":2}"), r.out());
    assertTrue(r.out().contains("\"marketer\":0.002}"), r.out());
  }

  @Test
  void anUnknownColumnIsAUsageErrorNamingIt() {
    CliRun.Result r =
        CliRun.run("risk", "--policy", POLICY, "--quasi", "sex,zipcode", safe.toString());
    assertEquals(ExitCodes.USAGE, r.code());
    assertTrue(r.err().contains("'zipcode'"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void personOptionsExcludeEachOther() {
    CliRun.Result r =
        CliRun.run(
            "risk", "--policy", POLICY, "--person", "nir", "--each-row-a-person", safe.toString());
    assertEquals(ExitCodes.USAGE, r.code());
  }

  @Test
  void aMissingFileIsUnreadable() {
    CliRun.Result r = CliRun.run("risk", "--policy", POLICY, dir.resolve("missing.csv").toString());
    assertEquals(ExitCodes.UNREADABLE, r.code());
    assertTrue(r.err().startsWith("nir risk: "), r.err());
  }

  /** The sample policy with more lines, e.g. require rules or other actions. */
  private static Path policyWith(String name, String... replacements) throws IOException {
    String text = Files.readString(Path.of(POLICY));
    for (int i = 0; i + 1 < replacements.length; i += 2) {
      assertTrue(text.contains(replacements[i]), replacements[i]);
      text = text.replace(replacements[i], replacements[i + 1]);
    }
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static CliRun.Result protect(Path policy, Path out) {
    return CliRun.run(
        keys.after(
            "protect",
            "-q",
            "--policy",
            policy.toString(),
            EXAMPLES.resolve("lab-export.csv").toString(),
            out.toString()));
  }

  @Test
  void protectWritesNothingWhenKIsBelowTheRequiredAndNamesTheCombination() throws IOException {
    Path policy = policyWith("k5.policy", "fpe-mode marked", "fpe-mode marked\nrequire k >= 5");
    Path out = dir.resolve("k5.csv");
    CliRun.Result r = protect(policy, out);
    assertEquals(ExitCodes.RISK, r.code(), r.err());
    assertFalse(Files.exists(out), "nothing written");
    assertTrue(r.err().contains("RISK_RULE_BROKEN"), r.err());
    assertTrue(
        r.err().contains("k = 1, below the required 5, on quasi-identifiers (birth_date, sex)"),
        r.err());
    assertTrue(r.err().contains("923 of 1000 people"), r.err());
    try (java.util.stream.Stream<Path> left = Files.list(dir)) {
      assertTrue(left.noneMatch(f -> f.getFileName().toString().startsWith(".k5")), "no temp");
    }
  }

  @Test
  void protectWritesWhenThePolicyReachesK() throws IOException {
    // birth date dropped: sex alone leaves two classes of about 500 people
    Path policy =
        policyWith(
            "sex-only.policy",
            "fpe-mode marked",
            "fpe-mode marked\nrequire k >= 5\nrequire l >= 2 for blood_group",
            "birth-date       generalize:year-month",
            "birth-date       drop");
    Path out = dir.resolve("sex-only.csv");
    CliRun.Result r = protect(policy, out);
    assertEquals(ExitCodes.OK, r.code(), r.err());
    assertTrue(Files.exists(out));
    CliRun.Result risk = CliRun.run("risk", "--policy", policy.toString(), out.toString());
    assertEquals(ExitCodes.OK, risk.code(), risk.err());
    assertTrue(risk.out().contains("quasi-identifiers: sex\n"), risk.out());
  }

  @Test
  void protectRefusesABrokenLDiversityRule() throws IOException {
    Path policy =
        policyWith(
            "l.policy",
            "fpe-mode marked",
            "fpe-mode marked\nrequire l >= 2 for blood_group",
            "birth-date       generalize:year-month",
            "birth-date       generalize:year");
    Path out = dir.resolve("l.csv");
    CliRun.Result r = protect(policy, out);
    assertEquals(ExitCodes.RISK, r.code(), r.err());
    assertFalse(Files.exists(out));
    assertTrue(
        r.err().contains("l = 1 for 'blood_group', below the required 2, on quasi-identifiers"),
        r.err());
  }

  @Test
  void riskExitsSixWhenTheFileBreaksThePolicysRule() throws IOException {
    Path policy = policyWith("k5r.policy", "fpe-mode marked", "fpe-mode marked\nrequire k >= 5");
    CliRun.Result r = CliRun.run("risk", "--policy", policy.toString(), safe.toString());
    assertEquals(ExitCodes.RISK, r.code(), r.err());
    assertTrue(r.out().contains("k = 1"), "the report is printed");
    assertTrue(r.err().contains("breaks the policy: k = 1, below the required 5"), r.err());
  }
}
