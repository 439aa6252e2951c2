package io.github.nirguard.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirError;
import io.github.nirguard.core.NirProfile;
import io.github.nirguard.samples.NeverRealLabExport;
import io.github.nirguard.samples.draw.LabRows;
import io.github.nirguard.samples.draw.NeverReal;
import io.github.nirguard.samples.draw.Place;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * nir-samples, the demo data the CLI ships, emits only never-real NIRs and writes exactly the files
 * nir-testkit's {@code LabExports.write(..., true)} always wrote. Lives here because nir-samples
 * cannot test-depend on the kit that depends on it.
 */
class NeverRealLabExportTest {
  private static final int ROWS = 10;

  @Test
  void samplePeopleAreNeverReal() {
    ForAll.check("sample people are never real", NeverReal::person, p -> assertNeverReal(p.nir()));
  }

  @Test
  void sampleExportsHoldOnlyNeverRealNirs() {
    Gen<String> exports = random -> export(random.nextLong(), ROWS);
    ForAll.check(
        "sample exports hold only never-real NIRs",
        exports,
        csv -> {
          List<String> lines = csv.lines().toList();
          assertEquals(ROWS + 1, lines.size(), "header and rows");
          assertEquals(String.join(";", NeverRealLabExport.HEADER), lines.get(0), "header");
          for (String line : lines.subList(1, lines.size())) {
            String nir = line.substring(0, line.indexOf(';'));
            assertNeverReal(NirProfile.CHECKSUM_ONLY.parse(nir));
          }
        });
  }

  @Test
  void sampleExportsEqualTheTestkitsNeverRealRecordsRowForRow() {
    Gen<Long> seeds = SplittableRandom::nextLong;
    ForAll.check(
        "sample export equals the testkit's",
        seeds,
        seed -> assertTrue(throughTestkit(seed, ROWS).equals(export(seed, ROWS)), "same bytes"));
  }

  @Test
  void sampleExportsEqualTheTestkitsForLongFiles() {
    for (long seed : new long[] {1L, 7L, 2026L, -3L}) {
      // compared without printing: a failure must not show names
      assertTrue(throughTestkit(seed, 3000).equals(export(seed, 3000)), "same bytes, seed " + seed);
    }
  }

  /** Digests of {@code LabExports.write(w, 1000, seed, true)} before nir-samples existed. */
  @Test
  void sampleExportsAreThoseOfEarlierReleases() {
    assertEquals(
        "066103a7152a832c43c0af45324a589ff658eb67c39897cf016cea6425947456",
        sha256(export(1L, 1000)));
    assertEquals(
        "614b29870f950dd9988da6df748d67b9b4ff35445e0e9c9f27976ad0602e3873",
        sha256(export(7L, 1000)));
    assertEquals(
        "852deb1cb836999ef109f7b2f3a52397c03f0422f30761e67e6c6ecfeed8698f",
        sha256(export(2026L, 1000)));
  }

  @Test
  void testkitNeverRealExportIsTheSampleExport() throws IOException {
    StringWriter w = new StringWriter();
    LabExports.write(w, 500, 11L, true);
    assertTrue(export(11L, 500).equals(w.toString()), "same bytes");
    assertEquals(NeverRealLabExport.HEADER, LabExports.HEADER);
  }

  @Test
  void everyCategoryDrawsFromItsNamesake() {
    Place[] places = new Place[Nirs.Category.values().length];
    for (Nirs.Category c : Nirs.Category.values()) {
      places[c.ordinal()] = Parts.placeOf(c);
      assertEquals(c.name(), places[c.ordinal()].name());
    }
    assertArrayEquals(Place.values(), places, "one place per category, in order");
  }

  private static void assertNeverReal(Nir nir) {
    String compact = nir.compact();
    assertTrue(NirProfile.CHECKSUM_ONLY.test(compact), "correct key");
    assertFalse(NirProfile.STRICT.test(compact), "strict rejects");
    assertFalse(NirProfile.LENIENT.test(compact), "lenient rejects");
    assertEquals(NirError.INVALID_MONTH, Rejection.reasonOf(NirProfile.STRICT, compact), "reason");
    assertTrue(nir.birthMonth().code() >= 13 && nir.birthMonth().code() <= 19, "month 13-19");
  }

  private static String export(long seed, int rows) {
    StringWriter w = new StringWriter();
    try {
      NeverRealLabExport.write(w, rows, seed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /** The same file built on the testkit's own never-real records (its Parts, not nir-samples'). */
  private static String throughTestkit(long seed, int rows) {
    Gen<SyntheticRecord> people = Records.neverReal();
    StringWriter w = new StringWriter();
    try {
      LabRows.write(
          w, rows, new SplittableRandom(seed), random -> LabExports.person(people.next(random)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  private static String sha256(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
