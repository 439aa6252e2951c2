package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The specification's date-shift vectors ({@code docs/spec/vectors/date-shifts.jsonl.gz}, spec
 * §12): NIRs of every place and month kind and free-form person identifiers, under both keys of a
 * rotation, windows from 1 to {@link DateShifter#MAX_WINDOW} days, dates at calendar edges and at
 * the ends of years 0001–9999, and inputs that must be refused. Recomputed on every build;
 * rewritten with {@code -Dnirguard.regenerateSpecVectors=true}.
 */
class DateShiftVectorsTest {
  static final String FILE = "date-shifts.jsonl.gz";
  static final int ROWS = 6000;

  /** Fixed windows first (1 and the maximum among them), then random ones. */
  static final List<Integer> WINDOWS = List.of(1, 2, 3, 7, 30, 90, 182, 365, 1000, 3650);

  /** Person identifiers beside NIRs: pseudonyms, numbers, accents, other scripts, 255 bytes. */
  static final List<String> IDS =
      List.of(
          "a",
          "0",
          "patient-000123",
          "nt1.8e8d947a.u4pzgxdw3l5xg6e4a3b2i7qnpa",
          "Zoé Dupont-Lefèvre",
          "日本語の識別子",
          "😀 emoji",
          "with space and\ttab",
          "é".repeat(127) + "x",
          "x".repeat(255));

  /** Dates where calendars go wrong: month and year ends, leap days, the epoch, 2038. */
  static final List<String> EDGE_DATES =
      List.of(
          "1900-01-01",
          "1900-02-28",
          "1900-03-01",
          "1969-12-31",
          "1970-01-01",
          "1999-12-31",
          "2000-02-29",
          "2000-03-01",
          "2024-02-29",
          "2038-01-19",
          "2100-02-28",
          "2100-03-01");

  static KeyRing ring;

  @BeforeAll
  static void keys() throws Exception {
    ring = SpecVectorsTest.ring(true);
  }

  static DateShifter shifter(Map<String, DateShifter> cache, String purpose, int n, int window)
      throws GeneralSecurityException {
    String k = purpose + "/" + n + "/" + window;
    DateShifter s = cache.get(k);
    if (s == null) {
      s =
          DateShifter.forKey(
              ring, purpose, SpecVectorsTest.keyId(purpose, KeyKind.DATE_SHIFT, n), window);
      cache.put(k, s);
    }
    return s;
  }

  static List<Map<String, @Nullable Object>> rows() throws GeneralSecurityException {
    SpecVectorsTest.Inputs in = new SpecVectorsTest.Inputs(SpecVectorsTest.SEED + 18);
    Map<String, DateShifter> cache = new HashMap<>();
    List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      String purpose = SpecVectorsTest.PURPOSES.get(i % 3);
      int n = 1 + (i / 3) % 2;
      int window = i % 4 == 0 ? WINDOWS.get((i / 4) % WINDOWS.size()) : 1 + in.random.nextInt(3650);
      DateShifter s = shifter(cache, purpose, n, window);
      Map<String, @Nullable Object> row =
          Jsonl.row(
              "purpose", purpose,
              "key_id", Token.hex8(s.keyId()),
              "window", window,
              "person_kind", null,
              "person", null,
              "date", null,
              "offset", null,
              "shifted", null,
              "place", null,
              "month", null);
      if (i % 100 == 99) { // refused: an empty or 256-byte identifier
        row.put("person_kind", "id");
        row.put("person", i % 200 == 99 ? "" : "é".repeat(128));
        row.put("date", "2000-01-01");
        rows.add(row);
        continue;
      }
      int offset;
      if (i % 5 < 2) {
        String id = i % 5 == 0 ? IDS.get((i / 5) % IDS.size()) : "person-" + in.random.nextInt();
        row.put("person_kind", "id");
        row.put("person", id);
        offset = s.offsetDays(id);
      } else {
        Nir nir = in.nir();
        row.put("person_kind", "nir");
        row.put("person", nir.compact());
        row.put("place", SpecVectorsTest.place(nir));
        row.put("month", SpecVectorsTest.month(nir));
        offset = s.offsetDays(nir);
      }
      LocalDate date;
      switch (i % 7) {
        case 0:
          date = LocalDate.parse(EDGE_DATES.get((i / 7) % EDGE_DATES.size()));
          break;
        case 1: // the shifted date may be the first day of year 1
          date = LocalDate.of(1, 1, 1).plusDays(window);
          break;
        case 2: // or the last day of year 9999
          date = LocalDate.of(9999, 12, 31).minusDays(window);
          break;
        default:
          date = LocalDate.of(1900, 1, 1).plusDays(in.random.nextInt(73_049)); // to 2099
      }
      row.put("date", date.toString());
      row.put("offset", (long) offset);
      row.put("shifted", date.plusDays(offset).toString());
      rows.add(row);
    }
    return rows;
  }

  @Test
  @EnabledIfSystemProperty(named = SpecVectorsTest.REGENERATE, matches = "true")
  void regenerate() throws Exception {
    Files.createDirectories(SpecVectorsTest.DIR);
    Jsonl.write(SpecVectorsTest.DIR.resolve(FILE), rows());
  }

  @Test
  @DisabledIfSystemProperty(named = SpecVectorsTest.REGENERATE, matches = "true")
  void theDateShiftVectorsHold() throws Exception {
    List<Map<String, @Nullable Object>> rows = SpecVectorsTest.committed(FILE);
    Map<String, DateShifter> cache = new HashMap<>();
    Set<String> seen = new TreeSet<>();
    int line = 0;
    for (Map<String, @Nullable Object> row : rows) {
      line++;
      String at = "line " + line;
      String purpose = SpecVectorsTest.str(row, "purpose");
      int window = ((Long) row.get("window")).intValue();
      int n = SpecVectorsTest.keyNumber(purpose, KeyKind.DATE_SHIFT, SpecVectorsTest.id(row));
      DateShifter s = shifter(cache, purpose, n, window);
      String person = SpecVectorsTest.str(row, "person");
      LocalDate date = LocalDate.parse(SpecVectorsTest.str(row, "date"));
      if (row.get("offset") == null) {
        assertThrows(IllegalArgumentException.class, () -> s.shift(person, date), at);
        seen.add("refused");
        continue;
      }
      LocalDate shifted = LocalDate.parse(SpecVectorsTest.str(row, "shifted"));
      long offset = (Long) row.get("offset");
      if (SpecVectorsTest.str(row, "person_kind").equals("nir")) {
        Nir nir = NirProfile.CHECKSUM_ONLY.parse(person);
        assertEquals(offset, s.offsetDays(nir), at);
        assertEquals(shifted, s.shift(nir, date), at);
        assertEquals(date, s.unshift(nir, shifted), at);
        seen.add(SpecVectorsTest.str(row, "place"));
        seen.add(SpecVectorsTest.str(row, "month"));
      } else {
        assertEquals(offset, s.offsetDays(person), at);
        assertEquals(shifted, s.shift(person, date), at);
        assertEquals(date, s.unshift(person, shifted), at);
        seen.add("id");
        if (person.getBytes(StandardCharsets.UTF_8).length == 255) {
          seen.add("255 bytes");
        }
      }
      assertTrue(offset != 0 && Math.abs(offset) <= window, at);
      seen.add("key " + n);
      seen.add(offset < 0 ? "earlier" : "later");
      seen.add("window " + window);
      if (shifted.equals(LocalDate.of(1, 1, 1)) || shifted.equals(LocalDate.of(9999, 12, 31))) {
        seen.add("range end");
      }
    }
    assertTrue(rows.size() >= 5000, "date-shift vectors: " + rows.size());
    SpecVectorsTest.assertCovers(
        seen,
        "id",
        "255 bytes",
        "refused",
        "key 1",
        "key 2",
        "earlier",
        "later",
        "window 1",
        "window 3650",
        "range end");
  }

  /** The same person under both keys of the rotation, or as a NIR and as its text: unrelated. */
  @Test
  void rotationAndPersonKindsSeparate() throws Exception {
    Nir nir = NirProfile.STRICT.parse("2 55 08 14 168 025 38");
    int same = 0;
    for (String purpose : SpecVectorsTest.PURPOSES) {
      DateShifter one = shifter(new HashMap<>(), purpose, 1, 3650);
      DateShifter two = shifter(new HashMap<>(), purpose, 2, 3650);
      same += one.offsetDays(nir) == two.offsetDays(nir) ? 1 : 0;
      same += one.offsetDays(nir) == one.offsetDays(nir.body()) ? 1 : 0;
    }
    assertTrue(same <= 1, "offsets that should be unrelated agree " + same + " times of 6");
  }
}
