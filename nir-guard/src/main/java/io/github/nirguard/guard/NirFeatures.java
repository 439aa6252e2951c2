package io.github.nirguard.guard;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.Fingerprinter;

/**
 * What the guard keeps of a queried NIR: its keyed fingerprint and coarse features (department
 * bucket, decade of the two-digit birth year, order number), and, computed when first needed, the
 * keyed fingerprint of its birth group. Mutable and reused by one thread ({@link Step#nir}).
 */
final class NirFeatures {
  static final long DOMAIN_NIR = 0x6e67_6e69_7231_0001L;
  static final long DOMAIN_GROUP = 0x6e67_6772_7031_0002L;
  static final long DOMAIN_PERIOD = 0x6e67_7065_7231_0003L;
  static final long DOMAIN_PLACE = 0x6e67_706c_6331_0004L;
  static final long DOMAIN_PLACE_YEAR = 0x6e67_706c_7931_0005L;

  private final Fingerprinter fingerprinter;
  private long body;
  private int corsica;
  private boolean groupReady;
  private int group;
  private boolean walkReady;
  private long period;
  private long place;
  private long placeYear;

  /** The NIR's 64-bit keyed fingerprint. */
  long fingerprint;

  /** The order number, 1-999. */
  int order;

  /** The department bucket, see {@link #department}. */
  int dept;

  /** The decade of the two-digit birth year, 0-9. */
  int decade;

  NirFeatures(Fingerprinter fingerprinter) {
    this.fingerprinter = fingerprinter;
  }

  /** Reads the features of a NIR (its birth group waits for {@link #group()}). */
  void set(Nir nir) {
    long v = nir.numericBody();
    char letter = nir.corsicaLetter();
    int c = letter == 'A' ? 1 : letter == 'B' ? 2 : 0;
    body = v;
    corsica = c;
    groupReady = false;
    walkReady = false;
    fingerprint = fingerprinter.fingerprint(DOMAIN_NIR, v * 4 + c);
    order = (int) (v % 1000);
    decade = (int) (v / 10_000_000_000L % 100) / 10;
    dept = department(v, c);
  }

  /** The birth group's fingerprint (32 bits), computed when first needed (new NIRs only). */
  int group() {
    if (!groupReady) {
      group = (int) fingerprinter.fingerprint(DOMAIN_GROUP, (body / 1000) * 4 + corsica);
      groupReady = true;
    }
    return group;
  }

  /**
   * The keyed fingerprint of the birth period: two-digit year, month and department bucket (no sex,
   * commune or order number); computed when first needed (new NIRs only).
   */
  long period() {
    walk();
    return period;
  }

  /** The keyed fingerprint of sex and place of birth (commune), without the date. */
  long place() {
    walk();
    return place;
  }

  /** The keyed fingerprint of sex, place of birth and two-digit birth year. */
  long placeYear() {
    walk();
    return placeYear;
  }

  /** Months since January of year 00 (two-digit year), or -1 when the month is not 1-12. */
  int monthIndex() {
    int mm = (int) (body / 100_000_000L % 100);
    int yy = (int) (body / 10_000_000_000L % 100);
    return mm >= 1 && mm <= 12 ? yy * 12 + mm - 1 : -1;
  }

  private void walk() {
    if (!walkReady) {
      long yymm = body / 100_000_000L % 10_000;
      long sexPlace = (body / 1_000_000_000_000L) * 1_000_000L + body / 1000 % 100_000;
      period = fingerprinter.fingerprint(DOMAIN_PERIOD, yymm * 256 + dept);
      place = fingerprinter.fingerprint(DOMAIN_PLACE, sexPlace * 4 + corsica);
      placeYear =
          fingerprinter.fingerprint(
              DOMAIN_PLACE_YEAR, (sexPlace * 100 + body / 10_000_000_000L % 100) * 4 + corsica);
      walkReady = true;
    }
  }

  /**
   * The department bucket: 1–96 mainland (20 = Corsica before 1976), 97/98 = 2A/2B, 99–106 =
   * 971–978, 107–111 = 984–988, 112–121 = born abroad by the hundreds digit of the INSEE country
   * code (roughly the continent), 122 = anything else.
   */
  static int department(long body, int corsica) {
    if (corsica == 1) {
      return 97;
    }
    if (corsica == 2) {
      return 98;
    }
    int place = (int) (body / 1000 % 100_000);
    int d2 = place / 1000;
    if (d2 >= 1 && d2 <= 96) {
      return d2;
    }
    if (d2 == 99) {
      return 112 + (place % 1000) / 100;
    }
    int d3 = place / 100;
    if (d3 >= 971 && d3 <= 978) {
      return 99 + (d3 - 971);
    }
    if (d3 >= 984 && d3 <= 988) {
      return 107 + (d3 - 984);
    }
    return 122;
  }

  @Override
  public String toString() {
    return "NirFeatures[hidden]";
  }
}
