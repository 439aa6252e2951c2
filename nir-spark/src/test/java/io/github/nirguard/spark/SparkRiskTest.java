package io.github.nirguard.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.risk.RiskMeter;
import io.github.nirguard.risk.RiskReport;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 §1, differential: {@link SparkRisk} on {@code local[2]} gives the report {@link
 * RiskMeter} gives on the same seeded rows (nir-testkit's synthetic people), for several seeds and
 * column choices: with and without a person column, without quasi-identifiers or sensitive columns,
 * on an empty table. Every figure is compared through {@link RiskReport#equals} (k, class sizes,
 * the people per smallest class, l, rows, people, memberships) and the derived risks.
 */
class SparkRiskTest {
  static final long SEED = Long.getLong("nirguard.seed", new SplittableRandom().nextLong());
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkTests.session("local[2]");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  static final List<RiskMeter.Columns> CHOICES =
      List.of(
          new RiskMeter.Columns(
              List.of("birth_month", "sex", "department"), List.of("blood", "care"), "pseudo"),
          new RiskMeter.Columns(List.of("birth_year", "sex"), List.of("blood"), "pseudo"),
          new RiskMeter.Columns(
              List.of("birth_month", "sex", "department"), List.of("blood"), null),
          new RiskMeter.Columns(List.of("birth_year"), List.of(), null),
          new RiskMeter.Columns(List.of("department"), List.of(), "pseudo"),
          new RiskMeter.Columns(List.of(), List.of("care"), "pseudo"));

  static RiskReport meter(List<@Nullable String[]> rows, RiskMeter.Columns c) throws Exception {
    try (RiskMeter m = RiskMeter.builder(RiskTables.HEADER).columns(c).bufferPairs(4096).build()) {
      for (String[] r : rows) {
        String[] cells = new String[r.length];
        for (int i = 0; i < r.length; i++) {
          cells[i] = r[i] == null ? "" : r[i]; // a CSV file's empty cell
        }
        m.add(cells);
      }
      return m.report();
    }
  }

  @Test
  void sparkCountsTheSameReportAsRiskMeter() throws Exception {
    SplittableRandom seeds = new SplittableRandom(SEED);
    for (int round = 0; round < 2; round++) {
      long seed = seeds.nextLong();
      int n = 2_000 + seeds.nextInt(10_000);
      List<@Nullable String[]> rows = RiskTables.rows(seed, n);
      Dataset<Row> table = RiskTables.frame(spark, rows).repartition(4).cache();
      for (RiskMeter.Columns c : CHOICES) {
        String where =
            "seed "
                + SEED
                + " (round "
                + round
                + ", table seed "
                + seed
                + ", "
                + n
                + " rows), "
                + c;
        RiskReport expected = meter(rows, c);
        RiskReport actual = SparkRisk.report(table, c);
        assertEquals(expected, actual, where);
        assertEquals(expected.k(), actual.k(), where);
        assertEquals(expected.classes(), actual.classes(), where);
        for (int t : new int[] {2, 5, 10}) {
          assertEquals(expected.peopleBelow(t), actual.peopleBelow(t), where + " below " + t);
        }
        assertEquals(expected.prosecutorHighestRisk(), actual.prosecutorHighestRisk(), where);
        assertEquals(expected.peopleAtHighestRisk(), actual.peopleAtHighestRisk(), where);
        assertEquals(expected.prosecutorAverageRisk(), actual.prosecutorAverageRisk(), where);
        assertEquals(expected.marketerRisk(), actual.marketerRisk(), where);
        assertEquals(expected.journalistHighestRisk(), actual.journalistHighestRisk(), where);
        assertEquals(expected.lDiversity(), actual.lDiversity(), where);
      }
      table.unpersist();
    }
  }

  @Test
  void theDataMakesTheFiguresInteresting() throws Exception {
    // guard against a comparison that passes on trivial reports: small classes, people in two
    // classes, rows without a person, l of 1 all occur in the data the test compares
    List<@Nullable String[]> rows = RiskTables.rows(SEED, 10_000);
    RiskReport r = meter(rows, CHOICES.get(0));
    assertEquals(1, r.k(), "seed " + SEED);
    assertTrue(r.peopleBelow(2) > 0, "unique people, seed " + SEED);
    assertTrue(r.memberships() > r.people(), "someone is in two classes, seed " + SEED);
    assertTrue(r.people() > rows.size() / 2, "rows without a person are people, seed " + SEED);
    assertEquals(1L, r.lDiversity().get("blood"), "seed " + SEED);
    RiskReport coarse = meter(rows, CHOICES.get(1));
    assertTrue(
        coarse.classes() < r.classes() && coarse.peopleBelow(10) < coarse.people(),
        "coarser classes, fewer people at risk, seed " + SEED);
  }

  @Test
  void anEmptyTableAndAMissingColumn() throws Exception {
    Dataset<Row> empty = RiskTables.frame(spark, new ArrayList<>());
    for (RiskMeter.Columns c : CHOICES) {
      assertEquals(meter(List.of(), c), SparkRisk.report(empty, c), c.toString());
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SparkRisk.report(empty, List.of("sex", "nope"), List.of(), null));
    assertTrue(e.getMessage().contains("'nope'"));
  }

  @Test
  void theReportHoldsNoValueOfTheTable() throws Exception {
    List<@Nullable String[]> rows = RiskTables.rows(SEED, 3_000);
    RiskReport r = SparkRisk.report(RiskTables.frame(spark, rows), CHOICES.get(0));
    String text = r.toString();
    for (String[] row : rows) {
      String pseudo = row[0];
      String month = row[2];
      assertFalse(pseudo != null && !pseudo.isEmpty() && text.contains(pseudo), "seed " + SEED);
      assertFalse(text.contains(month), "no class value in the report, seed " + SEED);
    }
  }
}
