package io.github.nirguard.protect;

import io.github.nirguard.policy.Action;
import io.github.nirguard.policy.ColumnRule;
import io.github.nirguard.record.FieldType;
import io.github.nirguard.record.Mask;
import io.github.nirguard.validate.scan.NirScanner;
import org.jspecify.annotations.Nullable;

/**
 * {@code scan}, {@code scan:mask} and {@code scan:reversible}: every NIR found in free text
 * replaced by its keyed token, its mask or its span token (revealed back to the text as it was);
 * text without a NIR is kept as it is, without allocating.
 */
final class ScanCodec extends Codec {
  private final Engines engines;
  private final Action action;

  ScanCodec(ColumnRule rule, int at, Engines engines) {
    super(rule, at, true);
    this.engines = engines;
    this.action = rule.action();
  }

  @Override
  @Nullable Problem protect(String v, String[] out, @Nullable Object block, int k) {
    if (action == Action.SCAN_REVERSIBLE) {
      try {
        out[at] = engines.redactor().redactCell(v);
        return null;
      } catch (RedactionException e) {
        return problem(RowReason.TOKEN_SHAPED_TEXT);
      }
    }
    NirScanner scanner = engines.scanner();
    if (scanner.count(v) == 0) {
      out[at] = v;
      return null;
    }
    out[at] =
        action == Action.SCAN_MASK
            ? scanner.redact(v, nir -> Mask.mask(nir.compact(), FieldType.NIR))
            : scanner.redact(v, nir -> engines.primaryTokenizer().tokenize(nir).value());
    return null;
  }

  @Override
  @Nullable Problem reveal(String[] row, String[] out, Opened opened) {
    if (action != Action.SCAN_REVERSIBLE) {
      return null;
    }
    try {
      out[at] = engines.redactor().revealCell(row[at]);
      return null;
    } catch (RedactionException e) {
      return problem(
          e.reason() == RedactionException.Reason.TOKEN_REFUSED
              ? RowReason.TOKEN_REFUSED
              : RowReason.NOT_A_TOKEN);
    }
  }
}
