package io.github.nirguard.validate.scan;

import io.github.nirguard.core.Nir;
import java.util.Objects;

/**
 * One NIR found in text by {@link NirScanner}: where it is, how sure the scanner is, and the NIR.
 *
 * <p>{@link #toString()} shows the span, the position and the kind, never the NIR nor the text.
 *
 * <pre>{@code
 * NirMatch m = NirScanner.standard().findAll("NIR : 2 55 08 14 168 025 38").get(0);
 * m.start();   // 6
 * m.end();     // 27
 * m.kind();    // KEY_VALID
 * m.nir();     // Nir[2 55 08 •• ••• ••• ••]
 * }</pre>
 *
 * @since 0.1.0
 */
public final class NirMatch {

  /**
   * What the scanner saw, from the surest to the weakest evidence.
   *
   * <pre>{@code
   * if (m.kind() == NirMatch.Kind.KEY_VALID) { ... }   // 15 characters, key verified
   * }</pre>
   *
   * @since 0.1.0
   */
  public enum Kind {
    /** 15 characters whose key matches the body, every structural rule of the profile met. */
    KEY_VALID,
    /**
     * A 13-character body without its key, structurally valid, right after a word that names a NIR
     * ({@code NIR}, {@code n° SS}, {@code sécu}, {@code INSEE}, {@code immatriculation}).
     */
    BODY_WITH_CONTEXT,
    /**
     * 15 characters with a matching key that only {@link
     * io.github.nirguard.core.NirProfile#LENIENT} accepts (sex 3/4/7/8, month 43–49, order or
     * commune zero); reported only when the scanner is built with {@link
     * NirScanner.Builder#lenient(boolean)}.
     */
    LENIENT_ONLY,
    /**
     * 15 characters with a matching key and a month of birth 13–19, every other field valid: a
     * never-real test NIR (nir-testkit, nir-samples); reported only when the scanner is built with
     * {@link NirScanner.Builder#neverReal(boolean)}.
     */
    NEVER_REAL
  }

  private final long start;
  private final long end;
  private final long line;
  private final long column;
  private final Kind kind;
  private final Nir nir;

  NirMatch(long start, long end, long line, long column, Kind kind, Nir nir) {
    this.start = start;
    this.end = end;
    this.line = line;
    this.column = column;
    this.kind = Objects.requireNonNull(kind, "kind");
    this.nir = Objects.requireNonNull(nir, "nir");
  }

  /**
   * Returns the index of the first character of the match in the text (or stream).
   *
   * @return the start, inclusive, 0-based, in UTF-16 characters
   */
  public long start() {
    return start;
  }

  /**
   * Returns the index just past the last character of the match.
   *
   * @return the end, exclusive
   */
  public long end() {
    return end;
  }

  /**
   * Returns the line of the first character: lines end at {@code \n} (a {@code \r\n} counts once).
   *
   * @return the line, 1-based
   */
  public long line() {
    return line;
  }

  /**
   * Returns the column of the first character within its line.
   *
   * @return the column, 1-based, in UTF-16 characters
   */
  public long column() {
    return column;
  }

  /**
   * Returns how the NIR was recognised.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns the NIR, normalised (key computed for a {@link Kind#BODY_WITH_CONTEXT} match). Its
   * {@code toString()} is masked; keep its value out of logs.
   *
   * @return the NIR
   */
  public Nir nir() {
    return nir;
  }

  /**
   * Compares span, position, kind and NIR.
   *
   * @param o another object
   * @return {@code true} if equal
   */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof NirMatch)) {
      return false;
    }
    NirMatch m = (NirMatch) o;
    return m.start == start
        && m.end == end
        && m.line == line
        && m.column == column
        && m.kind == kind
        && m.nir.equals(nir);
  }

  @Override
  public int hashCode() {
    return Objects.hash(start, end, kind, nir);
  }

  /**
   * Returns span, line, column and kind, e.g. {@code NirMatch[6..27, line 1, column 7, KEY_VALID]}:
   * no part of the NIR.
   *
   * @return a description that does not reveal the NIR
   */
  @Override
  public String toString() {
    return "NirMatch["
        + start
        + ".."
        + end
        + ", line "
        + line
        + ", column "
        + column
        + ", "
        + kind
        + "]";
  }
}
