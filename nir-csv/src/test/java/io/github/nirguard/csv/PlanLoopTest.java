package io.github.nirguard.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.risk.GeneralisationPlan;
import io.github.nirguard.testkit.ForAll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first pass of least generalisation ({@link PlanLoop}) rejects rows exactly as the second pass
 * does: a rejected row counts for nothing, and a policy that stops stops at the row's line.
 */
class PlanLoopTest {
  @TempDir static Path dir;
  static KeyRing ring;
  static final AtomicInteger FILES = new AtomicInteger();

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    ring = KeyRingManager.empty().add("lab", KeyKind.TOKEN).ring();
  }

  static ProtectionPolicy policy(LeastGeneralisationTest.Case c, String onInvalid, String onLeak) {
    String base = LeastGeneralisationTest.policy(c.k(), c.suppress());
    return ProtectionPolicy.parse(
        base.replace(
                "nir-profile checksum\n",
                "nir-profile checksum\non-invalid " + onInvalid + "\non-leak " + onLeak + "\n")
            + "column note text keep\n");
  }

  static Path write(List<String> lines) throws IOException {
    Path p = dir.resolve("plan" + FILES.incrementAndGet() + ".csv");
    Files.write(p, lines);
    return p;
  }

  static GeneralisationPlan plan(ProtectionPolicy policy, Path in)
      throws IOException, GeneralSecurityException {
    return CsvProtector.create(policy, ring).plan(in);
  }

  @Test
  void rejectedRowsCountForNothingAndStoppingRowsNameTheirLine() {
    ForAll.check(
        "the first pass rejects as the second",
        20,
        ForAll.seed(),
        LeastGeneralisationTest.CASES,
        c -> {
          try {
            check(c);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private static void check(LeastGeneralisationTest.Case c)
      throws IOException, GeneralSecurityException {
    List<String> clean = new ArrayList<>();
    for (String line : c.csv().split("\n")) {
      clean.add(line + (clean.isEmpty() ? ";note" : ";ok"));
    }
    int rows = clean.size() - 1;
    // an invalid NIR and a NIR left in clear in the note, each copied from a data row
    int badAt = 1 + rows / 3;
    int leakAt = 1 + (2 * rows) / 3;
    String invalid = "123" + clean.get(badAt).substring(clean.get(badAt).indexOf(';'));
    String leak = clean.get(leakAt).replace(";ok", ";" + clean.get(1).split(";")[0]);
    List<String> both = new ArrayList<>(clean);
    both.add(leakAt + 1, leak);
    both.add(badAt, invalid);
    // lines: the header is line 1, so the row at index i of the list is line i + 1
    int invalidLine = badAt + 1;
    int leakLine = leakAt + 3;
    assertEquals(invalid, both.get(invalidLine - 1));
    assertEquals(leak, both.get(leakLine - 1));

    Path cleanFile = write(clean);
    Path bothFile = write(both);
    GeneralisationPlan want = plan(policy(c, "reject", "reject-row"), cleanFile);
    assertEquals(rows, want.rows());
    GeneralisationPlan got = plan(policy(c, "reject", "reject-row"), bothFile);
    assertEquals(want.rows(), got.rows(), "rejected rows are not counted");
    assertEquals(want.people(), got.people());
    assertEquals(want.candidates(), got.candidates());
    assertEquals(want.chosen(), got.chosen());
    assertEquals(want.describe(), got.describe());

    CsvException stop =
        assertThrows(CsvException.class, () -> plan(policy(c, "stop", "reject-row"), bothFile));
    assertEquals(CsvError.INVALID_VALUE, stop.error());
    assertEquals(invalidLine, stop.line());
    assertEquals("nir", stop.column().orElseThrow());

    CsvException stopLeak =
        assertThrows(
            CsvException.class,
            () -> plan(policy(c, "stop", "reject-row"), write(without(both, invalidLine))));
    assertEquals(leakLine - 1, stopLeak.line(), "stop stops at a leak too");
    assertEquals("note", stopLeak.column().orElseThrow());

    CsvException fail =
        assertThrows(CsvException.class, () -> plan(policy(c, "reject", "fail"), bothFile));
    assertEquals(CsvError.INVALID_VALUE, fail.error());
    assertEquals(leakLine, fail.line(), "the invalid row is rejected, the leak fails");
    assertEquals("note", fail.column().orElseThrow());

    GeneralisationPlan rejected = plan(policy(c, "reject", "fail"), write(without(both, leakLine)));
    assertEquals(want.candidates(), rejected.candidates());
    assertEquals(want.rows(), rejected.rows());
  }

  static List<String> without(List<String> lines, int line) {
    List<String> out = new ArrayList<>(lines);
    out.remove(line - 1);
    return out;
  }

  @Test
  void aFileWithoutThePolicysColumnsIsAMismatch() throws IOException {
    ProtectionPolicy p = ProtectionPolicy.parse(LeastGeneralisationTest.policy(2, false));
    Path in = write(List.of("nir;birth_date;sex;cp;zzz", "255081416802538;1955-01-01;1;75011;a"));
    CsvException e = assertThrows(CsvException.class, () -> plan(p, in));
    assertEquals(CsvError.POLICY_MISMATCH, e.error());
    assertEquals(1, e.line());
    Path empty = write(List.of("nir;birth_date;sex;cp"));
    assertEquals(
        CsvError.NO_DATA_ROWS, assertThrows(CsvException.class, () -> plan(p, empty)).error());
  }

  @Test
  void aMaskTheCharsetCannotHoldFailsThePlanAtItsColumn() throws IOException {
    // the mask's bullets are not in ISO-8859-1: the first pass fails as the second would, naming
    // the column from the protected header
    ProtectionPolicy p =
        ProtectionPolicy.parse(
            LeastGeneralisationTest.policy(2, false) + "column name name mask\n");
    Path in =
        write(
            List.of(
                "nir;birth_date;sex;cp;name",
                "255081416802538;1955-01-01;1;75011;Durand",
                "255081416802538;1955-01-01;1;75011;Martin"));
    CsvException e =
        assertThrows(
            CsvException.class,
            () ->
                CsvProtector.create(p, ring)
                    .withCharset(java.nio.charset.StandardCharsets.ISO_8859_1)
                    .plan(in));
    assertEquals(CsvError.UNENCODABLE_VALUE, e.error());
    assertEquals(2, e.line());
    assertEquals("name", e.column().orElseThrow());
  }
}
