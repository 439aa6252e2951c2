package io.github.nirguard.protect;

import io.github.nirguard.core.NirError;
import io.github.nirguard.policy.ColumnRule;
import io.github.nirguard.policy.PolicyException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one column's action does, both ways: built once per file at bind time, shared by {@link
 * RowProtector} and {@link RowRevealer} — the one place that knows what an action writes and how it
 * is reversed. A method returns null on success, or the {@link Problem} that rejects the row (or
 * empties the value, under drop-value).
 *
 * <p>One subclass per action, chosen by {@link #of}: {@link KeepCodec}, {@link SealCodec}, {@link
 * ScanCodec}, {@link MaskCodec}, {@link GeneralizeCodec}, and the NIR actions ({@link NirCodec}):
 * {@link TokenCodec}, {@link ReversibleTokenCodec}, {@link FpeCodec}.
 */
abstract class Codec {
  /** Why a cell was refused: a reason, and the NIR error for an invalid NIR. */
  static final class Problem {
    final RowReason reason;
    final @Nullable NirError nirError;

    Problem(RowReason reason, @Nullable NirError nirError) {
      this.reason = reason;
      this.nirError = nirError;
    }
  }

  /**
   * What a row being revealed carries besides its cells: the FPE key its seal names, the sealed
   * values.
   */
  static final class Opened {
    final long fpeKey;
    final List<String> sealed;

    Opened(long fpeKey, List<String> sealed) {
      this.fpeKey = fpeKey;
      this.sealed = sealed;
    }
  }

  final String column;

  /** The column's index in the protected row. */
  final int at;

  /**
   * Whether the cell is written from clear text (keep, mask, generalize, scan), so that the
   * whole-file safety net looks for a NIR still in it; columns allowed in clear are not watched.
   */
  final boolean watched;

  Codec(ColumnRule rule, int at) {
    this(rule, at, false);
  }

  Codec(ColumnRule rule, int at, boolean watched) {
    this.column = rule.field().name();
    this.at = at;
    this.watched = watched;
  }

  /**
   * Block work before the rows (FPE through the FF1 batch path); returns the block's state or null.
   */
  @Nullable Object prepare(String[][] rows, int count, int in) {
    return null;
  }

  /**
   * Protects cell {@code v} into {@code out}; {@code block} and {@code k} as from {@link #prepare}.
   */
  abstract @Nullable Problem protect(String v, String[] out, @Nullable Object block, int k);

  /** Empties what {@link #protect} would have written (drop-value). */
  void blank(String[] out) {
    out[at] = "";
  }

  /**
   * Reveals the protected {@code row} into {@code out} (a copy of it); by default the cell stays.
   */
  @Nullable Problem reveal(String[] row, String[] out, Opened opened) {
    return null;
  }

  static Problem problem(RowReason reason) {
    return new Problem(reason, null);
  }

  /** The codec of an input column, or null for a dropped one. */
  static @Nullable Codec of(ColumnRule rule, Layout layout, int in, Engines engines) {
    int at = layout.outputIndex[in];
    if (at < 0) {
      return null;
    }
    switch (rule.action()) {
      case KEEP:
        return new KeepCodec(
            rule, at, !engines.policy.clearIdentifiers().contains(rule.field().name()));
      case SCAN:
      case SCAN_MASK:
      case SCAN_REVERSIBLE:
        return new ScanCodec(rule, at, engines);
      case SEAL:
        return new SealCodec(rule, at, sealSlot(layout, in));
      case MASK:
        return new MaskCodec(rule, at);
      case TOKEN:
        return new TokenCodec(rule, at, engines);
      case REVERSIBLE_TOKEN:
        return new ReversibleTokenCodec(rule, at, engines);
      case FPE:
      case FPE_AND_TOKEN:
        return new FpeCodec(rule, at, layout.tokenIndex[in], engines);
      case GENERALIZE_LEAST:
        throw new PolicyException(
            rule.line(),
            "column '"
                + rule.field().name()
                + "' is generalised to a rung chosen from the data ("
                + "generalize:"
                + java.util.Objects.requireNonNull(rule.range()).label()
                + "): plan it first (CsvProtector.plan, or ProtectionPolicy.withRungs)");
      default:
        return new GeneralizeCodec(rule, at, engines);
    }
  }

  /** The position of a sealed column among the row seal's values (after the row's meta value). */
  private static int sealSlot(Layout layout, int in) {
    for (int j = 0; j < layout.sealedColumns.length; j++) {
      if (layout.sealedColumns[j] == in) {
        return j + 1;
      }
    }
    throw new IllegalStateException("not a sealed column");
  }
}
