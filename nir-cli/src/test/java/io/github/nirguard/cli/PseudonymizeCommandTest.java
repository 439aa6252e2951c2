package io.github.nirguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymizeCommandTest {
  static final Path SAMPLE = Path.of("..", "examples", "beneficiaries.csv");

  @TempDir static Path dir;
  static CliRun.Keys producer;
  static CliRun.Keys thirdParty;
  static Path stageOne;

  @BeforeAll
  static void stageOne() throws IOException {
    Path p = Files.createDirectories(dir.resolve("producer"));
    Path t = Files.createDirectories(dir.resolve("ttp"));
    producer = CliRun.createKeys(p, "producer", "token");
    thirdParty = CliRun.createKeys(t, "cohort-a", "token");
    CliRun.Result r =
        CliRun.run(thirdParty.after("keys", "create", "--purpose", "cohort-b", "--kind", "token"));
    assertEquals(0, r.code(), r.err());
    stageOne = dir.resolve("stage1.csv");
    r = CliRun.run(producer.after(producerArgs(SAMPLE, stageOne)));
    assertEquals(ExitCodes.OK, r.code(), r.err());
  }

  static String[] producerArgs(Path in, Path out, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "pseudonymize",
                "producer",
                "-q",
                "--purpose",
                "producer",
                "--nir",
                "nir_od",
                "--birth-date",
                "birth_date",
                "--sex",
                "sex",
                "--twin-rank",
                "twin_rank",
                "--fictitious-when",
                "nir_status=provisional"));
    a.addAll(List.of(more));
    a.add(in.toString());
    a.add(out.toString());
    return a.toArray(String[]::new);
  }

  static String[] thirdPartyArgs(String purpose, String column, Path in, Path out) {
    return thirdParty.after(
        "pseudonymize",
        "third-party",
        "-q",
        "--purpose",
        purpose,
        "--column",
        column,
        in.toString(),
        out.toString());
  }

  static List<String[]> rows(Path file) throws IOException {
    List<String[]> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      out.add(line.split(",", -1));
    }
    return out;
  }

  @Test
  void theProducerReplacesTheNirAndSeparatesTwinsByRank() throws IOException {
    List<String[]> in = rows(SAMPLE);
    List<String[]> out = rows(stageOne);
    assertEquals(in.size(), out.size());
    assertEquals(
        List.of(
            "pseudonym", "birth_date", "sex", "twin_rank", "nir_status", "care", "pseudonym_kind"),
        List.of(out.get(0)));
    String text = Files.readString(stageOne);
    for (int i = 1; i < in.size(); i++) {
      assertFalse(text.contains(in.get(i)[0]), "a NIR in the output");
      assertEquals(in.get(i)[5], out.get(i)[5], "other columns are kept");
    }
    // rows 3 and 4 are twins of the same sex: their rank tells them apart
    assertNotEquals(out.get(3)[0], out.get(4)[0]);
    // rows 6 and 7 hold one NIR, the second marked provisional by the source system
    assertEquals("beneficiary", out.get(6)[6]);
    assertEquals("fictitious", out.get(7)[6]);
    assertTrue(out.get(7)[0].startsWith("nf1."));
  }

  @Test
  void theProducerIsDeterministicExceptForFictitiousRows() throws IOException {
    Path again = dir.resolve("stage1-again.csv");
    assertEquals(0, CliRun.run(producer.after(producerArgs(SAMPLE, again))).code());
    List<String[]> a = rows(stageOne);
    List<String[]> b = rows(again);
    for (int i = 1; i < a.size(); i++) {
      boolean fictitious = a.get(i)[6].equals("fictitious");
      assertEquals(!fictitious, a.get(i)[0].equals(b.get(i)[0]), "row " + i);
    }
  }

  @Test
  void theThirdPartyGivesEachRecipientItsOwnUnlinkablePseudonyms() throws IOException {
    Path a = dir.resolve("cohort-a.csv");
    Path a2 = dir.resolve("cohort-a-again.csv");
    Path b = dir.resolve("cohort-b.csv");
    assertEquals(0, CliRun.run(thirdPartyArgs("cohort-a", "pseudonym", stageOne, a)).code());
    assertEquals(0, CliRun.run(thirdPartyArgs("cohort-a", "pseudonym", stageOne, a2)).code());
    assertEquals(0, CliRun.run(thirdPartyArgs("cohort-b", "pseudonym", stageOne, b)).code());
    List<String[]> s1 = rows(stageOne);
    List<String[]> ra = rows(a);
    List<String[]> ra2 = rows(a2);
    List<String[]> rb = rows(b);
    for (int i = 1; i < s1.size(); i++) {
      assertNotEquals(s1.get(i)[0], ra.get(i)[0]);
      assertNotEquals(ra.get(i)[0], rb.get(i)[0]);
      boolean linkable = !s1.get(i)[6].equals("fictitious");
      assertEquals(linkable, ra.get(i)[0].equals(ra2.get(i)[0]), "row " + i);
      assertEquals(s1.get(i)[5], ra.get(i)[5]);
    }
  }

  @Test
  void aBadNirStopsTheRunNamingLineColumnAndReasonNotTheValue() throws IOException {
    Path in = dir.resolve("bad.csv");
    String bad = "1 85 05 78 006 084 36";
    Files.writeString(
        in,
        "nir_od;birth_date;sex\n2 55 08 14 168 025 38;1955-08-03;2\n" + bad + ";1985-05-30;1\n");
    Path out = dir.resolve("bad.out.csv");
    CliRun.Result r =
        CliRun.run(
            producer.after(
                "pseudonymize",
                "producer",
                "--purpose",
                "producer",
                "--nir",
                "nir_od",
                in.toString(),
                out.toString()));
    assertEquals(ExitCodes.INVALID, r.code(), r.err());
    assertTrue(r.err().contains("INVALID_VALUE at line 3, column 'nir_od'"), r.err());
    assertTrue(r.err().contains("WRONG_KEY") || r.err().contains("KEY"), r.err());
    assertFalse(r.err().contains(bad.replace(" ", "").substring(5)), r.err());
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void theThirdPartyRefusesAnythingButPseudonyms() {
    Path out = dir.resolve("refused.csv");
    CliRun.Result r = CliRun.run(thirdPartyArgs("cohort-a", "care", stageOne, out));
    assertEquals(ExitCodes.INVALID, r.code(), r.err());
    assertTrue(r.err().contains("line 2, column 'care'"), r.err());
    assertFalse(r.err().contains("GP visit"), r.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void wrongArgumentsAreUsageErrors() {
    Path out = dir.resolve("never.csv");
    CliRun.Result missing = CliRun.run(thirdPartyArgs("cohort-a", "no_such", stageOne, out));
    assertEquals(ExitCodes.USAGE, missing.code(), missing.err());
    assertTrue(missing.err().contains("no column named 'no_such'"), missing.err());
    CliRun.Result rankAlone =
        CliRun.run(
            producer.after(
                "pseudonymize",
                "producer",
                "--purpose",
                "producer",
                "--nir",
                "nir_od",
                "--twin-rank",
                "twin_rank",
                SAMPLE.toString(),
                out.toString()));
    assertEquals(ExitCodes.USAGE, rankAlone.code(), rankAlone.err());
    CliRun.Result noStage = CliRun.run("pseudonymize");
    assertEquals(ExitCodes.USAGE, noStage.code());
    assertTrue(noStage.err().contains("producer or third-party"), noStage.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void theDialectIsKept() throws IOException {
    Path in = dir.resolve("semicolons.csv");
    Files.writeString(in, "id;nir\r\n1;2 55 08 14 168 025 38\r\n");
    Path out = dir.resolve("semicolons.out.csv");
    CliRun.Result r =
        CliRun.run(
            producer.after(
                "pseudonymize",
                "producer",
                "-q",
                "--purpose",
                "producer",
                "--nir",
                "nir",
                in.toString(),
                out.toString()));
    assertEquals(0, r.code(), r.err());
    String text = Files.readString(out);
    assertTrue(text.startsWith("id;pseudonym;pseudonym_kind\r\n1;nt1."), text);
    assertTrue(text.endsWith(";person\r\n"), text);
  }
}
