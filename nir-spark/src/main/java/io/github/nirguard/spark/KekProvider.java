package io.github.nirguard.spark;

import io.github.nirguard.crypto.Kek;
import java.io.IOException;
import java.security.GeneralSecurityException;

/**
 * Supplies the KEK on each JVM of a Spark job (driver and executors), for KEK sources that a {@link
 * KekReference} cannot name directly — your own KMS client, a vault agent, a sidecar.
 *
 * <p>An implementation must be a public class with a public no-argument constructor, present on
 * every executor's class path (in the application jar). It is instantiated at most once per JVM and
 * key ring, the first time a task needs the keys, and never serialized.
 *
 * <pre>{@code
 * public final class VaultKek implements KekProvider {
 *   public Kek kek() throws GeneralSecurityException {
 *     KmsClients.add(new MyVaultKmsClient());              // register your Tink KmsClient
 *     return Kek.fromKms("vault://transit/keys/nirguard");
 *   }
 * }
 * ProtectedKeys keys = ProtectedKeys.fromFile(Path.of("keys.ring"), KekReference.provider(VaultKek.class));
 * }</pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface KekProvider {

  /**
   * Returns the KEK of the key ring.
   *
   * @return the KEK
   * @throws IOException if a file or service cannot be read
   * @throws GeneralSecurityException if the KEK cannot be obtained
   */
  Kek kek() throws IOException, GeneralSecurityException;
}
