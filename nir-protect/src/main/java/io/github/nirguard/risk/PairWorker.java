package io.github.nirguard.risk;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * The person half of {@link ClassFeed}: hashes each row's pseudonym and keeps its (person, class)
 * pair in a {@link TripleSorter}, on a thread of its own once a first hand-off of {@value #HANDOFF}
 * rows is full, so that hashing, sorting and spilling the pairs run beside the class lookups on a
 * second core. The rows go over in hand-offs through two bounded queues (at most {@value #SLOTS}
 * hand-offs exist, so memory stays fixed); a smaller input is done on the caller's thread when
 * drained. The pairs are the same either way: the thread takes the hand-offs in order, and the
 * sorter sorts them anyway. See {@code docs/decisions/0031-risk-batched-lookups.md}.
 */
final class PairWorker implements Closeable {
  /** Rows handed over at a time. */
  static final int HANDOFF = 4096;

  /** Hand-offs that exist: one being filled, the others queued or being hashed. */
  static final int SLOTS = 4;

  /** Rows handed over: pseudonyms, classes, and the first row's number (for rows without one). */
  private static final class Batch {
    final String[] persons = new String[HANDOFF];
    final int[] ids = new int[HANDOFF];
    int count;
    long first;
  }

  private static final Batch END = new Batch();

  private final TripleSorter pairs;
  private final boolean threaded;
  private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(SLOTS + 1);
  private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(SLOTS);
  private Batch current = new Batch();
  private @Nullable Thread thread;
  private volatile @Nullable Exception failed;
  private boolean drained;
  // the hashing side's own state (the worker thread's, or the caller's when not threaded)
  private final long[] lanes = new long[2];
  private int touched; // what the pseudonyms' first reads summed: kept so that they are not elided

  /**
   * @param pairs the sorter, from now on only touched by this worker until {@link #drain}
   * @param threaded whether a full hand-off starts the thread (else all is done when drained)
   */
  PairWorker(TripleSorter pairs, boolean threaded) {
    this.pairs = pairs;
    this.threaded = threaded;
  }

  /**
   * Takes {@code count} rows: their pseudonyms and classes, the first numbered {@code first}.
   *
   * @throws IOException if the thread failed to write a run, or was interrupted
   */
  void take(String[] persons, int[] ids, int count, long first) throws IOException {
    if (drained) {
      throw new IllegalStateException("the pairs are drained: no more rows");
    }
    int at = 0;
    while (at < count) {
      Batch b = current;
      if (b.count == 0) {
        b.first = first + at;
      }
      int n = Math.min(count - at, HANDOFF - b.count);
      System.arraycopy(persons, at, b.persons, b.count, n);
      System.arraycopy(ids, at, b.ids, b.count, n);
      b.count += n;
      at += n;
      if (b.count == HANDOFF) {
        handOff();
      }
    }
  }

  private void handOff() throws IOException {
    rethrow();
    if (!threaded) {
      hash(current);
      return;
    }
    if (thread == null) {
      for (int i = 1; i < SLOTS; i++) {
        free.add(new Batch());
      }
      Thread t = new Thread(this::run, "nirguard-risk-pairs");
      t.setDaemon(true); // a meter never closed does not keep the JVM alive
      thread = t;
      t.start();
    }
    try {
      full.put(current);
      current = free.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while handing rows over");
    }
  }

  /** The thread: hashes the hand-offs in order until the end mark; a failure is kept. */
  private void run() {
    try {
      while (true) {
        Batch b = full.take();
        if (b == END) {
          return;
        }
        if (failed == null) {
          try {
            hash(b);
          } catch (IOException | RuntimeException e) {
            failed = e;
          }
        }
        b.count = 0;
        free.put(b);
      }
    } catch (InterruptedException e) {
      failed = new InterruptedIOException("risk pairs thread interrupted");
    }
  }

  /** Hashes a hand-off's pseudonyms into pairs and empties it. */
  private void hash(Batch b) throws IOException {
    String[] persons = b.persons;
    int count = b.count;
    for (int from = 0; from < count; from += ClassFeed.BATCH) {
      int to = Math.min(count, from + ClassFeed.BATCH);
      // the pseudonyms' lengths first, so that the misses on the strings overlap
      int t = 0;
      for (int k = from; k < to; k++) {
        t += persons[k].length();
      }
      touched += t;
      for (int k = from; k < to; k++) {
        String p = persons[k];
        persons[k] = null;
        if (p.isEmpty()) { // no pseudonym: a person of its own (lane 0 is never a real hash's)
          pairs.add(0, b.first + k, b.ids[k]);
        } else {
          Hash128.both(p, lanes);
          long h = lanes[0];
          pairs.add(h == 0 ? 1 : h, lanes[1], b.ids[k]);
        }
      }
    }
    b.count = 0;
  }

  private void rethrow() throws IOException {
    Exception e = failed;
    if (e instanceof IOException io) {
      throw io;
    }
    if (e instanceof RuntimeException r) {
      throw r;
    }
  }

  /**
   * Hashes what is left, stops the thread and returns the sorter, which the caller then owns.
   *
   * @throws IOException if a run could not be written, or the wait was interrupted
   */
  TripleSorter drain() throws IOException {
    if (!drained) {
      drained = true;
      Thread t = thread;
      if (t == null) {
        hash(current);
      } else {
        try {
          full.put(current);
          full.put(END);
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting for the risk pairs");
        }
      }
    }
    rethrow();
    return pairs;
  }

  /** The sorter, for its capacity and directory only (they never change). */
  TripleSorter sorter() {
    return pairs;
  }

  /** Stops the thread if it runs, then deletes the spilled runs. */
  @Override
  public void close() throws IOException {
    Thread t = thread;
    if (t != null && !drained) {
      drained = true;
      try {
        full.put(END);
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while stopping the risk pairs thread");
      }
    }
    pairs.close();
  }

  @Override
  public String toString() {
    return "PairWorker[" + (thread == null ? "caller's thread" : "own thread") + "]";
  }
}
