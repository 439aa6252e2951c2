package io.github.nirguard.record;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import org.jspecify.annotations.Nullable;

/**
 * Generalization of single values — birth dates to a year, a year-month or an age band, postcodes
 * and commune codes to their department: what the {@code generalize:} policy actions write. Each
 * method returns null for a value it cannot read; dates are {@code YYYY-MM-DD} or {@code
 * DD/MM/YYYY}, output digits are ASCII whatever the default locale.
 *
 * <pre>{@code
 * Generalize.yearMonth("14/08/1955");                          // "1955-08"
 * Generalize.ageBand("1955-08-14", LocalDate.of(2026, 1, 1));  // "70-79"
 * Generalize.department("20167", false);                       // "2A"
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Generalize {
  private Generalize() {}

  /**
   * How far a value is generalized: the one set of granularity names, used by the policy's {@code
   * generalize:} actions, the CLI and Spark.
   *
   * <pre>{@code
   * Generalize.Granularity.named("year-month");   // YEAR_MONTH
   * Generalize.Granularity.YEAR_MONTH.label();    // "year-month"
   * }</pre>
   *
   * @since 0.1.0
   */
  public enum Granularity {
    /** A birth date to its year. */
    YEAR,
    /** A birth date to its year and month. */
    YEAR_MONTH,
    /** A birth date to a ten-year age band. */
    AGE_BAND,
    /** A postcode or commune code to its department. */
    DEPARTMENT;

    /**
     * Returns the granularity of a name.
     *
     * @param name e.g. {@code year-month} (case-insensitive; {@code _} for {@code -} accepted)
     * @return the granularity
     * @throws IllegalArgumentException for an unknown name
     */
    public static Granularity named(String name) {
      String n = name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
      for (Granularity g : values()) {
        if (g.name().equals(n)) {
          return g;
        }
      }
      throw new IllegalArgumentException(
          "unknown granularity (expected year, year-month, age-band or department)");
    }

    /**
     * Returns the lowercase, dashed name, e.g. {@code year-month}.
     *
     * @return the label
     */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * Reads a date as the policy engine does.
   *
   * @param s {@code YYYY-MM-DD} or {@code DD/MM/YYYY}
   * @return the date, or null if it is neither or not a calendar date
   */
  public static @Nullable LocalDate date(String s) {
    try {
      if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
        return LocalDate.of(num(s, 0, 4), num(s, 5, 7), num(s, 8, 10));
      }
      if (s.length() == 10 && s.charAt(2) == '/' && s.charAt(5) == '/') {
        return LocalDate.of(num(s, 6, 10), num(s, 3, 5), num(s, 0, 2));
      }
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
    return null;
  }

  private static int num(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        throw new NumberFormatException();
      }
    }
    return Integer.parseInt(s, from, to, 10);
  }

  // year and yearMonth copy the digits of a date that date() accepted: they are ASCII digits, so
  // the
  // year is exactly its four digits and the month its two. Same text as String.format("%04d-%02d")
  // in an ASCII-digit locale, without a Formatter per row (a third of the pipeline's time), and
  // ASCII whatever the default locale.

  /**
   * Generalizes a date to its year.
   *
   * @param s a date, see {@link #date}
   * @return e.g. {@code "1955"}, or null
   */
  public static @Nullable String year(String s) {
    if (date(s) == null) {
      return null;
    }
    return s.charAt(4) == '-' ? s.substring(0, 4) : s.substring(6, 10);
  }

  /**
   * Generalizes a date to its year and month.
   *
   * @param s a date, see {@link #date}
   * @return e.g. {@code "1955-08"}, or null
   */
  public static @Nullable String yearMonth(String s) {
    if (date(s) == null) {
      return null;
    }
    if (s.charAt(4) == '-') {
      return s.substring(0, 7);
    }
    return new String(
        new char[] {
          s.charAt(6), s.charAt(7), s.charAt(8), s.charAt(9), '-', s.charAt(3), s.charAt(4)
        });
  }

  /**
   * Generalizes a birth date to a ten-year age band on a reference date.
   *
   * @param s a birth date, see {@link #date}
   * @param reference the date the age is computed on
   * @return e.g. {@code "60-69"} or {@code "90+"}, or null (unreadable, or after the reference)
   */
  public static @Nullable String ageBand(String s, LocalDate reference) {
    LocalDate d = date(s);
    if (d == null || d.isAfter(reference)) {
      return null;
    }
    int age = Period.between(d, reference).getYears();
    if (age >= 90) {
      return "90+";
    }
    int low = age / 10 * 10;
    return low + "-" + (low + 9);
  }

  /**
   * Generalizes a department code to its region (INSEE codes of the 2016 regions): {@code "75"}
   * (Paris) to {@code "11"} (Île-de-France), {@code "2A"} and {@code "2B"} to {@code "94"} (Corse),
   * {@code "971"} to {@code "01"} (Guadeloupe), {@code "972"} to {@code "02"}, {@code "973"} to
   * {@code "03"}, {@code "974"} to {@code "04"}, {@code "976"} to {@code "06"} (Mayotte). An
   * overseas collectivity without a region ({@code 975}, {@code 977}, {@code 978}, {@code 98x})
   * keeps its code.
   *
   * @param department a department code, as {@link #department} writes it
   * @return the region code, or null for no department
   * @since 0.1.0
   */
  public static @Nullable String region(String department) {
    return Regions.of(department);
  }

  /**
   * Generalizes a postcode (5 digits) or an INSEE commune code (2A/2B allowed) to its department.
   *
   * @param s the code
   * @param commune whether it is a commune code rather than a postcode
   * @return e.g. {@code "75"}, {@code "2A"}, {@code "971"}, or null
   */
  public static @Nullable String department(String s, boolean commune) {
    if (s.length() != 5) {
      return null;
    }
    char c0 = s.charAt(0);
    char c1 = s.charAt(1);
    if (commune && c0 == '2' && (c1 == 'A' || c1 == 'B' || c1 == 'a' || c1 == 'b')) {
      for (int i = 2; i < 5; i++) {
        if (!Character.isDigit(s.charAt(i)) || s.charAt(i) > '9') {
          return null;
        }
      }
      return "2" + Character.toUpperCase(c1);
    }
    for (int i = 0; i < 5; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return null;
      }
    }
    if (s.startsWith("97") || s.startsWith("98")) {
      return s.substring(0, 3);
    }
    if (!commune && s.startsWith("20")) {
      // Corsican postcodes: 200xx-201xx Corse-du-Sud, 202xx-206xx Haute-Corse
      return s.charAt(2) <= '1' ? "2A" : "2B";
    }
    return s.substring(0, 2);
  }
}
