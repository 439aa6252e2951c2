package io.github.nirguard.risk;

import io.github.nirguard.policy.ColumnRule;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.record.Ladder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
  private final int[] from; // per quasi-identifier: its finest rung (0 for a fixed column)
  private final int[] to; // its coarsest rung
  private final @Nullable Ladder[] ladders;
  private final int width;
  private final int person;
  private final ClassTable table;
  private final @Nullable TripleSorter pairs;
  private final int bufferPairs;
  private final @Nullable Path spill;
  private long rows;
  private @Nullable GeneralisationPlan plan;

  private KAnonymizer(Builder b) {
    this.policy = b.policy;
    ProtectionPolicy first = firstPass(policy);
    RiskMeter.Columns c = RiskMeter.Columns.of(first, b.header);
    this.quasi = c.quasiIdentifiers();
    this.width = b.header.size();
    int n = quasi.size();
    this.from = new int[n];
    this.to = new int[n];
    this.ladders = new Ladder[n];
    int[] qi = new int[n];
    for (int j = 0; j < n; j++) {
      qi[j] = b.header.indexOf(quasi.get(j));
      ColumnRule r = policy.rule(quasi.get(j)).orElseThrow();
      Ladder.Range range = r.range();
      if (range != null) {
        ladders[j] = range.ladder();
        from[j] = range.from();
        to[j] = range.to();
      }
    }
    String p = c.person();
    this.person = p == null ? -1 : b.header.indexOf(p);
    this.table = new ClassTable(qi, 0);
    this.bufferPairs = b.buffer;
    this.spill = b.spillDirectory;
    this.pairs = p == null ? null : new TripleSorter(b.buffer, b.spillDirectory);
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
    if (cells.length != width) {
      throw new IllegalArgumentException(
          "row of " + cells.length + " cells, header of " + width + " columns");
    }
    rows++;
    ClassTable.Cls c = table.classOf(cells);
    c.rows++;
    if (pairs != null) {
      String p = cells[person];
      if (p.isEmpty()) {
        pairs.add(c.id, 0, rows);
      } else {
        long h = Hash128.high(p);
        pairs.add(c.id, h == 0 ? 1 : h, Hash128.low(p));
      }
    }
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
    List<ClassTable.Cls> classes = table.classes();
    int n = classes.size();
    long[] single = new long[n];
    Map<IntSet, Long> multi = new HashMap<>();
    if (pairs == null) {
      for (ClassTable.Cls c : classes) {
        single[c.id] = c.rows;
      }
    } else {
      try (TripleSorter byPerson = new TripleSorter(bufferPairs, spill)) {
        IOException[] failed = new IOException[1];
        pairs.forEach(
            (cls, h1, h2) -> {
              if (failed[0] == null) {
                try {
                  byPerson.add(h1, h2, cls);
                } catch (IOException e) {
                  failed[0] = e;
                }
              }
            });
        if (failed[0] != null) {
          throw failed[0];
        }
        Group g = new Group();
        byPerson.forEach(
            (h1, h2, cls) -> {
              if (g.any && (h1 != g.h1 || h2 != g.h2)) {
                g.flush(single, multi);
              }
              g.any = true;
              g.h1 = h1;
              g.h2 = h2;
              g.add((int) cls);
            });
        if (g.any) {
          g.flush(single, multi);
        }
      }
    }
    long people = 0;
    for (long s : single) {
      people += s;
    }
    for (long m : multi.values()) {
      people += m;
    }
    long cap = (long) Math.floor(policy.suppressionPercent() / 100.0 * rows + 1e-9);
    List<GeneralisationPlan.Candidate> candidates = new ArrayList<>();
    int[] node = from.clone();
    GeneralisationPlan.Candidate best = null;
    Evaluation bestEval = null;
    while (true) {
      Evaluation e = evaluate(node, classes, single, multi);
      GeneralisationPlan.Candidate cand = e.candidate(cap);
      candidates.add(cand);
      if (cand.feasible() && (best == null || better(cand, best))) {
        best = cand;
        bestEval = e;
      }
      if (!next(node)) {
        break;
      }
    }
    plan =
        new GeneralisationPlan(
            policy,
            quasi,
            rows,
            people,
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

  /** The next node, the last column's rung moving fastest; false after the top. */
  private boolean next(int[] node) {
    for (int j = node.length - 1; j >= 0; j--) {
      if (node[j] < to[j]) {
        node[j]++;
        for (int i = j + 1; i < node.length; i++) {
          node[i] = from[i];
        }
        return true;
      }
    }
    return false;
  }

  /** One node's classes: sizes (people), rows, and which are below k. */
  private final class Evaluation {
    final int[] node;
    final Map<List<String>, Integer> ids = new HashMap<>();
    long[] size = new long[16];
    long[] rowsOf = new long[16];
    final List<List<String>> keys = new ArrayList<>();
    @Nullable List<List<String>> small;
    long peopleAffected;

    Evaluation(int[] node) {
      this.node = node.clone();
    }

    int id(List<String> key) {
      Integer id = ids.get(key);
      if (id == null) {
        id = ids.size();
        ids.put(key, id);
        keys.add(key);
        if (id == size.length) {
          size = Arrays.copyOf(size, id * 2);
          rowsOf = Arrays.copyOf(rowsOf, id * 2);
        }
      }
      return id;
    }

    GeneralisationPlan.Candidate candidate(long cap) {
      int k = policy.requiredK();
      long min = 0;
      long minAfter = 0;
      long suppressedRows = 0;
      int smallClasses = 0;
      List<List<String>> s = new ArrayList<>();
      for (int c = 0; c < ids.size(); c++) {
        min = c == 0 ? size[c] : Math.min(min, size[c]);
        if (size[c] < k) {
          suppressedRows += rowsOf[c];
          smallClasses++;
          s.add(keys.get(c));
        } else {
          minAfter = minAfter == 0 ? size[c] : Math.min(minAfter, size[c]);
        }
      }
      small = s;
      Map<String, String> rungs = new LinkedHashMap<>();
      int height = 0;
      for (int j = 0; j < node.length; j++) {
        Ladder l = ladders[j];
        if (l != null) {
          rungs.put(quasi.get(j), l.rungs().get(node[j]));
          height += node[j] - from[j];
        }
      }
      boolean feasible = suppressedRows == 0 || suppressedRows <= cap;
      return new GeneralisationPlan.Candidate(
          rungs,
          height,
          min,
          ids.size(),
          suppressedRows,
          peopleAffected,
          minAfter,
          ids.size() - smallClasses,
          feasible);
    }
  }

  private Evaluation evaluate(
      int[] node, List<ClassTable.Cls> classes, long[] single, Map<IntSet, Long> multi) {
    Evaluation e = new Evaluation(node);
    int n = classes.size();
    int[] nodeOf = new int[n];
    List<Map<String, String>> cache = new ArrayList<>();
    for (int j = 0; j < quasi.size(); j++) {
      cache.add(new HashMap<>());
    }
    for (ClassTable.Cls c : classes) {
      String[] key = new String[quasi.size()];
      for (int j = 0; j < key.length; j++) {
        String v = c.values[j];
        Ladder l = ladders[j];
        if (l != null && !v.isEmpty() && node[j] != from[j]) {
          int jj = j;
          v =
              cache
                  .get(j)
                  .computeIfAbsent(
                      v,
                      x -> {
                        String up = l.coarsen(x, from[jj], node[jj]);
                        if (up == null) { // the first pass wrote it: cannot happen
                          throw new IllegalStateException(
                              "column '" + quasi.get(jj) + "': a value off its ladder");
                        }
                        return up;
                      });
        }
        key[j] = v;
      }
      int id = e.id(List.of(key));
      nodeOf[c.id] = id;
      e.size[id] += single[c.id];
      e.rowsOf[id] += c.rows;
    }
    for (Map.Entry<IntSet, Long> m : multi.entrySet()) {
      int[] seen = new int[m.getKey().members.length];
      int distinct = 0;
      outer:
      for (int c : m.getKey().members) {
        int id = nodeOf[c];
        for (int i = 0; i < distinct; i++) {
          if (seen[i] == id) {
            continue outer;
          }
        }
        seen[distinct++] = id;
        e.size[id] += m.getValue();
      }
    }
    // people with at least one row suppressed: known once sizes are
    int k = policy.requiredK();
    long affected = 0;
    for (ClassTable.Cls c : classes) {
      if (e.size[nodeOf[c.id]] < k) {
        affected += single[c.id];
      }
    }
    for (Map.Entry<IntSet, Long> m : multi.entrySet()) {
      for (int c : m.getKey().members) {
        if (e.size[nodeOf[c]] < k) {
          affected += m.getValue();
          break;
        }
      }
    }
    e.peopleAffected = affected;
    return e;
  }

  /** One person's classes, gathered from the by-person sort. */
  private static final class Group {
    boolean any;
    long h1;
    long h2;
    int[] members = new int[4];
    int size;

    void add(int cls) {
      if (size == members.length) {
        members = Arrays.copyOf(members, size * 2);
      }
      members[size++] = cls;
    }

    void flush(long[] single, Map<IntSet, Long> multi) {
      if (size == 1) {
        single[members[0]]++;
      } else {
        int[] m = Arrays.copyOf(members, size);
        Arrays.sort(m);
        multi.merge(new IntSet(m), 1L, Long::sum);
      }
      size = 0;
    }
  }

  /** A sorted set of class ids, compared by value. */
  private static final class IntSet {
    final int[] members;

    IntSet(int[] members) {
      this.members = members;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof IntSet && Arrays.equals(((IntSet) o).members, members);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(members);
    }
  }

  /**
   * Returns the number of rows added.
   *
   * @return the rows
   */
  public long rows() {
    return rows;
  }

  /**
   * Deletes the spilled runs, if any.
   *
   * @throws IOException if a run cannot be deleted
   */
  @Override
  public void close() throws IOException {
    if (pairs != null) {
      pairs.close();
    }
  }

  @Override
  public String toString() {
    return "KAnonymizer[quasi=" + quasi + ", " + rows + " rows, " + table.size() + " classes]";
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
