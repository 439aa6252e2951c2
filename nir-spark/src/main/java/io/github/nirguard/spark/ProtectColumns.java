package io.github.nirguard.spark;

import io.github.nirguard.crypto.NirFpe;
import org.apache.spark.sql.Column;

/**
 * The protecting columns of {@link NirFunctions}: keyed and reversible tokens, FPE encryption and
 * its key id, free-text redaction: what needs the keys but never gives a NIR back.
 */
abstract sealed class ProtectColumns extends KeylessColumns permits RevealColumns {
  final ProtectedKeys keys;

  ProtectColumns(ProtectedKeys keys, UdfColumns udfs) {
    super(udfs);
    this.keys = keys;
  }

  /**
   * The keyed token of a strictly valid NIR, as {@code KeyedTokenizer.create(ring, purpose)} makes
   * it; null otherwise.
   *
   * @param text a column of texts
   * @param purpose the purpose (a TOKEN keyset of the ring)
   * @return a STRING column
   * @throws IllegalArgumentException for an invalid purpose name
   */
  public Column token(Column text, String purpose) {
    return udfs.token(text, purpose);
  }

  /**
   * The reversible token of a strictly valid NIR, as {@code ReversibleTokenizer.prp} or {@code
   * .siv} makes it; null otherwise.
   *
   * @param text a column of texts
   * @param purpose the purpose (a PRP_TOKEN or SIV_TOKEN keyset of the ring)
   * @param scheme {@code prp} or {@code siv}
   * @return a STRING column
   * @throws IllegalArgumentException for an invalid purpose name or an unknown scheme
   */
  public Column reversibleToken(Column text, String purpose, String scheme) {
    return udfs.reversibleToken(text, purpose, scheme);
  }

  /**
   * The marked-mode FPE ciphertext of a strictly valid NIR (never a valid NIR), as {@code
   * NirFpe.create(ring, purpose)} makes it; null otherwise.
   *
   * @param text a column of texts
   * @param purpose the purpose (an FPE keyset of the ring)
   * @return a STRING column
   * @throws IllegalArgumentException for an invalid purpose name
   */
  public Column fpeEncrypt(Column text, String purpose) {
    return fpeEncrypt(text, purpose, "marked");
  }

  /**
   * The FPE ciphertext of a strictly valid NIR in a mode; null otherwise.
   *
   * @param text a column of texts
   * @param purpose the purpose (an FPE keyset of the ring)
   * @param mode {@code marked} or {@code format-valid}
   * @return a STRING column
   * @throws IllegalArgumentException for an invalid purpose name or an unknown mode
   */
  public Column fpeEncrypt(Column text, String purpose, String mode) {
    return udfs.fpeEncrypt(text, purpose, mode);
  }

  /**
   * The id (8 hex digits) of the key {@link #fpeEncrypt} uses now, the primary key of the purpose's
   * FPE keyset: store it beside the ciphertexts, to decrypt them after a rotation with {@code
   * fpeDecrypt(text, purpose, mode, keyIdColumn)}.
   *
   * @param purpose the purpose (an FPE keyset of the ring)
   * @return a STRING column, the same on every row
   * @throws IllegalArgumentException for an invalid purpose name
   */
  public Column fpeKeyId(String purpose) {
    return udfs.fpeKeyId(purpose);
  }

  /**
   * Returns, on this JVM, the id (8 hex digits) of the key {@link #fpeEncrypt} uses now: what
   * {@link #fpeKeyId(String)} gives on every row. Decrypts the ring here if this JVM has not yet
   * done so (e.g. on the driver).
   *
   * <pre>{@code
   * String keyId = nir.primaryFpeKeyId("lab-export");   // record it with the export
   * }</pre>
   *
   * @param purpose the purpose (an FPE keyset of the ring)
   * @return the key id, e.g. {@code "1a2b3c4d"}
   * @throws IllegalArgumentException for an invalid purpose name or a ring without that keyset
   */
  public String primaryFpeKeyId(String purpose) {
    return Engines.keyIdHex(
        Engines.of(keys).fpe(Params.purpose(purpose), NirFpe.Mode.MARKED).keyId());
  }

  /**
   * A free-text column with each NIR found replaced by its keyed token, the rest of the text kept:
   * the policy action {@code scan}.
   *
   * <pre>{@code
   * notes.select(nir.scanRedact(col("comment"), "research-42").as("comment"));
   * }</pre>
   *
   * @param text a STRING column
   * @param purpose the purpose of the TOKEN keyset
   * @return a STRING column, null for null
   * @throws IllegalArgumentException for an invalid purpose name or a ring without that keyset
   */
  public Column scanRedact(Column text, String purpose) {
    return udfs.scanRedact(text, purpose);
  }
}
