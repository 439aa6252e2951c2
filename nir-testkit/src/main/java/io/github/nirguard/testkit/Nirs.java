package io.github.nirguard.testkit;

import static io.github.nirguard.samples.draw.Draw.pick;

import io.github.nirguard.core.BirthMonth;
import io.github.nirguard.core.Leniency;
import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirError;
import io.github.nirguard.core.NirProfile;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Generators of NIRs: valid by category and month kind, never-real, lenient-only, invalid by
 * reason, and noisy pasted text.
 *
 * <p><strong>Warning: a fully valid generated NIR may be a real person's.</strong> {@link
 * #valid()}, {@link #valid(Category)}, {@link #valid(Category, BirthMonth.Kind)}, {@link #noisy()}
 * and {@link #lenientOnly(Leniency)} draw from the space of well-formed numbers, most of which is
 * assigned to living people. Keep their values inside tests: never print, log, commit, publish or
 * share them. For demos, documentation, screenshots and shared data sets use {@link #neverReal()},
 * whose values have a correct key but a month of birth (13–19) that no NIR can ever have.
 *
 * <pre>{@code
 * Gen<Nir> anyValid = Nirs.valid();
 * Gen<Nir> corsicaUnknownMonth = Nirs.valid(Nirs.Category.CORSICA, BirthMonth.Kind.UNKNOWN);
 * Gen<String> wrongKeys = Nirs.invalid(NirError.KEY_MISMATCH);
 * Gen<Nir> demo = Nirs.neverReal();   // safe to show
 *
 * ForAll.check("every bad key is reported", wrongKeys, text ->
 *     assertEquals(NirError.KEY_MISMATCH,
 *         assertThrows(NirFormatException.class, () -> Nir.parse(text)).reason()));
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
     * Returns a description that shows neither the text nor the NIR, e.g. {@code Noisy[text=23
     * chars]}.
     *
     * @return the masked description
     */
    @Override
    public String toString() {
      return "Noisy[text=" + text.length() + " chars]";
    }
  }

  private Nirs() {}

  /**
   * Returns a generator of strictly valid NIRs of every category and month kind.
   *
   * <p><strong>A generated NIR may be a real person's:</strong> keep it inside tests; use {@link
   * #neverReal()} for anything shown or shared.
   *
   * @return valid under {@link NirProfile#STRICT}; categories and month kinds drawn uniformly
   */
  public static Gen<Nir> valid() {
    return random -> Parts.validNir(random);
  }

  /**
   * Returns the month kinds a strictly valid NIR can have, hence those {@link #valid(Category,
   * BirthMonth.Kind)} accepts: {@code KNOWN}, {@code PSEUDO_FICTITIOUS} and {@code UNKNOWN}.
   *
   * <pre>{@code
   * for (BirthMonth.Kind kind : Nirs.strictKinds()) {
   *   ForAll.check("valid " + kind, Nirs.valid(Nirs.Category.MAINLAND, kind), nir -> ...);
   * }
   * }</pre>
   *
   * @return an unmodifiable set, in the enum's order
   * @since 0.1.0
   */
  public static Set<BirthMonth.Kind> strictKinds() {
    return Collections.unmodifiableSet(EnumSet.copyOf(Arrays.asList(Parts.STRICT_KINDS)));
  }

  /**
   * Returns a generator of strictly valid NIRs of one category, of every month kind.
   *
   * <p><strong>A generated NIR may be a real person's:</strong> keep it inside tests; use {@link
   * #neverReal()} for anything shown or shared.
   *
   * @param category the kind of place of birth
   * @return valid under {@link NirProfile#STRICT}
   */
  public static Gen<Nir> valid(Category category) {
    Objects.requireNonNull(category, "category");
    return random -> Parts.validNir(random, category, pick(random, Parts.STRICT_KINDS));
  }

  /**
   * Returns a generator of strictly valid NIRs of one category and one month kind.
   *
   * <p><strong>A generated NIR may be a real person's:</strong> keep it inside tests; use {@link
   * #neverReal()} for anything shown or shared.
   *
   * @param category the kind of place of birth
   * @param kind {@code KNOWN} (01–12), {@code PSEUDO_FICTITIOUS} (31–42) or {@code UNKNOWN} (20–30,
   *     50–99)
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
    return random -> Parts.validNir(random, category, kind);
  }

  /**
   * Returns a generator of NIRs that no person can ever have: the key is correct but the month of
   * birth is {@code 13}–{@code 19}, which is structurally impossible. Every other field is strictly
   * valid (all categories of place).
   *
   * <p>These are the values to use for demos, documentation, screenshots and shared data sets. They
   * pass {@link NirProfile#CHECKSUM_ONLY} (and checksum-only validators elsewhere) and are rejected
   * by {@link NirProfile#STRICT} and {@link NirProfile#LENIENT} with {@link
   * NirError#INVALID_MONTH}. The values are {@link Nir} objects obtained from {@code
   * NirProfile.CHECKSUM_ONLY}; use {@code .map(Nir::compact)} or {@code .map(Nir::display)} for
   * text.
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
    return OffStrictNirs.neverReal();
  }

  /**
   * Returns a generator of NIRs that depart from the strict rules in exactly one way: valid under
   * {@link NirProfile#LENIENT}, which reports exactly {@code leniency}, and rejected by {@link
   * NirProfile#STRICT}. The key is correct.
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
    return OffStrictNirs.lenientOnly(leniency);
  }

  /**
   * Returns a generator of texts that {@link NirProfile#STRICT} rejects with exactly {@code reason}
   * (the {@link io.github.nirguard.core.NirFormatException#reason()} of {@link NirProfile#parse}).
   *
   * <p>The texts vary the way real input does: separators, blanks, a {@code /} before the key,
   * lowercase {@code 2a}; look-alike digits (Arabic-Indic, full-width, …), invisible characters and
   * misplaced letters or slashes for {@link NirError#INVALID_CHARACTER}; truncations, deletions and
   * phone numbers for {@link NirError#TOO_SHORT}; appended digits and two NIRs pasted together for
   * {@link NirError#TOO_LONG}; keys {@code 00}, {@code 98}, {@code 99} for {@link
   * NirError#INVALID_KEY}; wrong in-range keys (off by one, swapped digits, Corsica letters read as
   * 0, …) for {@link NirError#KEY_MISMATCH}. Structural reasons sometimes come with a later defect
   * too, to exercise the left-most-problem rule. The other fields are drawn like those of {@link
   * #valid()}, so the texts may contain a real person's NIR fragments: keep them in tests.
   *
   * <pre>{@code
   * for (NirError reason : NirError.values()) {
   *   ForAll.check("rejected: " + reason, Nirs.invalid(reason), text ->
   *       assertEquals(reason,
   *           assertThrows(NirFormatException.class, () -> Nir.parse(text)).reason()));
   * }
   * }</pre>
   *
   * @param reason the reason every text must be rejected for
   * @return a generator of texts
   */
  public static Gen<String> invalid(NirError reason) {
    Objects.requireNonNull(reason, "reason");
    return InvalidNirs.of(reason);
  }

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
      Nir nir = Parts.validNir(random);
      return new Noisy(Layout.decorate(random, nir.compact(), true), nir);
    };
  }
}
