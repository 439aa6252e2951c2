package io.github.nirguard.crypto.internal;

import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirProfile;
import org.jspecify.annotations.Nullable;

/**
 * A bijection between the NIR bodies of a domain and {@code [0, size)}: sex × year × month × place
 * × order, every field ranked among its valid values. Corsica 2A, 2B and 20 are places of their
 * own, so 2A never collides with department 19. Two domains: {@link #STRICT} (every strictly valid
 * body) and {@link #NEVER_REAL} (the same but with the impossible months 13–19, used by test data:
 * encrypting never-real data gives never-real data). Internal: the domain of {@code NirFpe}.
 *
 * <pre>{@code
 * NirRank r = NirRank.byMonth(nir);
 * long x = r.rank(nir);                 // -1 if the NIR is not in the domain
 * Nir same = r.unrank(x);
 * }</pre>
 *
 * @since 0.1.0
 */
public enum NirRank {
  // radix^length barely above the domain size: 13^11 = 1.053 × |STRICT|, 5^16 = 1.089 ×
  // |NEVER_REAL|,
  // so cycle-walking takes 1.05 and 1.09 FF1 calls on average (10^13 would take 5.9)
  STRICT(strictMonths(), 13, 11),
  NEVER_REAL(new int[] {13, 14, 15, 16, 17, 18, 19}, 5, 16);

  private final int[] months;
  private final int[] monthIndex = new int[100];
  private final long size;
  private final int radix;
  private final int digits;

  NirRank(int[] months, int radix, int digits) {
    this.months = months;
    java.util.Arrays.fill(monthIndex, -1);
    for (int i = 0; i < months.length; i++) {
      monthIndex[months[i]] = i;
    }
    this.size = 2L * 100 * months.length * PLACES * 999;
    this.radix = radix;
    this.digits = digits;
  }

  /**
   * Returns the number of bodies in the domain.
   *
   * @return the size; ranks are in {@code [0, size)}
   */
  public long size() {
    return size;
  }

  /**
   * Returns the FF1 radix: {@code radix^digits} covers the domain, with little to spare.
   *
   * @return the radix
   */
  public int radix() {
    return radix;
  }

  /**
   * Returns the FF1 numerals.
   *
   * @return the number of numerals
   */
  public int digits() {
    return digits;
  }

  private static int[] strictMonths() {
    int[] m = new int[85];
    int k = 0;
    for (int v = 1; v <= 99; v++) {
      if (v <= 12 || (v >= 20 && v <= 42) || v >= 50) {
        m[k++] = v;
      }
    }
    return m;
  }

  /**
   * Returns the domain of a NIR (by its month), or null if it is in none.
   *
   * @param nir the NIR
   * @return its domain, or null
   */
  public static @Nullable NirRank of(Nir nir) {
    NirRank r = byMonth(nir);
    return r.rank(nir) >= 0 ? r : null;
  }

  /**
   * Returns the only domain a NIR can be in, by its month: {@link #rank} says whether it is.
   *
   * @param nir the NIR
   * @return the domain of its month
   */
  public static NirRank byMonth(Nir nir) {
    int month = (int) (nir.numericBody() / 100_000_000L % 100);
    return month >= 13 && month <= 19 ? NEVER_REAL : STRICT;
  }

  private static final int[] DEPTS = new int[95]; // 01..96 except 20
  private static final int[] DEPT_INDEX = new int[100];
  private static final int[] OVERSEAS = {
    971, 972, 973, 974, 975, 976, 977, 978, 984, 985, 986, 987, 988
  };

  private static final int MAINLAND_PLACES = 95 * 999;
  private static final int CORSICA_BASE = MAINLAND_PLACES; // 2A, 2B, 20 × 999
  private static final int OVERSEAS_BASE = CORSICA_BASE + 3 * 999; // 13 × 99
  private static final int ABROAD_BASE = OVERSEAS_BASE + 13 * 99; // 999

  /** The number of places: departments and communes, Corsica, overseas, abroad (100,188). */
  public static final int PLACES = ABROAD_BASE + 999; // 100,188

  static {
    java.util.Arrays.fill(DEPT_INDEX, -1);
    int k = 0;
    for (int d = 1; d <= 96; d++) {
      if (d != 20) {
        DEPT_INDEX[d] = k;
        DEPTS[k++] = d;
      }
    }
  }

  /**
   * Returns the rank of a NIR in this domain, or -1 if it is not in the domain.
   *
   * @param nir the NIR
   * @return its rank in {@code [0, size)}, or -1
   */
  public long rank(Nir nir) {
    long v = nir.numericBody();
    int sex = (int) (v / 1_000_000_000_000L);
    int year = (int) (v / 10_000_000_000L % 100);
    int month = (int) (v / 100_000_000L % 100);
    int place = (int) (v / 1000 % 100_000);
    int order = (int) (v % 1000);
    if ((sex != 1 && sex != 2) || monthIndex[month] < 0 || order == 0) {
      return -1;
    }
    int p = placeIndex(place, nir.corsicaLetter());
    if (p < 0) {
      return -1;
    }
    return ((((long) (sex - 1) * 100 + year) * months.length + monthIndex[month]) * PLACES + p)
            * 999
        + (order - 1);
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

  /**
   * Returns the 13-character body of a rank in {@code [0, size)}.
   *
   * @param rank the rank
   * @return the body
   */
  public String unrankBody(long rank) {
    char[] c = new char[13];
    unrankBody(rank, c);
    return new String(c);
  }

  /**
   * Writes the 13-character body of a rank in {@code [0, size)} at the start of {@code c}; returns
   * the body as the number the key arithmetic reads (2A → 19, 2B → 18), as {@link
   * Nir#numericBody()}.
   *
   * @param rank the rank
   * @param c receives the 13 characters
   * @return the numeric body
   */
  public long unrankBody(long rank, char[] c) {
    int order = (int) (rank % 999) + 1;
    rank /= 999;
    int p = (int) (rank % PLACES);
    rank /= PLACES;
    int month = months[(int) (rank % months.length)];
    rank /= months.length;
    int year = (int) (rank % 100);
    int sex = (int) (rank / 100) + 1;
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
    boolean letter = c[6] == 'A' || c[6] == 'B';
    long v = 0;
    for (int i = 0; i < 13; i++) {
      int d = c[i] - '0';
      if (letter && i == 5) {
        d = 1; // 2A reads as 19, 2B as 18
      } else if (letter && i == 6) {
        d = c[6] == 'A' ? 9 : 8;
      }
      v = v * 10 + d;
    }
    return v;
  }

  /**
   * Returns the NIR of a rank in {@code [0, size)}, with its right key.
   *
   * @param rank the rank
   * @return the NIR
   */
  public Nir unrank(long rank) {
    return NirProfile.CHECKSUM_ONLY.parseBody(unrankBody(rank));
  }

  private static void put(char[] c, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
