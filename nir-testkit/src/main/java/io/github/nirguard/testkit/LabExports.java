package io.github.nirguard.testkit;

import io.github.nirguard.samples.NeverRealLabExport;
import io.github.nirguard.samples.draw.LabRows;
import io.github.nirguard.samples.draw.Person;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic laboratory exports: the shape of the file that leaked in 2021 (names, NIR, phone, blood
 * group, results) plus the insurer's coverage fields, as CSV with {@code ;} like French spreadsheet
 * exports.
 *
 * <p>By default the NIRs are never-real ({@link Records#neverReal()}) and the phone numbers are in
 * the range ARCEP reserves for fiction (06 39 98 xx xx), so the file is safe to share.
 *
 * <pre>{@code
 * try (Writer w = Files.newBufferedWriter(Path.of("lab-export.csv"))) {
 *   LabExports.write(w, 10_000, 2026L, true);   // what NeverRealLabExport.write(w, 10_000, 2026L) writes
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class LabExports {
  /** The columns, in order. */
  public static final List<String> HEADER = NeverRealLabExport.HEADER;

  private LabExports() {}

  /**
   * Writes a header and {@code rows} rows.
   *
   * <p>With {@code neverReal}, the file is exactly {@link NeverRealLabExport#write(Writer, int,
   * long) NeverRealLabExport.write(out, rows, seed)} of nir-samples, the module demos depend on
   * instead of this test kit.
   *
   * @param out where to write (not closed)
   * @param rows how many data rows
   * @param seed the seed: the same seed gives the same file
   * @param neverReal whether the NIRs are never-real (true, the default for demos) or fully valid
   *     (which may be real people's: keep those inside tests)
   * @throws IOException if writing fails
   */
  public static void write(Writer out, int rows, long seed, boolean neverReal) throws IOException {
    if (neverReal) {
      NeverRealLabExport.write(out, rows, seed);
    } else {
      Gen<SyntheticRecord> people = Records.synthetic();
      LabRows.write(out, rows, new SplittableRandom(seed), random -> person(people.next(random)));
    }
  }

  /** The record as a row's person. */
  static Person person(SyntheticRecord r) {
    return new Person(r.nir(), r.lastName(), r.firstName(), r.birthDate(), r.sex());
  }
}
