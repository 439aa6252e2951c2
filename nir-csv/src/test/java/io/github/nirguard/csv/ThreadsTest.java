package io.github.nirguard.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.policy.OnInvalid;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.testkit.LabExports;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link CsvProtector#withThreads}: the same output, report, summary and first error on every
 * number of threads. The files span many blocks ({@link BlockReader#BLOCK_ROWS} rows each), with
 * rejected rows in the first block, across block boundaries and near the end.
 */
class ThreadsTest {
  static final int ROWS = 3_000; // 12 blocks
  static final int[] THREADS = {1, 2, 4};

  /** Data rows (1-based) whose NIR is made invalid. */
  static final int[] INVALID = {1, 255, 256, 257, 1_024, 1_700, 2_999};

  static KeyRing ring;
  static ProtectionPolicy policy;
  @TempDir Path dir;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    ring = KeyRingManager.empty().add("lab-export", KeyKind.values()).ring();
    policy = ProtectionPolicy.parse(CsvProtectorTest.POLICY);
  }

  /** The export's lines: header first; rows listed in {@code invalid} get a NIR of 3 digits. */
  static List<String> export(long seed, int... invalid) throws IOException {
    StringWriter w = new StringWriter();
    LabExports.write(w, ROWS, seed, true);
    List<String> lines = new ArrayList<>(Arrays.asList(w.toString().split("\n")));
    for (int row : invalid) {
      String line = lines.get(row);
      lines.set(row, "123" + line.substring(line.indexOf(';')));
    }
    return lines;
  }

  Path write(String name, List<String> lines) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    return p;
  }

  /** A protected file's lines without the row seal (random nonces: never the same twice). */
  static List<String> withoutSeal(Path p) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
      out.add(line.substring(0, line.lastIndexOf(';')));
    }
    return out;
  }

  @ParameterizedTest(name = "on-invalid {0}")
  @EnumSource(
      value = OnInvalid.class,
      names = {"REJECT_ROW", "DROP_VALUE"})
  void protectAndRevealGiveTheSameFilesOnEveryThreadCount(OnInvalid strategy) throws Exception {
    ProtectionPolicy p = policy.withOnInvalid(strategy);
    Path in = write("in.csv", export(7, INVALID));
    List<String> protected1 = null;
    byte[] report1 = null;
    CsvSummary summary1 = null;
    byte[] revealed1 = null;
    for (int t : THREADS) {
      Path out = dir.resolve("out-" + t + ".csv");
      Path report = dir.resolve("report-" + t + ".csv");
      CsvSummary s = CsvProtector.create(p, ring).withThreads(t).protect(in, out, report);
      assertEquals(ROWS, s.rowsRead());
      assertEquals(
          strategy == OnInvalid.REJECT_ROW ? ROWS - INVALID.length : ROWS, s.rowsWritten(), "rows");
      if (protected1 == null) {
        protected1 = withoutSeal(out);
        report1 = Files.readAllBytes(report);
        summary1 = s;
      } else {
        assertEquals(protected1, withoutSeal(out), "protected, " + t + " threads");
        assertArrayEquals(report1, Files.readAllBytes(report), "report, " + t + " threads");
        assertEquals(summary1.rowsWritten(), s.rowsWritten());
        assertEquals(summary1.rowsRejected(), s.rowsRejected());
        assertEquals(summary1.valuesDropped(), s.valuesDropped());
      }
      // every row seal is bound to the right output index: any thread count opens it
      for (int r : THREADS) {
        Path back = dir.resolve("back-" + t + "-" + r + ".csv");
        CsvSummary rs = CsvProtector.create(p, ring).withThreads(r).reveal(out, back);
        assertEquals(s.rowsWritten(), rs.rowsWritten());
        if (revealed1 == null) {
          revealed1 = Files.readAllBytes(back);
        } else {
          assertArrayEquals(revealed1, Files.readAllBytes(back), "revealed " + t + "/" + r);
        }
      }
    }
    assertEquals(INVALID.length + 1, Files.readAllLines(dir.resolve("report-1.csv")).size());
  }

  @Test
  void theFirstInvalidRowStopsTheRunAtTheSameLineOnEveryThreadCount() throws Exception {
    List<String> lines = export(8, 1_700, 2_600);
    lines.set(2_800, lines.get(2_800) + ";extra"); // a later read error, never reached
    Path in = write("in.csv", lines);
    ProtectionPolicy stop = policy.withOnInvalid(OnInvalid.STOP);
    for (int t : THREADS) {
      Path out = dir.resolve("out.csv");
      CsvException e =
          assertThrows(
              CsvException.class,
              () -> CsvProtector.create(stop, ring).withThreads(t).protect(in, out),
              t + " threads");
      assertEquals(CsvError.INVALID_VALUE, e.error(), t + " threads");
      assertEquals(1_701, e.line(), t + " threads");
      assertEquals(Optional.of("nir"), e.column());
      assertFalse(Files.exists(out), "nothing published");
    }
  }

  @Test
  void aReadErrorIsThrownAfterTheRowsBeforeItOnEveryThreadCount() throws Exception {
    List<String> lines = export(9, 2_000);
    lines.set(1_500, lines.get(1_500) + ";extra");
    Path in = write("in.csv", lines);
    for (int t : THREADS) {
      Path out = dir.resolve("out.csv");
      CsvException e =
          assertThrows(
              CsvException.class,
              () -> CsvProtector.create(policy, ring).withThreads(t).protect(in, out));
      assertEquals(CsvError.RAGGED_ROW, e.error(), t + " threads");
      assertEquals(1_501, e.line(), t + " threads");
      assertFalse(Files.exists(out));
    }
  }

  @Test
  void revealRefusesTheSameRowOnEveryThreadCount() throws Exception {
    Path in = write("in.csv", export(10));
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    CsvProtector.create(policy, ring).withThreads(2).protect(in, a);
    CsvProtector.create(policy, ring).withThreads(2).protect(in, b);
    List<String> la = Files.readAllLines(a, StandardCharsets.UTF_8);
    List<String> lb = Files.readAllLines(b, StandardCharsets.UTF_8);

    // rows 2,201 and 2,202 swapped: the first one is refused (its seal names another index)
    List<String> swapped = new ArrayList<>(la);
    swapped.set(2_201, la.get(2_202));
    swapped.set(2_202, la.get(2_201));
    // from row 1,301 on, the rows of another export of the same input (same indexes)
    List<String> mixed = new ArrayList<>(la.subList(0, 1_301));
    mixed.addAll(lb.subList(1_301, lb.size()));
    // another export from its first row, then this one's rows from row 2,001
    List<String> mixedLate = new ArrayList<>(lb.subList(0, 2_001));
    mixedLate.addAll(la.subList(2_001, la.size()));

    Object[][] cases = {
      {swapped, 2_202L, "ROW_SEAL_REFUSED"},
      {mixed, 1_302L, "OTHER_EXPORT"},
      {mixedLate, 2_002L, "OTHER_EXPORT"},
    };
    for (Object[] c : cases) {
      @SuppressWarnings("unchecked")
      Path file = write("tampered.csv", (List<String>) c[0]);
      String first = null;
      for (int t : THREADS) {
        Path out = dir.resolve("revealed.csv");
        CsvException e =
            assertThrows(
                CsvException.class,
                () -> CsvProtector.create(policy, ring).withThreads(t).reveal(file, out));
        assertEquals(CsvError.REVEAL_REFUSED, e.error(), t + " threads");
        assertTrue(e.getMessage().contains((String) c[2]), e.getMessage());
        assertEquals(c[1], e.line(), t + " threads");
        if (first == null) {
          first = e.getMessage();
        } else {
          assertEquals(first, e.getMessage(), t + " threads");
        }
        assertFalse(Files.exists(out), "nothing published");
      }
      Files.delete(file);
    }
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(3, s.count(), "no temporary file left");
    }
  }

  @Test
  void threadsOutOfRangeAreRefused() {
    CsvProtector p = CsvProtector.create(policy, ring);
    assertThrows(IllegalArgumentException.class, () -> p.withThreads(0));
    assertThrows(IllegalArgumentException.class, () -> p.withThreads(CsvProtector.MAX_THREADS + 1));
  }
}
