package io.github.nirguard.validate.scan;

import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirProfile;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Finds NIRs in free text, written the way people write them; immutable and thread-safe.
 *
 * <p>A candidate is a run of digits (and {@code 2A}/{@code 2B} at indexes 5–6) whose groups are
 * joined by single separators (space, tab, no-break space U+00A0, narrow no-break space U+202F,
 * {@code .}, {@code -}, {@code _}); the key may also stand apart after a {@code /}, a line break or
 * up to two blanks. The candidate's parts are then judged by nir-core's {@link NirProfile} (sex,
 * month, place, order and key), never by rules of this class. What the scanner adds is where a
 * candidate may start and end:
 *
 * <ul>
 *   <li>never inside a word or a longer number: a letter, a digit, a {@code +} or a decimal comma
 *       right before or after it rejects it;
 *   <li>inside a longer run of digit groups (a date or a phone number just before, a second number
 *       just after) only when the candidate is grouped the way NIRs are written: compact, {@code S
 *       YY MM DD CCC NNN KK}, {@code S YY MM DDD CC NNN KK}, or body and key apart;
 *   <li>not when the label word right before it (fillers such as {@code n°} or {@code de} aside,
 *       and no other number in between) names another identifier ({@code IBAN}, {@code SIRET},
 *       {@code tél.}, {@code commande}, {@code facture}, …);
 *   <li>a 13-character body without key only when that label word names a NIR ({@code NIR}, {@code
 *       n° SS}, {@code sécu}, {@code INSEE}, {@code immatriculation}).
 * </ul>
 *
 * <pre>{@code
 * NirScanner scanner = NirScanner.standard();
 * List<NirMatch> found = scanner.findAll("Patient 2 55 08 14 168 025 38, tél. 06 12 34 56 78");
 * found.get(0).kind();                                  // KEY_VALID
 * String safe = scanner.redact(text, nir -> "[NIR]");   // "Patient [NIR], tél. 06 12 34 56 78"
 * try (Reader in = Files.newBufferedReader(path)) {
 *   scanner.scan(in, m -> System.out.println(m.line() + ":" + m.column() + " " + m.kind()));
 * }
 * }</pre>
 *
 * <p>{@link #count} and {@link #findAll} on text without a NIR allocate nothing (no regular
 * expression, no copy). The bulk methods never throw on any text; only the caller's callbacks and
 * the reader or writer can.
 *
 * @since 0.1.0
 */
public final class NirScanner {
  /** Characters kept before the scanning position when streaming (labels, left boundary). */
  static final int LOOKBEHIND = 64;

  /** Characters a candidate may need after its start (its length and the right boundary). */
  static final int TAIL = 64;

  private static final NirScanner STANDARD = new Builder().build();

  private final MatchFinder finder;

  private NirScanner(Builder b) {
    this.finder = new MatchFinder(b.profile, b.bodies, b.lenient, b.neverReal);
  }

  /**
   * Returns the standard scanner: strict rules, 15-character NIRs and 13-character bodies next to a
   * NIR label; no lenient-only nor never-real match.
   *
   * <pre>{@code
   * int n = NirScanner.standard().count(text);
   * }</pre>
   *
   * @return the shared standard scanner
   */
  public static NirScanner standard() {
    return STANDARD;
  }

  /**
   * Returns a builder, set like {@link #standard()}.
   *
   * <pre>{@code
   * NirScanner demo = NirScanner.builder().neverReal(true).build();
   * }</pre>
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  // ---- public API -----------------------------------------------------------------------------

  /**
   * Returns every NIR in the text, in order, without overlaps.
   *
   * @param text the text
   * @return an unmodifiable list, empty (and no allocation) when there is none
   */
  public List<NirMatch> findAll(CharSequence text) {
    int n = text.length();
    int first = finder.next(text, 0, n, n);
    if (first < 0) {
      return List.of(); // the common case allocates nothing
    }
    List<NirMatch> found = new ArrayList<>();
    ScanStream.Lines lines = new ScanStream.Lines();
    int start = first;
    while (start >= 0) {
      NirMatch m = finder.matchAt(text, start, n, 0, lines);
      found.add(m);
      int resume = (int) m.end();
      start = resume < n ? finder.next(text, resume, n, n) : -1;
    }
    return Collections.unmodifiableList(found);
  }

  /**
   * Returns how many NIRs the text holds; allocates nothing.
   *
   * @param text the text
   * @return the number of matches {@link #findAll} would return
   */
  public int count(CharSequence text) {
    int n = text.length();
    int count = 0;
    int i = 0;
    while (i < n) {
      int start = finder.next(text, i, n, n);
      if (start < 0) {
        break;
      }
      count++;
      i = start + Candidate.endOffset(Candidate.read(text, start, n));
    }
    return count;
  }

  /**
   * Returns the text with every NIR replaced.
   *
   * <pre>{@code
   * scanner.redact("NIR 2 55 08 14 168 025 38.", nir -> nir.masked());   // "NIR 2 55 08 •• ••• ••• ••."
   * }</pre>
   *
   * @param text the text
   * @param replacement gives the text that replaces a NIR
   * @return the redacted text (equal to {@code text} when no NIR is found)
   */
  public String redact(CharSequence text, Function<? super Nir, String> replacement) {
    Objects.requireNonNull(replacement, "replacement");
    List<NirMatch> found = findAll(text);
    if (found.isEmpty()) {
      return text.toString();
    }
    StringBuilder b = new StringBuilder(text.length() + 16 * found.size());
    int written = 0;
    for (NirMatch m : found) {
      b.append(text, written, (int) m.start()).append(replacement.apply(m.nir()));
      written = (int) m.end();
    }
    return b.append(text, written, text.length()).toString();
  }

  /**
   * Reads a stream to its end and reports every NIR in it, in order; a NIR split across two reads
   * is found like any other. Positions count from the first character read.
   *
   * @param in the text; not closed
   * @param onMatch called once per match, in order
   * @return the number of matches
   * @throws IOException if reading fails
   */
  public long scan(Reader in, Consumer<? super NirMatch> onMatch) throws IOException {
    Objects.requireNonNull(onMatch, "onMatch");
    return ScanStream.run(finder, in, null, onMatch, null);
  }

  /**
   * Copies a stream to a writer with every NIR replaced, in one pass and bounded memory.
   *
   * <pre>{@code
   * try (Reader in = Files.newBufferedReader(src); Writer out = Files.newBufferedWriter(dst)) {
   *   long n = scanner.redact(in, out, nir -> tokenizer.token(nir).value());
   * }
   * }</pre>
   *
   * @param in the text; not closed
   * @param out receives the redacted text; flushed, not closed
   * @param replacement gives the text that replaces a NIR
   * @return the number of NIRs replaced
   * @throws IOException if reading or writing fails
   */
  public long redact(Reader in, Writer out, Function<? super Nir, String> replacement)
      throws IOException {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(replacement, "replacement");
    long n = ScanStream.run(finder, in, out, null, (m, span) -> replacement.apply(m.nir()));
    out.flush();
    return n;
  }

  /**
   * Copies a stream to a writer with every NIR replaced by what a function makes of its match
   * (which also tells the match's position and kind, e.g. to report it); otherwise as {@link
   * #redact(Reader, Writer, Function)}.
   *
   * <pre>{@code
   * scanner.redactMatches(in, out, m -> m.kind() == NirMatch.Kind.KEY_VALID ? "[NIR]" : "[NIR?]");
   * }</pre>
   *
   * @param in the text; not closed
   * @param out receives the redacted text; flushed, not closed
   * @param replacement gives the text that replaces a match
   * @return the number of NIRs replaced
   * @throws IOException if reading or writing fails
   */
  public long redactMatches(Reader in, Writer out, Function<? super NirMatch, String> replacement)
      throws IOException {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(replacement, "replacement");
    long n = ScanStream.run(finder, in, out, null, (m, span) -> replacement.apply(m));
    out.flush();
    return n;
  }

  /**
   * Copies a stream to a writer with every NIR replaced by what a function makes of its match and
   * of its span, the text exactly as it was written (separators, case, line break); otherwise as
   * {@link #redact(Reader, Writer, Function)}. The span is a view of the scanner's window, valid
   * during the call only: copy it to keep it.
   *
   * <pre>{@code
   * scanner.redactSpans(in, out, (m, span) -> spans.tokenize(span));   // reversible, spelling kept
   * }</pre>
   *
   * @param in the text; not closed
   * @param out receives the redacted text; flushed, not closed
   * @param replacement gives the text that replaces a match, from the match and its span
   * @return the number of NIRs replaced
   * @throws IOException if reading or writing fails
   */
  public long redactSpans(
      Reader in, Writer out, BiFunction<? super NirMatch, ? super CharSequence, String> replacement)
      throws IOException {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(replacement, "replacement");
    long n = ScanStream.run(finder, in, out, null, replacement);
    out.flush();
    return n;
  }

  /**
   * Returns the settings, e.g. {@code NirScanner[strict, bodies, lenient=false, neverReal=false]}.
   *
   * @return a description
   */
  @Override
  public String toString() {
    return "NirScanner["
        + finder.profile.name()
        + (finder.bodies ? ", bodies" : ", no bodies")
        + ", lenient="
        + finder.lenient
        + ", neverReal="
        + finder.neverReal
        + "]";
  }

  /**
   * Settings of a {@link NirScanner}.
   *
   * <pre>{@code
   * NirScanner s = NirScanner.builder().lenient(true).bodiesWithContext(false).build();
   * }</pre>
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private NirProfile profile = NirProfile.STRICT;
    private boolean bodies = true;
    private boolean lenient;
    private boolean neverReal;

    private Builder() {}

    /**
     * Sets the rules a candidate must meet (default {@link NirProfile#STRICT}). {@link
     * NirProfile#CHECKSUM_ONLY} makes the scanner ignore structure, as key-only checkers do.
     *
     * @param profile the rules
     * @return this builder
     */
    public Builder profile(NirProfile profile) {
      this.profile = Objects.requireNonNull(profile, "profile");
      return this;
    }

    /**
     * Sets whether a 13-character body next to a NIR label is reported (default {@code true}).
     *
     * @param on whether to report {@link NirMatch.Kind#BODY_WITH_CONTEXT}
     * @return this builder
     */
    public Builder bodiesWithContext(boolean on) {
      this.bodies = on;
      return this;
    }

    /**
     * Sets whether NIRs that only {@link NirProfile#LENIENT} accepts are reported (default {@code
     * false}).
     *
     * @param on whether to report {@link NirMatch.Kind#LENIENT_ONLY}
     * @return this builder
     */
    public Builder lenient(boolean on) {
      this.lenient = on;
      return this;
    }

    /**
     * Sets whether never-real test NIRs (month 13–19, key right) are reported (default {@code
     * false}): for scanning demo and test data made with nir-testkit or nir-samples.
     *
     * @param on whether to report {@link NirMatch.Kind#NEVER_REAL}
     * @return this builder
     */
    public Builder neverReal(boolean on) {
      this.neverReal = on;
      return this;
    }

    /**
     * Builds the scanner.
     *
     * @return an immutable, thread-safe scanner
     */
    public NirScanner build() {
      return new NirScanner(this);
    }
  }
}
