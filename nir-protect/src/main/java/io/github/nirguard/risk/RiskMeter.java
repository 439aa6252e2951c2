package io.github.nirguard.risk;

import io.github.nirguard.policy.Action;
import io.github.nirguard.policy.ColumnRule;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.record.FieldType;
import io.github.nirguard.record.Sensitivity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Measures the re-identification risk of a table fed row by row, exactly, in bounded memory, into a
 * {@link RiskReport}.
 *
 * <p>Memory holds one entry per equivalence class (its quasi-identifiers' codes, each distinct
 * value once, and the distinct values of its sensitive columns), whatever the number of rows. With
 * a person column, the (person, class) pairs go through a fixed buffer that spills sorted runs to a
 * temporary directory when full (the person is kept as a 128-bit hash of the pseudonym; the runs
 * are deleted on {@link #close}); the report merges the runs once, a person at a time, to count
 * distinct people per class and each person's classes. See {@code
 * docs/decisions/0008-risk-counting.md} and {@code 0028-risk-encoded-classes.md}.
 *
 * <pre>{@code
 * try (RiskMeter m = RiskMeter.builder(header).defaultsFrom(policy).build()) {
 *   for (String[] row : rows) {
 *     m.add(row);
 *   }
 *   RiskReport r = m.report();
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class RiskMeter implements AutoCloseable {
  private final List<String> quasi;
  private final List<String> sensitive;
  private final @Nullable String personName;
  private final Diversity[] diversity;
  private final ClassFeed feed;
  private @Nullable RiskReport report;

  private RiskMeter(Builder b) {
    this.quasi = List.copyOf(b.quasi);
    this.sensitive = List.copyOf(b.sensitive);
    this.personName = b.person;
    int[] qi = indexes(b.header, quasi, "quasi-identifier");
    int[] sensitiveIndex = indexes(b.header, sensitive, "sensitive");
    int person = personName == null ? -1 : indexes(b.header, List.of(personName), "person")[0];
    this.diversity = new Diversity[sensitive.size()];
    for (int j = 0; j < diversity.length; j++) {
      diversity[j] = new Diversity();
    }
    Diversity[] d = diversity;
    this.feed =
        new ClassFeed(
            b.header.size(),
            qi,
            person,
            b.buffer,
            b.spillDirectory,
            sensitiveIndex,
            d.length == 0
                ? null
                : (cls, values, off) -> {
                  for (int j = 0; j < d.length; j++) {
                    d[j].add(cls, values[off + j]);
                  }
                },
            b.secondThread);
  }

  private static int[] indexes(List<String> header, List<String> columns, String what) {
    int[] out = new int[columns.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = header.indexOf(columns.get(i));
      if (out[i] < 0) {
        throw new IllegalArgumentException(
            what + " column '" + columns.get(i) + "' is not in the file's header");
      }
    }
    return out;
  }

  /**
   * Returns a builder for a table with this header: no quasi-identifier, no sensitive column, every
   * row a person, until set.
   *
   * @param header the column names
   * @return the builder
   */
  public static Builder builder(List<String> header) {
    return new Builder(header);
  }

  /**
   * Adds a row.
   *
   * @param cells the row's cells, as many as the header's columns
   * @throws IOException if a spilled run cannot be written
   * @throws IllegalArgumentException if the row's width differs from the header's
   * @throws IllegalStateException after {@link #report()}
   */
  public void add(String[] cells) throws IOException {
    if (report != null) {
      throw new IllegalStateException("the report is made: no more rows");
    }
    feed.add(cells);
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
   * Counts the classes and makes the report; the meter takes no more rows afterwards.
   *
   * @return the report
   * @throws IOException if spilled runs cannot be read
   */
  public RiskReport report() throws IOException {
    if (report != null) {
      return report;
    }
    ClassTable table = feed.classes(); // counts the rows still pending
    int n = table.size();
    long rows = feed.rows();
    SortedMap<Long, Long> sizes = new TreeMap<>();
    SortedMap<Long, Long> smallest = new TreeMap<>();
    long people;
    long memberships;
    if (!feed.byPerson()) {
      for (int id = 0; id < n; id++) {
        long r = table.rows(id);
        sizes.merge(r, 1L, Long::sum);
        smallest.merge(r, r, Long::sum);
      }
      people = rows;
      memberships = rows;
    } else {
      // one pass over the pairs, by person: class sizes, and each person's classes; a person in
      // one class is counted in it, a person in several is kept as (ordinal, class) for later
      long[] size = new long[n];
      long[] single = new long[n];
      try (TripleSorter spans = feed.newSorter()) {
        People p = new People(size, single, spans);
        feed.forEachPair(p);
        p.flush();
        people = p.count;
        long m = 0;
        for (long s : size) {
          sizes.merge(s, 1L, Long::sum);
          m += s;
        }
        memberships = m;
        for (int id = 0; id < n; id++) {
          if (single[id] > 0) {
            smallest.merge(size[id], single[id], Long::sum);
          }
        }
        // each person in several classes: the smallest of them, now that sizes are known
        long[] at = {-1, Long.MAX_VALUE};
        spans.forEach(
            (ordinal, cls, unused) -> {
              if (ordinal != at[0]) {
                if (at[0] >= 0) {
                  smallest.merge(at[1], 1L, Long::sum);
                }
                at[0] = ordinal;
                at[1] = Long.MAX_VALUE;
              }
              at[1] = Math.min(at[1], size[(int) cls]);
            });
        if (at[0] >= 0) {
          smallest.merge(at[1], 1L, Long::sum);
        }
      }
    }
    Map<String, Long> l = new LinkedHashMap<>();
    for (int j = 0; j < sensitive.size(); j++) {
      l.put(sensitive.get(j), diversity[j].least(n));
    }
    report =
        new RiskReport(quasi, sensitive, personName, rows, people, memberships, sizes, smallest, l);
    return report;
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

  /** Reads the (person, class) pairs once, a person at a time. */
  private static final class People implements TripleSorter.Sink {
    private final long[] size;
    private final long[] single;
    private final TripleSorter spans;
    private int[] classes = new int[4];
    private int in;
    private long h1;
    private long h2;
    long count;
    private @Nullable IOException failed;

    People(long[] size, long[] single, TripleSorter spans) {
      this.size = size;
      this.single = single;
      this.spans = spans;
    }

    @Override
    public void accept(long a, long b, long cls) {
      if (in > 0 && (a != h1 || b != h2)) {
        end();
      }
      h1 = a;
      h2 = b;
      size[(int) cls]++;
      if (in == classes.length) {
        classes = java.util.Arrays.copyOf(classes, in * 2);
      }
      classes[in++] = (int) cls;
    }

    private void end() {
      count++;
      if (in == 1) {
        single[classes[0]]++;
      } else if (failed == null) {
        try {
          for (int i = 0; i < in; i++) {
            spans.add(count, classes[i], 0);
          }
        } catch (IOException e) {
          failed = e;
        }
      }
      in = 0;
    }

    void flush() throws IOException {
      if (in > 0) {
        end();
      }
      if (failed != null) {
        throw failed;
      }
    }
  }

  @Override
  public String toString() {
    return "RiskMeter[quasi=" + quasi + ", " + feed.counts() + "]";
  }

  /**
   * The columns a policy leaves identifying in what it writes, found in a protected file's header:
   * quasi-identifiers (birth date, sex, postcode, commune kept or generalised; a kept or masked
   * direct identifier — a masked NIR still shows sex, birth year and month), sensitive columns
   * (health, ALD, C2S kept) and the person column (the NIR's keyed token, FPE or reversible token).
   *
   * <pre>{@code
   * RiskMeter.Columns c = RiskMeter.Columns.of(policy, header);   // c.quasiIdentifiers(): [birth_date, sex]
   * }</pre>
   *
   * @param quasiIdentifiers the quasi-identifier columns, in header order
   * @param sensitive the sensitive columns, in header order
   * @param person the person column, or null when each row is a person
   * @since 0.1.0
   */
  public record Columns(
      List<String> quasiIdentifiers, List<String> sensitive, @Nullable String person) {
    /**
     * Copies the lists.
     *
     * @param quasiIdentifiers the quasi-identifier columns
     * @param sensitive the sensitive columns
     * @param person the person column, or null
     */
    public Columns {
      quasiIdentifiers = List.copyOf(quasiIdentifiers);
      sensitive = List.copyOf(sensitive);
    }

    /**
     * Returns the columns a policy leaves identifying, among those of a header (columns the policy
     * drops or seals are not identifying; columns the policy does not name are ignored).
     *
     * @param policy the policy the file was protected with
     * @param header the protected file's header
     * @return the columns
     */
    public static Columns of(ProtectionPolicy policy, List<String> header) {
      List<String> quasi = new ArrayList<>();
      List<String> sens = new ArrayList<>();
      String person = null;
      for (String column : header) {
        ColumnRule r = policy.rule(column).orElse(null);
        if (r == null) {
          continue;
        }
        Action a = r.action();
        FieldType type = r.field().type();
        Sensitivity s = r.field().sensitivity();
        if (a == Action.DROP || a == Action.SEAL) {
          continue;
        }
        if (type == FieldType.NIR && person == null && a != Action.MASK) {
          String token = column + "_token";
          person = a == Action.FPE_AND_TOKEN && header.contains(token) ? token : column;
        }
        if (s == Sensitivity.QUASI_IDENTIFIER
            || (s == Sensitivity.DIRECT_IDENTIFIER && (a == Action.KEEP || a == Action.MASK))) {
          quasi.add(column);
        } else if (s == Sensitivity.HEALTH && a == Action.KEEP) {
          sens.add(column);
        }
      }
      return new Columns(quasi, sens, person);
    }
  }

  /**
   * Builds a {@link RiskMeter}.
   *
   * <pre>{@code
   * RiskMeter m = RiskMeter.builder(header).quasiIdentifiers(List.of("sex", "birth_date")).person("nir_token").build();
   * }</pre>
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final List<String> header;
    private List<String> quasi = List.of();
    private List<String> sensitive = List.of();
    private @Nullable String person;
    private @Nullable Path spillDirectory;
    private int buffer = 1 << 21;
    private boolean secondThread;

    private Builder(List<String> header) {
      this.header = List.copyOf(header);
    }

    /**
     * Takes quasi-identifiers, sensitive columns and person column from a policy ({@link
     * Columns#of}).
     *
     * @param policy the policy the file was protected with
     * @return this builder
     */
    public Builder defaultsFrom(ProtectionPolicy policy) {
      return columns(Columns.of(policy, header));
    }

    /**
     * Takes the policy's columns and adds, as sensitive, the columns of its {@code require l}
     * rules: what {@code nir protect} measures to enforce the rules.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder forRulesOf(ProtectionPolicy policy) {
      defaultsFrom(policy);
      List<String> s = new ArrayList<>(sensitive);
      for (String c : header) {
        if (policy.requiredL().containsKey(c) && !s.contains(c)) {
          s.add(c);
        }
      }
      sensitive = List.copyOf(s);
      return this;
    }

    /**
     * Sets all three kinds of columns.
     *
     * @param c the columns
     * @return this builder
     */
    public Builder columns(Columns c) {
      quasi = c.quasiIdentifiers();
      sensitive = c.sensitive();
      person = c.person();
      return this;
    }

    /**
     * Sets the quasi-identifier columns.
     *
     * @param columns the column names
     * @return this builder
     */
    public Builder quasiIdentifiers(List<String> columns) {
      quasi = List.copyOf(columns);
      return this;
    }

    /**
     * Sets the sensitive columns (their l-diversity is measured).
     *
     * @param columns the column names
     * @return this builder
     */
    public Builder sensitive(List<String> columns) {
      sensitive = List.copyOf(columns);
      return this;
    }

    /**
     * Sets the column grouping rows by person (a pseudonym: token, FPE), or none.
     *
     * @param column the column name, or null: each row is a person
     * @return this builder
     */
    public Builder person(@Nullable String column) {
      person = column;
      return this;
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
     * Sets how many (class, person) pairs are held in memory before a run is spilled, 24 bytes each
     * (default 2,097,152: 48 MiB).
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
     * Sets whether, with a person column, the pseudonyms are hashed and the (person, class) pairs
     * sorted and spilled on a second thread, beside the class lookups (default: no, all on the
     * calling thread; with it, the thread starts once more than 4,096 rows are added and ends with
     * {@link RiskMeter#report} or {@link RiskMeter#close}). The report is the same either way; the
     * gain is unmeasured on an idle machine (see {@code
     * docs/decisions/0031-risk-batched-lookups.md}).
     *
     * @param on true to hash and sort the pairs on a second thread
     * @return this builder
     */
    public Builder secondThread(boolean on) {
      secondThread = on;
      return this;
    }

    /**
     * Builds the meter.
     *
     * @return the meter
     * @throws IllegalArgumentException if a column is not in the header
     */
    public RiskMeter build() {
      return new RiskMeter(this);
    }
  }
}
