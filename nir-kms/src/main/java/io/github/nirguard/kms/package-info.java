/**
 * KMS clients for nir-crypto's {@code Kek.fromKms}: Google Cloud KMS ({@link
 * io.github.nirguard.kms.GcpKmsProvider}, {@code gcp-kms://}) and AWS KMS ({@link
 * io.github.nirguard.kms.AwsKmsProvider}, {@code aws-kms://}), registered as {@code
 * io.github.nirguard.crypto.KmsProvider} services.
 *
 * <pre>{@code
 * Kek kek = Kek.fromKms("gcp-kms://projects/p/locations/l/keyRings/r/cryptoKeys/k");
 * }</pre>
 *
 * @since 0.1.0
 */
package io.github.nirguard.kms;
