package io.github.nirguard.spark;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.jspecify.annotations.Nullable;

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
 * <p>The functions that give NIRs back ({@code nir_reveal}, {@code nir_fpe_decrypt} and their
 * DataFrame forms) run only with a {@link RevealAudit} (who, why, where the records go), given to
 * {@link #register(SparkSession, ProtectedKeys, RevealAudit)} or {@link #of(ProtectedKeys,
 * RevealAudit)}: without one they refuse, and each task that reveals appends one audit record per
 * function and purpose, never a value.
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
public final class NirFunctions extends RevealColumns {
  /** The names of the SQL functions {@link #register} adds. */
  public static final List<String> SQL_FUNCTIONS = SqlFunctions.NAMES;

  private final boolean optionalArguments;

  private NirFunctions(ProtectedKeys keys, UdfColumns udfs, boolean optionalArguments) {
    super(keys, udfs);
    this.optionalArguments = optionalArguments;
  }

  /**
   * Returns the functions for the DataFrame API only, without registering SQL names.
   *
   * @param keys the protected key ring
   * @return the functions
   */
  public static NirFunctions of(ProtectedKeys keys) {
    return new NirFunctions(keys, new UdfColumns(keys, null), false);
  }

  /**
   * Returns the functions for the DataFrame API only, the reveal functions audited.
   *
   * @param keys the protected key ring
   * @param audit who reveals, why, and where the records go
   * @return the functions
   * @throws IllegalStateException if the audit's sink cannot take a record now
   */
  public static NirFunctions of(ProtectedKeys keys, RevealAudit audit) {
    RevealTally.check(Objects.requireNonNull(audit, "audit"));
    return new NirFunctions(keys, new UdfColumns(keys, audit), false);
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
    return register(spark, keys, null, true);
  }

  /**
   * Registers the SQL functions as {@link #register(SparkSession, ProtectedKeys)} does, the reveal
   * functions ({@code nir_reveal}, {@code nir_fpe_decrypt} and its explicit forms) audited: each
   * task appends one record per function and purpose, with the count of NIRs it revealed, to the
   * audit's sink ({@code docs/audit.md}). The sink is checked here, on the driver, and again on
   * each executor before its first value.
   *
   * <pre>{@code
   * RevealAudit audit = RevealAudit.toFile(Path.of("/shared/keys.ring.audit"), "alice", "INC-2026-4521");
   * NirFunctions nir = NirFunctions.register(spark, keys, audit);
   * spark.sql("SELECT nir_reveal(pseudo, 'lab-export') AS nir FROM flagged");
   * }</pre>
   *
   * @param spark the session
   * @param keys the protected key ring
   * @param audit who reveals, why, and where the records go
   * @return the functions
   * @throws IllegalStateException if the Spark configuration holds the KEK, or the audit's sink
   *     cannot take a record now
   */
  public static NirFunctions register(SparkSession spark, ProtectedKeys keys, RevealAudit audit) {
    return register(spark, keys, Objects.requireNonNull(audit, "audit"), true);
  }

  /**
   * {@link #register}, optionally without trying SQL functions with defaults (tests of older
   * Spark).
   */
  static NirFunctions register(
      SparkSession spark, ProtectedKeys keys, boolean tryOptionalArguments) {
    return register(spark, keys, null, tryOptionalArguments);
  }

  /** {@link #register}, with or without an audit, optionally without SQL defaults. */
  static NirFunctions register(
      SparkSession spark,
      ProtectedKeys keys,
      @Nullable RevealAudit audit,
      boolean tryOptionalArguments) {
    KekInSparkConf.refuse(spark, keys.kekReference());
    if (audit != null) {
      RevealTally.check(audit);
    }
    UdfColumns udfs = new UdfColumns(keys, audit);
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

  /**
   * Returns the audit of the reveal functions; without one, they refuse.
   *
   * @return the audit, if the functions were made with one
   */
  public Optional<RevealAudit> revealAudit() {
    return Optional.ofNullable(udfs.audit);
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
