package io.github.nirguard.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.risk.GeneralisationPlan;
import io.github.nirguard.risk.RiskMeter;
import io.github.nirguard.risk.RiskReport;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Gen;
import io.github.nirguard.testkit.Records;
import io.github.nirguard.testkit.SyntheticRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a least-generalisation run writes really reaches k, re-measured on the written file. */
class LeastGeneralisationTest {
  static final String[] POSTCODES = {"75011", "92100", "13001", "06000", "69003", "20000"};

  static String policy(int k, boolean suppress) {
    return "nirguard-policy 1\n"
        + "purpose lab\n"
        + "nir-profile checksum\n"
        + "column nir nir token\n"
        + "column birth_date birth-date generalize:year-month..5-year\n"
        + "column sex sex keep\n"
        + "column cp postcode generalize:auto\n"
        + "require k >= "
        + k
        + "\n"
        + (suppress ? "suppress-outliers up to 10%\n" : "");
  }

  @TempDir static Path dir;
  static KeyRing ring;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    ring = KeyRingManager.empty().add("lab", KeyKind.TOKEN).ring();
  }

  /** A file: records, some people on several rows, a postcode each. */
  record Case(String csv, int k, boolean suppress) {}

  static final Gen<Case> CASES =
      random -> {
        Gen<SyntheticRecord> people = Records.neverReal();
        int n = 20 + random.nextInt(180);
        StringBuilder b = new StringBuilder("nir;birth_date;sex;cp\n");
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          // birth years in a 15-year span: dense enough that some rungs reach k, not all
          SyntheticRecord r =
              people
                  .next(random)
                  .withBirthDate(
                      LocalDate.of(
                          1950 + random.nextInt(15),
                          1 + random.nextInt(12),
                          1 + random.nextInt(28)));
          String row =
              r.nir().compact()
                  + ";"
                  + r.birthDate()
                  + ";"
                  + r.sex().name()
                  + ";"
                  + POSTCODES[random.nextInt(POSTCODES.length)];
          rows.add(row);
          if (random.nextInt(5) == 0) { // the same person again, maybe at another postcode
            rows.add(
                row.substring(0, row.lastIndexOf(';') + 1)
                    + POSTCODES[random.nextInt(POSTCODES.length)]);
          }
        }
        rows.forEach(r -> b.append(r).append('\n'));
        return new Case(b.toString(), 2 + random.nextInt(4), random.nextBoolean());
      };

  @Test
  void whatIsWrittenReachesKOrNothingIsWritten() {
    AtomicInteger id = new AtomicInteger();
    int[] written = new int[2]; // cases written, of which with rows suppressed
    ForAll.check(
        "least generalisation reaches k on the written file",
        40,
        ForAll.seed(),
        CASES,
        c -> {
          try {
            check(c, id.incrementAndGet(), written);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
          }
        });
    assertTrue(written[0] > 5 && written[0] < 40, "cases written: " + written[0]);
    assertTrue(written[1] > 0, "some cases suppressed rows");
  }

  private static void check(Case c, int n, int[] written)
      throws IOException, GeneralSecurityException {
    Path in = dir.resolve("in" + n + ".csv");
    Path out = dir.resolve("out" + n + ".csv");
    Path report = dir.resolve("report" + n + ".csv");
    Files.writeString(in, c.csv(), StandardCharsets.UTF_8);
    ProtectionPolicy policy = ProtectionPolicy.parse(policy(c.k(), c.suppress()));
    CsvProtector protector = CsvProtector.create(policy, ring);
    GeneralisationPlan plan = protector.plan(in);
    if (!plan.feasible()) {
      CsvException e =
          assertThrows(CsvException.class, () -> protector.withPlan(plan).protect(in, out, report));
      assertEquals(CsvError.RISK_RULE_BROKEN, e.error());
      assertFalse(Files.exists(out), "nothing written");
      return;
    }
    written[0]++;
    CsvSummary s = protector.withPlan(plan).protect(in, out, report);
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    List<String> header = List.of(lines.get(0).split(";", -1));
    RiskReport r;
    try (RiskMeter m = RiskMeter.builder(header).defaultsFrom(policy).build()) {
      for (String line : lines.subList(1, lines.size())) {
        m.add(line.split(";", -1));
      }
      r = m.report();
    }
    assertEquals(List.of("birth_date", "sex", "cp"), r.quasiIdentifiers());
    assertTrue(r.k() >= c.k(), "k = " + r.k() + " below " + c.k());
    GeneralisationPlan.Candidate chosen = plan.chosen().orElseThrow();
    assertEquals(chosen.kAfter(), r.k(), "the plan's k is the written file's");
    assertEquals(chosen.classesAfter(), r.classes());
    assertEquals(chosen.rowsSuppressed(), s.rowsSuppressed());
    assertEquals(s.rowsRead(), s.rowsWritten() + s.rowsSuppressed());
    List<String> rep = Files.readAllLines(report, StandardCharsets.UTF_8);
    assertEquals(s.rowsSuppressed(), rep.size() - 1);
    for (String line : rep.subList(1, rep.size())) {
      assertTrue(line.endsWith(",birth_date+sex+cp,RISK_SUPPRESSED,suppressed"), line);
    }
    if (s.rowsSuppressed() > 0) {
      written[1]++;
    }
    if (!c.suppress()) {
      assertEquals(0, s.rowsSuppressed());
    }
  }

  @Test
  void aStreamCannotBePlannedWithoutAFile() {
    ProtectionPolicy policy = ProtectionPolicy.parse(policy(2, false));
    assertThrows(
        IllegalStateException.class,
        () ->
            CsvProtector.create(policy, ring)
                .protect(
                    new java.io.ByteArrayInputStream(new byte[0]),
                    java.io.OutputStream.nullOutputStream(),
                    null));
  }
}
