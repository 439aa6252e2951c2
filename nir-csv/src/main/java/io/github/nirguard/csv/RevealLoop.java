package io.github.nirguard.csv;

import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.protect.RowResult;
import io.github.nirguard.protect.RowRevealer;
import java.security.GeneralSecurityException;
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
  RowResult result(String[][] rows, int k, long row) {
    return revealer.reveal(rows[k], row);
  }

  @Override
  void rejected(RowResult r, long line) throws CsvException {
    throw new CsvException(CsvError.REVEAL_REFUSED, line, r.column(), r.code());
  }

  @Override
  String[] output(String[] cells) {
    if (!keepFormulas) {
      Formulas.neutralize(cells);
    }
    return cells;
  }
}
