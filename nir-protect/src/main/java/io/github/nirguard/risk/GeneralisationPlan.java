package io.github.nirguard.risk;

import io.github.nirguard.policy.ProtectionPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link KAnonymizer} chose: the rung of each ranged column, the figures of every
 * combination it evaluated, and which rows the second pass leaves out. Its figures are counts,
 * column and rung names; the classes to suppress are held only as a test on rows ({@link
 * #outliers}), never shown.
 *
 * <pre>{@code
 * GeneralisationPlan plan = anonymizer.plan();
 * if (plan.feasible()) {
 *   ProtectionPolicy second = plan.policy().orElseThrow();   // generalize:year for birth_date
 *   System.out.println(plan.describe());
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class GeneralisationPlan {
  private final ProtectionPolicy policy;
  private final List<String> quasi;
  private final long rows;
  private final long people;
  private final List<Candidate> candidates;
  private final @Nullable Candidate chosen;
  private final Set<List<String>> small;

  GeneralisationPlan(
      ProtectionPolicy policy,
      List<String> quasi,
      long rows,
      long people,
      List<Candidate> candidates,
      @Nullable Candidate chosen,
      @Nullable List<List<String>> small) {
    this.policy = policy;
    this.quasi = List.copyOf(quasi);
    this.rows = rows;
    this.people = people;
    this.candidates = List.copyOf(candidates);
    this.chosen = chosen;
    this.small = small == null ? Set.of() : new HashSet<>(small);
  }

  /**
   * One combination of rungs and what it gives, before and after suppression.
   *
   * <pre>{@code
   * for (GeneralisationPlan.Candidate c : plan.candidates()) {
   *   System.out.println(c.rungText() + ": k = " + c.k() + ", " + c.rowsSuppressed() + " rows to suppress");
   * }
   * }</pre>
   *
   * @param rungs column → rung name, for the ranged columns
   * @param height rungs climbed above each range's finest, summed
   * @param k the smallest class, in people, before suppression
   * @param classes the classes before suppression
   * @param rowsSuppressed the rows in classes smaller than the required k
   * @param peopleSuppressed the people with at least one such row
   * @param kAfter the smallest class once they are left out (0 if none is left)
   * @param classesAfter the classes left
   * @param feasible whether it reaches k within the suppression cap
   * @since 0.1.0
   */
  public record Candidate(
      Map<String, String> rungs,
      int height,
      long k,
      long classes,
      long rowsSuppressed,
      long peopleSuppressed,
      long kAfter,
      long classesAfter,
      boolean feasible) {
    /**
     * Copies the rungs.
     *
     * @param rungs column → rung
     * @param height rungs climbed
     * @param k smallest class before suppression
     * @param classes classes before suppression
     * @param rowsSuppressed rows to leave out
     * @param peopleSuppressed people with a row left out
     * @param kAfter smallest class after
     * @param classesAfter classes after
     * @param feasible whether it reaches k within the cap
     */
    public Candidate {
      rungs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rungs));
    }

    /**
     * Returns the rungs as {@code column=rung, …}.
     *
     * @return the text; {@code (no ranged column)} when there is none
     */
    public String rungText() {
      if (rungs.isEmpty()) {
        return "(no ranged column)";
      }
      List<String> parts = new ArrayList<>();
      rungs.forEach((c, r) -> parts.add(c + "=" + r));
      return String.join(", ", parts);
    }
  }

  /**
   * Returns whether some combination reaches k within the suppression cap.
   *
   * @return {@code true} if {@link #chosen()} is present
   */
  public boolean feasible() {
    return chosen != null;
  }

  /**
   * Returns the chosen combination.
   *
   * @return it, or empty when none reaches k
   */
  public Optional<Candidate> chosen() {
    return Optional.ofNullable(chosen);
  }

  /**
   * Returns the chosen rungs.
   *
   * @return column → rung name; empty when none reaches k
   */
  public Map<String, String> rungs() {
    return chosen == null ? Map.of() : chosen.rungs();
  }

  /**
   * Returns the policy the second pass protects with: the ranges set to the chosen rungs.
   *
   * @return the policy, or empty when none reaches k
   */
  public Optional<ProtectionPolicy> policy() {
    if (chosen == null) {
      return Optional.empty();
    }
    return Optional.of(chosen.rungs().isEmpty() ? policy : policy.withRungs(chosen.rungs()));
  }

  /**
   * Returns every combination evaluated, finest first (the last column's rung moving fastest).
   *
   * @return the candidates
   */
  public List<Candidate> candidates() {
    return candidates;
  }

  /**
   * Returns the combination with every ranged column at its coarsest rung.
   *
   * @return the top of the lattice
   */
  public Candidate top() {
    return candidates.get(candidates.size() - 1);
  }

  /**
   * Returns the quasi-identifier columns the classes are made of.
   *
   * @return the columns
   */
  public List<String> quasiIdentifiers() {
    return quasi;
  }

  /**
   * Returns the rows of the first pass (those protection keeps).
   *
   * @return the rows
   */
  public long rows() {
    return rows;
  }

  /**
   * Returns the people of the first pass.
   *
   * @return the people (rows when there is no person column)
   */
  public long people() {
    return people;
  }

  /**
   * Returns the k the policy requires.
   *
   * @return k
   */
  public int requiredK() {
    return policy.requiredK();
  }

  /**
   * Returns a test of a second-pass row (its output cells, in this header's order) for being left
   * out: its class, at the chosen rungs, is smaller than k.
   *
   * @param header the protected file's header
   * @return the test; never true when nothing is suppressed
   * @throws IllegalArgumentException if a quasi-identifier is not in the header
   */
  public Predicate<String[]> outliers(List<String> header) {
    if (small.isEmpty()) {
      return cells -> false;
    }
    int[] at = new int[quasi.size()];
    for (int j = 0; j < at.length; j++) {
      at[j] = header.indexOf(quasi.get(j));
      if (at[j] < 0) {
        throw new IllegalArgumentException(
            "quasi-identifier column '" + quasi.get(j) + "' is not in the header");
      }
    }
    Set<List<String>> s = small;
    return cells -> {
      String[] key = new String[at.length];
      for (int j = 0; j < at.length; j++) {
        key[j] = cells[at[j]];
      }
      return s.contains(List.of(key));
    };
  }

  /**
   * Describes the choice in one line: rungs, k, classes, rows suppressed (names and counts only).
   *
   * @return e.g. {@code least generalisation for k >= 5: birth_date=year; k = 7, 212 classes, 0
   *     rows suppressed}
   */
  public String describe() {
    if (chosen == null) {
      Candidate t = top();
      return String.format(
          Locale.ROOT,
          "no generalisation within the policy's ranges reaches k >= %d%s: at the coarsest rungs"
              + " (%s) k = %d, and %,d rows (%.2f %%) of %,d people are in classes smaller than %d",
          requiredK(),
          policy.suppressionPercent() > 0
              ? " with at most "
                  + java.math.BigDecimal.valueOf(policy.suppressionPercent())
                      .stripTrailingZeros()
                      .toPlainString()
                  + " % of rows suppressed"
              : "",
          t.rungText(),
          t.k(),
          t.rowsSuppressed(),
          rows == 0 ? 0.0 : 100.0 * t.rowsSuppressed() / rows,
          t.peopleSuppressed(),
          requiredK());
    }
    return String.format(
        Locale.ROOT,
        "least generalisation for k >= %d: %s; k = %d, %,d classes on (%s), %,d rows suppressed"
            + " (%,d people)",
        requiredK(),
        chosen.rungText(),
        chosen.kAfter(),
        chosen.classesAfter(),
        String.join(", ", quasi),
        chosen.rowsSuppressed(),
        chosen.peopleSuppressed());
  }

  @Override
  public String toString() {
    return "GeneralisationPlan[" + describe() + "]";
  }
}
