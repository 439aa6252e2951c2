package io.github.nirguard.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.risk.RiskMeter;
import io.github.nirguard.risk.RiskReport;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Gen;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CsvRisk} against a {@link RiskMeter} fed the same rows directly: the file measurer must
 * give the same report, whatever columns it is told to measure.
 */
class CsvRiskTest {
  static final ProtectionPolicy POLICY =
      ProtectionPolicy.parse(
          "nirguard-policy 1\npurpose lab\nnir-profile checksum\n"
              + "column nir nir token\ncolumn birth_date birth-date generalize:year\n"
              + "column sex sex keep\ncolumn cp postcode keep\ncolumn result health keep\n"
              + "column unit text keep\ncolumn name name drop\n"
              + "require k >= 2\nrequire l >= 2 for unit\n");

  static final List<String> HEADER = List.of("nir", "birth_date", "sex", "cp", "result", "unit");

  @TempDir Path dir;

  /** A protected file's rows: people on one or more rows, few values per column. */
  static final Gen<List<String[]>> FILES =
      random -> {
        int people = 1 + random.nextInt(40);
        int n = 1 + random.nextInt(random.nextInt(10) == 0 ? 900 : 80);
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          int p = random.nextInt(people);
          rows.add(
              new String[] {
                "nt1.p" + p,
                Integer.toString(1950 + p % 4),
                Integer.toString(1 + p % 2),
                random.nextInt(4) == 0 ? "75011" : "13001",
                Integer.toString(random.nextInt(5)),
                random.nextInt(3) == 0 ? "g/l" : "mmol/l"
              });
        }
        return rows;
      };

  static String csv(List<String> header, List<String[]> rows, char d) {
    StringBuilder b = new StringBuilder(String.join(String.valueOf(d), header)).append('\n');
    for (String[] r : rows) {
      b.append(String.join(String.valueOf(d), r)).append('\n');
    }
    return b.toString();
  }

  static RiskReport direct(List<String[]> rows, UnaryOperator<RiskMeter.Builder> columns)
      throws IOException {
    try (RiskMeter m = columns.apply(RiskMeter.builder(HEADER)).build()) {
      for (String[] r : rows) {
        m.add(r);
      }
      return m.report();
    }
  }

  static RiskReport measured(CsvRisk risk, String text, Charset cs) throws IOException {
    return risk.measure(new ByteArrayInputStream(text.getBytes(cs)));
  }

  @Test
  void measuresWhatAMeterFedTheRowsMeasures() {
    ForAll.check(
        "CsvRisk equals RiskMeter",
        60,
        ForAll.seed(),
        FILES,
        rows -> {
          try {
            check(rows);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private void check(List<String[]> rows) throws IOException {
    String text = csv(HEADER, rows, ';');
    CsvRisk risk = CsvRisk.create(POLICY);

    RiskReport defaults = direct(rows, b -> b.defaultsFrom(POLICY));
    assertEquals(List.of("birth_date", "sex", "cp"), defaults.quasiIdentifiers());
    assertEquals(List.of("result"), defaults.sensitiveColumns());
    assertEquals("nir", defaults.personColumn().orElseThrow());
    assertEquals(defaults, measured(risk, text, StandardCharsets.UTF_8));
    assertEquals(rows.size(), defaults.rows());

    RiskReport rules = direct(rows, b -> b.forRulesOf(POLICY));
    assertEquals(List.of("result", "unit"), rules.sensitiveColumns());
    assertEquals(rules, measured(risk.withRulesOf(), text, StandardCharsets.UTF_8));
    // set sensitive columns win over the rules' (either order)
    RiskReport onlyResult = direct(rows, b -> b.forRulesOf(POLICY).sensitive(List.of("result")));
    assertEquals(
        onlyResult,
        measured(
            risk.withRulesOf().withSensitive(List.of("result")), text, StandardCharsets.UTF_8));
    RiskReport quasi = direct(rows, b -> b.defaultsFrom(POLICY).quasiIdentifiers(List.of("sex")));
    assertEquals(
        quasi, measured(risk.withQuasiIdentifiers(List.of("sex")), text, StandardCharsets.UTF_8));
    assertEquals(List.of("sex"), quasi.quasiIdentifiers());

    RiskReport unit = direct(rows, b -> b.defaultsFrom(POLICY).sensitive(List.of("unit")));
    assertEquals(unit, measured(risk.withSensitive(List.of("unit")), text, StandardCharsets.UTF_8));

    RiskReport eachRow = direct(rows, b -> b.defaultsFrom(POLICY).person(null));
    assertEquals(rows.size(), eachRow.people());
    assertEquals(eachRow, measured(risk.withPerson(null), text, StandardCharsets.UTF_8));
    RiskReport byCp = direct(rows, b -> b.defaultsFrom(POLICY).person("cp"));
    assertEquals(byCp, measured(risk.withPerson("cp"), text, StandardCharsets.UTF_8));

    assertEquals(
        defaults,
        measured(
            risk.withSpillDirectory(dir).withDelimiter(','),
            csv(HEADER, rows, ','),
            StandardCharsets.UTF_8));
  }

  @Test
  void readsTheCharsetAndDelimiterItIsGiven() throws IOException {
    List<String[]> rows =
        List.of(
            new String[] {"a", "1950", "1", "75011", "1", "µmol/l"},
            new String[] {"b", "1950", "1", "75011", "2", "g/l"},
            new String[] {"c", "1951", "2", "13001", "2", "µmol/l"},
            new String[] {"d", "1951", "2", "13001", "3", "g/l"});
    String text = csv(HEADER, rows, ';');
    RiskReport want = direct(rows, b -> b.forRulesOf(POLICY));
    assertEquals(2L, want.lDiversity().get("unit"));
    CsvRisk latin = CsvRisk.create(POLICY).withRulesOf().withCharset(StandardCharsets.ISO_8859_1);
    assertEquals(want, measured(latin, text, StandardCharsets.ISO_8859_1));
    CsvException e =
        assertThrows(
            CsvException.class,
            () -> measured(CsvRisk.create(POLICY), text, StandardCharsets.ISO_8859_1));
    assertEquals(CsvError.INVALID_ENCODING, e.error());
    // a delimiter given is used, not the one detected: read with commas, the header is one column
    RiskReport oneColumn =
        measured(CsvRisk.create(POLICY).withDelimiter(','), text, StandardCharsets.UTF_8);
    assertEquals(List.of(), oneColumn.quasiIdentifiers());
    assertEquals(4, oneColumn.rows());
    assertTrue(oneColumn.personColumn().isEmpty());
    Path file = dir.resolve("risk.csv");
    Files.writeString(file, text);
    assertEquals(direct(rows, b -> b.defaultsFrom(POLICY)), CsvRisk.create(POLICY).measure(file));
  }

  @Test
  void refusesFilesItCannotMeasure() {
    CsvRisk risk = CsvRisk.create(POLICY);
    String head = String.join(";", HEADER) + "\n";
    String row = "a;1950;1;75011;1;g/l\n";
    assertEquals(
        CsvError.NO_DATA_ROWS,
        assertThrows(CsvException.class, () -> measured(risk, head, StandardCharsets.UTF_8))
            .error());
    CsvException open =
        assertThrows(
            CsvException.class,
            () ->
                measured(
                    risk, head + row + row + "b;1950;1;75011;1;\"g/l\n", StandardCharsets.UTF_8));
    assertEquals(CsvError.UNBALANCED_QUOTES, open.error());
    assertEquals(4, open.line());
    CsvException after =
        assertThrows(
            CsvException.class,
            () ->
                measured(
                    risk,
                    head + row + row + row + "b;1950;1;75011;\"1\"x;g/l\n" + row,
                    StandardCharsets.UTF_8));
    assertEquals(CsvError.MALFORMED_QUOTES, after.error());
    assertEquals(5, after.line());
    CsvException ragged =
        assertThrows(
            CsvException.class,
            () -> measured(risk, head + row + "b;1950;1\n", StandardCharsets.UTF_8));
    assertEquals(CsvError.RAGGED_ROW, ragged.error());
    assertEquals(3, ragged.line());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            measured(
                risk.withQuasiIdentifiers(List.of("zip")), head + row, StandardCharsets.UTF_8));
    assertThrows(
        IllegalArgumentException.class,
        () -> measured(risk.withPerson("who"), head + row, StandardCharsets.UTF_8));
  }

  @Test
  void describesItsPolicyOnly() {
    assertEquals("CsvRisk[" + POLICY + "]", CsvRisk.create(POLICY).withPerson("x").toString());
  }
}
