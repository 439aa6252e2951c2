package io.github.nirguard.policy;

import io.github.nirguard.core.Nir;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;

/** Generalization and masking of single values; each returns null for a value it cannot read. */
final class Values {
  private Values() {}

  /** Reads {@code YYYY-MM-DD} or {@code DD/MM/YYYY}; null if neither. */
  static LocalDate date(String s) {
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

  // year and yearMonth copy the digits of a date that date() accepted: they are ASCII digits, so the
  // year is exactly its four digits and the month its two. Same text as String.format("%04d-%02d")
  // in an ASCII-digit locale, without a Formatter per row (a third of the pipeline's time), and
  // ASCII whatever the default locale.

  static String year(String s) {
    if (date(s) == null) {
      return null;
    }
    return s.charAt(4) == '-' ? s.substring(0, 4) : s.substring(6, 10);
  }

  static String yearMonth(String s) {
    if (date(s) == null) {
      return null;
    }
    if (s.charAt(4) == '-') {
      return s.substring(0, 7);
    }
    return new String(new char[] {s.charAt(6), s.charAt(7), s.charAt(8), s.charAt(9), '-', s.charAt(3), s.charAt(4)});
  }

  static String ageBand(String s, LocalDate reference) {
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

  /** Postcode (5 digits) or INSEE commune code (2A/2B allowed) to its department. */
  static String department(String s, boolean commune) {
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

  static String mask(String s, io.github.nirguard.record.FieldType type) {
    if (s.isEmpty()) {
      return s;
    }
    switch (type) {
      case NIR:
        return Nir.tryParse(s).map(Nir::masked).orElse("•••");
      case NAME:
        return s.substring(0, s.offsetByCodePoints(0, 1)) + "•••";
      case PHONE:
        String digits = s.replaceAll("[^0-9]", "");
        return digits.length() < 4 ? "•••" : "•• •• •• •• " + digits.substring(digits.length() - 2);
      case EMAIL:
        int at = s.indexOf('@');
        return at <= 0 ? "•••" : s.substring(0, s.offsetByCodePoints(0, 1)) + "•••" + s.substring(at);
      default:
        return "•••";
    }
  }
}
