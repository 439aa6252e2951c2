package io.github.nirguard.core;

import io.github.nirguard.core.internal.ScanStatus;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A named set of NIR rules, and the one scanner that applies them to pasted text.
 *
 * <p>Input is read leniently — blanks (space, tab, no-break and narrow no-break spaces), dots,
 * dashes, underscores, a {@code /} before the key, lowercase {@code 2a}/{@code 2b} — and judged
 * strictly. Three profiles are predefined:
 *
 * <ul>
 *   <li>{@link #STRICT} (the default everywhere): every rule of the reference table;
 *   <li>{@link #LENIENT}: also sex 3/4/7/8, month 43–49, order 000 and commune 000, each reported
 *       as a {@link Leniency} flag;
 *   <li>{@link #CHECKSUM_ONLY}: length, alphabet (2A/2B at indexes 5–6) and key, as python-stdnum.
 * </ul>
 *
 * <pre>{@code
 * boolean ok = NirProfile.STRICT.test(" 2 55 08 14 168 025 / 38 ");   // no allocation
 * Nir nir = NirProfile.LENIENT.parse("355081416802525");
 * }</pre>
 *
 * @since 0.1.0
 */
public final class NirProfile {
  private static final int ALL_LENIENCIES = (1 << Leniency.values().length) - 1;
  private static final int CHECKSUM_ONLY_BIT = 1 << 16;

  /** Every structural rule of the reference; the default. */
  public static final NirProfile STRICT = new NirProfile("strict", 0);

  /** The strict rules plus every {@link Leniency}, reported as flags. */
  public static final NirProfile LENIENT = new NirProfile("lenient", ALL_LENIENCIES);

  /** Length, alphabet and key only: what python-stdnum checks. */
  public static final NirProfile CHECKSUM_ONLY = new NirProfile("checksum", CHECKSUM_ONLY_BIT);

  private static final NirError[] ERRORS = NirError.values();

  static {
    ScanStatus.install(
        new ScanStatus.Door() {
          @Override
          public long scan(NirProfile profile, CharSequence text) {
            return profile.scan(text, false);
          }

          @Override
          public Nir nir(long value, int corsica) {
            return new Nir(value, corsica);
          }

          @Override
          public long scanParts(NirProfile profile, long body, char letter, int key) {
            return profile.scanParts(body, letter, key);
          }

          @Override
          public long scanBodyParts(NirProfile profile, long body, char letter) {
            return profile.scanBodyParts(body, letter);
          }
        });
  }

  private final String name;
  private final int mask;

  private NirProfile(String name, int mask) {
    this.name = name;
    this.mask = mask;
  }

  /**
   * Returns the strict rules with some departures allowed.
   *
   * @param allowed the departures to allow
   * @return a profile named {@code strict+...}
   */
  public static NirProfile strictAllowing(Leniency... allowed) {
    int m = 0;
    StringBuilder n = new StringBuilder("strict");
    EnumSet<Leniency> set = EnumSet.noneOf(Leniency.class);
    Collections.addAll(set, allowed);
    if (set.isEmpty()) {
      return STRICT;
    }
    for (Leniency l : set) {
      m |= l.bit();
      n.append('+').append(l.name().toLowerCase(java.util.Locale.ROOT));
    }
    return m == ALL_LENIENCIES ? LENIENT : new NirProfile(n.toString(), m);
  }

  /**
   * Returns a profile by name — the one parser of profile names, used by the validator, policies,
   * the CLI and Spark.
   *
   * <pre>{@code
   * NirProfile.named("checksum-only");   // CHECKSUM_ONLY
   * }</pre>
   *
   * @param name {@code strict}, {@code lenient} or {@code checksum} (also {@code checksum-only},
   *     {@code checksum_only}), case-insensitive
   * @return the profile
   * @throws IllegalArgumentException for an unknown name (which the message does not repeat)
   * @since 0.1.0
   */
  public static NirProfile named(String name) {
    switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "strict":
        return STRICT;
      case "lenient":
        return LENIENT;
      case "checksum":
      case "checksum-only":
      case "checksum_only":
        return CHECKSUM_ONLY;
      default:
        throw new IllegalArgumentException(
            "unknown profile (expected strict, lenient or checksum)");
    }
  }

  /**
   * Returns the profile's name: {@code strict}, {@code lenient} or {@code checksum}.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the departures from the strict rules that this profile allows.
   *
   * @return an unmodifiable set
   */
  public Set<Leniency> leniencies() {
    return Collections.unmodifiableSet(ScanStatus.leniencies(mask & ALL_LENIENCIES));
  }

  /**
   * Returns whether this profile checks only length, alphabet and key.
   *
   * @return {@code true} for {@link #CHECKSUM_ONLY}
   */
  public boolean checksumOnly() {
    return (mask & CHECKSUM_ONLY_BIT) != 0;
  }

  /**
   * Returns whether the text is a NIR under this profile. Allocates nothing.
   *
   * @param text the text, as pasted
   * @return {@code true} if valid
   */
  public boolean test(CharSequence text) {
    return scan(text, false) >= 0;
  }

  /**
   * Parses a NIR (15 characters: body and key).
   *
   * @param text the text, as pasted
   * @return the NIR
   * @throws NirFormatException with the reason and position if it is not a NIR under this profile
   */
  public Nir parse(CharSequence text) {
    return ScanStatus.nirOf(scan(text, false));
  }

  /**
   * Parses a NIR without throwing.
   *
   * @param text the text, as pasted (null gives empty)
   * @return the NIR, or empty
   */
  public Optional<Nir> tryParse(CharSequence text) {
    if (text == null) {
      return Optional.empty();
    }
    long status = scan(text, false);
    return status >= 0 ? Optional.of(ScanStatus.nirOf(status)) : Optional.empty();
  }

  /**
   * Parses a 13-character body without its key and computes the key.
   *
   * @param body the body, as pasted (separators allowed, no {@code /})
   * @return the NIR with its computed key
   * @throws NirFormatException if it is not a valid body under this profile
   */
  public Nir parseBody(CharSequence body) {
    return ScanStatus.nirOf(scan(body, true));
  }

  @Override
  public String toString() {
    return "NirProfile[" + name + "]";
  }

  // ---- the scanner ----------------------------------------------------------------------------

  static boolean isSeparator(char c) {
    switch (c) {
      case ' ':
      case '\t':
      case '\u00A0': // no-break space
      case '\u202F': // narrow no-break space
      case '.':
      case '-':
      case '_':
        return true;
      default:
        return false;
    }
  }

  /** The scanner: a status word ({@link ScanStatus}), allocating nothing. */
  private long scan(CharSequence s, boolean bodyOnly) {
    final int n = s.length();
    if (n == 15 && mask == 0 && !bodyOnly) {
      long fast = compactStrict(s);
      if (fast >= 0) {
        return fast;
      }
    }
    final int expected = bodyOnly ? 13 : 15;
    int count = 0;
    long value = 0;
    int key = 0;
    int corsica = 0;
    boolean slash = false;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (count == expected) {
          return ScanStatus.error(NirError.TOO_LONG, i);
        }
        if (count < 13) {
          value = value * 10 + (c - '0');
        } else {
          key = key * 10 + (c - '0');
        }
        count++;
      } else if (isSeparator(c)) {
        continue;
      } else if (c == '/') {
        if (bodyOnly || slash || count != 13) {
          return ScanStatus.error(NirError.INVALID_CHARACTER, i);
        }
        slash = true;
      } else if ((c | 0x20) == 'a' || (c | 0x20) == 'b') {
        if (count != 6 || value % 10 != 2) {
          return ScanStatus.error(NirError.INVALID_CHARACTER, i);
        }
        // "2A" counts as 19 and "2B" as 18 in the key arithmetic, at indexes 5-6 only
        boolean a = (c | 0x20) == 'a';
        value = (value - 1) * 10 + (a ? 9 : 8);
        corsica = a ? Nir.CORSICA_A : Nir.CORSICA_B;
        count++;
      } else {
        return ScanStatus.error(NirError.INVALID_CHARACTER, i);
      }
    }
    if (count == 0) {
      return ScanStatus.error(NirError.EMPTY, 0);
    }
    return judge(s, count, expected, value, corsica, key, bodyOnly);
  }

  /**
   * The strict rules on 15 characters without separators, in one pass over the characters and
   * without divisions but the key's: the status word of a valid NIR, exactly as {@link #scan} makes
   * it, or {@code -1} for anything else (separators, an invalid NIR), which {@link #scan} then
   * judges and explains. Only a shortcut: it accepts nothing that {@link #scan} refuses.
   */
  private static long compactStrict(CharSequence s) {
    int sex = s.charAt(0) - '0';
    if (sex != 1 && sex != 2) {
      return -1;
    }
    int year = twoDigits(s.charAt(1), s.charAt(2));
    int month = twoDigits(s.charAt(3), s.charAt(4));
    // strict months: 1-12, 20-42, 50-99 (BirthMonth.kindOf is not NONSTANDARD)
    if (year < 0 || month <= 0 || (month > 12 && month < 20) || (month > 42 && month < 50)) {
      return -1;
    }
    char p0 = s.charAt(5);
    char p1 = s.charAt(6);
    int place = twoDigits(p0, p1);
    int c7 = digit(s.charAt(7));
    int commune = (c7 * 10 + digit(s.charAt(8))) * 10 + digit(s.charAt(9));
    int order = (digit(s.charAt(10)) * 10 + digit(s.charAt(11))) * 10 + digit(s.charAt(12));
    int key = twoDigits(s.charAt(13), s.charAt(14));
    if ((commune | order) < 0 || order == 0 || key < 1 || key > 97) {
      return -1;
    }
    int corsica = 0;
    if (place < 0) {
      // 2A counts as 19 and 2B as 18 in the key arithmetic
      int letter = p1 | 0x20;
      if (p0 != '2' || (letter != 'a' && letter != 'b')) {
        return -1;
      }
      corsica = letter == 'a' ? Nir.CORSICA_A : Nir.CORSICA_B;
      place = letter == 'a' ? 19 : 18;
      if (commune == 0) {
        return -1;
      }
    } else if (place == 97 || place == 98) {
      int d3 = place * 10 + c7;
      if (!((d3 >= 971 && d3 <= 978) || (d3 >= 984 && d3 <= 988)) || commune % 100 == 0) {
        return -1;
      }
    } else if (place == 0 || commune == 0) {
      return -1;
    }
    long value =
        ((long) (((sex * 100 + year) * 100 + month) * 100 + place) * 1000 + commune) * 1000 + order;
    if (key != 97 - (int) (value % 97)) {
      return -1;
    }
    return ScanStatus.valid(value, corsica, 0);
  }

  /** The value of a decimal digit, or a negative number. */
  private static int digit(char c) {
    int d = c - '0';
    return d >= 0 && d <= 9 ? d : Integer.MIN_VALUE >> 8;
  }

  /** The value of two decimal digits, or a negative number. */
  private static int twoDigits(char a, char b) {
    int x = a - '0';
    int y = b - '0';
    return x >= 0 && x <= 9 && y >= 0 && y <= 9 ? x * 10 + y : -1;
  }

  /**
   * Scans a NIR already split into its parts, as a text scanner reads them; allocates nothing.
   * Applies exactly the rules of {@link #scan(CharSequence)}; an error position is the index of the
   * offending significant character (0–14).
   *
   * <pre>{@code
   * long status = ScanStatus.scanParts(NirProfile.STRICT, 2550814168025L, (char) 0, 38);
   * ScanStatus.isValid(status);   // true
   * }</pre>
   *
   * @param numericBody the 13-character body as the key arithmetic reads it (2A → 19, 2B → 18 at
   *     indexes 5–6), in {@code [0, 10^13)}
   * @param corsicaLetter {@code 'A'} or {@code 'B'} when indexes 5–6 are 2A/2B, else {@code 0}
   * @param key the two-digit key as read, 0–99
   * @return the status word, decoded like that of {@link #scan(CharSequence)}
   * @throws IllegalArgumentException if the body is out of range, or the letter is neither {@code
   *     'A'}, {@code 'B'} nor {@code 0}, or a Corsica letter comes with a body whose indexes 5–6
   *     are not 19/18
   */
  long scanParts(long numericBody, char corsicaLetter, int key) {
    return judge("", 15, 15, numericBody, corsicaOf(numericBody, corsicaLetter), key, false);
  }

  /**
   * Scans a 13-character body already read as a number (see {@link #scanParts}); the key is
   * computed, as by {@link #parseBody}. Allocates nothing.
   *
   * <pre>{@code
   * Nir nir = ScanStatus.nirOf(ScanStatus.scanBodyParts(NirProfile.STRICT, 2550814168025L, (char) 0));
   * }</pre>
   *
   * @param numericBody the body as the key arithmetic reads it, in {@code [0, 10^13)}
   * @param corsicaLetter {@code 'A'}, {@code 'B'} or {@code 0}
   * @return the status word
   * @throws IllegalArgumentException as {@link #scanParts}
   */
  long scanBodyParts(long numericBody, char corsicaLetter) {
    return judge("", 13, 13, numericBody, corsicaOf(numericBody, corsicaLetter), 0, true);
  }

  private static int corsicaOf(long numericBody, char letter) {
    if (numericBody < 0 || numericBody >= NirKey.BODY_LIMIT) {
      throw new IllegalArgumentException("NIR body out of range (13 digits expected)");
    }
    if (letter == 0) {
      return 0;
    }
    int field = (int) (numericBody / 1_000_000 % 100);
    if (letter == 'A' && field == 19) {
      return Nir.CORSICA_A;
    }
    if (letter == 'B' && field == 18) {
      return Nir.CORSICA_B;
    }
    throw new IllegalArgumentException("Corsica letter must be A (body 19) or B (body 18), or 0");
  }

  private long judge(
      CharSequence s, int count, int expected, long value, int corsica, int key, boolean bodyOnly) {
    int n = s.length();
    if (count < expected) {
      if (count == 13 && corsica == 0) {
        int lead = (int) (value / 100_000_000_000L);
        int d0 = lead / 10;
        int d1 = lead % 10;
        if ((d0 == 7 || d0 == 8) && d1 <= 2) {
          return ScanStatus.error(NirError.NNP_NOT_NIR, 0);
        }
        if ((d0 == 5 || d0 == 6) && (d1 == 1 || d1 == 2)) {
          return ScanStatus.error(NirError.MIG_NOT_NIR, 0);
        }
      }
      if (count == 13 && ((mask & CHECKSUM_ONLY_BIT) != 0 || structure(value, corsica) >= 0)) {
        return ScanStatus.error(NirError.MISSING_KEY, n);
      }
      return ScanStatus.error(NirError.TOO_SHORT, n);
    }
    int flags = 0;
    if ((mask & CHECKSUM_ONLY_BIT) == 0) {
      int st = structure(value, corsica);
      if (st < 0) {
        return ScanStatus.error(ERRORS[(st >>> 8) & 0xFF], positionOfSignificant(s, st & 0xFF));
      }
      flags = st;
    }
    if (bodyOnly) {
      key = NirKey.of(value);
    } else if (key < 1 || key > 97) {
      return ScanStatus.error(NirError.INVALID_KEY, positionOfSignificant(s, 13));
    } else if (!NirKey.matches(value, key)) {
      return ScanStatus.error(NirError.KEY_MISMATCH, positionOfSignificant(s, 13));
    }
    return ScanStatus.valid(value, corsica, flags);
  }

  /**
   * Checks the structural rules; returns the leniency flags used (&ge; 0) or a negative code
   * holding the reason ordinal (bits 8–15) and the index of the offending significant character.
   */
  private int structure(long value, int corsica) {
    int flags = 0;
    int sex = (int) (value / 1_000_000_000_000L);
    if (sex == 3 || sex == 4) {
      flags |= Leniency.SEX_3_4.bit();
    } else if (sex == 7 || sex == 8) {
      flags |= Leniency.SEX_7_8.bit();
    } else if (sex != 1 && sex != 2) {
      return fail(NirError.INVALID_SEX, 0);
    }
    if ((flags & ~mask) != 0) {
      return fail(NirError.INVALID_SEX, 0);
    }
    int month = (int) (value / 100_000_000L % 100);
    if (BirthMonth.kindOf(month) == BirthMonth.Kind.NONSTANDARD) {
      if (month < 43 || month > 49 || (mask & Leniency.MONTH_43_49.bit()) == 0) {
        return fail(NirError.INVALID_MONTH, 3);
      }
      flags |= Leniency.MONTH_43_49.bit();
    }
    int place = (int) (value / 1000 % 100_000);
    int dept = place / 1000;
    boolean zeroCommune;
    NirError communeError = NirError.INVALID_COMMUNE;
    int communeIndex = 7;
    if (corsica != 0) {
      zeroCommune = place % 1000 == 0;
    } else if (dept == 0) {
      return fail(NirError.INVALID_DEPARTMENT, 5);
    } else if (dept == 97 || dept == 98) {
      int d3 = place / 100;
      if (!((d3 >= 971 && d3 <= 978) || (d3 >= 984 && d3 <= 988))) {
        return fail(NirError.INVALID_DEPARTMENT, 5);
      }
      zeroCommune = place % 100 == 0;
      communeIndex = 8;
    } else {
      zeroCommune = place % 1000 == 0;
      if (dept == 99) {
        communeError = NirError.INVALID_COUNTRY;
      }
    }
    if (zeroCommune) {
      if ((mask & Leniency.ZERO_COMMUNE.bit()) == 0) {
        return fail(communeError, communeIndex);
      }
      flags |= Leniency.ZERO_COMMUNE.bit();
    }
    if (value % 1000 == 0) {
      if ((mask & Leniency.ZERO_ORDER.bit()) == 0) {
        return fail(NirError.INVALID_ORDER, 10);
      }
      flags |= Leniency.ZERO_ORDER.bit();
    }
    return flags;
  }

  private static int fail(NirError reason, int significantIndex) {
    return Integer.MIN_VALUE | (reason.ordinal() << 8) | significantIndex;
  }

  /**
   * Maps the index of a significant character (digit or 2A/2B letter) to its position in the input.
   */
  private static int positionOfSignificant(CharSequence s, int index) {
    if (s.length() == 0) {
      return index; // parts given as numbers: the index is the position
    }
    int count = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (!isSeparator(c) && c != '/') {
        if (count++ == index) {
          return i;
        }
      }
    }
    return s.length();
  }
}
