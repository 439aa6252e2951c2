package io.github.nirguard.spark;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.UDFRegistration;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;

/**
 * Registers the SQL functions of {@link NirFunctions#register} on a session: the explicit {@code
 * nirguard_*} forms and the fixed-arity functions on every Spark version, then the public names
 * with optional arguments, as SQL functions with {@code DEFAULT} parameters (Spark 4.1+), or else
 * as short forms with the defaults applied.
 */
final class SqlFunctions {
  /** The names registered, as {@link NirFunctions#SQL_FUNCTIONS} publishes them. */
  static final List<String> NAMES =
      List.of(
          "nir_valid",
          "nir_reason",
          "nir_normalize",
          "nir_token",
          "nir_reversible_token",
          "nir_reveal",
          "nir_fpe_encrypt",
          "nir_fpe_decrypt",
          "nir_fpe_key_id",
          "nir_generalize_birth_date",
          "nir_scan_count",
          "nir_scan_redact",
          "nirguard_valid",
          "nirguard_reason",
          "nirguard_normalize",
          "nirguard_fpe_encrypt",
          "nirguard_fpe_decrypt",
          "nirguard_fpe_decrypt_key");

  private SqlFunctions() {}

  /**
   * Registers every function; returns whether the public names got their optional arguments (never
   * tried unless {@code tryOptionalArguments}: tests of older Spark).
   */
  static boolean register(
      SparkSession spark, ProtectedKeys keys, UdfColumns f, boolean tryOptionalArguments) {
    UDFRegistration r = spark.udf();
    // explicit forms, every argument, on every Spark version
    r.register("nirguard_valid", f.valid);
    r.register("nirguard_reason", f.reason);
    r.register("nirguard_normalize", f.normalize);
    r.register("nirguard_fpe_encrypt", f.fpeEncrypt);
    r.register("nirguard_fpe_decrypt", f.fpeDecrypt);
    r.register("nirguard_fpe_decrypt_key", f.fpeDecryptKey);
    // fixed arity
    r.register("nir_token", f.token);
    r.register("nir_reversible_token", f.reversibleToken);
    r.register("nir_reveal", f.reveal);
    r.register("nir_fpe_key_id", f.fpeKeyId);
    r.register("nir_generalize_birth_date", f.generalizeBirthDate);
    r.register("nir_scan_count", f.scanCount);
    r.register("nir_scan_redact", f.scanRedact);
    // optional arguments: SQL functions with DEFAULT parameters over the explicit forms (Spark
    // 4.1+)
    boolean optionalArguments =
        tryOptionalArguments
            && tryCreate(
                spark,
                sqlFunction(
                    "nir_valid",
                    "BOOLEAN",
                    "text STRING, profile STRING DEFAULT 'strict'",
                    "nirguard_valid(text, profile)"),
                sqlFunction(
                    "nir_reason",
                    "STRING",
                    "text STRING, profile STRING DEFAULT 'strict'",
                    "nirguard_reason(text, profile)"),
                sqlFunction(
                    "nir_normalize",
                    "STRING",
                    "text STRING, profile STRING DEFAULT 'strict'",
                    "nirguard_normalize(text, profile)"),
                sqlFunction(
                    "nir_fpe_encrypt",
                    "STRING",
                    "text STRING, purpose STRING, mode STRING DEFAULT 'marked'",
                    "nirguard_fpe_encrypt(text, purpose, mode)"),
                // key_id '' (the default) means none given: the keyset's only key, or a failed
                // query after a rotation
                sqlFunction(
                    "nir_fpe_decrypt",
                    "STRING",
                    "text STRING, purpose STRING, mode STRING DEFAULT 'marked', key_id STRING DEFAULT ''",
                    "CASE WHEN key_id = '' THEN nirguard_fpe_decrypt(text, purpose, mode)"
                        + " ELSE nirguard_fpe_decrypt_key(text, purpose, mode, key_id) END"));
    if (!optionalArguments) {
      // older Spark: the short forms under the public names, defaults applied
      r.register(
          "nir_valid", (UDF1<String, Boolean>) new ValidationUdfs.Valid(), DataTypes.BooleanType);
      r.register(
          "nir_reason", (UDF1<String, String>) new ValidationUdfs.Reason(), DataTypes.StringType);
      r.register(
          "nir_normalize",
          (UDF1<String, String>) new ValidationUdfs.Normalize(),
          DataTypes.StringType);
      r.register(
          "nir_fpe_encrypt",
          (UDF2<String, String, String>) new FpeUdfs.FpeEncrypt(keys),
          DataTypes.StringType);
      r.register(
          "nir_fpe_decrypt",
          (UDF2<String, String, String>) new FpeUdfs.FpeDecrypt(keys, f.audit),
          DataTypes.StringType);
    }
    return optionalArguments;
  }

  private static String sqlFunction(String name, String returns, String params, String body) {
    return "CREATE OR REPLACE TEMPORARY FUNCTION "
        + name
        + "("
        + params
        + ") RETURNS "
        + returns
        + " RETURN "
        + body;
  }

  private static boolean tryCreate(SparkSession spark, String... statements) {
    try {
      for (String s : statements) {
        spark.sql(s);
      }
      return true;
    } catch (RuntimeException e) {
      return false; // no SQL functions with DEFAULT parameters on this Spark
    }
  }
}
