package io.github.nirguard.risk;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongUnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Rows fed one by one into their equivalence classes ({@link ClassTable}) and, with a person
 * column, into the (class, person) pairs of a spilling sort ({@link TripleSorter}): what {@link
 * RiskMeter} and {@link KAnonymizer} both count before they read it their own way. The person is
 * the 128-bit {@link Hash128} of its pseudonym; a row without one is a person of its own.
 */
final class ClassFeed implements Closeable {
  private final int width;
  private final int person;
  private final ClassTable table;
  private final @Nullable TripleSorter pairs;
  private long rows;

  /**
   * @param width the header's width
   * @param qi the quasi-identifiers' indexes in a row
   * @param sensitiveColumns how many sensitive columns each class keeps the values of
   * @param person the person column's index, or -1: each row is a person, no pair is kept
   * @param buffer pairs held in memory before a run is spilled
   * @param spill where runs go, or null for the system's temporary directory
   */
  ClassFeed(
      int width, int[] qi, int sensitiveColumns, int person, int buffer, @Nullable Path spill) {
    this.width = width;
    this.person = person;
    this.table = new ClassTable(qi, sensitiveColumns);
    this.pairs = person < 0 ? null : new TripleSorter(buffer, spill);
  }

  /**
   * Counts a row in its class (created if new) and keeps its (class, person) pair.
   *
   * @return the class
   * @throws IllegalArgumentException if the row's width differs from the header's
   * @throws IOException if a spilled run cannot be written
   */
  ClassTable.Cls add(String[] cells) throws IOException {
    if (cells.length != width) {
      throw new IllegalArgumentException(
          "row of " + cells.length + " cells, header of " + width + " columns");
    }
    rows++;
    ClassTable.Cls c = table.classOf(cells);
    c.rows++;
    if (pairs != null) {
      String p = cells[person];
      if (p.isEmpty()) { // no pseudonym: a person of its own (lane 0 is never a real hash's)
        pairs.add(c.id, 0, rows);
      } else {
        long h = Hash128.high(p);
        pairs.add(c.id, h == 0 ? 1 : h, Hash128.low(p));
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

  /** The distinct (class, person high lane, person low lane) pairs, in ascending order. */
  void forEachPair(TripleSorter.Sink sink) throws IOException {
    requirePairs().forEach(sink);
  }

  /**
   * The pairs sorted again by person: (high lane, low lane, {@code valueOf} the class); the caller
   * closes the sorter.
   */
  TripleSorter byPerson(LongUnaryOperator valueOf) throws IOException {
    TripleSorter sorted = requirePairs();
    TripleSorter out = new TripleSorter(sorted.capacity(), sorted.directory());
    try {
      IOException[] failed = new IOException[1];
      sorted.forEach(
          (cls, h1, h2) -> {
            if (failed[0] == null) {
              try {
                out.add(h1, h2, valueOf.applyAsLong(cls));
              } catch (IOException e) {
                failed[0] = e;
              }
            }
          });
      if (failed[0] != null) {
        throw failed[0];
      }
      return out;
    } catch (IOException | RuntimeException e) {
      try {
        out.close();
      } catch (IOException c) {
        e.addSuppressed(c);
      }
      throw e;
    }
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
