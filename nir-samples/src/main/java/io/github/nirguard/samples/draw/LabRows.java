package io.github.nirguard.samples.draw;

import io.github.nirguard.core.Sex;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The rows of a synthetic laboratory export, for whatever people the caller draws.
 *
 * <p>Columns: the people's NIR, names, birth date and sex, then a fictional phone (06 39 98 xx xx,
 * reserved by ARCEP for fiction), a blood group, a test with its result and unit, and the insurer's
 * coverage fields; {@code ;}-separated like French spreadsheet exports.
 *
 * <pre>{@code
 * LabRows.write(out, 100, new SplittableRandom(2026L), NeverReal::person);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class LabRows {
  /** The columns, in order. */
  public static final List<String> HEADER =
      List.of(
          "nir",
          "last_name",
          "first_name",
          "birth_date",
          "sex",
          "phone",
          "blood_group",
          "test",
          "result",
          "unit",
          "treating_doctor",
          "ald",
          "c2s");

  private static final String[] BLOOD = {"O+", "A+", "B+", "AB+", "O-", "A-", "B-", "AB-"};
  private static final String[][] TESTS = {
    {"glucose", "mmol/L", "3.9", "7.5"},
    {"hba1c", "%", "4.5", "9.5"},
    {"ldl", "g/L", "0.6", "2.2"},
    {"creatinine", "umol/L", "45", "130"},
    {"tsh", "mUI/L", "0.3", "6.0"},
    {"crp", "mg/L", "0.1", "40"},
  };

  private LabRows() {}

  /**
   * Writes a header and {@code rows} rows; each row draws its person, then its other fields.
   *
   * @param out where to write (not closed)
   * @param rows how many data rows
   * @param random the random source
   * @param people draws a person from the random source
   * @throws IOException if writing fails
   */
  public static void write(
      Writer out, int rows, SplittableRandom random, Function<SplittableRandom, Person> people)
      throws IOException {
    out.write(String.join(";", HEADER));
    out.write('\n');
    StringBuilder b = new StringBuilder(160);
    for (int i = 0; i < rows; i++) {
      Person p = people.apply(random);
      String[] t = TESTS[random.nextInt(TESTS.length)];
      double lo = Double.parseDouble(t[2]);
      double hi = Double.parseDouble(t[3]);
      b.setLength(0);
      b.append(p.nir().compact())
          .append(';')
          .append(p.lastName())
          .append(';')
          .append(p.firstName())
          .append(';')
          .append(p.birthDate())
          .append(';')
          .append(p.sex() == Sex.MALE ? '1' : '2')
          .append(';')
          .append("06 39 98 ")
          .append(two(random))
          .append(' ')
          .append(two(random))
          .append(';')
          .append(BLOOD[random.nextInt(BLOOD.length)])
          .append(';')
          .append(t[0])
          .append(';')
          .append(String.format(Locale.ROOT, "%.2f", lo + random.nextDouble() * (hi - lo)))
          .append(';')
          .append(t[1])
          .append(';')
          .append(random.nextInt(10) < 9 ? '1' : '0')
          .append(';')
          .append(random.nextInt(10) < 2 ? '1' : '0')
          .append(';')
          .append(random.nextInt(10) < 1 ? '1' : '0')
          .append('\n');
      out.append(b);
    }
  }

  private static String two(SplittableRandom random) {
    int v = random.nextInt(100);
    return v < 10 ? "0" + v : Integer.toString(v);
  }
}
