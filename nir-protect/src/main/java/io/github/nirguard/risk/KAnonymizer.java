package io.github.nirguard.risk;

import io.github.nirguard.policy.ColumnRule;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.record.Ladder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The first pass of a least-generalisation run: fed the rows protected at the finest rung of each
 * range ({@link #firstPass}), it counts their equivalence classes per person once, then evaluates
 * every combination of rungs (the lattice: a few columns × a few rungs) on those counts and chooses
 * the least one that reaches the policy's {@code require k}, suppressing outliers up to the
 * policy's {@code suppress-outliers} cap (global recoding with local suppression, as ARX does).
 *
 * <p>Memory holds one entry per class at the finest rungs, plus one per distinct set of classes
 * that one person spans (people whose rows fall into several classes); the (class, person) pairs go
 * through the same bounded, spilling sort as {@link RiskMeter}. Class sizes at a coarser node are
 * exact: a person in two finest classes that merge counts once.
 *
 * <pre>{@code
 * ProtectionPolicy first = KAnonymizer.firstPass(policy);
 * try (KAnonymizer a = KAnonymizer.builder(outputHeader, policy).build()) {
 *   for (String[] row : rowsProtectedWith(first)) {
 *     a.add(row);
 *   }
 *   GeneralisationPlan plan = a.plan();   // plan.rungs(): {birth_date=year}
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class KAnonymizer implements AutoCloseable {
  private final ProtectionPolicy policy;
  private final List<String> quasi;
  private final Lattice lattice;
  private final ClassFeed feed;
  private @Nullable GeneralisationPlan plan;

  private KAnonymizer(Builder b) {
    this.policy = b.policy;
    ProtectionPolicy first = firstPass(policy);
    RiskMeter.Columns c = RiskMeter.Columns.of(first, b.header);
    this.quasi = c.quasiIdentifiers();
    this.lattice = Lattice.of(policy, quasi);
    int[] qi = new int[quasi.size()];
    for (int j = 0; j < qi.length; j++) {
      qi[j] = b.header.indexOf(quasi.get(j));
    }
    String p = c.person();
    int person = p == null ? -1 : b.header.indexOf(p);
    this.feed = new ClassFeed(b.header.size(), qi, person, b.buffer, b.spillDirectory);
  }

  /**
   * Returns the policy the first pass protects with: each range's column at its finest rung.
   *
   * @param policy a policy with {@code require k}
   * @return the policy, without ranges
   */
  public static ProtectionPolicy firstPass(ProtectionPolicy policy) {
    Map<String, String> rungs = new LinkedHashMap<>();
    for (ColumnRule r : policy.leastGeneralisation()) {
      Ladder.Range range = Objects.requireNonNull(r.range());
      rungs.put(r.field().name(), range.ladder().rungs().get(range.from()));
    }
    return rungs.isEmpty() ? policy : policy.withRungs(rungs);
  }

  /**
   * Returns a builder.
   *
   * @param header the protected file's header (the same at every rung)
   * @param policy the policy, with its ranges, {@code require k} and {@code suppress-outliers}
   * @return the builder
   * @throws IllegalArgumentException if the policy has no {@code require k}
   */
  public static Builder builder(List<String> header, ProtectionPolicy policy) {
    if (policy.requiredK() < 2) {
      throw new IllegalArgumentException("least generalisation needs the policy's require k");
    }
    return new Builder(header, policy);
  }

  /**
   * Adds a row protected with {@link #firstPass} (rejected rows are not added).
   *
   * @param cells the row's output cells
   * @throws IOException if a spilled run cannot be written
   * @throws IllegalStateException after {@link #plan()}
   */
  public void add(String[] cells) throws IOException {
    if (plan != null) {
      throw new IllegalStateException("the plan is made: no more rows");
    }
    feed.add(cells);
  }

  /**
   * Evaluates every combination of rungs and chooses the least that reaches k within the
   * suppression cap: fewest rungs climbed above each range's finest (the lattice's height), then
   * fewest rows suppressed, then most classes (the most detail kept), then the earlier columns
   * finer.
   *
   * @return the plan ({@link GeneralisationPlan#feasible()} false if no combination reaches k)
   * @throws IOException if spilled runs cannot be read
   */
  public GeneralisationPlan plan() throws IOException {
    if (plan != null) {
      return plan;
    }
    List<ClassTable.Cls> classes = feed.classes().classes();
    PersonSpans spans = PersonSpans.of(feed);
    long rows = feed.rows();
    long cap = (long) Math.floor(policy.suppressionPercent() / 100.0 * rows + 1e-9);
    List<GeneralisationPlan.Candidate> candidates = new ArrayList<>();
    int[] node = lattice.bottom();
    GeneralisationPlan.Candidate best = null;
    NodeClasses bestEval = null;
    while (true) {
      NodeClasses e = lattice.evaluate(node, classes, spans);
      GeneralisationPlan.Candidate cand = lattice.candidate(e, node, cap);
      candidates.add(cand);
      if (cand.feasible() && (best == null || better(cand, best))) {
        best = cand;
        bestEval = e;
      }
      if (!lattice.next(node)) {
        break;
      }
    }
    plan =
        new GeneralisationPlan(
            policy,
            quasi,
            rows,
            spans.people(),
            candidates,
            best,
            bestEval == null ? null : bestEval.small);
    return plan;
  }

  private static boolean better(GeneralisationPlan.Candidate a, GeneralisationPlan.Candidate b) {
    if (a.height() != b.height()) {
      return a.height() < b.height();
    }
    if (a.rowsSuppressed() != b.rowsSuppressed()) {
      return a.rowsSuppressed() < b.rowsSuppressed();
    }
    return a.classes() > b.classes(); // equal: the first met (earlier columns finer) stays
  }

  /**
   * Returns the number of rows added.
   *
   * @return the rows
   */
  public long rows() {
    return feed.rows();
  }

  /**
   * Deletes the spilled runs, if any.
   *
   * @throws IOException if a run cannot be deleted
   */
  @Override
  public void close() throws IOException {
    feed.close();
  }

  @Override
  public String toString() {
    return "KAnonymizer[quasi=" + quasi + ", " + feed.counts() + "]";
  }

  /**
   * Builds a {@link KAnonymizer}.
   *
   * <pre>{@code
   * KAnonymizer a = KAnonymizer.builder(header, policy).bufferPairs(1 << 20).build();
   * }</pre>
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final List<String> header;
    private final ProtectionPolicy policy;
    private @Nullable Path spillDirectory;
    private int buffer = 1 << 21;

    private Builder(List<String> header, ProtectionPolicy policy) {
      this.header = List.copyOf(header);
      this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Sets where runs are spilled (default: the system's temporary directory).
     *
     * @param dir the directory
     * @return this builder
     */
    public Builder spillDirectory(Path dir) {
      spillDirectory = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /**
     * Sets how many (class, person) pairs are held in memory before a run is spilled.
     *
     * @param pairs at least 2
     * @return this builder
     */
    public Builder bufferPairs(int pairs) {
      if (pairs < 2) {
        throw new IllegalArgumentException("bufferPairs must be at least 2");
      }
      buffer = pairs;
      return this;
    }

    /**
     * Builds the planner.
     *
     * @return the planner
     */
    public KAnonymizer build() {
      return new KAnonymizer(this);
    }
  }
}
