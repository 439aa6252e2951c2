package io.github.nirguard.samples;

import io.github.nirguard.samples.draw.LabRows;
import io.github.nirguard.samples.draw.NeverReal;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic laboratory export whose NIRs can never be a person's: safe for demos and shared data.
 *
 * <p>The file has the shape of the one that leaked in 2021 (names, NIR, phone, blood group,
 * results) plus the insurer's coverage fields, as CSV with {@code ;} like French spreadsheet
 * exports. Every NIR has a correct key and a month of birth {@code 13}–{@code 19}: it passes {@code
 * NirProfile.CHECKSUM_ONLY} and is rejected by {@code NirProfile.STRICT} with {@code
 * INVALID_MONTH}. The phones are in the range ARCEP reserves for fiction (06 39 98 xx xx). The same
 * seed gives the same bytes, on every machine and every day.
 *
 * <pre>{@code
 * try (Writer w = Files.newBufferedWriter(Path.of("lab-export.csv"))) {
 *   NeverRealLabExport.write(w, 10_000, 2026L);
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class NeverRealLabExport {
  /** The columns, in order. */
  public static final List<String> HEADER = LabRows.HEADER;

  private NeverRealLabExport() {}

  /**
   * Writes a header and {@code rows} rows of never-real people.
   *
   * @param out where to write (not closed)
   * @param rows how many data rows
   * @param seed the seed: the same seed gives the same file
   * @throws IOException if writing fails
   */
  public static void write(Writer out, int rows, long seed) throws IOException {
    LabRows.write(out, rows, new SplittableRandom(seed), NeverReal::person);
  }
}
