package io.github.nirguard.csv;

import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.protect.RowResult;
import io.github.nirguard.protect.RowRevealer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;

/** Reveals a row at a time; a refused row stops the run; formulas are neutralised unless kept. */
final class RevealLoop extends RowLoop {
  private final RowRevealer revealer;
  private final boolean keepFormulas;

  RevealLoop(ProtectionPolicy policy, List<String> header, KeyRing ring, boolean keepFormulas)
      throws GeneralSecurityException {
    this.revealer = RowRevealer.bind(policy, header, ring);
    this.keepFormulas = keepFormulas;
  }

  @Override
  List<String> outputHeader() {
    return revealer.outputHeader();
  }

  @Override
  Object prepare(String[][] rows) {
    return rows;
  }

  @Override
  int kept(Object prepared) {
    return ((String[][]) prepared).length;
  }

  /** Reveals the block's rows; the first refusal is enough, the run stops there. */
  @Override
  RowResult[] finish(Object prepared, String[][] rows, long firstRow, long firstOutput) {
    RowResult[] results = new RowResult[rows.length];
    for (int k = 0; k < rows.length; k++) {
      results[k] = revealer.reveal(rows[k], firstRow + k);
      if (results[k].isRejected()) {
        return Arrays.copyOf(results, k + 1);
      }
    }
    return results;
  }

  @Override
  void rejected(RowResult r, long line) throws CsvException {
    throw new CsvException(CsvError.REVEAL_REFUSED, line, r.column(), r.code());
  }

  @Override
  void transform(String[] cells) {
    if (!keepFormulas) {
      Formulas.neutralize(cells);
    }
  }
}
