package io.github.nirguard.spark;

import io.github.nirguard.crypto.NirFpe;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;

/**
 * The nirguard functions for Spark SQL and the DataFrame API: validation, normalisation, keyed and
 * reversible tokens, FPE and birth-date generalisation, with the same outputs as the plain library.
 *
 * <p>{@link #register} adds them to a session as SQL functions ({@code nir_valid}, {@code
 * nir_token}, {@code nir_fpe_encrypt}, …): the {@linkplain io.github.nirguard.spark package
 * description} lists them, their optional arguments and what each returns.
 *
 * <p>Token and FPE functions take strictly valid NIRs (as the CLI does). Data never fails a query:
 * a null, invalid or undecryptable value gives null, and {@code nir_reason} tells why a NIR was
 * refused. Parameters do fail it, with a message naming the parameter: an unknown purpose (no
 * keyset), scheme, mode, profile, granularity or FPE key id. A null parameter gives null.
 *
 * <p>FPE ciphertexts carry no key id and have no integrity: a ciphertext decrypted with another key
 * of the purpose is some other, wrong NIR. So {@code nir_fpe_decrypt} never guesses the key:
 * without a {@code key_id} it uses the FPE keyset's only key, and once the keyset holds more than
 * one (after {@code nir keys rotate --kind fpe}) the query fails, naming the purpose and asking for
 * the key id. Store {@code nir_fpe_key_id(purpose)} beside the ciphertexts and pass it back:
 *
 * <pre>{@code
 * SELECT nir_fpe_encrypt(nir, 'lab-export') AS nir_fpe, nir_fpe_key_id('lab-export') AS fpe_key FROM patients;
 * SELECT nir_fpe_decrypt(nir_fpe, 'lab-export', 'marked', fpe_key) FROM exports;   -- after any rotation
 * }</pre>
 *
 * <pre>{@code
 * ProtectedKeys keys = ProtectedKeys.fromFile(Path.of("keys.ring"), KekReference.kms("gcp-kms://projects/p/locations/l/keyRings/r/cryptoKeys/k"));
 * NirFunctions nir = NirFunctions.register(spark, keys);
 *
 * spark.sql("SELECT nir_token(nir, 'research-42') AS pseudo, nir_reason(nir) AS reason FROM patients");
 *
 * Dataset<Row> out = patients.select(
 *     nir.token(col("nir"), "research-42").as("pseudo"),
 *     nir.fpeEncrypt(col("nir"), "lab-export").as("nir_fpe"),
 *     nir.reason(col("nir")).as("reason"),
 *     nir.generalizeBirthDate(col("birth_date"), "year-month").as("birth"));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class NirFunctions {
  /** The names of the SQL functions {@link #register} adds. */
  public static final List<String> SQL_FUNCTIONS = SqlFunctions.NAMES;

  private final ProtectedKeys keys;
  private final UdfColumns udfs;
  private final boolean optionalArguments;

  private NirFunctions(ProtectedKeys keys, UdfColumns udfs, boolean optionalArguments) {
    this.keys = keys;
    this.udfs = udfs;
    this.optionalArguments = optionalArguments;
  }

  /**
   * Returns the functions for the DataFrame API only, without registering SQL names.
   *
   * @param keys the protected key ring
   * @return the functions
   */
  public static NirFunctions of(ProtectedKeys keys) {
    return new NirFunctions(keys, new UdfColumns(keys), false);
  }

  /**
   * Registers the SQL functions (see the class description) on a session, and returns the functions
   * for the DataFrame API. Nothing is decrypted here: each JVM decrypts the ring on the first row
   * it processes. Registering again replaces the functions (e.g. with another ring).
   *
   * <p>Refuses a session whose configuration holds the KEK ({@code
   * spark.executorEnv.NIRGUARD_KEK=...}, or any {@code spark.executorEnv}, {@code
   * yarn.appMasterEnv} or {@code kubernetes.driverEnv} variable named like a KEK or as the {@link
   * KekReference}'s): it would be shown in the Spark UI and event logs. {@code
   * spark.nirguard.insecureKekInSparkConf=true} accepts it (development only).
   *
   * @param spark the session
   * @param keys the protected key ring
   * @return the functions
   * @throws IllegalStateException if the Spark configuration holds the KEK (see above)
   */
  public static NirFunctions register(SparkSession spark, ProtectedKeys keys) {
    return register(spark, keys, true);
  }

  /**
   * {@link #register}, optionally without trying SQL functions with defaults (tests of older
   * Spark).
   */
  static NirFunctions register(
      SparkSession spark, ProtectedKeys keys, boolean tryOptionalArguments) {
    KekInSparkConf.refuse(spark, keys.kekReference());
    UdfColumns udfs = new UdfColumns(keys);
    boolean optionalArguments = SqlFunctions.register(spark, keys, udfs, tryOptionalArguments);
    return new NirFunctions(keys, udfs, optionalArguments);
  }

  /**
   * Returns whether {@link #register} could give the SQL functions their optional arguments (Spark
   * 4.1 and later); otherwise only the short forms and the {@code nirguard_*} explicit forms exist.
   * Always {@code false} for functions made by {@link #of}.
   *
   * @return {@code true} if e.g. {@code nir_fpe_encrypt(text, purpose, 'format-valid')} works in
   *     SQL
   */
  public boolean optionalArguments() {
    return optionalArguments;
  }

  /**
   * Returns the protected keys the functions use.
   *
   * @return the keys
   */
  public ProtectedKeys keys() {
    return keys;
  }

  // ---- DataFrame API --------------------------------------------------------------------------

  /**
   * Whether a text is a strictly valid NIR; never null ({@code false} for null).
   *
   * @param text a column of texts (cast to string)
   * @return a BOOLEAN column
   */
  public Column valid(Column text) {
    return valid(text, "strict");
  }

  /**
   * Whether a text is a NIR under a profile.
   *
   * @param text a column of texts
   * @param profile {@code strict}, {@code lenient} or {@code checksum}
   * @return a BOOLEAN column
   * @throws IllegalArgumentException for an unknown profile
   */
  public Column valid(Column text, String profile) {
    return udfs.valid(text, profile);
  }

  /**
   * Why a text is not a strictly valid NIR: a {@link io.github.nirguard.core.NirError} code, null
   * when valid ({@code EMPTY} for null).
   *
   * @param text a column of texts
   * @return a STRING column
   */
  public Column reason(Column text) {
    return reason(text, "strict");
  }

  /**
   * Why a text is not a NIR under a profile.
   *
   * @param text a column of texts
   * @param profile {@code strict}, {@code lenient} or {@code checksum}
   * @return a STRING column
   * @throws IllegalArgumentException for an unknown profile
   */
  public Column reason(Column text, String profile) {
    return udfs.reason(text, profile);
  }

  /**
   * The compact form of a strictly valid NIR ({@code 255081416802538}), null otherwise.
   *
   * @param text a column of texts
   * @return a STRING column
   */
  public Column normalize(Column text) {
    return normalize(text, "strict");
  }

  /**
   * The compact form of a NIR valid under a profile, null otherwise.
   *
   * @param text a column of texts
   * @param profile {@code strict}, {@code lenient} or {@code checksum}
   * @return a STRING column
   * @throws IllegalArgumentException for an unknown profile
   */
  public Column normalize(Column text, String profile) {
    return udfs.normalize(text, profile);
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
   * The compact NIR of a reversible token (the scheme is read from its prefix); null for a keyed
   * token, a token of another key or purpose, or anything else.
   *
   * @param token a column of tokens
   * @param purpose the purpose
   * @return a STRING column
   * @throws IllegalArgumentException for an invalid purpose name
   */
  public Column reveal(Column token, String purpose) {
    return udfs.reveal(token, purpose);
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
   * The compact NIR of a marked-mode FPE ciphertext; null when it is not one. Uses the keyset's
   * only key: once the purpose's FPE keyset holds more than one key (after {@code nir keys rotate
   * --kind fpe}), the query fails, naming the purpose, and the key id must be passed ({@link
   * #fpeDecrypt(Column, String, String, Column)}): FPE has no integrity, and the primary key would
   * decrypt older ciphertexts into other, wrong NIRs.
   *
   * @param text a column of ciphertexts
   * @param purpose the purpose
   * @return a STRING column
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
   * @throws IllegalArgumentException for an invalid purpose name or an unknown mode
   */
  public Column fpeDecrypt(Column text, String purpose, String mode, Column keyId) {
    return udfs.fpeDecrypt(text, purpose, mode, keyId);
  }

  /**
   * The id (8 hex digits) of the key {@link #fpeEncrypt} uses now, the primary key of the purpose's
   * FPE keyset: store it beside the ciphertexts, to decrypt them after a rotation with {@link
   * #fpeDecrypt(Column, String, String, Column)}.
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
   * A birth date generalised to its year ({@code "1955"}) or year and month ({@code "1955-08"}), as
   * the policy actions {@code generalize:year} and {@code generalize:year-month} do.
   *
   * @param date a DATE column (a TIMESTAMP is cut to its date), or a STRING column of {@code
   *     YYYY-MM-DD} or {@code DD/MM/YYYY} dates, read as the policy engine reads them
   * @param granularity {@code year} or {@code year-month}
   * @return a STRING column, null for null or unreadable dates
   * @throws IllegalArgumentException for an unknown granularity
   */
  public Column generalizeBirthDate(Column date, String granularity) {
    return udfs.generalizeBirthDate(date, granularity);
  }

  /**
   * How many NIRs a free-text column holds, as {@code nir scan} finds them ({@code
   * NirScanner.standard()}).
   *
   * <pre>{@code
   * notes.where(nir.scanCount(col("comment")).gt(0)).count();   // rows still holding a NIR
   * }</pre>
   *
   * @param text a STRING column
   * @return an INT column, null for null
   */
  public Column scanCount(Column text) {
    return udfs.scanCount(text);
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

  /**
   * Returns the keys' description, never key material.
   *
   * @return a description
   */
  @Override
  public String toString() {
    return "NirFunctions[" + keys + "]";
  }
}
