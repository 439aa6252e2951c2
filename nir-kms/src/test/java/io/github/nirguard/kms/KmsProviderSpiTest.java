package io.github.nirguard.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.crypto.Kek;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.crypto.KmsProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.GeneralSecurityException;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The SPI: providers found by the ServiceLoader, chosen by URI prefix. */
class KmsProviderSpiTest {
  @Test
  void theShippedAndTheExampleProvidersAreRegistered() {
    Set<String> prefixes =
        ServiceLoader.load(KmsProvider.class).stream()
            .map(p -> p.get().prefix())
            .collect(Collectors.toSet());
    assertEquals(Set.of("gcp-kms://", "aws-kms://", "example-transit://"), prefixes);
  }

  @Test
  void aUserProviderOpensItsUrisThroughKekFromKms() throws Exception {
    KeyRing ring = KeyRingManager.empty().add("lab", KeyKind.TOKEN).ring();
    Kek kek = Kek.fromKms("example-transit://vault.test/transit/keys/nirguard");
    assertEquals("Kek[kms example-transit://]", kek.toString());
    byte[] file = ring.toBytes(kek);
    assertEquals(
        ring,
        KeyRing.fromBytes(file, Kek.fromKms("EXAMPLE-TRANSIT://vault.test/transit/keys/nirguard")));
    assertThrows(
        GeneralSecurityException.class,
        () ->
            KeyRing.fromBytes(
                file, Kek.fromKms("example-transit://vault.test/transit/keys/other")));
  }

  @Test
  void anUnknownSchemeIsNamedNotTheWholeUri() {
    GeneralSecurityException e =
        assertThrows(
            GeneralSecurityException.class,
            () -> Kek.fromKms("vault-transit://host/transit/keys/secret-name"));
    assertTrue(
        e.getMessage().contains("no KMS provider for vault-transit:// URIs"), e.getMessage());
    assertTrue(!e.getMessage().contains("secret-name"), e.getMessage());
  }

  /**
   * Some application servers give each application a context class loader that does not see the
   * libraries' {@code META-INF/services}: {@code Kek} then looks again with its own loader, and
   * finds the providers there.
   */
  @Test
  void providersAreFoundWithNirguardsLoaderWhenTheContextLoaderSeesNone() throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader saved = thread.getContextClassLoader();
    try (URLClassLoader blind =
        new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
      thread.setContextClassLoader(blind);
      assertEquals(
          0,
          ServiceLoader.load(KmsProvider.class).stream().count(),
          "the context loader sees none");
      Kek kek = Kek.fromKms("example-transit://vault.test/transit/keys/nirguard");
      assertEquals("Kek[kms example-transit://]", kek.toString());
    } finally {
      thread.setContextClassLoader(saved);
    }
  }
}
