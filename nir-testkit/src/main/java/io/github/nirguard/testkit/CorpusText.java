package io.github.nirguard.testkit;

import io.github.nirguard.core.Nir;
import io.github.nirguard.testkit.ScanCorpus.Negative;
import io.github.nirguard.testkit.ScanCorpus.Spelling;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The pieces of {@link ScanCorpus} sentences: a NIR written in one of the {@link Spelling}s, and
 * the {@link Negative} numbers that must not be taken for one (phones, IBAN, bar codes, dates,
 * amounts, order numbers…), each drawn from one random source.
 */
final class CorpusText {
  private static final String[] MONTHS = {
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre"
  };

  private CorpusText() {}

  // ---- spellings ------------------------------------------------------------------------------

  static String spell(SplittableRandom random, Nir nir, Spelling spelling) {
    String compact = nir.compact();
    String body = compact.substring(0, 13);
    String key = compact.substring(13);
    String display = nir.display();
    switch (spelling) {
      case COMPACT:
        return compact;
      case SPACED:
        return display;
      case SPACED_NBSP:
        return display.replace(' ', '\u00A0');
      case SPACED_NARROW_NBSP:
        return display.replace(' ', '\u202F');
      case DOTTED:
        return display.replace(' ', '.');
      case DASHED:
        return display.replace(' ', '-');
      case KEY_SLASH:
        switch (random.nextInt(3)) {
          case 0:
            return body + "/" + key;
          case 1:
            return body + " / " + key;
          default:
            return display.substring(0, display.length() - 3) + " / " + key;
        }
      case KEY_SPACE:
        return body + " " + key;
      case KEY_LINE_BREAK:
        return (random.nextBoolean() ? body : display.substring(0, display.length() - 3))
            + (random.nextBoolean() ? "\n" : "\r\n")
            + key;
      case CORSICA:
        String text = random.nextBoolean() ? compact : display;
        return random.nextBoolean() ? text.toLowerCase(Locale.ROOT) : text;
      case AFTER_NUMBER:
        return random.nextInt(4) == 0 ? compact : display;
      case BODY_WITH_CONTEXT:
        return random.nextBoolean() ? body : display.substring(0, display.length() - 3);
      default:
        throw new AssertionError(spelling);
    }
  }

  // ---- negatives ------------------------------------------------------------------------------

  static String negative(SplittableRandom random, Negative kind) {
    switch (kind) {
      case PHONE:
        return phone(random);
      case PHONE_INTERNATIONAL:
        return phoneInternational(random);
      case IBAN:
        return iban(random);
      case SIRET:
        {
          String siren = luhn(digits(random, 8));
          String siret = luhn(siren + digits(random, 4));
          return random.nextBoolean()
              ? siret
              : siret.substring(0, 3)
                  + ' '
                  + siret.substring(3, 6)
                  + ' '
                  + siret.substring(6, 9)
                  + ' '
                  + siret.substring(9);
        }
      case SIREN:
        {
          String siren = luhn(digits(random, 8));
          return random.nextBoolean()
              ? siren
              : siren.substring(0, 3) + ' ' + siren.substring(3, 6) + ' ' + siren.substring(6);
        }
      case RPPS:
        return luhn("10" + digits(random, 8));
      case ADELI:
        return String.format(Locale.ROOT, "%02d", 1 + random.nextInt(95)) + digits(random, 7);
      case FINESS:
        return luhn(String.format(Locale.ROOT, "%02d", 1 + random.nextInt(95)) + digits(random, 6));
      case EAN13:
        return ean13(random);
      case DATE:
        return date(random);
      case AMOUNT:
        return amount(random);
      case ORDER_NUMBER:
        switch (random.nextInt(3)) {
          case 0:
            return "CMD-" + (2015 + random.nextInt(11)) + "-" + digits(random, 7);
          case 1:
            return "45" + digits(random, 8);
          default:
            return yyyymmdd(random) + digits(random, 7);
        }
      case INVOICE_NUMBER:
        switch (random.nextInt(3)) {
          case 0:
            return "FA-"
                + (2015 + random.nextInt(11))
                + "-"
                + String.format(Locale.ROOT, "%02d", 1 + random.nextInt(12))
                + "-"
                + digits(random, 6);
          case 1:
            return yyyymmdd(random) + digits(random, 5);
          default:
            return yyyymmdd(random) + "-" + digits(random, 4);
        }
      default:
        throw new AssertionError(kind);
    }
  }

  private static String phone(SplittableRandom random) {
    String d = "0" + "1234567996".charAt(random.nextInt(10)) + digits(random, 8);
    switch (random.nextInt(4)) {
      case 0:
        return d;
      case 1:
        return group2(d, ' ');
      case 2:
        return group2(d, '.');
      default:
        return group2(d, '-');
    }
  }

  private static String phoneInternational(SplittableRandom random) {
    String d = "1234567996".charAt(random.nextInt(10)) + digits(random, 8);
    String spaced = d.charAt(0) + " " + group2(d.substring(1), ' ');
    switch (random.nextInt(4)) {
      case 0:
        return "+33 " + spaced;
      case 1:
        return "+33" + d;
      case 2:
        return "+33 (0)" + spaced;
      default:
        return "0033 " + spaced;
    }
  }

  private static String group2(String d, char sep) {
    StringBuilder b = new StringBuilder(d.length() * 3 / 2);
    for (int i = 0; i < d.length(); i += 2) {
      if (i > 0) {
        b.append(sep);
      }
      b.append(d, i, Math.min(i + 2, d.length()));
    }
    return b.toString();
  }

  /** A French IBAN: bank, branch, account, RIB key; the check digits are then always 76. */
  private static String iban(SplittableRandom random) {
    String bank = digits(random, 5);
    String branch = digits(random, 5);
    String account = digits(random, 11);
    long rest =
        (89 * Long.parseLong(bank) + 15 * Long.parseLong(branch) + 3 * Long.parseLong(account))
            % 97;
    String bban = bank + branch + account + String.format(Locale.ROOT, "%02d", 97 - rest);
    String iban = "FR76" + bban;
    if (random.nextInt(3) == 0) {
      return iban;
    }
    StringBuilder b = new StringBuilder(34);
    for (int i = 0; i < iban.length(); i += 4) {
      if (i > 0) {
        b.append(' ');
      }
      b.append(iban, i, Math.min(i + 4, iban.length()));
    }
    return b.toString();
  }

  private static String ean13(SplittableRandom random) {
    String first12 =
        random.nextBoolean() ? "340093" + digits(random, 6) : digits(random, 12); // CIP13 or any
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (first12.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
    }
    return first12 + (10 - sum % 10) % 10;
  }

  private static String date(SplittableRandom random) {
    int day = 1 + random.nextInt(28);
    int month = 1 + random.nextInt(12);
    int year = 1930 + random.nextInt(96);
    switch (random.nextInt(4)) {
      case 0:
        return String.format(Locale.ROOT, "%02d/%02d/%d", day, month, year);
      case 1:
        return String.format(Locale.ROOT, "%02d.%02d.%d", day, month, year);
      case 2:
        return String.format(Locale.ROOT, "%d-%02d-%02d", year, month, day);
      default:
        return day + " " + MONTHS[month - 1] + " " + year;
    }
  }

  private static String amount(SplittableRandom random) {
    long euros = (long) Math.pow(10, random.nextInt(10)) + random.nextInt(1_000_000_000);
    int cents = random.nextInt(100);
    if (random.nextInt(4) == 0) {
      return euros + "." + String.format(Locale.ROOT, "%02d", cents) + " EUR";
    }
    char sep = random.nextBoolean() ? '\u202F' : ' ';
    String e = Long.toString(euros);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < e.length(); i++) {
      if (i > 0 && (e.length() - i) % 3 == 0) {
        b.append(sep);
      }
      b.append(e.charAt(i));
    }
    return b.append(',').append(String.format(Locale.ROOT, "%02d", cents)).append(" €").toString();
  }

  private static String yyyymmdd(SplittableRandom random) {
    return String.format(
        Locale.ROOT,
        "%d%02d%02d",
        2015 + random.nextInt(11),
        1 + random.nextInt(12),
        1 + random.nextInt(28));
  }

  private static String digits(SplittableRandom random, int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = (char) ('0' + random.nextInt(10));
    }
    return new String(c);
  }

  /** Appends the Luhn check digit. */
  private static String luhn(String payload) {
    int sum = 0;
    for (int i = payload.length() - 1, k = 0; i >= 0; i--, k++) {
      int d = payload.charAt(i) - '0';
      if (k % 2 == 0) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
    }
    return payload + (10 - sum % 10) % 10;
  }
}
