package io.github.nirguard.crypto;

import com.google.crypto.tink.Aead;
import java.security.GeneralSecurityException;

/**
 * A service provider that opens KMS keys of one URI scheme as KEKs: the door for a KMS nirguard
 * does not ship (HashiCorp Vault Transit, a PKCS#11 HSM, an in-house key service).
 *
 * <p>{@link Kek#fromKms} finds providers with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/io.github.nirguard.crypto.KmsProvider} (class path) or declare {@code
 * provides io.github.nirguard.crypto.KmsProvider with ...} in your {@code module-info.java}. The
 * provider whose {@link #prefix()} starts the URI (ignoring case; the longest wins) opens it,
 * unless the application registered a Tink {@code KmsClient} for the URI (that explicit choice
 * wins). Module {@code nir-kms} provides {@code gcp-kms://} (Google Cloud KMS) and {@code
 * aws-kms://} (AWS KMS). The constructor must be cheap: a provider is instantiated whenever a KMS
 * URI is resolved; load SDKs in {@link #aead}, not before.
 *
 * <pre>{@code
 * public final class VaultTransitProvider implements KmsProvider {
 *   public String prefix() { return "vault-transit://"; }
 *   public Aead aead(String keyUri) throws GeneralSecurityException {
 *     return new VaultTransitAead(keyUri);   // encrypt/decrypt through Vault's transit API
 *   }
 * }
 * Kek kek = Kek.fromKms("vault-transit://vault.example:8200/transit/keys/nirguard");
 * }</pre>
 *
 * @since 0.1.0
 */
public interface KmsProvider {

  /**
   * Returns the URI prefix this provider opens, scheme and {@code ://} included.
   *
   * @return e.g. {@code "vault-transit://"}
   */
  String prefix();

  /**
   * Opens one KMS key as a Tink {@link Aead}: {@code encrypt} and {@code decrypt} are calls to the
   * KMS, the key never leaves it. Failures are {@link GeneralSecurityException}s whose messages
   * hold no key material (a URI is not a secret).
   *
   * @param keyUri the full key URI, starting with {@link #prefix()}
   * @return the KMS-backed AEAD
   * @throws GeneralSecurityException if the URI is malformed or the client cannot be set up
   */
  Aead aead(String keyUri) throws GeneralSecurityException;
}
