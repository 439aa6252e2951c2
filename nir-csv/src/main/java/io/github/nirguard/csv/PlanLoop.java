package io.github.nirguard.csv;

import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.policy.OnInvalid;
import io.github.nirguard.policy.OnLeak;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.protect.RowProtector;
import io.github.nirguard.protect.RowReason;
import io.github.nirguard.protect.RowResult;
import io.github.nirguard.risk.GeneralisationPlan;
import io.github.nirguard.risk.KAnonymizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * The first pass of a least-generalisation run: rows protected (but not sealed) at the finest rung
 * of each range, rejected exactly as the second pass rejects them, fed to a {@link KAnonymizer};
 * nothing is kept but its counts.
 */
final class PlanLoop extends RowLoop {
  private final RowProtector protector;
  private final boolean stop;
  private final boolean failOnLeak;
  final KAnonymizer anonymizer;

  PlanLoop(ProtectionPolicy policy, List<String> header, KeyRing ring)
      throws GeneralSecurityException {
    this.protector = RowProtector.bind(KAnonymizer.firstPass(policy), header, ring);
    this.stop = policy.onInvalid() == OnInvalid.STOP;
    this.failOnLeak = policy.onLeak() == OnLeak.FAIL;
    this.anonymizer = KAnonymizer.builder(protector.outputHeader(), policy).build();
  }

  /**
   * Runs the first pass over a file: its rows protected at the finest rungs, counted, and the plan
   * made of the counts. Nothing is written; what the counts spilled is deleted.
   */
  static GeneralisationPlan plan(Pipeline pipeline, ProtectionPolicy policy, KeyRing ring, Path in)
      throws IOException, GeneralSecurityException {
    PlanLoop[] loop = new PlanLoop[1];
    try (InputStream input = Files.newInputStream(in)) {
      pipeline.run(
          input,
          OutputStream.nullOutputStream(),
          null,
          header -> {
            loop[0] = new PlanLoop(policy, header, ring);
            return loop[0];
          });
      return loop[0].anonymizer.plan();
    } finally {
      if (loop[0] != null) {
        loop[0].anonymizer.close();
      }
    }
  }

  @Override
  void accepted(String[] cells) throws IOException {
    anonymizer.add(cells);
  }

  @Override
  List<String> outputHeader() {
    return protector.outputHeader();
  }

  @Override
  Object prepare(String[][] rows) {
    return protector.protectUnsealed(rows, rows.length);
  }

  @Override
  int kept(Object prepared) {
    return ((RowProtector.Unsealed) prepared).kept();
  }

  @Override
  RowResult[] finish(Object prepared, String[][] rows, long firstRow, long firstOutput) {
    // the seal changes no cell the risk is counted on (it is a column of its own): not computed
    return ((RowProtector.Unsealed) prepared).withoutSeal();
  }

  @Override
  void rejected(RowResult r, long line) throws CsvException {
    if (stop || (failOnLeak && r.reason() == RowReason.NIR_IN_CLEAR)) {
      throw new CsvException(CsvError.INVALID_VALUE, line, r.column(), r.code());
    }
  }
}
