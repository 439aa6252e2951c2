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
 *
 * <p>Rows are taken a batch of {@value #BATCH} at a time: each row's codes are read at once, but
 * its class is looked up, and its pseudonym hashed, with the rest of its batch, each step first
 * touching what all the batch's rows need (their home slots in the class table, their pseudonyms'
 * strings) so that those cache misses overlap instead of following one another. The classes and the
 * pairs are the same as row by row; {@link #classes} and {@link #forEachPair} count the pending
 * rows first. See {@code docs/decisions/0031-risk-batched-lookups.md}.
 */
final class ClassFeed implements Closeable {
  /** Receives each row's class with the row's extra cells, in the rows' order. */
  @FunctionalInterface
  interface Classified {
    /** Row {@code k} of a batch: its class, its extra cells at {@code extra[k * e ...]}. */
    void accept(int cls, String[] extra, int off);
  }

  /** Rows held before their classes are looked up together (their table misses overlap). */
  static final int BATCH = 128;

  private final int width;
  private final int person;
  private final int q;
  private final ClassTable table;
  private final @Nullable PairWorker pairs;
  private final int[] extraIndex;
  private final @Nullable Classified classified;
  private long rows;
  // the batch: each row's codes, pseudonym and extra cells; its classes once looked up
  private final int[] codes;
  private final String[] persons = new String[BATCH];
  private final String[] extra;
  private final int[] ids = new int[BATCH];
  private int pending;

  /**
   * @param width the header's width
   * @param qi the quasi-identifiers' indexes in a row
   * @param person the person column's index, or -1: each row is a person, no pair is kept
   * @param buffer pairs held in memory before a run is spilled
   * @param spill where runs go, or null for the system's temporary directory
   */
  ClassFeed(int width, int[] qi, int person, int buffer, @Nullable Path spill) {
    this(width, qi, person, buffer, spill, new int[0], null, false);
  }

  /**
   * @param extraIndex the indexes of the cells passed, with each row's class, to {@code classified}
   * @param classified receives each row's class, or null
   * @param secondThread whether the pseudonyms are hashed and the pairs sorted on a thread of their
   *     own ({@link PairWorker})
   */
  ClassFeed(
      int width,
      int[] qi,
      int person,
      int buffer,
      @Nullable Path spill,
      int[] extraIndex,
      @Nullable Classified classified,
      boolean secondThread) {
    this.width = width;
    this.person = person;
    this.q = qi.length;
    this.table = new ClassTable(qi);
    this.pairs = person < 0 ? null : new PairWorker(new TripleSorter(buffer, spill), secondThread);
    this.extraIndex = extraIndex.clone();
    this.classified = classified;
    this.codes = new int[BATCH * Math.max(1, q)];
    this.extra = new String[BATCH * extraIndex.length];
  }

  /**
   * Takes a row: its codes now, its class and (class, person) pair with the rest of its batch
   * ({@link #flush}).
   *
   * @throws IllegalArgumentException if the row's width differs from the header's
   * @throws IOException if a spilled run cannot be written
   */
  void add(String[] cells) throws IOException {
    if (cells.length != width) {
      throw new IllegalArgumentException(
          "row of " + cells.length + " cells, header of " + width + " columns");
    }
    rows++;
    int k = pending;
    table.encode(cells, codes, k * q);
    if (pairs != null) {
      persons[k] = cells[person];
    }
    int e = extraIndex.length;
    for (int j = 0; j < e; j++) {
      extra[k * e + j] = cells[extraIndex[j]];
    }
    pending = k + 1;
    if (pending == BATCH) {
      flush();
    }
  }

  /**
   * Looks up the pending rows' classes, counts them, keeps their pairs and passes them on.
   *
   * @throws IOException if a spilled run cannot be written
   */
  void flush() throws IOException {
    int count = pending;
    if (count == 0) {
      return;
    }
    pending = 0;
    table.classesOf(codes, count, ids);
    int e = extraIndex.length;
    for (int k = 0; k < count; k++) {
      if (classified != null) {
        classified.accept(ids[k], extra, k * e);
      }
    }
    java.util.Arrays.fill(extra, 0, count * e, null);
    if (pairs != null) {
      pairs.take(persons, ids, count, rows - count + 1); // numbered from the first pending row
      java.util.Arrays.fill(persons, 0, count, null);
    }
  }

  /** The rows added. */
  long rows() {
    return rows;
  }

  /** The classes met, in the order of their ids, once the pending rows are counted. */
  ClassTable classes() throws IOException {
    flush();
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
    PairWorker p = requirePairs();
    flush();
    p.drain().forEach(sink);
  }

  /** A new, empty sorter with the same buffer and directory as the pairs'; the caller closes it. */
  TripleSorter newSorter() {
    TripleSorter p = requirePairs().sorter();
    return new TripleSorter(p.capacity(), p.directory());
  }

  private PairWorker requirePairs() {
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

  /**
   * The rows and classes so far, as {@code 12 rows, 3 classes} (the classes of the pending rows are
   * not counted yet).
   */
  String counts() {
    return rows + " rows, " + table.size() + " classes";
  }

  @Override
  public String toString() {
    return "ClassFeed[" + counts() + "]";
  }
}
