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
import org.jspecify.annotations.Nullable;

/**
 * An external sort of triples of longs, distinct: a fixed buffer, sorted and written to a run in a
 * temporary directory when full; read back by a k-way merge that drops duplicates. Memory is the
 * buffer, whatever the number of triples; the runs are deleted on {@link #close}.
 *
 * <p>The buffer is sorted in place by the top 16 bits of the first long, a byte at a time (two
 * radix passes of 256 buckets: the first long is a hash, so the last buckets hold a few triples
 * each), then each bucket by comparison. A buffer filled in ascending order is not sorted again.
 * The runs are merged through a binary heap of the runs compared field by field (no comparator).
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
    List<Run> open = new ArrayList<>();
    try {
      for (Path p : runs) {
        open.add(new Run(p));
      }
      // a binary min-heap of the runs that still have a triple, by their current triple
      Run[] heap = new Run[open.size()];
      int size = 0;
      for (Run r : open) {
        if (r.next()) {
          heap[size] = r;
          siftUp(heap, size++);
        }
      }
      boolean any = false;
      long pa = 0;
      long pb = 0;
      long pc = 0;
      while (size > 0) {
        Run r = heap[0];
        if (!any || r.a != pa || r.b != pb || r.c != pc) {
          sink.accept(r.a, r.b, r.c);
          any = true;
          pa = r.a;
          pb = r.b;
          pc = r.c;
        }
        if (!r.next()) {
          heap[0] = heap[--size];
          heap[size] = null;
        }
        if (size > 1) {
          siftDown(heap, size);
        }
      }
    } finally {
      for (Run r : open) {
        r.in.close();
      }
    }
  }

  private static void siftUp(Run[] heap, int i) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!less(heap[i], heap[parent])) {
        return;
      }
      Run t = heap[i];
      heap[i] = heap[parent];
      heap[parent] = t;
      i = parent;
    }
  }

  private static void siftDown(Run[] heap, int size) {
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      if (l >= size) {
        return;
      }
      int m = l + 1 < size && less(heap[l + 1], heap[l]) ? l + 1 : l;
      if (!less(heap[m], heap[i])) {
        return;
      }
      Run t = heap[i];
      heap[i] = heap[m];
      heap[m] = t;
      i = m;
    }
  }

  private static boolean less(Run x, Run y) {
    if (x.a != y.a) {
      return x.a < y.a;
    }
    if (x.b != y.b) {
      return x.b < y.b;
    }
    return x.c < y.c;
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

  /** 8 bits of a triple's first long, from {@code shift}, in signed order of that long. */
  private int digit(int i, int shift) {
    return (int) (((buf[i * 3] ^ Long.MIN_VALUE) >>> shift) & 0xFF);
  }

  /**
   * In-place radix passes on the top two bytes of the first long (American flag sort, 256 buckets a
   * pass, so each bucket's next free slot stays in cache while triples move), then each small
   * bucket by comparison.
   */
  private void sort() {
    radix(0, n, 56);
  }

  private void radix(int lo, int hi, int shift) {
    if (hi - lo < 256 || shift < 48) {
      if (hi - lo > 1) {
        quicksort(lo, hi - 1);
      }
      return;
    }
    int[] start = new int[257];
    for (int i = lo; i < hi; i++) {
      start[digit(i, shift) + 1]++;
    }
    start[0] = lo;
    for (int d = 0; d < 256; d++) {
      start[d + 1] += start[d];
    }
    int[] next = java.util.Arrays.copyOf(start, 256);
    for (int d = 0; d < 256; d++) {
      int end = start[d + 1];
      while (next[d] < end) {
        int i = next[d];
        int to = digit(i, shift);
        if (to == d) {
          next[d]++;
        } else {
          swap(i, next[to]++);
        }
      }
    }
    for (int d = 0; d < 256; d++) {
      radix(start[d], start[d + 1], shift - 8);
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
