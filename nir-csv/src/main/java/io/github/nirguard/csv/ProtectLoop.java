package io.github.nirguard.csv;

import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.policy.OnInvalid;
import io.github.nirguard.policy.OnLeak;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.protect.RowProtector;
import io.github.nirguard.protect.RowReason;
import io.github.nirguard.protect.RowResult;
import io.github.nirguard.risk.GeneralisationPlan;
import io.github.nirguard.risk.RiskMeter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Protects: a block at once (FPE through the FF1 batch path); an invalid row stops the run or is
 * rejected, per the policy.
 */
final class ProtectLoop extends RowLoop {
  private final RowProtector protector;
  private final boolean stop;

  /** A NIR found in clear after protection stops the run ({@code on-leak fail}). */
  private final boolean failOnLeak;

  private final ProtectionPolicy policy;
  private final @Nullable RiskMeter risk;

  /** Rows of classes a plan leaves out, or null. */
  private final @Nullable Predicate<String[]> outlier;

  private final String quasiColumns;

  ProtectLoop(ProtectionPolicy policy, List<String> header, KeyRing ring)
      throws GeneralSecurityException {
    this(policy, header, ring, null);
  }

  ProtectLoop(
      ProtectionPolicy policy, List<String> header, KeyRing ring, @Nullable GeneralisationPlan plan)
      throws GeneralSecurityException {
    this.protector = RowProtector.bind(policy, header, ring);
    this.outlier = plan == null ? null : plan.outliers(protector.outputHeader());
    this.quasiColumns = plan == null ? "" : String.join("+", plan.quasiIdentifiers());
    this.stop = policy.onInvalid() == OnInvalid.STOP;
    this.failOnLeak = policy.onLeak() == OnLeak.FAIL;
    this.policy = policy;
    boolean rules = policy.requiredK() > 0 || !policy.requiredL().isEmpty();
    this.risk =
        rules ? RiskMeter.builder(protector.outputHeader()).forRulesOf(policy).build() : null;
  }

  /**
   * Protects a stream with a policy, or with the policy of a plan's rungs leaving its outliers out,
   * and checks the policy's require rules once every row is written.
   *
   * @throws CsvException ({@link CsvError#RISK_RULE_BROKEN}) if the plan found no combination
   *     reaching k, or the rows written break a require rule
   */
  static CsvSummary run(
      Pipeline pipeline,
      ProtectionPolicy policy,
      KeyRing ring,
      @Nullable GeneralisationPlan p,
      InputStream in,
      OutputStream out,
      @Nullable Writer report)
      throws IOException, GeneralSecurityException {
    ProtectionPolicy second;
    if (p != null) {
      second =
          p.policy()
              .orElseThrow(
                  () ->
                      new CsvException(
                          CsvError.RISK_RULE_BROKEN, 0, null, p.describe() + " (nothing written)"));
    } else {
      second = policy;
    }
    ProtectLoop[] loop = new ProtectLoop[1];
    try {
      CsvSummary s =
          pipeline.run(
              in,
              out,
              report,
              header -> {
                loop[0] = new ProtectLoop(second, header, ring, p);
                return loop[0];
              });
      loop[0].checkRiskRules();
      return s;
    } finally {
      if (loop[0] != null) {
        loop[0].closeRisk();
      }
    }
  }

  @Override
  void accepted(String[] cells) throws IOException {
    if (risk != null) {
      risk.add(cells);
    }
  }

  /**
   * Once every row is written (not yet published): refuses output that breaks the policy's require
   * rules, naming the quasi-identifier combination.
   */
  void checkRiskRules() throws IOException {
    if (risk == null) {
      return;
    }
    try (RiskMeter m = risk) {
      List<String> broken = m.report().violations(policy.requiredK(), policy.requiredL());
      if (!broken.isEmpty()) {
        throw new CsvException(
            CsvError.RISK_RULE_BROKEN,
            0,
            null,
            String.join("; ", broken) + " (nothing written; generalise more, or drop a column)");
      }
    }
  }

  /** Deletes what the risk meter spilled, if the run failed before its check. */
  void closeRisk() throws IOException {
    if (risk != null) {
      risk.close();
    }
  }

  @Override
  List<String> outputHeader() {
    return protector.outputHeader();
  }

  @Override
  Object prepare(String[][] rows) {
    RowProtector.Unsealed u = protector.protectUnsealed(rows, rows.length);
    return outlier == null ? u : u.suppress(outlier, quasiColumns);
  }

  @Override
  int kept(Object prepared) {
    return ((RowProtector.Unsealed) prepared).kept();
  }

  @Override
  RowResult[] finish(Object prepared, String[][] rows, long firstRow, long firstOutput) {
    return ((RowProtector.Unsealed) prepared).seal(firstOutput);
  }

  @Override
  void rejected(RowResult r, long line) throws CsvException {
    if (stop || (failOnLeak && r.reason() == RowReason.NIR_IN_CLEAR)) {
      throw new CsvException(CsvError.INVALID_VALUE, line, r.column(), r.code());
    }
  }
}
