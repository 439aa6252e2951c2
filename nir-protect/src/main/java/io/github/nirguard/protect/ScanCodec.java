package io.github.nirguard.protect;

import io.github.nirguard.policy.Action;
import io.github.nirguard.policy.ColumnRule;
import io.github.nirguard.record.FieldType;
import io.github.nirguard.record.Mask;
import io.github.nirguard.validate.scan.NirScanner;
import org.jspecify.annotations.Nullable;

/**
 * {@code scan} and {@code scan:mask}: every NIR found in free text replaced by its keyed token or
 * its mask; text without a NIR is kept as it is, without allocating.
 */
final class ScanCodec extends Codec {
  private final Engines engines;
  private final boolean mask;

  ScanCodec(ColumnRule rule, int at, Engines engines) {
    super(rule, at, true);
    this.engines = engines;
    this.mask = rule.action() == Action.SCAN_MASK;
  }

  @Override
  @Nullable Problem protect(String v, String[] out, @Nullable Object block, int k) {
    NirScanner scanner = engines.scanner();
    if (scanner.count(v) == 0) {
      out[at] = v;
      return null;
    }
    out[at] =
        mask
            ? scanner.redact(v, nir -> Mask.mask(nir.compact(), FieldType.NIR))
            : scanner.redact(v, nir -> engines.primaryTokenizer().tokenize(nir).value());
    return null;
  }
}
