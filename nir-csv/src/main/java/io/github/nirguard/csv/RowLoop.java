package io.github.nirguard.csv;

import io.github.nirguard.protect.RowResult;
import java.io.IOException;
import java.util.List;

/**
 * The row loop both directions share: a block read, each row turned into a result, written or
 * reported, in order.
 */
abstract class RowLoop {
  private static final int PROGRESS_EVERY = 8192;

  private long read;
  private long written;
  private long rejected;
  private long dropped;

  /** The header the output starts with. */
  abstract List<String> outputHeader();

  /**
   * Called once a block is read, before its rows are handled.
   *
   * @param rows the rows (the first {@code n})
   * @param n how many
   * @param nextOutput the output index of the next row written (1 for the first)
   */
  void blockRead(String[][] rows, int n, long nextOutput) {}

  /**
   * The result of row {@code k} of the block.
   *
   * @param rows the block's rows
   * @param k the row in the block
   * @param row the row's index in the input (1 for the first data row)
   */
  abstract RowResult result(String[][] rows, int k, long row);

  /** Throws if a rejected row stops the run; returning, the row is skipped and reported. */
  abstract void rejected(RowResult r, long line) throws CsvException;

  /** The cells to write for an accepted row. */
  String[] output(String[] cells) throws IOException {
    return cells;
  }

  /** Reads all the rows after the header, writes the accepted ones and reports the others. */
  final void run(
      BlockReader blocks,
      RowWriter out,
      Report report,
      Progress progress,
      CountingInputStream counting)
      throws IOException {
    while (blocks.more()) {
      blocks.next();
      String[][] rows = blocks.rows();
      blockRead(rows, blocks.size(), written + 1);
      for (int k = 0; k < blocks.size(); k++) {
        read++;
        long line = blocks.line(k);
        RowResult r = result(rows, k, read);
        if (r.isRejected()) {
          rejected(r, line);
          rejected++;
          report.rejected(line, r.column(), r.code());
          continue;
        }
        String[] cells = output(r.row().orElseThrow());
        out.checkEncodable(cells, line);
        for (RowResult.Dropped x : r.dropped()) {
          dropped++;
          report.dropped(line, x.column(), x.code());
        }
        out.write(cells);
        written++;
        if ((read & (PROGRESS_EVERY - 1)) == 0) {
          progress.update(read, counting.count());
        }
      }
      blocks.rethrow();
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

  final long droppedValues() {
    return dropped;
  }
}
