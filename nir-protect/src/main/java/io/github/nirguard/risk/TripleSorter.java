package io.github.nirguard.risk;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * An external sort of triples of longs, distinct: a fixed buffer, sorted and written to a run in a
 * temporary directory when full; read back by a k-way merge that drops duplicates. Memory is the
 * buffer, whatever the number of triples; the runs are deleted on {@link #close}.
 *
 * <p>The buffer is sorted in place by the top 16 bits of the first long (a radix pass: the first
 * long is a hash, so the 65,536 buckets hold a few triples each), then each bucket by comparison. A
 * buffer filled in ascending order is not sorted again.
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
  private boolean ascending = true; // every triple added so far is >= the one before
  private int @Nullable [] bucketCount;

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
    if (ascending && n > 0) {
      long pa = buf[i - 3];
      long pb = buf[i - 2];
      ascending = pa < a || (pa == a && (pb < b || (pb == b && buf[i - 1] <= c)));
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
    try (FileChannel out = FileChannel.open(run, StandardOpenOption.WRITE)) {
      ByteBuffer bytes = ByteBuffer.allocate(IO_BUFFER);
      for (int i = 0; i < n * 3; i++) {
        if (!bytes.hasRemaining()) {
          drain(bytes, out);
        }
        bytes.putLong(buf[i]);
      }
      drain(bytes, out);
    }
    n = 0;
    ascending = true;
  }

  private static final int IO_BUFFER = 1 << 16; // bytes, a multiple of 8

  private static void drain(ByteBuffer bytes, FileChannel out) throws IOException {
    bytes.flip();
    while (bytes.hasRemaining()) {
      out.write(bytes);
    }
    bytes.clear();
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
    final FileChannel in;
    final ByteBuffer bytes = ByteBuffer.allocate(IO_BUFFER);
    long a;
    long b;
    long c;

    Run(Path p) throws IOException {
      in = FileChannel.open(p, StandardOpenOption.READ);
      bytes.flip();
    }

    boolean next() throws IOException {
      if (bytes.remaining() < 24) {
        bytes.compact();
        while (bytes.hasRemaining() && in.read(bytes) >= 0) {
          // until full or at the end
        }
        bytes.flip();
        if (bytes.remaining() < 24) {
          return false;
        }
      }
      a = bytes.getLong();
      b = bytes.getLong();
      c = bytes.getLong();
      return true;
    }
  }

  private void sortDistinct() {
    if (sorted) {
      return;
    }
    if (!ascending) {
      sort();
    }
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
    ascending = true;
  }

  /** The top 16 bits of a triple's first long, in signed order (0 for the most negative). */
  private int bucket(int i) {
    return (int) ((buf[i * 3] ^ Long.MIN_VALUE) >>> 48);
  }

  /**
   * In-place radix pass on the top 16 bits (American flag sort), then each bucket by comparison.
   */
  private void sort() {
    if (n < 4096) {
      quicksort(0, n - 1);
      return;
    }
    int buckets = 1 << 16;
    int[] start = bucketCount;
    if (start == null) {
      start = new int[buckets + 1];
      bucketCount = start;
    } else {
      java.util.Arrays.fill(start, 0);
    }
    for (int i = 0; i < n; i++) {
      start[bucket(i) + 1]++;
    }
    for (int d = 0; d < buckets; d++) {
      start[d + 1] += start[d];
    }
    int[] next = java.util.Arrays.copyOf(start, buckets);
    for (int d = 0; d < buckets; d++) {
      int end = start[d + 1];
      while (next[d] < end) {
        int i = next[d];
        int to = bucket(i);
        if (to == d) {
          next[d]++;
        } else {
          swap(i, next[to]++);
        }
      }
    }
    for (int d = 0; d < buckets; d++) {
      if (start[d + 1] - start[d] > 1) {
        quicksort(start[d], start[d + 1] - 1);
      }
    }
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
