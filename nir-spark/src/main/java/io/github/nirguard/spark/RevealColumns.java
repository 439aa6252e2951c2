package io.github.nirguard.spark;

import org.apache.spark.sql.Column;

/**
 * The re-identifying columns of {@link NirFunctions}: reversible tokens and FPE ciphertexts back to
 * NIRs, only with a {@link RevealAudit} (the columns refuse to be made without one).
 */
abstract sealed class RevealColumns extends ProtectColumns permits NirFunctions {
  RevealColumns(ProtectedKeys keys, UdfColumns udfs) {
    super(keys, udfs);
  }

  /**
   * The compact NIR of a reversible token (the scheme is read from its prefix); null for a keyed
   * token, a token of another key or purpose, or anything else.
   *
   * @param token a column of tokens
   * @param purpose the purpose
   * @return a STRING column
   * @throws IllegalStateException if the functions were made without a {@link RevealAudit}
   * @throws IllegalArgumentException for an invalid purpose name
   */
  public Column reveal(Column token, String purpose) {
    return udfs.reveal(token, purpose);
  }

  /**
   * The compact NIR of a marked-mode FPE ciphertext; null when it is not one. Uses the keyset's
   * only key: once the purpose's FPE keyset holds more than one key (after {@code nir keys rotate
   * --kind fpe}), the query fails, naming the purpose, and the key id must be passed ({@link
   * #fpeDecrypt(Column, String, String, Column)}): FPE has no integrity, and the primary key would
   * decrypt older ciphertexts into other, wrong NIRs.
   *
   * @param text a column of ciphertexts
   * @param purpose the purpose
   * @return a STRING column
   * @throws IllegalStateException if the functions were made without a {@link RevealAudit}
   * @throws IllegalArgumentException for an invalid purpose name
   */
  public Column fpeDecrypt(Column text, String purpose) {
    return fpeDecrypt(text, purpose, "marked");
  }

  /**
   * The compact NIR of an FPE ciphertext of a mode; null when it is not one. Uses the keyset's only
   * key, as {@link #fpeDecrypt(Column, String)}: the query fails once the keyset holds more than
   * one key.
   *
   * @param text a column of ciphertexts
   * @param purpose the purpose
   * @param mode {@code marked} or {@code format-valid}
   * @return a STRING column
   * @throws IllegalStateException if the functions were made without a {@link RevealAudit}
   * @throws IllegalArgumentException for an invalid purpose name or an unknown mode
   */
  public Column fpeDecrypt(Column text, String purpose, String mode) {
    return udfs.fpeDecrypt(text, purpose, mode);
  }

  /**
   * The compact NIR of an FPE ciphertext made with a given key, as {@code NirFpe.forKey(ring,
   * purpose, mode, keyId)} decrypts it; null when it is not a ciphertext of that mode. A key id the
   * purpose's FPE keyset does not have fails the query.
   *
   * @param text a column of ciphertexts
   * @param purpose the purpose
   * @param mode {@code marked} or {@code format-valid}
   * @param keyId the key's 8 hex digits, as {@link #fpeKeyId(String)} gave them at encryption (or
   *     {@code nir keys list} prints them), e.g. {@code "1a2b3c4d"}
   * @return a STRING column
   * @throws IllegalStateException if the functions were made without a {@link RevealAudit}
   * @throws IllegalArgumentException for an invalid purpose name, an unknown mode or a malformed
   *     key id
   */
  public Column fpeDecrypt(Column text, String purpose, String mode, String keyId) {
    return udfs.fpeDecrypt(text, purpose, mode, keyId);
  }

  /**
   * The compact NIR of an FPE ciphertext made with the key named, row by row, in another column:
   * the column of {@link #fpeKeyId(String)} stored beside the ciphertexts. A null key id gives
   * null; a malformed one, or one the purpose's FPE keyset does not have, fails the query.
   *
   * @param text a column of ciphertexts
   * @param purpose the purpose
   * @param mode {@code marked} or {@code format-valid}
   * @param keyId a column of key ids (8 hex digits)
   * @return a STRING column
   * @throws IllegalStateException if the functions were made without a {@link RevealAudit}
   * @throws IllegalArgumentException for an invalid purpose name or an unknown mode
   */
  public Column fpeDecrypt(Column text, String purpose, String mode, Column keyId) {
    return udfs.fpeDecrypt(text, purpose, mode, keyId);
  }
}
