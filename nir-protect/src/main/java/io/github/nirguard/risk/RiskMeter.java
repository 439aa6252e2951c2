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
 * <p>Memory holds one entry per equivalence class (its values and the distinct values of its
 * sensitive columns), whatever the number of rows. With a person column, the (class, person) pairs
 * go through a fixed buffer that spills sorted runs to a temporary directory when full (the person
 * is kept as a 128-bit hash of the pseudonym; the runs are deleted on {@link #close}); the report
 * merges the runs to count distinct people per class, then once more by person. See {@code
 * docs/decisions/0008-risk-counting.md}.
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
  private final int[] sensitiveIndex;
  private final ClassFeed feed;
  private @Nullable RiskReport report;

  private RiskMeter(Builder b) {
    this.quasi = List.copyOf(b.quasi);
    this.sensitive = List.copyOf(b.sensitive);
    this.personName = b.person;
    int[] qi = indexes(b.header, quasi, "quasi-identifier");
    this.sensitiveIndex = indexes(b.header, sensitive, "sensitive");
    int person = personName == null ? -1 : indexes(b.header, List.of(personName), "person")[0];
    this.feed =
        new ClassFeed(b.header.size(), qi, sensitive.size(), person, b.buffer, b.spillDirectory);
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
    ClassTable.Cls c = feed.add(cells);
    for (int j = 0; j < sensitiveIndex.length; j++) {
      c.sensitive[j].add(cells[sensitiveIndex[j]]);
    }
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
    List<ClassTable.Cls> classes = feed.classes().classes();
    long rows = feed.rows();
    SortedMap<Long, Long> sizes = new TreeMap<>();
    SortedMap<Long, Long> smallest = new TreeMap<>();
    long people;
    long memberships;
    if (!feed.byPerson()) {
      for (ClassTable.Cls c : classes) {
        sizes.merge(c.rows, 1L, Long::sum);
        smallest.merge(c.rows, c.rows, Long::sum);
      }
      people = rows;
      memberships = rows;
    } else {
      long[] size = new long[classes.size()];
      feed.forEachPair((cls, h1, h2) -> size[(int) cls]++);
      long m = 0;
      for (long s : size) {
        sizes.merge(s, 1L, Long::sum);
        m += s;
      }
      memberships = m;
      // by person: each person's smallest class (the sort puts it first)
      try (TripleSorter byPerson = feed.byPerson(cls -> size[(int) cls])) {
        long[] count = new long[1];
        long[] last = {0, 0};
        boolean[] any = {false};
        byPerson.forEach(
            (h1, h2, s) -> {
              if (!any[0] || h1 != last[0] || h2 != last[1]) {
                any[0] = true;
                last[0] = h1;
                last[1] = h2;
                count[0]++;
                smallest.merge(s, 1L, Long::sum);
              }
            });
        people = count[0];
      }
    }
    Map<String, Long> l = new LinkedHashMap<>();
    for (int j = 0; j < sensitive.size(); j++) {
      long min = classes.isEmpty() ? 0 : Long.MAX_VALUE;
      for (ClassTable.Cls c : classes) {
        min = Math.min(min, c.sensitive[j].size());
      }
      l.put(sensitive.get(j), min);
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
