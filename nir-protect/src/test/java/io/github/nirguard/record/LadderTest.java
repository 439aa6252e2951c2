package io.github.nirguard.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nirguard.policy.Action;
import io.github.nirguard.policy.PolicyException;
import io.github.nirguard.policy.ProtectionPolicy;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LadderTest {
  @Test
  void birthDateRungsOnHandCheckedValues() {
    Ladder l = Ladder.BIRTH_DATE;
    assertEquals(List.of("day", "year-month", "year", "5-year"), l.rungs());
    assertEquals("14/08/1955", l.generalize("14/08/1955", 0));
    assertEquals("1955-08", l.generalize("14/08/1955", 1));
    assertEquals("1955", l.generalize("1955-08-14", 2));
    assertEquals("1955-1959", l.generalize("1955-08-14", 3));
    assertEquals("1960-1964", l.generalize("1960-01-01", 3));
    assertEquals("1955-1959", l.generalize("31/12/1959", 3));
    assertNull(l.generalize("1955-02-30", 1), "not a calendar date");
    assertNull(l.generalize("1955-08", 2), "a year-month is no raw date");
    assertEquals("1955", l.coarsen("1955-08", 1, 2));
    assertEquals("1955-1959", l.coarsen("1957", 2, 3));
    assertEquals("1955-1959", l.coarsen("1955-1959", 3, 3));
    assertNull(l.coarsen("1956-1960", 3, 3), "bands start on a multiple of 5");
    assertNull(l.coarsen("1955-13", 1, 2));
  }

  @Test
  void postcodeAndCommuneRungsOnHandCheckedValues() {
    assertEquals("75", Ladder.POSTCODE.generalize("75011", 1));
    assertEquals("11", Ladder.POSTCODE.generalize("75011", 2)); // Île-de-France
    assertEquals("2A", Ladder.POSTCODE.generalize("20000", 1));
    assertEquals("94", Ladder.POSTCODE.generalize("20200", 2)); // Corse (2B)
    assertEquals("01", Ladder.POSTCODE.generalize("97110", 2)); // Guadeloupe
    assertEquals("06", Ladder.POSTCODE.generalize("97600", 2)); // Mayotte
    assertEquals("975", Ladder.POSTCODE.generalize("97500", 2), "no region: keeps its code");
    assertEquals("84", Ladder.COMMUNE.generalize("69123", 2)); // Lyon: Auvergne-Rhône-Alpes
    assertEquals("94", Ladder.COMMUNE.generalize("2A004", 2));
    assertEquals("76", Ladder.COMMUNE.coarsen("31", 1, 2)); // Haute-Garonne: Occitanie
    assertEquals("75", Ladder.COMMUNE.coarsen("33", 1, 2)); // Gironde: Nouvelle-Aquitaine
    assertEquals("75", Ladder.COMMUNE.coarsen("75", 2, 2), "a region stays itself");
    assertNull(Ladder.POSTCODE.generalize("7501", 1));
  }

  @Test
  void everyMetropolitanDepartmentHasExactlyOneRegionOfThirteen() {
    TreeSet<String> regions = new TreeSet<>();
    for (int d = 1; d <= 95; d++) {
      if (d == 20) {
        continue;
      }
      String r = Generalize.region(String.format("%02d", d));
      assertEquals(2, r == null ? 0 : r.length(), "department " + d);
      regions.add(r);
    }
    regions.add(Generalize.region("2A"));
    regions.add(Generalize.region("2B"));
    assertEquals(13, regions.size(), regions.toString());
    assertNull(Generalize.region("96"));
  }

  @Test
  void ageRungsOnHandCheckedValues() {
    Ladder l = Ladder.AGE;
    assertEquals("63", l.generalize("63", 0));
    assertEquals("60-69", l.generalize("63", 1));
    assertEquals("60-79", l.generalize("63", 2));
    assertEquals("0-9", l.generalize("0", 1));
    assertEquals("0-19", l.generalize("7", 2));
    assertEquals("80-89", l.generalize("85", 1));
    assertEquals("80+", l.generalize("85", 2));
    assertEquals("90+", l.generalize("101", 1));
    assertEquals("80+", l.coarsen("90+", 1, 2));
    assertNull(l.generalize("-3", 1));
    assertNull(l.generalize("151", 1));
    assertNull(l.generalize("6x", 1));
  }

  @Test
  void everyRungHasItsAction() {
    assertEquals(Action.KEEP, Action.forRung(Ladder.BIRTH_DATE, 0));
    assertEquals(Action.GENERALIZE_5_YEAR, Action.forRung(Ladder.BIRTH_DATE, 3));
    assertEquals(Action.GENERALIZE_REGION, Action.forRung(Ladder.COMMUNE, 2));
    assertEquals(Action.GENERALIZE_20_YEAR, Action.forRung(Ladder.AGE, 2));
  }

  static final String POLICY =
      "nirguard-policy 1\n"
          + "purpose p\n"
          + "column id nir token\n"
          + "column birth_date birth-date generalize:year-month..5-year\n"
          + "column cp postcode generalize:auto\n"
          + "column age age generalize:20-year\n"
          + "require k >= 5\n"
          + "suppress-outliers up to 1.5%\n";

  @Test
  void policyRangesParseFormatAndResolve() {
    ProtectionPolicy p = ProtectionPolicy.parse(POLICY);
    assertEquals(2, p.leastGeneralisation().size());
    assertEquals("year-month..5-year", p.rule("birth_date").orElseThrow().range().label());
    assertEquals("department..region", p.rule("cp").orElseThrow().range().label());
    assertEquals(1.5, p.suppressionPercent());
    assertEquals(p, ProtectionPolicy.parse(p.format()));
    ProtectionPolicy fixed = p.withRungs(Map.of("birth_date", "year", "cp", "region"));
    assertEquals(Action.GENERALIZE_YEAR, fixed.rule("birth_date").orElseThrow().action());
    assertEquals(Action.GENERALIZE_REGION, fixed.rule("cp").orElseThrow().action());
    assertThrows(IllegalArgumentException.class, () -> p.withRungs(Map.of("birth_date", "year")));
    assertThrows(
        IllegalArgumentException.class,
        () -> p.withRungs(Map.of("birth_date", "day", "cp", "region")),
        "outside the range");
  }

  @Test
  void policyMistakesNameTheirLine() {
    PolicyException noK =
        assertThrows(
            PolicyException.class,
            () -> ProtectionPolicy.parse(POLICY.replace("require k >= 5\n", "")));
    assertEquals(4, noK.line());
    PolicyException day =
        assertThrows(
            PolicyException.class,
            () -> ProtectionPolicy.parse(POLICY.replace("year-month..5-year", "day..year")));
    assertEquals(4, day.line());
    PolicyException sex =
        assertThrows(
            PolicyException.class,
            () -> ProtectionPolicy.parse(POLICY + "column s sex generalize:auto\n"));
    assertEquals(9, sex.line());
    PolicyException pct =
        assertThrows(
            PolicyException.class, () -> ProtectionPolicy.parse(POLICY.replace("1.5%", "1.5")));
    assertEquals(8, pct.line());
  }
}
