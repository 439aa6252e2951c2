package io.github.nirguard.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The date generalizations against what LocalDate and String.format printed before. */
class GeneralizeTest {
  private static final int[] YEARS = {
    0, 1, 4, 99, 100, 400, 1582, 1900, 1955, 2000, 2024, 2100, 9996, 9999
  };

  /**
   * What year() and yearMonth() printed before: LocalDate, then String.format in a neutral locale.
   */
  private static String referenceYear(String s) {
    LocalDate d = Generalize.date(s);
    return d == null ? null : String.format(Locale.ROOT, "%04d", d.getYear());
  }

  private static String referenceYearMonth(String s) {
    LocalDate d = Generalize.date(s);
    return d == null
        ? null
        : String.format(Locale.ROOT, "%04d-%02d", d.getYear(), d.getMonthValue());
  }

  private static void check(String s) {
    assertEquals(referenceYear(s), Generalize.year(s), s);
    assertEquals(referenceYearMonth(s), Generalize.yearMonth(s), s);
  }

  @Test
  void everyDayOfTheEdgeYearsInBothFormats() {
    for (int y : YEARS) {
      for (int m = 0; m <= 13; m++) {
        for (int d = 0; d <= 32; d++) {
          check(String.format(Locale.ROOT, "%04d-%02d-%02d", y, m, d));
          check(String.format(Locale.ROOT, "%02d/%02d/%04d", d, m, y));
        }
      }
    }
  }

  @Test
  void leapDays() {
    assertEquals("2000-02", Generalize.yearMonth("2000-02-29"));
    assertEquals("0000-02", Generalize.yearMonth("29/02/0000"));
    assertEquals("2024", Generalize.year("29/02/2024"));
    assertNull(Generalize.yearMonth("1900-02-29"));
    assertNull(Generalize.yearMonth("29/02/2100"));
    assertNull(Generalize.year("2023-02-29"));
  }

  @Test
  void noisyTextIsNotADate() {
    SplittableRandom r = new SplittableRandom(11);
    String alphabet = "0123456789-/ +.a\u0660\u0661\u00bd";
    for (int i = 0; i < 50_000; i++) {
      // mostly date-shaped: digits and separators where a date has them, sometimes something else
      StringBuilder b = new StringBuilder();
      int length = r.nextInt(10) == 0 ? r.nextInt(12) : 10;
      for (int k = 0; k < length; k++) {
        b.append(
            r.nextInt(4) == 0
                ? alphabet.charAt(r.nextInt(alphabet.length()))
                : (char) ('0' + r.nextInt(10)));
      }
      if (length == 10 && r.nextBoolean()) {
        b.setCharAt(4, '-');
        b.setCharAt(7, '-');
      } else if (length == 10) {
        b.setCharAt(2, '/');
        b.setCharAt(5, '/');
      }
      check(b.toString());
    }
  }

  @Test
  void asciiDigitsWhateverTheDefaultLocale() {
    Locale before = Locale.getDefault();
    try {
      // Arabic digits where the default locale formats numbers with them: the output stays ASCII
      Locale.setDefault(Locale.forLanguageTag("ar-EG-u-nu-arab"));
      assertEquals("1980-05", Generalize.yearMonth("17/05/1980"));
      assertEquals("1980", Generalize.year("1980-05-17"));
    } finally {
      Locale.setDefault(before);
    }
  }
}
