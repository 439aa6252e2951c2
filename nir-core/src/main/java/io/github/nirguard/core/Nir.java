package io.github.nirguard.core;

import java.util.Optional;

/**
 * A French social-security number (NIR): immutable, compared by value, masked when printed.
 *
 * <p>Built only through static factories: {@link #parse} (strict rules, lenient about separators),
 * {@link #tryParse} (never throws), {@link #fromBody} (13-character body, key computed), or a
 * {@link NirProfile} for other rule sets. The type is deliberately not {@code Serializable}, and
 * {@link #toString()} never shows more than sex, year and month of birth.
 *
 * <pre>{@code
 * Nir nir = Nir.parse("2 55 08 14 168 025 38");
 * nir.compact();   // "255081416802538"
 * nir.display();   // "2 55 08 14 168 025 38"
 * nir.masked();    // "2 55 08 •• ••• ••• ••"
 * nir.key();       // 38
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Nir {
  static final int CORSICA_A = 1;
  static final int CORSICA_B = 2;

  private static final long P12 = 1_000_000_000_000L;

  /** The 13-digit body as a number, 2A/2B replaced by 19/18 (what the key arithmetic reads). */
  private final long value;

  /** 0, or {@link #CORSICA_A}/{@link #CORSICA_B} when indexes 5–6 are 2A/2B. */
  private final int corsica;

  Nir(long value, int corsica) {
    this.value = value;
    this.corsica = corsica;
  }

  /**
   * Parses a NIR under the {@link NirProfile#STRICT} rules.
   *
   * @param text the text as pasted: blanks, dots, dashes, underscores, a {@code /} before the key
   *     and lowercase {@code 2a}/{@code 2b} are accepted
   * @return the NIR
   * @throws NirFormatException with a reason and position if the text is not a valid NIR
   */
  public static Nir parse(CharSequence text) {
    return NirProfile.STRICT.parse(text);
  }

  /**
   * Parses a NIR under the {@link NirProfile#STRICT} rules, without throwing.
   *
   * @param text the text as pasted (may be null)
   * @return the NIR, or empty if the text is not a valid NIR
   */
  public static Optional<Nir> tryParse(CharSequence text) {
    return NirProfile.STRICT.tryParse(text);
  }

  /**
   * Returns whether the text is a valid NIR under the {@link NirProfile#STRICT} rules; allocates
   * nothing.
   *
   * @param text the text as pasted
   * @return {@code true} if valid
   */
  public static boolean isValid(CharSequence text) {
    return NirProfile.STRICT.test(text);
  }

  /**
   * Builds a NIR from its 13-character body (without key) and computes the key.
   *
   * <pre>{@code
   * Nir.fromBody("2550814168025").key();   // 38
   * }</pre>
   *
   * @param body the body, separators allowed
   * @return the NIR
   * @throws NirFormatException if the body is not valid under the strict rules
   */
  public static Nir fromBody(CharSequence body) {
    return NirProfile.STRICT.parseBody(body);
  }

  // ---- parts ----------------------------------------------------------------------------------

  /**
   * Returns the first digit (1 or 2 for a strictly valid NIR).
   *
   * @return the sex digit
   */
  public int sexDigit() {
    return (int) (value / P12);
  }

  /**
   * Returns the sex the first digit encodes.
   *
   * @return the sex
   */
  public Sex sex() {
    return Sex.ofDigit(sexDigit());
  }

  /**
   * Returns the two-digit year of birth (the century is not in the NIR).
   *
   * @return 0–99
   */
  public int birthYear() {
    return (int) (value / 10_000_000_000L % 100);
  }

  /**
   * Returns the month field and its kind.
   *
   * @return the month
   */
  public BirthMonth birthMonth() {
    return new BirthMonth((int) (value / 100_000_000L % 100));
  }

  /**
   * Returns the place of birth.
   *
   * @return the place, of one of the kinds of {@link BirthPlace}
   */
  public BirthPlace birthPlace() {
    String code = body().substring(5, 10);
    if (corsica != 0) {
      return new BirthPlace.Corsica(code.substring(0, 2), code.substring(2));
    }
    int place = (int) (value / 1000 % 100_000);
    int dept = place / 1000;
    int d3 = place / 100;
    if (dept == 20) {
      return new BirthPlace.Corsica("20", code.substring(2));
    }
    if (dept >= 1 && dept <= 96) {
      return new BirthPlace.Mainland(code.substring(0, 2), code.substring(2));
    }
    if ((d3 >= 971 && d3 <= 978) || (d3 >= 984 && d3 <= 988)) {
      return new BirthPlace.Overseas(code.substring(0, 3), code.substring(3));
    }
    if (dept == 99) {
      return new BirthPlace.Abroad(code.substring(2));
    }
    return new BirthPlace.Unrecognized(code);
  }

  /**
   * Returns the order number (1–999 for a strictly valid NIR).
   *
   * @return the order number
   */
  public int orderNumber() {
    return (int) (value % 1000);
  }

  /**
   * Returns the control key.
   *
   * @return 1–97
   */
  public int key() {
    return NirKey.of(value);
  }

  /**
   * Returns the body as the number the key arithmetic reads (2A → 19, 2B → 18 at indexes 5–6). Two
   * NIRs differing only by {@code 19} versus {@code 2A} share this number: see {@link
   * #corsicaLetter()}.
   *
   * @return the numeric body, 13 digits
   */
  public long numericBody() {
    return value;
  }

  /**
   * Returns the Corsica letter at index 6 ({@code 'A'} or {@code 'B'}), or {@code 0} if the body
   * has digits there.
   *
   * @return {@code 'A'}, {@code 'B'} or {@code 0}
   */
  public char corsicaLetter() {
    return corsica == CORSICA_A ? 'A' : corsica == CORSICA_B ? 'B' : 0;
  }

  // ---- formats --------------------------------------------------------------------------------

  /**
   * Returns the 15-character form, e.g. {@code 255081416802538}.
   *
   * @return the compact form
   */
  public String compact() {
    char[] c = new char[15];
    writeBody(c);
    int key = key();
    c[13] = (char) ('0' + key / 10);
    c[14] = (char) ('0' + key % 10);
    return new String(c);
  }

  /**
   * Returns the 13-character body without key, e.g. {@code 2550814168025}.
   *
   * @return the body
   */
  public String body() {
    char[] c = new char[13];
    writeBody(c);
    return new String(c);
  }

  /**
   * Returns the display form {@code S YY MM DD CCC NNN KK}, or {@code S YY MM DDD CC NNN KK} for a
   * birth overseas.
   *
   * @return the display form
   */
  public String display() {
    return group(compact(), false);
  }

  /**
   * Returns the display form with the place, order and key hidden, e.g. {@code 1 85 05 •• ••• •••
   * ••}.
   *
   * @return the masked form
   */
  public String masked() {
    return group(compact(), true);
  }

  /**
   * Returns the masked form, e.g. {@code Nir[1 85 05 •• ••• ••• ••]}.
   *
   * @return a description that does not reveal the NIR
   */
  @Override
  public String toString() {
    return "Nir[" + masked() + "]";
  }

  /**
   * Compares by value: same body (including 2A/2B versus digits) and so same key.
   *
   * @param o another object
   * @return {@code true} if equal
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Nir && ((Nir) o).value == value && ((Nir) o).corsica == corsica;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(value * 3 + corsica);
  }

  private void writeBody(char[] c) {
    long v = value;
    for (int i = 12; i >= 0; i--) {
      c[i] = (char) ('0' + (int) (v % 10));
      v /= 10;
    }
    if (corsica != 0) {
      c[5] = '2';
      c[6] = corsica == CORSICA_A ? 'A' : 'B';
    }
  }

  private boolean overseasGrouping() {
    int dept = (int) (value / 1_000_000 % 100);
    return corsica == 0 && (dept == 97 || dept == 98);
  }

  private String group(String c, boolean mask) {
    int deptLength = overseasGrouping() ? 3 : 2;
    StringBuilder b = new StringBuilder(21);
    b.append(c, 0, 1).append(' ').append(c, 1, 3).append(' ').append(c, 3, 5).append(' ');
    int[] ends = {5 + deptLength, 10, 13, 15};
    int start = 5;
    for (int k = 0; k < ends.length; k++) {
      for (int i = start; i < ends[k]; i++) {
        b.append(mask ? '•' : c.charAt(i));
      }
      if (k < ends.length - 1) {
        b.append(' ');
      }
      start = ends[k];
    }
    return b.toString();
  }
}
