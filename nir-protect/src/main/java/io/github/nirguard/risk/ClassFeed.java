package io.github.nirguard.risk;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Rows fed one by one into their equivalence classes ({@link ClassTable}) and, with a person
 * column, into the (person, class) pairs of a spilling sort ({@link TripleSorter}): what {@link
 * RiskMeter} and {@link KAnonymizer} both count before they read it their own way. The person is
 * the 128-bit {@link Hash128} of its pseudonym; a row without one is a person of its own. The pairs
 * are sorted by person first, so one pass over them meets each person's classes together.
 */
final class ClassFeed implements Closeable {
  private final int width;
  private final int person;
  private final ClassTable table;
  private final @Nullable TripleSorter pairs;
  private long rows;
  private final long[] lanes = new long[2];

  /**
   * @param width the header's width
   * @param qi the quasi-identifiers' indexes in a row
   * @param person the person column's index, or -1: each row is a person, no pair is kept
   * @param buffer pairs held in memory before a run is spilled
   * @param spill where runs go, or null for the system's temporary directory
   */
  ClassFeed(int width, int[] qi, int person, int buffer, @Nullable Path spill) {
    this.width = width;
    this.person = person;
    this.table = new ClassTable(qi);
    this.pairs = person < 0 ? null : new TripleSorter(buffer, spill);
  }

  /**
   * Counts a row in its class (created if new) and keeps its (class, person) pair.
   *
   * @return the class's id
   * @throws IllegalArgumentException if the row's width differs from the header's
   * @throws IOException if a spilled run cannot be written
   */
  int add(String[] cells) throws IOException {
    if (cells.length != width) {
      throw new IllegalArgumentException(
          "row of " + cells.length + " cells, header of " + width + " columns");
    }
    rows++;
    int c = table.classOf(cells);
    if (pairs != null) {
      String p = cells[person];
      if (p.isEmpty()) { // no pseudonym: a person of its own (lane 0 is never a real hash's)
        pairs.add(0, rows, c);
      } else {
        Hash128.both(p, lanes);
        long h = lanes[0];
        pairs.add(h == 0 ? 1 : h, lanes[1], c);
      }
    }
    return c;
  }

  /** The rows added. */
  long rows() {
    return rows;
  }

  /** The classes met, in the order of their ids. */
  ClassTable classes() {
    return table;
  }

  /** Whether rows are grouped by a person column (else each row is a person). */
  boolean byPerson() {
    return pairs != null;
  }

  /**
   * The distinct (person high lane, person low lane, class) pairs, in ascending order: each
   * person's classes together, in ascending order of class id.
   */
  void forEachPair(TripleSorter.Sink sink) throws IOException {
    requirePairs().forEach(sink);
  }

  /** A new, empty sorter with the same buffer and directory as the pairs'; the caller closes it. */
  TripleSorter newSorter() {
    TripleSorter p = requirePairs();
    return new TripleSorter(p.capacity(), p.directory());
  }

  private TripleSorter requirePairs() {
    if (pairs == null) {
      throw new IllegalStateException("no person column");
    }
    return pairs;
  }

  /** Deletes the spilled runs, if any. */
  @Override
  public void close() throws IOException {
    if (pairs != null) {
      pairs.close();
    }
  }

  /** The rows and classes so far, as {@code 12 rows, 3 classes}. */
  String counts() {
    return rows + " rows, " + table.size() + " classes";
  }

  @Override
  public String toString() {
    return "ClassFeed[" + counts() + "]";
  }
}
