package io.github.nirguard.csv;

import io.github.nirguard.protect.RowReason;
import io.github.nirguard.protect.RowResult;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The row loop both directions share: blocks read in order, each turned into results and formatted
 * (on this thread, or on worker threads, several blocks at once), then taken in input order: the
 * rows written or reported, the first error thrown at its row. The output, the report and the
 * errors are the same whatever the number of threads.
 *
 * <p>A block's work has two steps: {@link #prepare}, which needs nothing of the blocks before, and
 * {@link #finish}, which needs the output index of the block's first kept row (known once the
 * blocks before are prepared). The first block is done on the reading thread before any other is
 * read, so that what a direction fixes on its first row (the export id of a reveal) is fixed before
 * other rows are looked at.
 */
abstract class RowLoop {
  private static final int PROGRESS_EVERY = 8192;

  /** Blocks read ahead of the one being written, per worker thread. */
  private static final int IN_FLIGHT_PER_THREAD = 4;

  private long read;
  private long written;
  private long rejected;
  private long dropped;
  private long suppressed;

  /** What the reader knew of unbalanced quotes once the block being taken was read. */
  private long openQuote;

  /** The header the output starts with. */
  abstract List<String> outputHeader();

  /**
   * The first step of a block, on any thread: everything that does not depend on the blocks before.
   *
   * @param rows the block's rows (its own array, {@code rows.length} rows)
   */
  abstract Object prepare(String[][] rows);

  /** How many output indexes a prepared block uses (its rows kept). */
  abstract int kept(Object prepared);

  /**
   * The second step, on any thread: one result per row.
   *
   * @param prepared what {@link #prepare} returned
   * @param rows the block's rows
   * @param firstRow the input index of the block's first row (1 for the first data row)
   * @param firstOutput the output index of the block's first kept row (1 for the first)
   */
  abstract RowResult[] finish(Object prepared, String[][] rows, long firstRow, long firstOutput);

  /** Throws if a rejected row stops the run; returning, the row is skipped and reported. */
  abstract void rejected(RowResult r, long line) throws CsvException;

  /** Changes the cells of an accepted row before they are written; on any thread. */
  void transform(String[] cells) {}

  /** Sees an accepted row's cells, in order, before it is written. */
  void accepted(String[] cells) throws IOException {}

  /** A block read: its rows, their lines, and the read error that ended it, if any. */
  private static final class Block {
    final String[][] rows;
    final long[] lines;
    final @Nullable Exception pending;
    final long openQuote;

    Block(BlockReader blocks, LongSupplier openQuote) {
      this.rows = Arrays.copyOf(blocks.rows(), blocks.size());
      this.lines = new long[rows.length];
      for (int k = 0; k < rows.length; k++) {
        lines[k] = blocks.line(k);
      }
      this.pending = blocks.pending();
      this.openQuote = openQuote.getAsLong();
    }
  }

  /** A block done: its results, the text of its accepted rows, and any value unencodable. */
  private static final class Done {
    final RowResult[] results;
    final RowWriter.Block.Text text;

    /** Per row, the column of a value the output charset cannot hold; null if none. */
    final @Nullable String @Nullable [] unencodable;

    Done(
        RowResult[] results, RowWriter.Block.Text text, @Nullable String @Nullable [] unencodable) {
      this.results = results;
      this.text = text;
      this.unencodable = unencodable;
    }
  }

  /**
   * Reads all the rows after the header, writes the accepted ones and reports the others.
   *
   * @param threads how many worker threads; 1 does everything on this thread
   * @param openQuote the reader's unbalanced-quote line so far (0 if none)
   */
  final void run(
      BlockReader blocks,
      RowWriter out,
      Report report,
      Progress progress,
      CountingInputStream counting,
      LongSupplier openQuote,
      int threads)
      throws IOException {
    if (!blocks.more()) {
      return;
    }
    // the first block, always here: see the class comment
    Block first = new Block(blocks.next(), openQuote);
    take(first, done(first, prepare(first.rows), 1, 1, out), out, report, progress, counting);
    if (threads <= 1) {
      while (blocks.more()) {
        Block b = new Block(blocks.next(), openQuote);
        Done d = done(b, prepare(b.rows), read + 1, written + 1, out);
        take(b, d, out, report, progress, counting);
      }
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, new Workers());
    try {
      ArrayDeque<Block> blocksInFlight = new ArrayDeque<>();
      ArrayDeque<CompletableFuture<Done>> inFlight = new ArrayDeque<>();
      long nextRow = read + 1;
      CompletableFuture<Long> nextOutput = CompletableFuture.completedFuture(written + 1);
      while (blocks.more()) {
        Block b = new Block(blocks.next(), openQuote);
        long firstRow = nextRow;
        nextRow += b.rows.length;
        CompletableFuture<Object> prepared =
            CompletableFuture.supplyAsync(() -> prepare(b.rows), pool);
        CompletableFuture<Long> firstOutput = nextOutput;
        nextOutput = firstOutput.thenCombine(prepared, (o, p) -> o + kept(p));
        inFlight.add(
            prepared.thenCombineAsync(firstOutput, (p, o) -> done(b, p, firstRow, o, out), pool));
        blocksInFlight.add(b);
        while (inFlight.size() >= threads * IN_FLIGHT_PER_THREAD) {
          take(
              blocksInFlight.removeFirst(),
              join(inFlight.removeFirst()),
              out,
              report,
              progress,
              counting);
        }
      }
      while (!inFlight.isEmpty()) {
        take(
            blocksInFlight.removeFirst(),
            join(inFlight.removeFirst()),
            out,
            report,
            progress,
            counting);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** A block's work: results, then the accepted rows transformed, checked and formatted. */
  private Done done(Block b, Object prepared, long firstRow, long firstOutput, RowWriter out) {
    RowResult[] results = finish(prepared, b.rows, firstRow, firstOutput);
    RowWriter.Block text = out.block();
    String[] unencodable = null;
    for (int k = 0; k < results.length; k++) {
      if (results[k].isRejected()) {
        continue;
      }
      String[] cells = results[k].row().orElseThrow();
      transform(cells);
      String column = text.unencodable(cells);
      if (column != null) {
        if (unencodable == null) {
          unencodable = new String[results.length];
        }
        unencodable[k] = column;
      }
      text.add(cells);
    }
    return new Done(results, text.encoded(), unencodable);
  }

  /** Takes a done block in order: reports, errors at their row, then its text written. */
  private void take(
      Block b,
      Done d,
      RowWriter out,
      Report report,
      Progress progress,
      CountingInputStream counting)
      throws IOException {
    openQuote = b.openQuote;
    for (int k = 0; k < d.results.length; k++) {
      read++;
      long line = b.lines[k];
      RowResult r = d.results[k];
      if (r.isRejected() && r.reason() == RowReason.RISK_SUPPRESSED) {
        suppressed++;
        report.suppressed(line, r.column(), r.code());
        continue;
      }
      if (r.isRejected()) {
        rejected(r, line);
        rejected++;
        report.rejected(line, r.column(), r.code());
        continue;
      }
      String[] cells = r.row().orElseThrow();
      accepted(cells);
      if (d.unencodable != null && d.unencodable[k] != null) {
        throw new CsvException(
            CsvError.UNENCODABLE_VALUE,
            line,
            d.unencodable[k],
            "a value cannot be written in " + out.charsetName());
      }
      for (RowResult.Dropped x : r.dropped()) {
        dropped++;
        report.dropped(line, x.column(), x.code());
      }
      written++;
      if ((read & (PROGRESS_EVERY - 1)) == 0) {
        progress.update(read, counting.count());
      }
    }
    out.write(d.text);
    BlockReader.rethrow(b.pending);
  }

  /** Waits for a block; a worker's exception is thrown as it was. */
  private static Done join(CompletableFuture<Done> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw e;
    }
  }

  /** Daemon worker threads: a run that fails never keeps the JVM alive. */
  private static final class Workers implements java.util.concurrent.ThreadFactory {
    private static final AtomicInteger COUNT = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "nirguard-csv-" + COUNT.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }

  final long read() {
    return read;
  }

  final long written() {
    return written;
  }

  final long rejectedRows() {
    return rejected;
  }

  final long suppressedRows() {
    return suppressed;
  }

  final long droppedValues() {
    return dropped;
  }

  /**
   * The reader's unbalanced-quote line as it was when the block being taken (or the last one) was
   * read: what a sequential run would see at an error in that block.
   */
  final long openQuote() {
    return openQuote;
  }
}
