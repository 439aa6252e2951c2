package io.github.nirguard.kms;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.github.nirguard.crypto.KmsProvider;
import java.security.GeneralSecurityException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The smallest {@link KmsProvider}: what a Vault Transit or PKCS#11 provider looks like, with an
 * in-memory key per URI standing in for the remote service. Registered for the tests in {@code
 * src/test/resources/META-INF/services/io.github.nirguard.crypto.KmsProvider}; a real one would
 * call Vault's {@code transit/encrypt/<key>} and {@code transit/decrypt/<key>} in {@code encrypt}
 * and {@code decrypt}, or a PKCS#11 session's {@code C_Encrypt}/{@code C_Decrypt}.
 */
public final class ExampleTransitProvider implements KmsProvider {
  private static final ConcurrentHashMap<String, Aead> KEYS = new ConcurrentHashMap<>();

  @Override
  public String prefix() {
    return "example-transit://";
  }

  @Override
  public Aead aead(String keyUri) throws GeneralSecurityException {
    AeadConfig.register();
    String name = keyUri.substring(prefix().length()); // the scheme's case does not matter
    Aead a = KEYS.get(name);
    if (a == null) {
      a =
          KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
              .getPrimitive(RegistryConfiguration.get(), Aead.class);
      Aead prev = KEYS.putIfAbsent(name, a);
      a = prev != null ? prev : a;
    }
    return a;
  }
}
