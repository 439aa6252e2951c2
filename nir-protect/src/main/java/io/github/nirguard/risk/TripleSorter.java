package io.github.nirguard.risk;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * An external sort of triples of longs, distinct: a fixed buffer, sorted and written to a run in a
 * temporary directory when full; read back by a k-way merge that drops duplicates. Memory is the
 * buffer, whatever the number of triples; the runs are deleted on {@link #close}.
 */
final class TripleSorter implements Closeable {
  /** Receives the distinct triples in ascending order. */
  @FunctionalInterface
  interface Sink {
    void accept(long a, long b, long c);
  }

  private long[] buf;
  private final int capacity;
  private final @Nullable Path dir;
  private final List<Path> runs = new ArrayList<>();
  private int n;
  private boolean sorted;

  /**
   * @param capacity triples held in memory (24 bytes each)
   * @param dir where runs go, or null for the system's temporary directory
   */
  TripleSorter(int capacity, @Nullable Path dir) {
    if (capacity < 2) {
      throw new IllegalArgumentException("buffer too small");
    }
    this.capacity = capacity;
    this.buf = new long[Math.min(capacity, 4096) * 3]; // grows up to the capacity
    this.dir = dir;
  }

  void add(long a, long b, long c) throws IOException {
    if (n == capacity) {
      sortDistinct();
      if (n > capacity / 2) { // mostly distinct: spill; else keep filling the compacted buffer
        spill();
      }
    }
    int i = n * 3;
    if (i == buf.length) {
      buf = java.util.Arrays.copyOf(buf, Math.min(capacity, n * 2) * 3);
    }
    buf[i] = a;
    buf[i + 1] = b;
    buf[i + 2] = c;
    n++;
    sorted = false;
  }

  int capacity() {
    return capacity;
  }

  @Nullable Path directory() {
    return dir;
  }

  /** How many runs were written (0: everything fitted in memory). */
  int runs() {
    return runs.size();
  }

  private void spill() throws IOException {
    Path run =
        dir == null
            ? Files.createTempFile("nirguard-risk-", ".run")
            : Files.createTempFile(dir, "nirguard-risk-", ".run");
    runs.add(run);
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
      for (int i = 0; i < n * 3; i++) {
        out.writeLong(buf[i]);
      }
    }
    n = 0;
  }

  /** Calls the sink with every distinct triple in ascending order; may be called again. */
  void forEach(Sink sink) throws IOException {
    sortDistinct();
    if (runs.isEmpty()) {
      for (int i = 0; i < n * 3; i += 3) {
        sink.accept(buf[i], buf[i + 1], buf[i + 2]);
      }
      return;
    }
    if (n > 0) {
      spill();
    }
    merge(sink);
  }

  private void merge(Sink sink) throws IOException {
    PriorityQueue<Run> heap = new PriorityQueue<>(Math.max(1, runs.size()), TripleSorter::compare);
    List<Run> open = new ArrayList<>();
    try {
      for (Path p : runs) {
        Run r = new Run(p);
        open.add(r);
        if (r.next()) {
          heap.add(r);
        }
      }
      boolean any = false;
      long pa = 0;
      long pb = 0;
      long pc = 0;
      while (!heap.isEmpty()) {
        Run r = heap.poll();
        if (!any || r.a != pa || r.b != pb || r.c != pc) {
          sink.accept(r.a, r.b, r.c);
          any = true;
          pa = r.a;
          pb = r.b;
          pc = r.c;
        }
        if (r.next()) {
          heap.add(r);
        }
      }
    } finally {
      for (Run r : open) {
        r.in.close();
      }
    }
  }

  private static int compare(Run x, Run y) {
    int c = Long.compare(x.a, y.a);
    if (c == 0) {
      c = Long.compare(x.b, y.b);
    }
    return c != 0 ? c : Long.compare(x.c, y.c);
  }

  /** A run being merged: its current triple. */
  private static final class Run {
    final DataInputStream in;
    long a;
    long b;
    long c;

    Run(Path p) throws IOException {
      in = new DataInputStream(new BufferedInputStream(Files.newInputStream(p), 1 << 16));
    }

    boolean next() throws IOException {
      try {
        a = in.readLong();
      } catch (EOFException e) {
        return false;
      }
      b = in.readLong();
      c = in.readLong();
      return true;
    }
  }

  private void sortDistinct() {
    if (sorted) {
      return;
    }
    quicksort(0, n - 1);
    int w = 0;
    for (int r = 0; r < n; r++) {
      if (w == 0 || cmp(r, w - 1) != 0) {
        if (w != r) {
          copy(r, w);
        }
        w++;
      }
    }
    n = w;
    sorted = true;
  }

  private int cmp(int i, int j) {
    int x = i * 3;
    int y = j * 3;
    int c = Long.compare(buf[x], buf[y]);
    if (c == 0) {
      c = Long.compare(buf[x + 1], buf[y + 1]);
    }
    return c != 0 ? c : Long.compare(buf[x + 2], buf[y + 2]);
  }

  private void copy(int from, int to) {
    System.arraycopy(buf, from * 3, buf, to * 3, 3);
  }

  private void swap(int i, int j) {
    int x = i * 3;
    int y = j * 3;
    for (int k = 0; k < 3; k++) {
      long t = buf[x + k];
      buf[x + k] = buf[y + k];
      buf[y + k] = t;
    }
  }

  /** Quicksort on triples, median of three, smaller side first (stack depth O(log n)). */
  private void quicksort(int lo, int hi) {
    while (hi - lo > 16) {
      int mid = (lo + hi) >>> 1;
      if (cmp(mid, lo) < 0) {
        swap(mid, lo);
      }
      if (cmp(hi, lo) < 0) {
        swap(hi, lo);
      }
      if (cmp(hi, mid) < 0) {
        swap(hi, mid);
      }
      swap(mid, hi - 1); // pivot at hi - 1
      int p = hi - 1;
      int i = lo;
      int j = hi - 1;
      while (true) {
        while (cmp(++i, p) < 0) {}
        while (j > lo && cmp(--j, p) > 0) {}
        if (i >= j) {
          break;
        }
        swap(i, j);
      }
      swap(i, hi - 1);
      if (i - lo < hi - i) {
        quicksort(lo, i - 1);
        lo = i + 1;
      } else {
        quicksort(i + 1, hi);
        hi = i - 1;
      }
    }
    for (int i = lo + 1; i <= hi; i++) {
      for (int j = i; j > lo && cmp(j, j - 1) < 0; j--) {
        swap(j, j - 1);
      }
    }
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (Path p : runs) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    runs.clear();
    if (first != null) {
      throw first;
    }
  }

  @Override
  public String toString() {
    return "TripleSorter[" + n + " in memory, " + runs.size() + " runs]";
  }
}
