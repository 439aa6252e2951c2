package io.github.nirguard.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Gen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RiskMeterTest {
  @TempDir Path tmp;

  private static RiskReport measure(RiskMeter.Builder b, String[][] rows) throws IOException {
    try (RiskMeter m = b.build()) {
      for (String[] r : rows) {
        m.add(r);
      }
      return m.report();
    }
  }

  @Test
  void eachRowAPersonHandChecked() throws IOException {
    String[][] rows = {
      {"1", "1960", "A"},
      {"1", "1960", "B"},
      {"1", "1960", "A"},
      {"2", "1970", "O"},
      {"2", "1970", "O"},
      {"1", "1980", "A"},
    };
    RiskReport r =
        measure(
            RiskMeter.builder(List.of("sex", "year", "blood"))
                .quasiIdentifiers(List.of("sex", "year"))
                .sensitive(List.of("blood")),
            rows);
    assertEquals(6, r.rows());
    assertEquals(6, r.people());
    assertEquals(6, r.memberships());
    assertEquals(3, r.classes());
    assertEquals(1, r.k());
    assertEquals(new TreeMap<>(Map.of(1L, 1L, 2L, 1L, 3L, 1L)), r.classSizes());
    assertEquals(1, r.peopleBelow(2));
    assertEquals(3, r.peopleBelow(3));
    assertEquals(6, r.peopleBelow(5));
    assertEquals(Map.of("blood", 1L), r.lDiversity());
    assertEquals(1.0, r.prosecutorHighestRisk());
    assertEquals(1.0 / 6, r.peopleAtHighestRisk(), 1e-12);
    assertEquals(0.5, r.prosecutorAverageRisk(), 1e-12);
    assertEquals(0.5, r.marketerRisk(), 1e-12);
    assertEquals(1.0, r.journalistHighestRisk());
  }

  @Test
  void aReportOfCountsMadeElsewhereEqualsTheMetersAndMustAddUp() throws IOException {
    String[][] rows = {
      {"a", "1", "1960"}, {"a", "1", "1960"}, {"b", "1", "1960"}, {"c", "1", "1960"},
      {"c", "2", "1970"}, {"d", "2", "1970"}, {"", "2", "1970"}, {"e", "2", "1980"},
      {"e", "1", "1960"},
    };
    RiskReport meter =
        measure(
            RiskMeter.builder(List.of("p", "sex", "year"))
                .quasiIdentifiers(List.of("sex", "year"))
                .person("p"),
            rows);
    TreeMap<Long, Long> sizes = new TreeMap<>(Map.of(1L, 1L, 3L, 1L, 4L, 1L));
    TreeMap<Long, Long> smallest = new TreeMap<>(Map.of(1L, 1L, 3L, 3L, 4L, 2L));
    List<String> quasi = List.of("sex", "year");
    assertEquals(
        meter, RiskReport.ofCounts(quasi, List.of(), "p", 9, 6, 8, sizes, smallest, Map.of()));
    // counts that do not add up are refused
    assertThrows(
        IllegalArgumentException.class,
        () -> RiskReport.ofCounts(quasi, List.of(), "p", 9, 6, 7, sizes, smallest, Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> RiskReport.ofCounts(quasi, List.of(), "p", 9, 5, 8, sizes, smallest, Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> RiskReport.ofCounts(quasi, List.of(), "p", 7, 6, 8, sizes, smallest, Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> RiskReport.ofCounts(quasi, List.of("x"), "p", 9, 6, 8, sizes, smallest, Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            RiskReport.ofCounts(
                quasi, List.of(), "p", 9, 6, 8, new TreeMap<>(Map.of(0L, 8L)), smallest, Map.of()));
  }

  @Test
  void peopleCountOncePerClassAndOnceAtRisk() throws IOException {
    String[][] rows = {
      {"a", "1", "1960"},
      {"a", "1", "1960"}, // a second row of a in the same class: still one person
      {"b", "1", "1960"},
      {"c", "1", "1960"},
      {"c", "2", "1970"}, // c is in two classes
      {"d", "2", "1970"},
      {"", "2", "1970"}, // no pseudonym: a person of its own
      {"e", "2", "1980"}, // e alone in a class ...
      {"e", "1", "1960"}, // ... and in the class of a, b, c
    };
    RiskReport r =
        measure(
            RiskMeter.builder(List.of("p", "sex", "year"))
                .quasiIdentifiers(List.of("sex", "year"))
                .person("p"),
            rows);
    assertEquals(9, r.rows());
    assertEquals(6, r.people()); // a b c d e and the anonymous row
    assertEquals(8, r.memberships()); // 4 + 3 + 1
    assertEquals(new TreeMap<>(Map.of(1L, 1L, 3L, 1L, 4L, 1L)), r.classSizes());
    assertEquals(1, r.k());
    assertEquals(1, r.peopleBelow(2)); // e, once
    assertEquals(4, r.peopleBelow(4)); // e, and c, d, anonymous (class of 3)
    assertEquals(6, r.peopleBelow(5));
    assertEquals(1.0 / 6, r.peopleAtHighestRisk(), 1e-12);
    assertEquals(3.0 / 8, r.prosecutorAverageRisk(), 1e-12);
  }

  @Test
  void distinctLDiversityIsTheFewestValuesOfAnyClass() throws IOException {
    String[][] rows = {
      {"x", "A", "1"}, {"x", "B", "1"}, {"x", "AB", "0"}, {"y", "O", "0"}, {"y", "A", "0"},
    };
    RiskReport r =
        measure(
            RiskMeter.builder(List.of("q", "blood", "ald"))
                .quasiIdentifiers(List.of("q"))
                .sensitive(List.of("blood", "ald")),
            rows);
    assertEquals(Map.of("blood", 2L, "ald", 1L), r.lDiversity());
    assertEquals(List.of("blood", "ald"), new ArrayList<>(r.lDiversity().keySet()));
  }

  @Test
  void anEmptyTableHasNoClass() throws IOException {
    RiskReport r =
        measure(RiskMeter.builder(List.of("a")).quasiIdentifiers(List.of("a")), new String[0][]);
    assertEquals(0, r.k());
    assertEquals(0, r.classes());
    assertEquals(0.0, r.prosecutorHighestRisk());
    assertEquals(0.0, r.shareBelow(5));
  }

  @Test
  void noQuasiIdentifierIsOneClass() throws IOException {
    RiskReport r = measure(RiskMeter.builder(List.of("a")), new String[][] {{"x"}, {"y"}});
    assertEquals(1, r.classes());
    assertEquals(2, r.k());
  }

  @Test
  void unknownColumnsAndRaggedRowsAreRefused() throws IOException {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RiskMeter.builder(List.of("a")).quasiIdentifiers(List.of("zip")).build());
    assertTrue(e.getMessage().contains("'zip'"), e.getMessage());
    try (RiskMeter m = RiskMeter.builder(List.of("a", "b")).build()) {
      assertThrows(IllegalArgumentException.class, () -> m.add(new String[] {"x"}));
      m.report();
      assertThrows(IllegalStateException.class, () -> m.add(new String[] {"x", "y"}));
    }
  }

  @Test
  void toStringHoldsCountsAndColumnNamesOnly() throws IOException {
    String[][] rows = {{"tok-1", "1", "1960-08", "O-"}, {"tok-2", "2", "1971-03", "AB+"}};
    RiskReport r =
        measure(
            RiskMeter.builder(List.of("p", "sex", "birth", "blood"))
                .quasiIdentifiers(List.of("sex", "birth"))
                .sensitive(List.of("blood"))
                .person("p"),
            rows);
    String s = r.toString();
    assertTrue(s.contains("birth") && s.contains("k=1"), s);
    for (String[] row : rows) {
      for (String v : row) {
        if (v.length() > 1) {
          assertFalse(s.contains(v), "a value leaked into toString");
        }
      }
    }
  }

  /** A small random table: person, three quasi-identifiers, a sensitive column. */
  private static final Gen<String[][]> TABLES =
      random -> {
        int n = 1 + random.nextInt(400);
        int people = 1 + random.nextInt(n);
        String[][] t = new String[n][];
        for (int i = 0; i < n; i++) {
          t[i] =
              new String[] {
                random.nextInt(20) == 0 ? "" : "p" + random.nextInt(people),
                String.valueOf(1 + random.nextInt(2)),
                String.valueOf(1950 + random.nextInt(1 + random.nextInt(30))),
                "d" + random.nextInt(1 + random.nextInt(5)),
                "s" + random.nextInt(4),
              };
        }
        return t;
      };

  private static final List<String> HEADER = List.of("p", "sex", "year", "dept", "blood");

  private static RiskMeter.Builder tableMeter() {
    return RiskMeter.builder(HEADER)
        .quasiIdentifiers(List.of("sex", "year", "dept"))
        .sensitive(List.of("blood"))
        .person("p");
  }

  @Test
  void spilledRunsGiveTheSameReportAsMemoryAndAsANaiveCount() throws IOException {
    ForAll.check(
        "spilled = in memory = naive",
        100,
        ForAll.seed(),
        TABLES,
        t -> {
          try {
            RiskReport memory = measure(tableMeter(), t);
            RiskReport spilled = measure(tableMeter().bufferPairs(16).spillDirectory(tmp), t);
            assertEquals(memory, spilled);
            assertNaive(t, memory);
            try (Stream<Path> left = Files.list(tmp)) {
              assertEquals(0, left.count(), "runs deleted on close");
            }
          } catch (IOException e) {
            throw new AssertionError(e);
          }
        });
  }

  /** Tables large enough for a radix pass (256 pairs and more), many people in two classes. */
  private static final Gen<String[][]> LARGE_TABLES =
      random -> {
        int n = 4096 + random.nextInt(16_000);
        int people = 1 + random.nextInt(n);
        String[][] t = new String[n][];
        for (int i = 0; i < n; i++) {
          int p = random.nextInt(people);
          t[i] =
              new String[] {
                random.nextInt(50) == 0 ? "" : "p" + p,
                String.valueOf(1 + p % 2),
                String.valueOf(1920 + (p * 7 + random.nextInt(3) / 2) % 90),
                "d" + random.nextInt(1 + random.nextInt(100)),
                "s" + random.nextInt(8),
              };
        }
        return t;
      };

  @Test
  void largeTablesSortedByRadixGiveTheNaiveCountInMemoryAndSpilled() throws IOException {
    ForAll.check(
        "radix-sorted, in memory and spilled = naive",
        12,
        ForAll.seed(),
        LARGE_TABLES,
        t -> {
          try {
            RiskReport memory = measure(tableMeter(), t);
            assertNaive(t, memory);
            assertEquals(memory, measure(tableMeter().bufferPairs(5000).spillDirectory(tmp), t));
            // 4,096 rows and more start the second thread, which counts the same
            assertEquals(memory, measure(tableMeter().secondThread(true), t));
            assertEquals(
                memory,
                measure(tableMeter().secondThread(true).bufferPairs(5000).spillDirectory(tmp), t));
            try (Stream<Path> left = Files.list(tmp)) {
              assertEquals(0, left.count(), "runs deleted on close");
            }
          } catch (IOException e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void closingWithoutAReportStopsTheSecondThreadAndDeletesTheRuns() throws IOException {
    RiskMeter m = tableMeter().secondThread(true).bufferPairs(100).spillDirectory(tmp).build();
    for (int i = 0; i < 10_000; i++) { // past the first hand-off: the thread runs and spills
      m.add(new String[] {"p" + i, "1", "1950", "d" + (i % 7), "s1"});
    }
    assertTrue(pairsThreadAlive(), "the pairs thread runs");
    m.close();
    assertFalse(pairsThreadAlive(), "the pairs thread is stopped");
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(0, left.count(), "runs deleted on close");
    }
  }

  private static boolean pairsThreadAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals("nirguard-risk-pairs") && t.isAlive());
  }

  /** The definitions, the obvious way: a set of people per class. */
  private static void assertNaive(String[][] t, RiskReport r) {
    Map<String, Set<String>> classes = new HashMap<>();
    Map<String, Set<String>> values = new HashMap<>();
    for (int i = 0; i < t.length; i++) {
      String key = t[i][1] + "|" + t[i][2] + "|" + t[i][3];
      String person = t[i][0].isEmpty() ? "#row" + i : t[i][0];
      classes.computeIfAbsent(key, k -> new HashSet<>()).add(person);
      values.computeIfAbsent(key, k -> new HashSet<>()).add(t[i][4]);
    }
    Map<String, Integer> smallest = new HashMap<>();
    long memberships = 0;
    TreeMap<Long, Long> sizes = new TreeMap<>();
    for (Set<String> c : classes.values()) {
      memberships += c.size();
      sizes.merge((long) c.size(), 1L, Long::sum);
      for (String p : c) {
        smallest.merge(p, c.size(), Math::min);
      }
    }
    assertEquals(sizes, r.classSizes());
    assertEquals(memberships, r.memberships());
    assertEquals(smallest.size(), r.people());
    for (int threshold : new int[] {2, 5, 10}) {
      assertEquals(
          smallest.values().stream().filter(s -> s < threshold).count(), r.peopleBelow(threshold));
    }
    assertEquals(
        values.values().stream().mapToLong(Set::size).min().orElse(0), r.lDiversity().get("blood"));
  }

  @Test
  void policyDefaultsNameWhatAProtectedFileStillShows() {
    ProtectionPolicy p =
        ProtectionPolicy.parse(
            String.join(
                "\n",
                "nirguard-policy 1",
                "purpose lab-export",
                "column nir nir fpe+token",
                "column last_name name seal",
                "column first_name name mask",
                "column birth_date birth-date generalize:year-month",
                "column sex sex keep",
                "column phone phone drop",
                "column postcode postcode",
                "column blood_group health keep",
                "column result health seal",
                "column ald ald keep",
                "column test text keep"));
    List<String> header =
        List.of(
            "nir",
            "nir_token",
            "last_name",
            "first_name",
            "birth_date",
            "sex",
            "postcode",
            "blood_group",
            "result",
            "ald",
            "test",
            "_sealed");
    RiskMeter.Columns c = RiskMeter.Columns.of(p, header);
    assertEquals(List.of("first_name", "birth_date", "sex", "postcode"), c.quasiIdentifiers());
    assertEquals(List.of("blood_group", "ald"), c.sensitive());
    assertEquals("nir_token", c.person());

    ProtectionPolicy masked =
        ProtectionPolicy.parse("nirguard-policy 1\npurpose p\ncolumn nir nir mask\n");
    RiskMeter.Columns m = RiskMeter.Columns.of(masked, List.of("nir"));
    assertEquals(List.of("nir"), m.quasiIdentifiers(), "a masked NIR shows sex, year, month");
    assertEquals(null, m.person(), "a masked NIR is no pseudonym");
  }
}
