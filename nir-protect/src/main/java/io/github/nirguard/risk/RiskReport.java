package io.github.nirguard.risk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * How identifying a table is on its quasi-identifiers: its equivalence classes counted per person,
 * k, l-diversity and the re-identification risks of ARX's three attacker models. Counts and column
 * names only: never a value of the table.
 *
 * <p>A class is the set of people sharing one combination of quasi-identifier values; its size is
 * the number of distinct people (by the person column) with at least one row in it. A person whose
 * rows fall into several classes counts in each of them (a <em>membership</em> per class); {@link
 * #peopleBelow} counts a person once, by the smallest class they are in. Without a person column
 * every row is a person.
 *
 * <pre>{@code
 * RiskReport r = meter.report();
 * if (r.k() < 5) {
 *   System.err.printf("%d people in classes smaller than 5%n", r.peopleBelow(5));
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class RiskReport {
  private final List<String> quasiIdentifiers;
  private final List<String> sensitive;
  private final @Nullable String person;
  private final long rows;
  private final long people;
  private final long memberships;
  private final long classes;
  private final SortedMap<Long, Long> classSizes;
  private final SortedMap<Long, Long> smallestClassOfPeople;
  private final Map<String, Long> lDiversity;

  RiskReport(
      List<String> quasiIdentifiers,
      List<String> sensitive,
      @Nullable String person,
      long rows,
      long people,
      long memberships,
      SortedMap<Long, Long> classSizes,
      SortedMap<Long, Long> smallestClassOfPeople,
      Map<String, Long> lDiversity) {
    this.quasiIdentifiers = List.copyOf(quasiIdentifiers);
    this.sensitive = List.copyOf(sensitive);
    this.person = person;
    this.rows = rows;
    this.people = people;
    this.memberships = memberships;
    this.classSizes = Collections.unmodifiableSortedMap(new TreeMap<>(classSizes));
    this.smallestClassOfPeople =
        Collections.unmodifiableSortedMap(new TreeMap<>(smallestClassOfPeople));
    this.lDiversity = Collections.unmodifiableMap(new LinkedHashMap<>(lDiversity));
    this.classes = classSizes.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Returns the report of counts made elsewhere (nir-spark's distributed count), checked for
   * consistency: the same figures {@link RiskMeter#report()} derives from the same counts.
   *
   * <pre>{@code
   * RiskReport r = RiskReport.ofCounts(List.of("sex"), List.of(), null, 3, 3, 3,
   *     new TreeMap<>(Map.of(1L, 1L, 2L, 1L)), new TreeMap<>(Map.of(1L, 1L, 2L, 2L)), Map.of());
   * }</pre>
   *
   * @param quasiIdentifiers the quasi-identifier columns
   * @param sensitive the sensitive columns
   * @param person the person column, or null when each row is a person
   * @param rows the rows counted
   * @param people the distinct people
   * @param memberships the (class, person) pairs
   * @param classSizes class size (people) → number of classes of that size
   * @param smallestClassOfPeople size → number of people whose smallest class has that size
   * @param lDiversity sensitive column → fewest distinct values in a class (0 without classes)
   * @return the report
   * @throws IllegalArgumentException if the counts do not add up (e.g. memberships differ from the
   *     sum of the class sizes, or people from the sum of the smallest-class counts)
   * @since 0.1.0
   */
  public static RiskReport ofCounts(
      List<String> quasiIdentifiers,
      List<String> sensitive,
      @Nullable String person,
      long rows,
      long people,
      long memberships,
      SortedMap<Long, Long> classSizes,
      SortedMap<Long, Long> smallestClassOfPeople,
      Map<String, Long> lDiversity) {
    long m = 0;
    for (Map.Entry<Long, Long> e : classSizes.entrySet()) {
      if (e.getKey() < 1 || e.getValue() < 1) {
        throw new IllegalArgumentException("class sizes and their counts must be positive");
      }
      m += e.getKey() * e.getValue();
    }
    long p = 0;
    for (Map.Entry<Long, Long> e : smallestClassOfPeople.entrySet()) {
      if (e.getKey() < 1 || e.getValue() < 1) {
        throw new IllegalArgumentException("smallest-class sizes and counts must be positive");
      }
      p += e.getValue();
    }
    if (m != memberships || p != people || people > memberships || memberships > rows) {
      throw new IllegalArgumentException(
          "the counts do not add up (rows, people, memberships, class sizes)");
    }
    if (!lDiversity.keySet().equals(new java.util.HashSet<>(sensitive))) {
      throw new IllegalArgumentException("l-diversity must be given for each sensitive column");
    }
    return new RiskReport(
        quasiIdentifiers,
        sensitive,
        person,
        rows,
        people,
        memberships,
        classSizes,
        smallestClassOfPeople,
        lDiversity);
  }

  /**
   * Returns the quasi-identifier columns the classes are made of, in order.
   *
   * @return the column names
   */
  public List<String> quasiIdentifiers() {
    return quasiIdentifiers;
  }

  /**
   * Returns the sensitive columns whose l-diversity is measured.
   *
   * @return the column names
   */
  public List<String> sensitiveColumns() {
    return sensitive;
  }

  /**
   * Returns the column that groups rows by person (a pseudonym), if any.
   *
   * @return the column name, or empty when every row is a person
   */
  public Optional<String> personColumn() {
    return Optional.ofNullable(person);
  }

  /**
   * Returns the number of rows read.
   *
   * @return the rows
   */
  public long rows() {
    return rows;
  }

  /**
   * Returns the number of distinct people.
   *
   * @return the people (the rows, without a person column)
   */
  public long people() {
    return people;
  }

  /**
   * Returns the number of (class, person) pairs: the sum of the class sizes. Equals {@link
   * #people()} when no person has rows in two classes.
   *
   * @return the memberships
   */
  public long memberships() {
    return memberships;
  }

  /**
   * Returns the number of equivalence classes.
   *
   * @return the classes
   */
  public long classes() {
    return classes;
  }

  /**
   * Returns k: the size of the smallest class (the table is k-anonymous for this k).
   *
   * @return the smallest class size, 0 for an empty table
   */
  public long k() {
    return classSizes.isEmpty() ? 0 : classSizes.firstKey();
  }

  /**
   * Returns the distribution of class sizes.
   *
   * @return class size → number of classes of that size, ascending
   */
  public SortedMap<Long, Long> classSizes() {
    return classSizes;
  }

  /**
   * Returns the number of people in at least one class smaller than {@code threshold} (a person
   * counts once).
   *
   * @param threshold e.g. 2 (people unique on the quasi-identifiers), 5 or 10
   * @return the people
   */
  public long peopleBelow(long threshold) {
    long n = 0;
    for (Map.Entry<Long, Long> e : smallestClassOfPeople.headMap(threshold).entrySet()) {
      n += e.getValue();
    }
    return n;
  }

  /**
   * Returns the share of people in at least one class smaller than {@code threshold}.
   *
   * @param threshold the class size
   * @return {@code peopleBelow(threshold) / people()}, 0 for an empty table
   */
  public double shareBelow(long threshold) {
    return people == 0 ? 0 : (double) peopleBelow(threshold) / people;
  }

  /**
   * Returns the distinct l-diversity of each sensitive column: the fewest distinct values of the
   * column in any class (an empty cell is a value).
   *
   * @return column → l, in the order of {@link #sensitiveColumns()}
   */
  public Map<String, Long> lDiversity() {
    return lDiversity;
  }

  /**
   * Returns the prosecutor model's highest risk (ARX): 1/k, the chance of re-identifying someone
   * known to be in the table and in the smallest class.
   *
   * @return 1/k, 0 for an empty table
   */
  public double prosecutorHighestRisk() {
    return k() == 0 ? 0 : 1.0 / k();
  }

  /**
   * Returns the share of people exposed to the highest prosecutor risk: those whose smallest class
   * has size k (ARX's "records affected by the highest risk").
   *
   * @return the share, 0 for an empty table
   */
  public double peopleAtHighestRisk() {
    if (people == 0) {
      return 0;
    }
    Long n = smallestClassOfPeople.get(k());
    return n == null ? 0 : (double) n / people;
  }

  /**
   * Returns the prosecutor model's average risk (ARX): the mean over memberships of 1/class size,
   * that is classes / memberships (classes / people when each person is in one class).
   *
   * @return the average risk, 0 for an empty table
   */
  public double prosecutorAverageRisk() {
    return memberships == 0 ? 0 : (double) classes / memberships;
  }

  /**
   * Returns the marketer model's risk (ARX): the expected share of people re-identified by an
   * attacker who links every record, with the table taken as the whole population: classes /
   * memberships.
   *
   * @return the marketer risk
   */
  public double marketerRisk() {
    return prosecutorAverageRisk();
  }

  /**
   * Returns the journalist model's highest risk under the assumption that the table is the whole
   * population (no population table is given): then a journalist's population classes are the
   * table's, and the figure equals the prosecutor's, 1/k. A sample of a larger population has a
   * lower journalist risk; this figure is an upper bound.
   *
   * @return 1/k
   */
  public double journalistHighestRisk() {
    return prosecutorHighestRisk();
  }

  /**
   * Returns the journalist model's average risk with the table taken as the population: classes /
   * memberships, as {@link #prosecutorAverageRisk()}.
   *
   * @return the average risk
   */
  public double journalistAverageRisk() {
    return prosecutorAverageRisk();
  }

  /**
   * Returns what breaks a policy's {@code require} rules, one sentence per broken rule naming the
   * quasi-identifier combination (column names and counts only).
   *
   * <pre>{@code
   * report.violations(policy.requiredK(), policy.requiredL());
   * // [k = 1, below the required 5, on quasi-identifiers (birth_date, sex): 923 of 1000 people ...]
   * }</pre>
   *
   * @param requiredK the k to reach, 0 for none
   * @param requiredL column → the distinct l to reach
   * @return the broken rules; empty if none
   */
  public List<String> violations(int requiredK, Map<String, Integer> requiredL) {
    List<String> out = new java.util.ArrayList<>();
    String combination = "(" + String.join(", ", quasiIdentifiers) + ")";
    if (requiredK > 0 && rows > 0 && k() < requiredK) {
      out.add(
          "k = "
              + k()
              + ", below the required "
              + requiredK
              + ", on quasi-identifiers "
              + combination
              + ": "
              + peopleBelow(requiredK)
              + " of "
              + people
              + " people are in classes smaller than "
              + requiredK);
    }
    for (Map.Entry<String, Integer> e : requiredL.entrySet()) {
      Long l = lDiversity.get(e.getKey());
      if (l == null) {
        out.add("l for '" + e.getKey() + "' was not measured (not a sensitive column here)");
      } else if (rows > 0 && l < e.getValue()) {
        out.add(
            "l = "
                + l
                + " for '"
                + e.getKey()
                + "', below the required "
                + e.getValue()
                + ", on quasi-identifiers "
                + combination);
      }
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RiskReport)) {
      return false;
    }
    RiskReport r = (RiskReport) o;
    return quasiIdentifiers.equals(r.quasiIdentifiers)
        && sensitive.equals(r.sensitive)
        && java.util.Objects.equals(person, r.person)
        && rows == r.rows
        && people == r.people
        && memberships == r.memberships
        && classSizes.equals(r.classSizes)
        && smallestClassOfPeople.equals(r.smallestClassOfPeople)
        && lDiversity.equals(r.lDiversity);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(quasiIdentifiers, rows, people, memberships, classSizes);
  }

  /** Counts and column names only. */
  @Override
  public String toString() {
    return "RiskReport[quasi="
        + quasiIdentifiers
        + ", person="
        + (person == null ? "(each row)" : person)
        + ", rows="
        + rows
        + ", people="
        + people
        + ", classes="
        + classes
        + ", k="
        + k()
        + ", below2="
        + peopleBelow(2)
        + ", below5="
        + peopleBelow(5)
        + ", below10="
        + peopleBelow(10)
        + ", l="
        + lDiversity
        + "]";
  }
}
