package io.github.nirguard.spark;

import io.github.nirguard.crypto.KeyedTokenizer;
import io.github.nirguard.validate.scan.NirScanner;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.jspecify.annotations.Nullable;

/**
 * The free-text functions {@code nir_scan_count} and {@code nir_scan_redact}, with the standard
 * scanner ({@link NirScanner#standard()}: strictly valid NIRs with their key, and 13-character
 * bodies after a NIR label). Null text gives null; a null purpose gives null, an invalid one fails
 * the query.
 */
final class ScanUdfs {
  private ScanUdfs() {}

  /** {@code nir_scan_count(text)}: how many NIRs the text holds. */
  static final class Count implements UDF1<String, Integer> {
    private static final long serialVersionUID = 1L;

    @Override
    public @Nullable Integer call(@Nullable String text) {
      return text == null ? null : NirScanner.standard().count(text);
    }
  }

  /** {@code nir_scan_redact(text, purpose)}: the text with each NIR replaced by its keyed token. */
  static final class Redact implements UDF2<String, String, String> {
    private static final long serialVersionUID = 1L;

    /** The token function, whose per-JVM tokenizer and purpose memo this one shares. */
    private final TokenUdfs.KeyedToken tokens;

    Redact(ProtectedKeys keys) {
      this.tokens = new TokenUdfs.KeyedToken(keys);
    }

    @Override
    public @Nullable String call(@Nullable String text, @Nullable String purpose) {
      if (text == null || purpose == null) {
        return null;
      }
      KeyedTokenizer t = tokens.tokenizer(purpose);
      return NirScanner.standard().redact(text, nir -> t.tokenize(nir).value());
    }
  }
}
