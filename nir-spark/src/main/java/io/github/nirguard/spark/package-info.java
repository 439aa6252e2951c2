/**
 * nirguard on Apache Spark 4: NIR validation, keyed and reversible tokens, format-preserving
 * encryption and birth-date generalisation as Spark SQL and DataFrame functions, with outputs
 * identical to the plain library's.
 *
 * <p>Keys never travel in clear: a {@link io.github.nirguard.spark.ProtectedKeys} carries the
 * KEK-encrypted key ring and a {@link io.github.nirguard.spark.KekReference}; each executor JVM
 * resolves the KEK and decrypts the ring once. Invalid or null values give null (and a reason from
 * {@code nir_reason}), never a failed job.
 *
 * <pre>{@code
 * ProtectedKeys keys = ProtectedKeys.fromFile(Path.of("keys.ring"), KekReference.kms("gcp-kms://projects/p/locations/l/keyRings/r/cryptoKeys/k"));
 * NirFunctions nir = NirFunctions.register(spark, keys);
 * spark.sql("SELECT nir_token(nir, 'research-42') AS pseudo, nir_reason(nir) AS reason FROM patients");
 * }</pre>
 *
 * <p>See {@code docs/spark.md} for key distribution, the Spark settings that encrypt broadcast and
 * shuffle data, and the {@code shaded} jar for Spark 4.0 and 4.1.
 *
 * @since 0.1.0
 */
package io.github.nirguard.spark;
