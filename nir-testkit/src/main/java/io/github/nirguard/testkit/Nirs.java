package io.github.nirguard.testkit;

import io.github.nirguard.core.BirthMonth;
import io.github.nirguard.core.Leniency;
import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirError;
import io.github.nirguard.core.NirKey;
import io.github.nirguard.core.NirProfile;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Generators of NIRs: valid by category and month kind, never-real, lenient-only, invalid by reason,
 * and noisy pasted text.
 *
 * <p><strong>Warning: a fully valid generated NIR may be a real person's.</strong>
 * {@link #valid()}, {@link #valid(Category)}, {@link #valid(Category, BirthMonth.Kind)},
 * {@link #noisy()} and {@link #lenientOnly(Leniency)} draw from the space of well-formed numbers,
 * most of which is assigned to living people. Keep their values inside tests: never print, log,
 * commit, publish or share them. For demos, documentation, screenshots and shared data sets use
 * {@link #neverReal()}, whose values have a correct key but a month of birth (13–19) that no NIR can
 * ever have.
 *
 * <pre>{@code
 * Gen<Nir> anyValid = Nirs.valid();
 * Gen<Nir> corsicaUnknownMonth = Nirs.valid(Nirs.Category.CORSICA, BirthMonth.Kind.UNKNOWN);
 * Gen<String> wrongKeys = Nirs.invalid(NirError.KEY_MISMATCH);
 * Gen<Nir> demo = Nirs.neverReal();   // safe to show
 *
 * ForAll.check("every bad key is reported", wrongKeys, text ->
 *     assertEquals(NirError.KEY_MISMATCH, NirProfile.errorOf(NirProfile.STRICT.scan(text))));
 * }</pre>
 *
 * <p>All generators are stateless and thread-safe; values depend only on the random source. Numeric
 * fields lean towards their bounds (e.g. commune {@code 001} and {@code 999}) a little more often
 * than uniform drawing would.
 *
 * @since 0.1.0
 */
public final class Nirs {

  /**
   * The kinds of place of birth a valid NIR can have.
   *
   * <pre>{@code
   * Gen<Nir> abroad = Nirs.valid(Nirs.Category.ABROAD);   // 99 + country 001-999
   * }</pre>
   *
   * @since 0.1.0
   */
  public enum Category {
    /** Department {@code 01}–{@code 96} except {@code 20}, commune {@code 001}–{@code 999}. */
    MAINLAND,
    /** Department {@code 2A} or {@code 2B} (births from 1976), commune {@code 001}–{@code 999}. */
    CORSICA,
    /** Department {@code 20} (Corsica before 1976), commune {@code 001}–{@code 999}. */
    CORSICA_PRE_1976,
    /**
     * Department {@code 971}–{@code 978} or {@code 984}–{@code 988}, commune {@code 01}–{@code 99}.
     */
    OVERSEAS,
    /** {@code 99} then a country code {@code 001}–{@code 999}. */
    ABROAD
  }

  /**
   * A valid NIR as someone might paste it, and the NIR it must parse to.
   *
   * <p>{@link #toString()} reveals only the length of the text: neither the text nor the NIR.
   *
   * <pre>{@code
   * ForAll.check("noisy input parses", Nirs.noisy(),
   *     noisy -> assertEquals(noisy.expected(), Nir.parse(noisy.text())));
   * }</pre>
   *
   * @param text the text: separators, blanks, a {@code /} before the key, lowercase {@code 2a}
   * @param expected the NIR the text denotes (strictly valid)
   * @since 0.1.0
   */
  public record Noisy(String text, Nir expected) {

    /**
     * Checks that neither part is null.
     *
     * @param text the text
     * @param expected the NIR it denotes
     */
    public Noisy {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(expected, "expected");
    }

    /**
     * Returns a description that shows neither the text nor the NIR, e.g.
     * {@code Noisy[text=23 chars]}.
     *
     * @return the masked description
     */
    @Override
    public String toString() {
      return "Noisy[text=" + text.length() + " chars]";
    }
  }

  private static final Category[] CATEGORIES = Category.values();
  private static final BirthMonth.Kind[] STRICT_KINDS = {
    BirthMonth.Kind.KNOWN, BirthMonth.Kind.PSEUDO_FICTITIOUS, BirthMonth.Kind.UNKNOWN
  };
  private static final int[] OVERSEAS_DEPARTMENTS = {
    971, 972, 973, 974, 975, 976, 977, 978, 984, 985, 986, 987, 988
  };
  private static final int[] BAD_OVERSEAS_DEPARTMENTS = {970, 979, 980, 981, 982, 983, 989};
  /** The separators the scanner skips anywhere. */
  private static final char[] SEPARATORS = {' ', '\t', '\u00A0', '\u202F', '.', '-', '_'};
  /** Separators plausible between display groups. */
  private static final char[] GROUP_SEPARATORS = {' ', ' ', ' ', '.', '-', '\u00A0', '\u202F', '_'};
  private static final char[] BLANKS = {' ', '\t', '\u00A0', '\u202F'};

  /**
   * Characters (or surrogate pairs) that never belong in a NIR: look-alike digits from other
   * scripts, invisible and unusual spaces, dashes and punctuation that are not accepted separators,
   * letters other than A and B.
   */
  private static final String[] BAD = {
    // Arabic-Indic, extended Arabic-Indic, Devanagari and full-width digits
    "\u0660", "\u0661", "\u0662", "\u0663", "\u0664", "\u0665", "\u0666", "\u0667", "\u0668", "\u0669",
    "\u06F0", "\u06F4", "\u06F9", "\u0966", "\u096F",
    "\uFF10", "\uFF11", "\uFF12", "\uFF13", "\uFF14", "\uFF15", "\uFF16", "\uFF17", "\uFF18", "\uFF19",
    // mathematical bold digits zero and eight (surrogate pairs)
    "\uD835\uDFCE", "\uD835\uDFD6",
    // superscripts and fractions
    "\u00B2", "\u00B9", "\u2070", "\u00BD",
    // invisible characters and spaces that are not accepted
    "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u2009", "\u2007", "\u2002",
    "\u3000", "\n", "\r", "\u000B", "\u000C", "\u0000",
    // dashes and dots that are not accepted
    "\u2010", "\u2011", "\u2013", "\u2014", "\u2212", "\uFF0D", "\u00B7", "\u2022", "\u2024",
    // ASCII punctuation
    "+", ",", ";", ":", "|", "\\", "*", "#", "(", ")", "'", "\"", "?", "!", "=", "~",
    // letters other than A/B, some of them look-alikes of digits
    "O", "o", "l", "I", "i", "S", "s", "Z", "G", "g", "q", "X", "x", "E", "e", "C", "N",
    "\u00C9", "\u00E9"
  };
  /** Look-alike letters for digits: index = digit. Never A or B. */
  private static final String[] LETTER_FOR_DIGIT = {"Oo", "lIi", "Zz", "E", "h", "Ss", "G", "T", "X", "gq"};
  /** Whole inputs people put in a NIR column that are not NIRs at all. */
  private static final String[] JUNK = {
    "N/A", "n/a", "#N/A", "null", "NULL", "None", "NaN", "?", "-?-", "inconnu", "n\u00E9ant", "x",
    "\u2014", "NIR", "N\u00B0 SS", "#VALEUR!", "1.85E+14", "2,55E+14", "2.55081E+14",
    "+33 6 12 34 56 78", "\"\"", "''", "undefined", "\u2022\u2022\u2022"
  };

  private Nirs() {}

  // ---- valid ----------------------------------------------------------------------------------

  /**
   * Returns a generator of strictly valid NIRs of every category and month kind.
   *
   * <p><strong>A generated NIR may be a real person's:</strong> keep it inside tests; use
   * {@link #neverReal()} for anything shown or shared.
   *
   * @return valid under {@link NirProfile#STRICT}; categories and month kinds drawn uniformly
   */
  public static Gen<Nir> valid() {
    return random -> validNir(random, pick(random, CATEGORIES), pick(random, STRICT_KINDS));
  }

  /**
   * Returns a generator of strictly valid NIRs of one category, of every month kind.
   *
   * <p><strong>A generated NIR may be a real person's:</strong> keep it inside tests; use
   * {@link #neverReal()} for anything shown or shared.
   *
   * @param category the kind of place of birth
   * @return valid under {@link NirProfile#STRICT}
   */
  public static Gen<Nir> valid(Category category) {
    Objects.requireNonNull(category, "category");
    return random -> validNir(random, category, pick(random, STRICT_KINDS));
  }

  /**
   * Returns a generator of strictly valid NIRs of one category and one month kind.
   *
   * <p><strong>A generated NIR may be a real person's:</strong> keep it inside tests; use
   * {@link #neverReal()} for anything shown or shared.
   *
   * @param category the kind of place of birth
   * @param kind {@code KNOWN} (01–12), {@code PSEUDO_FICTITIOUS} (31–42) or {@code UNKNOWN}
   *     (20–30, 50–99)
   * @return valid under {@link NirProfile#STRICT}
   * @throws IllegalArgumentException for {@code NONSTANDARD}, which no strictly valid NIR has
   */
  public static Gen<Nir> valid(Category category, BirthMonth.Kind kind) {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(kind, "kind");
    if (kind == BirthMonth.Kind.NONSTANDARD) {
      throw new IllegalArgumentException(
          "no strictly valid NIR has a NONSTANDARD month; see neverReal() and lenientOnly()");
    }
    return random -> validNir(random, category, kind);
  }

  // ---- never real -----------------------------------------------------------------------------

  /**
   * Returns a generator of NIRs that no person can ever have: the key is correct but the month of
   * birth is {@code 13}–{@code 19}, which is structurally impossible. Every other field is strictly
   * valid (all categories of place).
   *
   * <p>These are the values to use for demos, documentation, screenshots and shared data sets. They
   * pass {@link NirProfile#CHECKSUM_ONLY} (and checksum-only validators elsewhere) and are rejected
   * by {@link NirProfile#STRICT} and {@link NirProfile#LENIENT} with
   * {@link NirError#INVALID_MONTH}. The values are {@link Nir} objects obtained from
   * {@code NirProfile.CHECKSUM_ONLY}; use {@code .map(Nir::compact)} or {@code .map(Nir::display)}
   * for text.
   *
   * <pre>{@code
   * Nir demo = Nirs.neverReal().sample(1L, 1).get(0);
   * NirProfile.CHECKSUM_ONLY.test(demo.compact());   // true
   * NirProfile.STRICT.test(demo.compact());          // false: INVALID_MONTH
   * }</pre>
   *
   * @return a generator of never-real NIRs
   */
  public static Gen<Nir> neverReal() {
    return random -> {
      Parts p = Parts.valid(random, pick(random, CATEGORIES), pick(random, STRICT_KINDS));
      p.month = between(random, 13, 19);
      return NirProfile.CHECKSUM_ONLY.parseBody(p.body());
    };
  }

  // ---- lenient only ---------------------------------------------------------------------------

  /**
   * Returns a generator of NIRs that depart from the strict rules in exactly one way: valid under
   * {@link NirProfile#LENIENT}, which reports exactly {@code leniency}, and rejected by
   * {@link NirProfile#STRICT}. The key is correct.
   *
   * <pre>{@code
   * Gen<Nir> provisional = Nirs.lenientOnly(Leniency.SEX_7_8);
   * }</pre>
   *
   * @param leniency the one departure
   * @return a generator of lenient-only NIRs (parsed with {@code NirProfile.LENIENT})
   */
  public static Gen<Nir> lenientOnly(Leniency leniency) {
    Objects.requireNonNull(leniency, "leniency");
    return random -> {
      Category category = pick(random, CATEGORIES);
      Parts p = Parts.valid(random, category, pick(random, STRICT_KINDS));
      switch (leniency) {
        case SEX_3_4:
          p.sex = 3 + random.nextInt(2);
          break;
        case SEX_7_8:
          p.sex = 7 + random.nextInt(2);
          break;
        case MONTH_43_49:
          p.month = between(random, 43, 49);
          break;
        case ZERO_ORDER:
          p.order = 0;
          break;
        case ZERO_COMMUNE:
          p.place = zeroCommunePlace(random, category);
          break;
        default:
          throw new AssertionError(leniency);
      }
      return NirProfile.LENIENT.parseBody(p.body());
    };
  }

  // ---- invalid --------------------------------------------------------------------------------

  /**
   * Returns a generator of texts that {@link NirProfile#STRICT} rejects with exactly
   * {@code reason} (as decoded by {@link NirProfile#errorOf(long)} from
   * {@link NirProfile#scan(CharSequence)}).
   *
   * <p>The texts vary the way real input does: separators, blanks, a {@code /} before the key,
   * lowercase {@code 2a}; look-alike digits (Arabic-Indic, full-width, …), invisible characters and
   * misplaced letters or slashes for {@link NirError#INVALID_CHARACTER}; truncations, deletions and
   * phone numbers for {@link NirError#TOO_SHORT}; appended digits and two NIRs pasted together for
   * {@link NirError#TOO_LONG}; keys {@code 00}, {@code 98}, {@code 99} for
   * {@link NirError#INVALID_KEY}; wrong in-range keys (off by one, swapped digits, Corsica letters
   * read as 0, …) for {@link NirError#KEY_MISMATCH}. Structural reasons sometimes come with a later
   * defect too, to exercise the left-most-problem rule. The other fields are drawn like those of
   * {@link #valid()}, so the texts may contain a real person's NIR fragments: keep them in tests.
   *
   * <pre>{@code
   * for (NirError reason : NirError.values()) {
   *   ForAll.check("rejected: " + reason, Nirs.invalid(reason), text ->
   *       assertEquals(reason, NirProfile.errorOf(NirProfile.STRICT.scan(text))));
   * }
   * }</pre>
   *
   * @param reason the reason every text must be rejected for
   * @return a generator of texts
   */
  public static Gen<String> invalid(NirError reason) {
    Objects.requireNonNull(reason, "reason");
    switch (reason) {
      case EMPTY:
        return Nirs::empty;
      case INVALID_CHARACTER:
        return Nirs::invalidCharacter;
      case TOO_SHORT:
        return Nirs::tooShort;
      case TOO_LONG:
        return Nirs::tooLong;
      case MISSING_KEY:
        return random -> decorate(random, validNir(random).body(), true);
      case NNP_NOT_NIR:
        return random -> decorate(random, provisional(random, "78", "012"), true);
      case MIG_NOT_NIR:
        return random -> decorate(random, provisional(random, "56", "12"), true);
      case INVALID_SEX:
        return Nirs::invalidSex;
      case INVALID_MONTH:
        return Nirs::invalidMonth;
      case INVALID_DEPARTMENT:
        return Nirs::invalidDepartment;
      case INVALID_COMMUNE:
        return random -> {
          Category category = pick(random, Category.MAINLAND, Category.CORSICA,
              Category.CORSICA_PRE_1976, Category.OVERSEAS);
          Parts p = Parts.valid(random, category, pick(random, STRICT_KINDS));
          p.place = zeroCommunePlace(random, category);
          return decorate(random, structural(random, p, 2), true);
        };
      case INVALID_COUNTRY:
        return random -> {
          Parts p = Parts.valid(random, Category.ABROAD, pick(random, STRICT_KINDS));
          p.place = "99000";
          return decorate(random, structural(random, p, 2), true);
        };
      case INVALID_ORDER:
        return random -> {
          Parts p = Parts.valid(random, pick(random, CATEGORIES), pick(random, STRICT_KINDS));
          p.order = 0;
          return decorate(random, structural(random, p, 3), true);
        };
      case INVALID_KEY:
        return random -> {
          String body = validNir(random).body();
          String key = pick(random, "00", "98", "99");
          return decorate(random, body + key, true);
        };
      case KEY_MISMATCH:
        return Nirs::keyMismatch;
      default:
        throw new IllegalArgumentException("no generator for " + reason);
    }
  }

  // ---- noisy ----------------------------------------------------------------------------------

  /**
   * Returns a generator of valid NIRs written the way people paste them: random separators from the
   * accepted set (space, tab, no-break space U+00A0, narrow no-break space U+202F, {@code .},
   * {@code -}, {@code _}), sometimes a {@code /} right before the key, leading and trailing blanks,
   * lowercase {@code 2a}/{@code 2b}. Each text parses, under {@link NirProfile#STRICT}, to its
   * {@link Noisy#expected()} NIR.
   *
   * <p><strong>The expected NIR may be a real person's:</strong> keep it inside tests.
   *
   * <pre>{@code
   * ForAll.check("noisy input parses", Nirs.noisy(),
   *     noisy -> assertEquals(noisy.expected(), Nir.parse(noisy.text())));
   * }</pre>
   *
   * @return a generator of noisy texts with their NIR
   */
  public static Gen<Noisy> noisy() {
    return random -> {
      Nir nir = validNir(random);
      return new Noisy(decorate(random, nir.compact(), true), nir);
    };
  }

  // ---- parts, shared with Records -------------------------------------------------------------

  /** The fields of a NIR being built; {@code key} &lt; 0 means "compute the right one". */
  static final class Parts {
    int sex;
    int year;
    int month;
    String place;
    int order;
    int key = -1;

    static Parts valid(SplittableRandom random, Category category, BirthMonth.Kind kind) {
      Parts p = new Parts();
      p.sex = 1 + random.nextInt(2);
      p.year = between(random, 0, 99);
      p.month = monthCode(random, kind);
      p.place = place(random, category);
      p.order = between(random, 1, 999);
      return p;
    }

    String body() {
      StringBuilder b = new StringBuilder(15);
      b.append((char) ('0' + sex));
      two(b, year);
      two(b, month);
      b.append(place);
      three(b, order);
      return b.toString();
    }

    String compact() {
      String body = body();
      StringBuilder b = new StringBuilder(15).append(body);
      two(b, key < 0 ? keyOf(body) : key);
      return b.toString();
    }
  }

  static Nir validNir(SplittableRandom random) {
    return validNir(random, pick(random, CATEGORIES), pick(random, STRICT_KINDS));
  }

  static Nir validNir(SplittableRandom random, Category category, BirthMonth.Kind kind) {
    return Nir.fromBody(Parts.valid(random, category, kind).body());
  }

  /** A month field of the given kind (not NONSTANDARD). */
  static int monthCode(SplittableRandom random, BirthMonth.Kind kind) {
    switch (kind) {
      case KNOWN:
        return between(random, 1, 12);
      case PSEUDO_FICTITIOUS:
        return between(random, 31, 42);
      case UNKNOWN:
        int v = between(random, 0, 60);   // 11 values 20-30, then 50 values 50-99
        return v < 11 ? 20 + v : 50 + v - 11;
      default:
        throw new IllegalArgumentException("no strictly valid month of kind " + kind);
    }
  }

  /** A strictly valid place-of-birth field (5 characters) of a category. */
  static String place(SplittableRandom random, Category category) {
    StringBuilder b = new StringBuilder(5);
    switch (category) {
      case MAINLAND:
        int dept = between(random, 1, 95);
        two(b, dept >= 20 ? dept + 1 : dept);   // 01-19, 21-96
        three(b, between(random, 1, 999));
        break;
      case CORSICA:
        b.append(random.nextBoolean() ? "2A" : "2B");
        three(b, between(random, 1, 999));
        break;
      case CORSICA_PRE_1976:
        b.append("20");
        three(b, between(random, 1, 999));
        break;
      case OVERSEAS:
        b.append(OVERSEAS_DEPARTMENTS[random.nextInt(OVERSEAS_DEPARTMENTS.length)]);
        two(b, between(random, 1, 99));
        break;
      case ABROAD:
        b.append("99");
        three(b, between(random, 1, 999));
        break;
      default:
        throw new AssertionError(category);
    }
    return b.toString();
  }

  /** A place with commune (or country) zero: what ZERO_COMMUNE allows. */
  private static String zeroCommunePlace(SplittableRandom random, Category category) {
    String place = place(random, category);
    return category == Category.OVERSEAS ? place.substring(0, 3) + "00" : place.substring(0, 2) + "000";
  }

  /** The key of a 13-character body with 2A/2B at indexes 5-6 read as 19/18. */
  static int keyOf(String body) {
    long value = 0;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (i == 5 && body.charAt(6) >= 'A') {
        value = value * 100 + (Character.toUpperCase(body.charAt(6)) == 'A' ? 19 : 18);
        i++;
      } else {
        value = value * 10 + (c - '0');
      }
    }
    return NirKey.of(value);
  }

  // ---- invalid: one method per reason --------------------------------------------------------

  private static String empty(SplittableRandom random) {
    if (random.nextInt(5) == 0) {
      return "";
    }
    int n = 1 + random.nextInt(8);
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
    }
    return b.toString();
  }

  private static String invalidCharacter(SplittableRandom random) {
    Nir nir = validNir(random);
    String compact = nir.compact();
    switch (random.nextInt(8)) {
      case 0: { // junk that is not a NIR at all
        return blanks(random) + pick(random, JUNK) + blanks(random);
      }
      case 1: { // a bad character inserted anywhere
        Layout l = Layout.decorated(random, compact, true);
        l.insert(random, random.nextInt(l.gaps.length), pick(random, BAD));
        return l.render();
      }
      case 2: { // a significant character replaced by a bad one
        Layout l = Layout.decorated(random, compact, true);
        l.sig[random.nextInt(l.sig.length)] = pick(random, BAD);
        return l.render();
      }
      case 3: { // a misplaced or second slash
        Layout l = Layout.decorated(random, compact, true);
        int gap;
        if (l.gaps[13].indexOf("/") >= 0) {
          gap = random.nextInt(l.gaps.length);
        } else {
          gap = random.nextInt(l.gaps.length - 1);
          gap = gap >= 13 ? gap + 1 : gap;   // any gap but the one before the key
        }
        l.insert(random, gap, "/");
        return l.render();
      }
      case 4: { // a Corsica letter where it does not belong
        Layout l = Layout.decorated(random, compact, true);
        int i;
        if (compact.charAt(5) != '2' && random.nextBoolean()) {
          i = 6;   // e.g. "7A": a letter after a department digit other than 2
        } else {
          i = random.nextInt(l.sig.length - 1);
          i = i >= 6 ? i + 1 : i;   // any index but 6
        }
        l.sig[i] = pick(random, "A", "B", "a", "b");
        return l.render();
      }
      case 5: { // look-alike digits from another script, from some index on
        String[] zeros = {"\u0660", "\u06F0", "\u0966", "\uFF10"};
        char zero = pick(random, zeros).charAt(0);
        Layout l = Layout.decorated(random, compact, true);
        int from = random.nextInt(l.sig.length);
        boolean all = random.nextBoolean();
        for (int i = from; i < l.sig.length; i++) {
          char c = l.sig[i].charAt(0);
          if (c >= '0' && c <= '9' && (all || i == from)) {
            l.sig[i] = String.valueOf((char) (zero + (c - '0')));
          } else if (i == from) {
            l.sig[i] = pick(random, BAD);   // a Corsica letter at 'from'
          }
        }
        return l.render();
      }
      case 6: { // a letter that looks like the digit it replaces
        Layout l = Layout.decorated(random, compact, true);
        int i = random.nextInt(l.sig.length);
        char c = compact.charAt(i);
        String letters = c >= '0' && c <= '9' ? LETTER_FOR_DIGIT[c - '0'] : "Xx";
        l.sig[i] = String.valueOf(letters.charAt(random.nextInt(letters.length())));
        return l.render();
      }
      default: { // an invisible character or line break, often at an end
        String invisible = pick(random, "\u200B", "\uFEFF", "\u00AD", "\u2060", "\n", "\r\n", "\r",
            "\u2009", "\u3000", "\u2007");
        Layout l = Layout.decorated(random, compact, true);
        int gap;
        switch (random.nextInt(3)) {
          case 0:
            gap = 0;
            break;
          case 1:
            gap = l.gaps.length - 1;
            break;
          default:
            gap = random.nextInt(l.gaps.length);
        }
        l.insert(random, gap, invisible);
        return l.render();
      }
    }
  }

  private static String tooShort(SplittableRandom random) {
    Nir nir = validNir(random);
    String compact = nir.compact();
    switch (random.nextInt(5)) {
      case 0: { // truncated: 1-12 or 14 characters
        int m = 1 + random.nextInt(13);
        m = m == 13 ? 14 : m;
        return decorate(random, compact.substring(0, m), true);
      }
      case 1: { // characters deleted in the middle (after the Corsica letters, if any)
        int m = 1 + random.nextInt(13);
        m = m == 13 ? 14 : m;
        int first = nir.corsicaLetter() != 0 ? 7 : 0;
        m = Math.max(m, first);
        StringBuilder b = new StringBuilder(compact);
        while (b.length() > m) {
          b.deleteCharAt(first + random.nextInt(b.length() - first));
        }
        return decorate(random, b.toString(), true);
      }
      case 2: { // 13 characters that are not a valid body, nor an NNP or MIG: no "missing key"
        Parts p = Parts.valid(random, pick(random, CATEGORIES), pick(random, STRICT_KINDS));
        switch (random.nextInt(4)) {
          case 0:
            p.sex = pickInt(random, 0, 3, 4, 9);
            break;
          case 1:
            p.month = pickInt(random, 0, 13, 16, 19, 43, 49);
            break;
          case 2:
            p.order = 0;
            break;
          default:
            p.place = "00" + p.place.substring(2);
            break;
        }
        return decorate(random, p.body(), true);
      }
      case 3: { // an NNP or MIG with a digit too few
        String provisional = random.nextBoolean() ? provisional(random, "78", "012")
            : provisional(random, "56", "12");
        StringBuilder b = new StringBuilder(provisional).deleteCharAt(random.nextInt(13));
        return decorate(random, b.toString(), true);
      }
      default: { // a French phone number or another short number
        StringBuilder b = new StringBuilder("0").append(1 + random.nextInt(9));
        for (int i = 0; i < 4; i++) {
          b.append(' ');
          two(b, random.nextInt(100));
        }
        return b.toString();
      }
    }
  }

  private static String tooLong(SplittableRandom random) {
    Nir nir = validNir(random);
    String compact = nir.compact();
    switch (random.nextInt(4)) {
      case 0: { // digits appended
        StringBuilder b = new StringBuilder(compact);
        int extra = 1 + random.nextInt(3);
        for (int i = 0; i < extra; i++) {
          b.append((char) ('0' + random.nextInt(10)));
        }
        return decorate(random, b.toString(), true);
      }
      case 1: { // digits inserted (after the Corsica letters, if any)
        StringBuilder b = new StringBuilder(compact);
        int first = nir.corsicaLetter() != 0 ? 7 : 0;
        int extra = 1 + random.nextInt(3);
        for (int i = 0; i < extra; i++) {
          b.insert(first + random.nextInt(b.length() - first + 1), (char) ('0' + random.nextInt(10)));
        }
        return decorate(random, b.toString(), true);
      }
      case 2: { // two NIRs pasted together
        Nir second = validNir(random);
        return decorate(random, compact, true) + pick(random, " ", "", "\t", "  ", " - ")
            + second.display();
      }
      default: { // a long run of digits
        int n = 16 + random.nextInt(10);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
          b.append((char) ('0' + random.nextInt(10)));
        }
        return decorate(random, b.toString(), true);
      }
    }
  }

  /** 13 digits: a first digit from {@code first}, a second from {@code second}, 11 random digits. */
  private static String provisional(SplittableRandom random, String first, String second) {
    StringBuilder b = new StringBuilder(13);
    b.append(first.charAt(random.nextInt(first.length())));
    b.append(second.charAt(random.nextInt(second.length())));
    for (int i = 0; i < 11; i++) {
      b.append((char) ('0' + random.nextInt(10)));
    }
    return b.toString();
  }

  private static String invalidSex(SplittableRandom random) {
    Parts p = Parts.valid(random, pick(random, CATEGORIES), pick(random, STRICT_KINDS));
    p.sex = pickInt(random, 0, 3, 4, 5, 6, 7, 8, 9);
    return decorate(random, structural(random, p, 0), true);
  }

  private static String invalidMonth(SplittableRandom random) {
    Parts p = Parts.valid(random, pick(random, CATEGORIES), pick(random, STRICT_KINDS));
    switch (random.nextInt(3)) {
      case 0:
        p.month = 0;
        break;
      case 1:
        p.month = between(random, 13, 19);
        break;
      default:
        p.month = between(random, 43, 49);
        break;
    }
    return decorate(random, structural(random, p, 1), true);
  }

  private static String invalidDepartment(SplittableRandom random) {
    Parts p = Parts.valid(random, Category.MAINLAND, pick(random, STRICT_KINDS));
    StringBuilder b = new StringBuilder(5);
    if (random.nextBoolean()) {
      b.append("00");
      three(b, between(random, 0, 999));
    } else {
      b.append(BAD_OVERSEAS_DEPARTMENTS[random.nextInt(BAD_OVERSEAS_DEPARTMENTS.length)]);
      two(b, between(random, 0, 99));
    }
    p.place = b.toString();
    return decorate(random, structural(random, p, 2), true);
  }

  /**
   * Returns the compact text of parts with a structural defect already set; sometimes adds a defect
   * in a later field (after {@code defectLevel}: 0 sex, 1 month, 2 place, 3 order) or a wrong key,
   * which the scanner must not report since it reports the left-most problem.
   */
  private static String structural(SplittableRandom random, Parts p, int defectLevel) {
    switch (random.nextInt(8)) {
      case 0:
        if (defectLevel < 1) {
          p.month = pickInt(random, 0, 13, 19, 45);
        }
        break;
      case 1:
        if (defectLevel < 2) {
          p.place = "00" + p.place.substring(2);
        }
        break;
      case 2:
        if (defectLevel < 3) {
          p.order = 0;
        }
        break;
      case 3:
        p.key = random.nextInt(100);   // any two digits, right or wrong
        break;
      default:
        break;   // right key: passes CHECKSUM_ONLY
    }
    return p.compact();
  }

  private static String keyMismatch(SplittableRandom random) {
    Nir nir = validNir(random);
    String body = nir.body();
    int right = nir.key();
    int wrong;
    switch (random.nextInt(5)) {
      case 0: // off by one
        wrong = right == 97 ? 96 : right == 1 ? 2 : right + (random.nextBoolean() ? 1 : -1);
        break;
      case 1: // digits swapped
        wrong = (right % 10) * 10 + right / 10;
        break;
      case 2: // forgot "97 -": N mod 97
        wrong = 97 - right;
        break;
      case 3: // Corsica letters read as 0 (django-localflavor), or 2A/2B swapped
        if (nir.corsicaLetter() != 0) {
          wrong = random.nextBoolean() ? keyOf(body.substring(0, 6) + "0" + body.substring(7))
              : keyOf(body.substring(0, 6) + (nir.corsicaLetter() == 'A' ? 'B' : 'A')
                  + body.substring(7));
        } else {
          wrong = 0;
        }
        break;
      default:
        wrong = 0;
        break;
    }
    if (wrong < 1 || wrong > 97 || wrong == right) {
      wrong = 1 + random.nextInt(96);
      wrong = wrong >= right ? wrong + 1 : wrong;   // any in 1..97 but the right one
    }
    StringBuilder b = new StringBuilder(15).append(body);
    two(b, wrong);
    return decorate(random, b.toString(), true);
  }

  // ---- text layout ----------------------------------------------------------------------------

  /**
   * Renders significant characters with random separators, optional blanks at both ends, an
   * optional {@code /} before the key (index 13, when {@code slash} and there is one) and
   * lowercase Corsica letters. Never changes how the scanner reads the significant characters.
   */
  static String decorate(SplittableRandom random, String significant, boolean slash) {
    return Layout.decorated(random, significant, slash).render();
  }

  /** Significant characters with the text in each gap: gap {@code i} comes before {@code sig[i]}. */
  private static final class Layout {
    final String[] sig;
    final StringBuilder[] gaps;

    Layout(String significant) {
      sig = new String[significant.length()];
      gaps = new StringBuilder[sig.length + 1];
      for (int i = 0; i < sig.length; i++) {
        sig[i] = String.valueOf(significant.charAt(i));
      }
      for (int i = 0; i < gaps.length; i++) {
        gaps[i] = new StringBuilder();
      }
    }

    static Layout decorated(SplittableRandom random, String significant, boolean slash) {
      Layout l = new Layout(significant);
      int n = l.sig.length;
      int style = random.nextInt(4);
      if (style == 1 || style == 3) { // display grouping S YY MM DD(D) CC(C) NNN KK
        char sep = GROUP_SEPARATORS[random.nextInt(GROUP_SEPARATORS.length)];
        boolean overseas = n > 6 && significant.charAt(5) == '9'
            && (significant.charAt(6) == '7' || significant.charAt(6) == '8');
        int[] bounds = {1, 3, 5, overseas ? 8 : 7, 10, 13};
        for (int bound : bounds) {
          if (bound < n) {
            l.gaps[bound].append(sep);
            if (sep == ' ' && random.nextInt(10) == 0) {
              l.gaps[bound].append(' ');
            }
          }
        }
      }
      if (style >= 2) { // sprinkled
        for (int i = 1; i < n; i++) {
          if (random.nextInt(4) == 0) {
            int k = 1 + random.nextInt(2);
            for (int j = 0; j < k; j++) {
              l.gaps[i].append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
            }
          }
        }
      }
      if (slash && n >= 13 && random.nextInt(4) == 0) {
        l.insert(random, 13, "/");
      }
      if (random.nextInt(4) == 0) {
        l.gaps[0].insert(0, blanks(random));
      }
      if (random.nextInt(4) == 0) {
        l.gaps[n].append(blanks(random));
      }
      if (n > 6 && random.nextBoolean()) {
        l.sig[6] = l.sig[6].toLowerCase(java.util.Locale.ROOT);   // 2a, 2b (digits unchanged)
      }
      return l;
    }

    void insert(SplittableRandom random, int gap, String text) {
      StringBuilder g = gaps[gap];
      g.insert(random.nextInt(g.length() + 1), text);
    }

    String render() {
      StringBuilder b = new StringBuilder(sig.length * 2 + 4);
      for (int i = 0; i < sig.length; i++) {
        b.append(gaps[i]).append(sig[i]);
      }
      return b.append(gaps[sig.length]).toString();
    }
  }

  // ---- random helpers -------------------------------------------------------------------------

  /** 1 to 3 blanks. */
  private static String blanks(SplittableRandom random) {
    int n = 1 + random.nextInt(3);
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(BLANKS[random.nextInt(BLANKS.length)]);
    }
    return b.toString();
  }

  /** An int in [lo, hi], each bound drawn with probability 1/16, the rest uniformly. */
  static int between(SplittableRandom random, int lo, int hi) {
    int r = random.nextInt(16);
    if (r == 0) {
      return lo;
    }
    if (r == 1) {
      return hi;
    }
    return lo + random.nextInt(hi - lo + 1);
  }

  @SafeVarargs
  static <T> T pick(SplittableRandom random, T... values) {
    return values[random.nextInt(values.length)];
  }

  private static int pickInt(SplittableRandom random, int... values) {
    return values[random.nextInt(values.length)];
  }

  static void two(StringBuilder b, int v) {
    b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }

  static void three(StringBuilder b, int v) {
    b.append((char) ('0' + v / 100)).append((char) ('0' + v / 10 % 10)).append((char) ('0' + v % 10));
  }
}
