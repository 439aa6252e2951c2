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
 * <p>{@link io.github.nirguard.spark.NirFunctions#register} adds these SQL functions to a session
 * ({@code [ ]}: optional, with its default):
 *
 * <table>
 *   <caption>SQL functions</caption>
 *   <tr><th>function</th><th>returns</th></tr>
 *   <tr><td>{@code nir_valid(text [, profile = 'strict'])}</td>
 *       <td>BOOLEAN, never null (unless the profile is null): {@code profile} is {@code strict}, {@code lenient} or {@code checksum}</td></tr>
 *   <tr><td>{@code nir_reason(text [, profile])}</td>
 *       <td>the reason code (e.g. {@code KEY_MISMATCH}; {@code EMPTY} for null), null when valid</td></tr>
 *   <tr><td>{@code nir_normalize(text [, profile])}</td><td>the compact 15-character form, or null</td></tr>
 *   <tr><td>{@code nir_token(text, purpose)}</td><td>the keyed token {@code nt1.…}, or null</td></tr>
 *   <tr><td>{@code nir_reversible_token(text, purpose, scheme)}</td>
 *       <td>a {@code prp} ({@code np1.…}) or {@code siv} ({@code ns1.…}) token, or null</td></tr>
 *   <tr><td>{@code nir_reveal(token, purpose)}</td>
 *       <td>the compact NIR of a PRP or SIV token, null for anything else</td></tr>
 *   <tr><td>{@code nir_fpe_encrypt(text, purpose [, mode = 'marked'])}</td>
 *       <td>the 15-character ciphertext ({@code marked} or {@code format-valid}), or null</td></tr>
 *   <tr><td>{@code nir_fpe_decrypt(text, purpose [, mode [, key_id]])}</td>
 *       <td>the compact NIR, or null; without {@code key_id}, only while the FPE keyset has one key</td></tr>
 *   <tr><td>{@code nir_fpe_key_id(purpose)}</td>
 *       <td>the 8 hex digits of the key {@code nir_fpe_encrypt} uses now (the primary)</td></tr>
 *   <tr><td>{@code nir_generalize_birth_date(date, granularity)}</td>
 *       <td>{@code 'year'} gives {@code 1955}, {@code 'year-month'} gives {@code 1955-08}, from a DATE,
 *       a TIMESTAMP or a {@code YYYY-MM-DD} / {@code DD/MM/YYYY} string; null for null or unreadable dates</td></tr>
 *   <tr><td>{@code nir_scan_count(text)}</td>
 *       <td>how many NIRs a free text holds (strictly valid with their key, or 13-character bodies
 *       after a NIR label: {@code NirScanner.standard()}); null for null</td></tr>
 *   <tr><td>{@code nir_scan_redact(text, purpose)}</td>
 *       <td>the text with each NIR found replaced by its keyed token {@code nt1.…}, the rest kept</td></tr>
 * </table>
 *
 * <p>{@code nir_reveal} and {@code nir_fpe_decrypt} (and its explicit forms) give NIRs back: they
 * run only when the functions were registered with a {@link io.github.nirguard.spark.RevealAudit},
 * and each task that reveals appends one audit record per function and purpose with its count;
 * without one, they fail the query.
 *
 * <p>The optional arguments rely on SQL functions with {@code DEFAULT} parameters (Spark 4.1 and
 * later). Where those are unavailable, the short forms are registered instead, and the explicit
 * forms {@code nirguard_valid(text, profile)}, {@code nirguard_reason}, {@code nirguard_normalize},
 * {@code nirguard_fpe_encrypt(text, purpose, mode)}, {@code nirguard_fpe_decrypt(text, purpose,
 * mode)} and {@code nirguard_fpe_decrypt_key(text, purpose, mode, key_id)} — registered on every
 * version — take every argument. With defaults, a {@code key_id} of {@code ''} (the default) means
 * none given.
 *
 * <p>See {@code docs/spark.md} for key distribution, the Spark settings that encrypt broadcast and
 * shuffle data, and the {@code shaded} jar for Spark 4.0 and 4.1.
 *
 * @since 0.1.0
 */
package io.github.nirguard.spark;
