package io.github.nirguard.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.policy.Action;
import io.github.nirguard.policy.ColumnRule;
import io.github.nirguard.policy.PolicyBuilder;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.record.FieldSpec;
import io.github.nirguard.record.FieldType;
import io.github.nirguard.record.Ladder;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Hand-built first-pass rows whose least generalisation is known. */
class KAnonymizerTest {
  static PolicyBuilder birthAndSex(int k) {
    return ProtectionPolicy.builder()
        .purpose("p")
        .rule(
            new ColumnRule(
                FieldSpec.of("birth_date", FieldType.BIRTH_DATE),
                Action.GENERALIZE_LEAST,
                0,
                Ladder.BIRTH_DATE.range("year-month", "5-year")))
        .column("sex", FieldType.SEX, Action.KEEP)
        .requireK(k);
  }

  static GeneralisationPlan plan(ProtectionPolicy p, List<String> header, String[]... rows)
      throws IOException {
    try (KAnonymizer a = KAnonymizer.builder(header, p).bufferPairs(2).build()) {
      for (String[] r : rows) {
        a.add(r);
      }
      return a.plan();
    }
  }

  static final List<String> BS = List.of("birth_date", "sex");

  @Test
  void climbsOneRungWhenYearMonthIsUniqueButTheYearIsShared() throws IOException {
    GeneralisationPlan plan =
        plan(
            birthAndSex(2).build(),
            BS,
            new String[] {"1955-08", "1"},
            new String[] {"1955-09", "1"},
            new String[] {"1956-01", "1"},
            new String[] {"1956-02", "1"});
    assertTrue(plan.feasible());
    assertEquals(Map.of("birth_date", "year"), plan.rungs());
    GeneralisationPlan.Candidate c = plan.chosen().orElseThrow();
    assertEquals(2, c.k());
    assertEquals(2, c.classes());
    assertEquals(0, c.rowsSuppressed());
    assertEquals(3, plan.candidates().size());
    assertEquals(1, plan.candidates().get(0).k(), "year-month: all unique");
    assertEquals(
        Action.GENERALIZE_YEAR,
        plan.policy().orElseThrow().rule("birth_date").orElseThrow().action());
  }

  @Test
  void suppressesTheOutlierWithinTheCapRatherThanClimbing() throws IOException {
    String[][] rows = {
      {"1955-08", "1"}, {"1955-09", "1"}, {"1956-01", "1"}, {"1956-02", "1"}, {"1990-01", "2"}
    };
    // without suppression: even 5-year leaves the 1990 woman alone
    GeneralisationPlan refused = plan(birthAndSex(2).build(), BS, rows);
    assertFalse(refused.feasible());
    assertEquals(1, refused.top().k());
    assertEquals(1, refused.top().rowsSuppressed());
    assertTrue(refused.describe().startsWith("no generalisation"), refused.describe());
    // 20 % of 5 rows: one row may go; year reaches k = 2 with it left out
    GeneralisationPlan plan = plan(birthAndSex(2).suppressOutliers(20).build(), BS, rows);
    assertEquals(Map.of("birth_date", "year"), plan.rungs());
    GeneralisationPlan.Candidate c = plan.chosen().orElseThrow();
    assertEquals(1, c.rowsSuppressed());
    assertEquals(1, c.peopleSuppressed());
    assertEquals(2, c.kAfter());
    assertEquals(2, c.classesAfter());
    Predicate<String[]> out = plan.outliers(List.of("x", "birth_date", "sex"));
    assertTrue(out.test(new String[] {"a", "1990", "2"}));
    assertFalse(out.test(new String[] {"a", "1955", "1"}));
    assertFalse(plan.toString().contains("1990"), "no value in the plan's text");
  }

  @Test
  void aPersonInTwoMergedClassesCountsOnce() throws IOException {
    ProtectionPolicy p =
        ProtectionPolicy.builder()
            .purpose("p")
            .column("id", FieldType.NIR, Action.TOKEN)
            .rule(
                new ColumnRule(
                    FieldSpec.of("birth_date", FieldType.BIRTH_DATE),
                    Action.GENERALIZE_LEAST,
                    0,
                    Ladder.BIRTH_DATE.range("year-month", "year")))
            .requireK(3)
            .build();
    List<String> header = List.of("id", "birth_date");
    String[][] rows = {{"P", "1955-08"}, {"P", "1955-09"}, {"Q", "1955-10"}, {"R", "1955-10"}};
    GeneralisationPlan plan = plan(p, header, rows);
    // at year: one class of three rows... but P, Q and R are three people: k = 3
    assertEquals(Map.of("birth_date", "year"), plan.rungs());
    assertEquals(3, plan.chosen().orElseThrow().k());
    assertEquals(3, plan.people());
    // P twice in 1955-10 too: still 3 people, 5 rows
    GeneralisationPlan again =
        plan(p, header, rows[0], rows[1], rows[2], rows[3], new String[] {"P", "1955-10"});
    assertEquals(3, again.chosen().orElseThrow().k());
    assertEquals(5, again.rows());
    // P, Q only: k = 2 < 3 at every rung
    GeneralisationPlan two = plan(p, header, rows[0], rows[1], rows[2]);
    assertFalse(two.feasible());
    assertEquals(2, two.top().k());
  }

  @Test
  void generalisesTheCheaperColumnOfTwo() throws IOException {
    ProtectionPolicy p =
        ProtectionPolicy.builder()
            .purpose("p")
            .rule(
                new ColumnRule(
                    FieldSpec.of("birth_date", FieldType.BIRTH_DATE),
                    Action.GENERALIZE_LEAST,
                    0,
                    Ladder.BIRTH_DATE.range("year-month", "5-year")))
            .rule(
                new ColumnRule(
                    FieldSpec.of("cp", FieldType.POSTCODE), Action.GENERALIZE_LEAST, 0, null))
            .requireK(2)
            .build();
    List<String> header = List.of("birth_date", "cp");
    GeneralisationPlan plan =
        plan(
            p,
            header,
            new String[] {"1955-08", "75"},
            new String[] {"1955-08", "92"},
            new String[] {"1960-01", "13"},
            new String[] {"1960-01", "06"});
    assertEquals(Map.of("birth_date", "year-month", "cp", "region"), plan.rungs());
    assertEquals(1, plan.chosen().orElseThrow().height());
    assertEquals(6, plan.candidates().size());
  }
}
