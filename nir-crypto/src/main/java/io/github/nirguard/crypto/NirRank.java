package io.github.nirguard.crypto;

import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirProfile;

/**
 * A bijection between the strictly valid NIR bodies and {@code [0, SIZE)}: sex × year × month ×
 * place × order, every field ranked among its strictly valid values. Corsica 2A, 2B and 20 are
 * places of their own, so 2A never collides with department 19.
 */
final class NirRank {
  private static final int[] MONTHS = new int[85];
  private static final int[] MONTH_INDEX = new int[100];
  private static final int[] DEPTS = new int[95]; // 01..96 except 20
  private static final int[] DEPT_INDEX = new int[100];
  private static final int[] OVERSEAS = {971, 972, 973, 974, 975, 976, 977, 978, 984, 985, 986, 987, 988};

  private static final int MAINLAND_PLACES = 95 * 999;
  private static final int CORSICA_BASE = MAINLAND_PLACES; // 2A, 2B, 20 × 999
  private static final int OVERSEAS_BASE = CORSICA_BASE + 3 * 999; // 13 × 99
  private static final int ABROAD_BASE = OVERSEAS_BASE + 13 * 99; // 999
  static final int PLACES = ABROAD_BASE + 999; // 100,188

  /** Number of strictly valid NIR bodies. */
  static final long SIZE = 2L * 100 * 85 * PLACES * 999;

  static {
    java.util.Arrays.fill(MONTH_INDEX, -1);
    int k = 0;
    for (int m = 1; m <= 99; m++) {
      if ((m >= 1 && m <= 12) || (m >= 20 && m <= 42) || m >= 50) {
        MONTH_INDEX[m] = k;
        MONTHS[k++] = m;
      }
    }
    java.util.Arrays.fill(DEPT_INDEX, -1);
    k = 0;
    for (int d = 1; d <= 96; d++) {
      if (d != 20) {
        DEPT_INDEX[d] = k;
        DEPTS[k++] = d;
      }
    }
  }

  private NirRank() {}

  /** Returns the rank of a strictly valid NIR, or -1 if it is not strictly valid. */
  static long rank(Nir nir) {
    long v = nir.numericBody();
    int sex = (int) (v / 1_000_000_000_000L);
    int year = (int) (v / 10_000_000_000L % 100);
    int month = (int) (v / 100_000_000L % 100);
    int place = (int) (v / 1000 % 100_000);
    int order = (int) (v % 1000);
    if ((sex != 1 && sex != 2) || MONTH_INDEX[month] < 0 || order == 0) {
      return -1;
    }
    int p = placeIndex(place, nir.corsicaLetter());
    if (p < 0) {
      return -1;
    }
    return ((((long) (sex - 1) * 100 + year) * 85 + MONTH_INDEX[month]) * PLACES + p) * 999 + (order - 1);
  }

  private static int placeIndex(int place, char corsica) {
    int commune3 = place % 1000;
    if (corsica != 0) {
      return commune3 == 0 ? -1 : CORSICA_BASE + (corsica == 'A' ? 0 : 999) + commune3 - 1;
    }
    int dept = place / 1000;
    if (dept == 20) {
      return commune3 == 0 ? -1 : CORSICA_BASE + 2 * 999 + commune3 - 1;
    }
    if (dept >= 1 && dept <= 96) {
      return commune3 == 0 ? -1 : DEPT_INDEX[dept] * 999 + commune3 - 1;
    }
    if (dept == 97 || dept == 98) {
      int d3 = place / 100;
      int commune2 = place % 100;
      for (int i = 0; i < OVERSEAS.length; i++) {
        if (OVERSEAS[i] == d3) {
          return commune2 == 0 ? -1 : OVERSEAS_BASE + i * 99 + commune2 - 1;
        }
      }
      return -1;
    }
    if (dept == 99) {
      return commune3 == 0 ? -1 : ABROAD_BASE + commune3 - 1;
    }
    return -1;
  }

  /** Returns the 13-character body of a rank in {@code [0, SIZE)}. */
  static String unrankBody(long rank) {
    int order = (int) (rank % 999) + 1;
    rank /= 999;
    int p = (int) (rank % PLACES);
    rank /= PLACES;
    int month = MONTHS[(int) (rank % 85)];
    rank /= 85;
    int year = (int) (rank % 100);
    int sex = (int) (rank / 100) + 1;
    char[] c = new char[13];
    c[0] = (char) ('0' + sex);
    put(c, 1, year, 2);
    put(c, 3, month, 2);
    if (p < CORSICA_BASE) {
      put(c, 5, DEPTS[p / 999], 2);
      put(c, 7, p % 999 + 1, 3);
    } else if (p < OVERSEAS_BASE) {
      int q = p - CORSICA_BASE;
      int which = q / 999;
      c[5] = '2';
      c[6] = which == 0 ? 'A' : which == 1 ? 'B' : '0';
      put(c, 7, q % 999 + 1, 3);
    } else if (p < ABROAD_BASE) {
      int q = p - OVERSEAS_BASE;
      put(c, 5, OVERSEAS[q / 99], 3);
      put(c, 8, q % 99 + 1, 2);
    } else {
      put(c, 5, 99, 2);
      put(c, 7, p - ABROAD_BASE + 1, 3);
    }
    put(c, 10, order, 3);
    return new String(c);
  }

  static Nir unrank(long rank) {
    return NirProfile.STRICT.parseBody(unrankBody(rank));
  }

  private static void put(char[] c, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
