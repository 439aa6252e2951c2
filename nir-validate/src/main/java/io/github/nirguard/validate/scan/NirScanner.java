package io.github.nirguard.validate.scan;

import static io.github.nirguard.validate.scan.Candidate.BAD_SHIFT;
import static io.github.nirguard.validate.scan.Candidate.CONTINUES_SHIFT;
import static io.github.nirguard.validate.scan.Candidate.COUNT_FULL;
import static io.github.nirguard.validate.scan.Candidate.COUNT_OTHER;
import static io.github.nirguard.validate.scan.Candidate.COUNT_SHIFT;
import static io.github.nirguard.validate.scan.Candidate.END_SHIFT;
import static io.github.nirguard.validate.scan.Candidate.KEY_SHIFT;
import static io.github.nirguard.validate.scan.Candidate.LEFT_BAD;
import static io.github.nirguard.validate.scan.Candidate.LEFT_CONTINUES;
import static io.github.nirguard.validate.scan.Candidate.SHORT_RUN;
import static io.github.nirguard.validate.scan.Candidate.STRONG_SHIFT;
import static io.github.nirguard.validate.scan.Candidate.VALUE_MASK;
import static io.github.nirguard.validate.scan.Candidate.endOffset;
import static io.github.nirguard.validate.scan.Candidate.isDigit;
import static io.github.nirguard.validate.scan.Candidate.label;
import static io.github.nirguard.validate.scan.Candidate.left;
import static io.github.nirguard.validate.scan.Candidate.letterOf;
import static io.github.nirguard.validate.scan.Candidate.read;

import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirKey;
import io.github.nirguard.core.NirProfile;
import io.github.nirguard.core.internal.ScanStatus;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
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
 * @since 0.4.0
 */
public final class NirScanner {
  /** Characters kept before the scanning position when streaming (labels, left boundary). */
  static final int LOOKBEHIND = 64;

  /** Characters a candidate may need after its start (its length and the right boundary). */
  static final int TAIL = 64;

  private static final NirScanner STANDARD = new Builder().build();

  private static final NirMatch.Kind[] KINDS = NirMatch.Kind.values();

  private final NirProfile profile;
  private final boolean bodies;
  private final boolean lenient;
  private final boolean neverReal;

  private NirScanner(Builder b) {
    this.profile = b.profile;
    this.bodies = b.bodies;
    this.lenient = b.lenient;
    this.neverReal = b.neverReal;
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
    int first = next(text, 0, n, n);
    if (first < 0) {
      return List.of(); // the common case allocates nothing
    }
    List<NirMatch> found = new ArrayList<>();
    ScanStream.Lines lines = new ScanStream.Lines();
    int start = first;
    while (start >= 0) {
      NirMatch m = matchAt(text, start, n, 0, lines);
      found.add(m);
      int resume = (int) m.end();
      start = resume < n ? next(text, resume, n, n) : -1;
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
      int start = next(text, i, n, n);
      if (start < 0) {
        break;
      }
      count++;
      i = start + endOffset(read(text, start, n));
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
    return ScanStream.run(this, in, null, onMatch, null);
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
    long n = ScanStream.run(this, in, out, null, m -> replacement.apply(m.nir()));
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
    long n = ScanStream.run(this, in, out, null, replacement);
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
        + profile.name()
        + (bodies ? ", bodies" : ", no bodies")
        + ", lenient="
        + lenient
        + ", neverReal="
        + neverReal
        + "]";
  }

  // ---- the scanner ----------------------------------------------------------------------------

  /**
   * Returns the start of the first match starting in {@code [from, limit)}, reading up to {@code
   * end}; or {@code -(resume) - 1} with the position to resume from when there is none.
   */
  int next(CharSequence t, int from, int limit, int end) {
    int i = from;
    while (i < limit) {
      char c = t.charAt(i);
      if ((char) (c - '0') > 9) {
        i++;
        continue;
      }
      int left = left(t, i);
      if (left == LEFT_CONTINUES) {
        // inside a longer run only a strong grouping may match: its first group has 1, 13 or 15
        // digits
        int g = i + 1;
        while (g < end
            && (isDigit(t.charAt(g)) || (g - i == 6 && ((t.charAt(g) | 0x20) - 'a') >>> 1 == 0))) {
          g++;
        }
        if (g - i != 1 && g - i != 13 && g - i != 15) {
          i = g;
          continue;
        }
      }
      if (left != LEFT_BAD) {
        long r = read(t, i, end);
        if ((r & ~(0x3FL << END_SHIFT)) == SHORT_RUN) {
          i += endOffset(r);
          continue;
        }
        if (kindOf(t, i, r, left) >= 0) {
          return i;
        }
      }
      i++;
      while (i < end && isDigit(t.charAt(i))) {
        i++;
      }
    }
    return -i - 1;
  }

  NirMatch matchAt(CharSequence t, int start, int end, long base, ScanStream.Lines lines) {
    long r = read(t, start, end);
    int kind = kindOf(t, start, r, left(t, start));
    long value = r & VALUE_MASK;
    char letter = letterOf(r);
    int key = (int) (r >>> KEY_SHIFT) & 0x7F;
    long status;
    switch (KINDS[kind]) {
      case KEY_VALID:
        status = ScanStatus.scanParts(profile, value, letter, key);
        break;
      case LENIENT_ONLY:
        status = ScanStatus.scanParts(NirProfile.LENIENT, value, letter, key);
        break;
      case NEVER_REAL:
        status = ScanStatus.scanParts(NirProfile.CHECKSUM_ONLY, value, letter, key);
        break;
      default:
        status = ScanStatus.scanBodyParts(profile, value, letter);
        break;
    }
    long abs = base + start;
    lines.skipTo(t, base, abs);
    return new NirMatch(
        abs,
        abs + endOffset(r),
        lines.line,
        abs - lines.lineStart + 1,
        KINDS[kind],
        ScanStatus.nirOf(status));
  }

  /** Returns the kind's ordinal, or -1 when the candidate read at {@code p} is no match. */
  private int kindOf(CharSequence t, int p, long r, int left) {
    int count = (int) (r >>> COUNT_SHIFT) & 3;
    if (count == COUNT_OTHER || count == 3 || ((r >>> BAD_SHIFT) & 1) != 0) {
      return -1;
    }
    boolean continues = left == LEFT_CONTINUES || ((r >>> CONTINUES_SHIFT) & 1) != 0;
    if (continues && ((r >>> STRONG_SHIFT) & 1) == 0) {
      return -1;
    }
    long value = r & VALUE_MASK;
    char letter = letterOf(r);
    if (count == COUNT_FULL) {
      int key = (int) (r >>> KEY_SHIFT) & 0x7F;
      int kind;
      if (ScanStatus.isValid(ScanStatus.scanParts(profile, value, letter, key))) {
        kind = NirMatch.Kind.KEY_VALID.ordinal();
      } else if (lenient
          && ScanStatus.isValid(ScanStatus.scanParts(NirProfile.LENIENT, value, letter, key))) {
        kind = NirMatch.Kind.LENIENT_ONLY.ordinal();
      } else if (neverReal && neverRealNir(value, letter, key)) {
        kind = NirMatch.Kind.NEVER_REAL.ordinal();
      } else {
        return -1;
      }
      return label(t, p) < 0 ? -1 : kind;
    }
    if (!bodies
        || continues
        || !ScanStatus.isValid(ScanStatus.scanBodyParts(profile, value, letter))) {
      return -1;
    }
    return label(t, p) > 0 ? NirMatch.Kind.BODY_WITH_CONTEXT.ordinal() : -1;
  }

  /** Month 13–19 with the key right, every other field valid under the profile. */
  private boolean neverRealNir(long value, char letter, int key) {
    int month = (int) (value / 100_000_000L % 100);
    return month >= 13
        && month <= 19
        && NirKey.matches(value, key)
        && ScanStatus.isValid(ScanStatus.scanBodyParts(profile, value - 1_200_000_000L, letter));
  }

  /**
   * Settings of a {@link NirScanner}.
   *
   * <pre>{@code
   * NirScanner s = NirScanner.builder().lenient(true).bodiesWithContext(false).build();
   * }</pre>
   *
   * @since 0.4.0
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
