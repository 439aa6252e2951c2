package io.github.nirguard.testkit;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic laboratory exports: the shape of the file that leaked in 2021 (names, NIR, phone,
 * blood group, results) plus the insurer's coverage fields, as CSV with {@code ;} like French
 * spreadsheet exports.
 *
 * <p>By default the NIRs are never-real ({@link Records#neverReal()}) and the phone numbers are in
 * the range ARCEP reserves for fiction (06 39 98 xx xx), so the file is safe to share.
 *
 * <pre>{@code
 * try (Writer w = Files.newBufferedWriter(Path.of("lab-export.csv"))) {
 *   LabExports.write(w, 10_000, 2026L, true);
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class LabExports {
  /** The columns, in order. */
  public static final List<String> HEADER =
      List.of(
          "nir", "last_name", "first_name", "birth_date", "sex", "phone", "blood_group", "test", "result", "unit",
          "treating_doctor", "ald", "c2s");

  private static final String[] BLOOD = {"O+", "A+", "B+", "AB+", "O-", "A-", "B-", "AB-"};
  private static final String[][] TESTS = {
    {"glucose", "mmol/L", "3.9", "7.5"},
    {"hba1c", "%", "4.5", "9.5"},
    {"ldl", "g/L", "0.6", "2.2"},
    {"creatinine", "umol/L", "45", "130"},
    {"tsh", "mUI/L", "0.3", "6.0"},
    {"crp", "mg/L", "0.1", "40"},
  };

  private LabExports() {}

  /**
   * Writes a header and {@code rows} rows.
   *
   * @param out where to write (not closed)
   * @param rows how many data rows
   * @param seed the seed: the same seed gives the same file
   * @param neverReal whether the NIRs are never-real (true, the default for demos) or fully valid
   *     (which may be real people's: keep those inside tests)
   * @throws IOException if writing fails
   */
  public static void write(Writer out, int rows, long seed, boolean neverReal) throws IOException {
    out.write(String.join(";", HEADER));
    out.write('\n');
    Gen<SyntheticRecord> people = neverReal ? Records.neverReal() : Records.synthetic();
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder b = new StringBuilder(160);
    for (int i = 0; i < rows; i++) {
      SyntheticRecord p = people.next(r);
      String[] t = TESTS[r.nextInt(TESTS.length)];
      double lo = Double.parseDouble(t[2]);
      double hi = Double.parseDouble(t[3]);
      b.setLength(0);
      b.append(p.nir().compact()).append(';')
          .append(p.lastName()).append(';')
          .append(p.firstName()).append(';')
          .append(p.birthDate()).append(';')
          .append(p.sex() == io.github.nirguard.core.Sex.MALE ? '1' : '2').append(';')
          // ARCEP reserves 06 39 98 xx xx for fiction: never a subscriber's number
          .append("06 39 98 ").append(two(r)).append(' ').append(two(r)).append(';')
          .append(BLOOD[r.nextInt(BLOOD.length)]).append(';')
          .append(t[0]).append(';')
          .append(String.format(java.util.Locale.ROOT, "%.2f", lo + r.nextDouble() * (hi - lo))).append(';')
          .append(t[1]).append(';')
          .append(r.nextInt(10) < 9 ? '1' : '0').append(';')
          .append(r.nextInt(10) < 2 ? '1' : '0').append(';')
          .append(r.nextInt(10) < 1 ? '1' : '0')
          .append('\n');
      out.append(b);
    }
  }

  private static String two(SplittableRandom r) {
    int v = r.nextInt(100);
    return v < 10 ? "0" + v : Integer.toString(v);
  }
}
