package io.github.nirguard.csv;

import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.policy.OnInvalid;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.protect.RowProtector;
import io.github.nirguard.protect.RowResult;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * Protects: a block at once (FPE through the FF1 batch path); an invalid row stops the run or is
 * rejected, per the policy.
 */
final class ProtectLoop extends RowLoop {
  private final RowProtector protector;
  private final boolean stop;
  private RowResult[] results = new RowResult[0];

  ProtectLoop(ProtectionPolicy policy, List<String> header, KeyRing ring)
      throws GeneralSecurityException {
    this.protector = RowProtector.bind(policy, header, ring);
    this.stop = policy.onInvalid() == OnInvalid.STOP;
  }

  @Override
  List<String> outputHeader() {
    return protector.outputHeader();
  }

  @Override
  void blockRead(String[][] rows, int n, long nextOutput) {
    results = protector.protectAll(rows, n, nextOutput);
  }

  @Override
  RowResult result(String[][] rows, int k, long row) {
    return results[k];
  }

  @Override
  void rejected(RowResult r, long line) throws CsvException {
    if (stop) {
      throw new CsvException(CsvError.INVALID_VALUE, line, r.column(), r.code());
    }
  }
}
