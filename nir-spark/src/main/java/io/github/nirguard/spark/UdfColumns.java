package io.github.nirguard.spark;

import static org.apache.spark.sql.functions.lit;

import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.jspecify.annotations.Nullable;

/**
 * The Spark functions over one key ring, in their explicit forms (every argument): the handles
 * {@link SqlFunctions} registers, and the columns the DataFrame API of {@link NirFunctions} makes
 * of them, parameters checked on the driver.
 */
final class UdfColumns {
  final UserDefinedFunction valid;
  final UserDefinedFunction reason;
  final UserDefinedFunction normalize;
  final UserDefinedFunction token;
  final UserDefinedFunction reversibleToken;
  final UserDefinedFunction reveal;
  final UserDefinedFunction fpeEncrypt;
  final UserDefinedFunction fpeDecrypt;
  final UserDefinedFunction fpeDecryptKey;
  final UserDefinedFunction fpeKeyId;
  final UserDefinedFunction generalizeBirthDate;
  final UserDefinedFunction scanCount;
  final UserDefinedFunction scanRedact;

  /** Who reveals and why; without it the reveal functions refuse. */
  final @Nullable RevealAudit audit;

  UdfColumns(ProtectedKeys keys, @Nullable RevealAudit audit) {
    Objects.requireNonNull(keys, "keys");
    this.audit = audit;
    valid =
        functions
            .udf((UDF2<String, String, Boolean>) new ValidationUdfs.Valid(), DataTypes.BooleanType)
            .withName("nir_valid");
    reason =
        functions
            .udf((UDF2<String, String, String>) new ValidationUdfs.Reason(), DataTypes.StringType)
            .withName("nir_reason");
    normalize =
        functions
            .udf(
                (UDF2<String, String, String>) new ValidationUdfs.Normalize(), DataTypes.StringType)
            .withName("nir_normalize");
    token =
        functions.udf(new TokenUdfs.KeyedToken(keys), DataTypes.StringType).withName("nir_token");
    reversibleToken =
        functions
            .udf(new TokenUdfs.ReversibleToken(keys), DataTypes.StringType)
            .withName("nir_reversible_token");
    reveal =
        functions
            .udf(new TokenUdfs.Reveal(keys, audit), DataTypes.StringType)
            .withName("nir_reveal");
    fpeEncrypt =
        functions
            .udf(
                (UDF3<String, String, String, String>) new FpeUdfs.FpeEncrypt(keys),
                DataTypes.StringType)
            .withName("nir_fpe_encrypt");
    fpeDecrypt =
        functions
            .udf(
                (UDF3<String, String, String, String>) new FpeUdfs.FpeDecrypt(keys, audit),
                DataTypes.StringType)
            .withName("nir_fpe_decrypt");
    fpeDecryptKey =
        functions
            .udf(
                (UDF4<String, String, String, String, String>) new FpeUdfs.FpeDecrypt(keys, audit),
                DataTypes.StringType)
            .withName("nir_fpe_decrypt");
    fpeKeyId =
        functions.udf(new FpeUdfs.FpeKeyId(keys), DataTypes.StringType).withName("nir_fpe_key_id");
    generalizeBirthDate =
        functions
            .udf(new GeneralizeBirthDate(), DataTypes.StringType)
            .withName("nir_generalize_birth_date");
    scanCount =
        functions.udf(new ScanUdfs.Count(), DataTypes.IntegerType).withName("nir_scan_count");
    scanRedact =
        functions.udf(new ScanUdfs.Redact(keys), DataTypes.StringType).withName("nir_scan_redact");
  }

  private static Column text(Column c) {
    return Objects.requireNonNull(c, "column").cast(DataTypes.StringType);
  }

  Column valid(Column text, String profile) {
    Params.profile(profile);
    return valid.apply(text(text), lit(profile));
  }

  Column reason(Column text, String profile) {
    Params.profile(profile);
    return reason.apply(text(text), lit(profile));
  }

  Column normalize(Column text, String profile) {
    Params.profile(profile);
    return normalize.apply(text(text), lit(profile));
  }

  Column token(Column text, String purpose) {
    return token.apply(text(text), lit(Params.purpose(purpose)));
  }

  Column reversibleToken(Column text, String purpose, String scheme) {
    Params.scheme(scheme);
    return reversibleToken.apply(text(text), lit(Params.purpose(purpose)), lit(scheme));
  }

  Column reveal(Column token, String purpose) {
    RevealAudit.required(audit, "nir_reveal");
    return reveal.apply(text(token), lit(Params.purpose(purpose)));
  }

  Column fpeEncrypt(Column text, String purpose, String mode) {
    Params.mode(mode);
    return fpeEncrypt.apply(text(text), lit(Params.purpose(purpose)), lit(mode));
  }

  Column fpeDecrypt(Column text, String purpose, String mode) {
    RevealAudit.required(audit, "nir_fpe_decrypt");
    Params.mode(mode);
    return fpeDecrypt.apply(text(text), lit(Params.purpose(purpose)), lit(mode));
  }

  Column fpeDecrypt(Column text, String purpose, String mode, String keyId) {
    RevealAudit.required(audit, "nir_fpe_decrypt");
    Params.keyId(keyId);
    return fpeDecrypt(text, purpose, mode, lit(keyId));
  }

  Column fpeDecrypt(Column text, String purpose, String mode, Column keyId) {
    RevealAudit.required(audit, "nir_fpe_decrypt");
    Params.mode(mode);
    return fpeDecryptKey.apply(text(text), lit(Params.purpose(purpose)), lit(mode), text(keyId));
  }

  Column fpeKeyId(String purpose) {
    return fpeKeyId.apply(lit(Params.purpose(purpose)));
  }

  Column scanCount(Column text) {
    return scanCount.apply(text(text));
  }

  Column scanRedact(Column text, String purpose) {
    return scanRedact.apply(text(text), lit(Params.purpose(purpose)));
  }

  Column generalizeBirthDate(Column date, String granularity) {
    Params.yearOnly(granularity);
    return generalizeBirthDate.apply(Objects.requireNonNull(date, "date"), lit(granularity));
  }
}
