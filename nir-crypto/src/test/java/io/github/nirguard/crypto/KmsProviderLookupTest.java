package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Kek#fromKms}'s choice among {@link KmsProvider}s found with {@link
 * java.util.ServiceLoader} through the thread's context class loader: the longest matching prefix
 * wins, case aside; blank prefixes are ignored; two providers of different classes claiming one
 * prefix are refused. The providers are declared the way a class-path jar declares them (a {@code
 * META-INF/services} file) and defined by a loader of their own, outside this module.
 */
class KmsProviderLookupTest {
  @TempDir Path dir;

  /** Claims {@code lookup-test://}. */
  public static final class ShortPrefix implements KmsProvider {
    @Override
    public String prefix() {
      return "lookup-test://";
    }

    @Override
    public Aead aead(String keyUri) throws GeneralSecurityException {
      return KeysetHandle.generateNew(PredefinedAeadParameters.AES128_GCM)
          .getPrimitive(RegistryConfiguration.get(), Aead.class);
    }
  }

  /** Claims the longer {@code lookup-test://long/}. */
  public static final class LongPrefix implements KmsProvider {
    @Override
    public String prefix() {
      return "lookup-test://long/";
    }

    @Override
    public Aead aead(String keyUri) throws GeneralSecurityException {
      return KeysetHandle.generateNew(PredefinedAeadParameters.AES128_GCM)
          .getPrimitive(RegistryConfiguration.get(), Aead.class);
    }
  }

  /** Claims {@code lookup-test://} too: a conflict with {@link ShortPrefix}. */
  public static final class Rival implements KmsProvider {
    @Override
    public String prefix() {
      return "lookup-test://";
    }

    @Override
    public Aead aead(String keyUri) throws GeneralSecurityException {
      throw new GeneralSecurityException("never asked");
    }
  }

  /** A blank prefix, which matches nothing. */
  public static final class Blank implements KmsProvider {
    @Override
    public String prefix() {
      return "";
    }

    @Override
    public Aead aead(String keyUri) throws GeneralSecurityException {
      throw new GeneralSecurityException("never asked");
    }
  }

  /** No prefix at all, which matches nothing. */
  public static final class NoPrefix implements KmsProvider {
    @Override
    public String prefix() {
      return null;
    }

    @Override
    public Aead aead(String keyUri) throws GeneralSecurityException {
      throw new GeneralSecurityException("never asked");
    }
  }

  /** Defines the providers itself (an unnamed module) and lists them as a services file. */
  private static final class Providers extends ClassLoader {
    private final URL services;

    Providers(Path services) throws IOException {
      super(KmsProviderLookupTest.class.getClassLoader());
      this.services = services.toUri().toURL();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith(KmsProviderLookupTest.class.getName() + "$")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          String file = name.substring(name.lastIndexOf('.') + 1) + ".class";
          try (InputStream in = KmsProviderLookupTest.class.getResourceAsStream(file)) {
            byte[] b = in.readAllBytes();
            c = defineClass(name, b, 0, b.length);
          } catch (IOException | NullPointerException e) {
            throw new ClassNotFoundException(name, e);
          }
        }
        return c;
      }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
      return name.equals("META-INF/services/" + KmsProvider.class.getName())
          ? Collections.enumeration(List.of(services))
          : Collections.emptyEnumeration();
    }
  }

  private Kek fromKms(String uri, Class<?>... providers) throws Exception {
    StringBuilder names = new StringBuilder();
    for (Class<?> p : providers) {
      names.append(p.getName()).append('\n');
    }
    Path services = Files.writeString(dir.resolve("services-" + providers.length), names);
    Thread t = Thread.currentThread();
    ClassLoader before = t.getContextClassLoader();
    t.setContextClassLoader(new Providers(services));
    try {
      return Kek.fromKms(uri);
    } finally {
      t.setContextClassLoader(before);
    }
  }

  @Test
  void theLongestMatchingPrefixWinsCaseAside() throws Exception {
    byte[] plain = "ring".getBytes(StandardCharsets.US_ASCII);
    Kek longer =
        fromKms("lookup-test://long/key", ShortPrefix.class, LongPrefix.class, Blank.class);
    assertEquals("Kek[kms lookup-test://long/]", longer.toString());
    assertArrayEquals(plain, longer.aead().decrypt(longer.aead().encrypt(plain, plain), plain));
    assertEquals(
        "Kek[kms lookup-test://long/]",
        fromKms("lookup-test://long/key", LongPrefix.class, ShortPrefix.class, NoPrefix.class)
            .toString());
    assertEquals(
        "Kek[kms lookup-test://]",
        fromKms("LOOKUP-TEST://other", LongPrefix.class, ShortPrefix.class).toString());
    assertEquals(
        "Kek[kms lookup-test://]",
        fromKms("lookup-test://lon", LongPrefix.class, ShortPrefix.class).toString());
  }

  @Test
  void blankPrefixesMatchNothing() {
    GeneralSecurityException e =
        assertThrows(
            GeneralSecurityException.class,
            () -> fromKms("lookup-test://x", Blank.class, NoPrefix.class));
    assertTrue(e.getMessage().startsWith("no KMS provider for lookup-test:// URIs"), e::getMessage);
  }

  @Test
  void twoProvidersClaimingOnePrefixAreRefused() throws Exception {
    GeneralSecurityException e =
        assertThrows(
            GeneralSecurityException.class,
            () -> fromKms("lookup-test://x", ShortPrefix.class, Rival.class));
    assertEquals(
        "two KmsProviders claim lookup-test://: "
            + ShortPrefix.class.getName()
            + " and "
            + Rival.class.getName(),
        e.getMessage());
    // a shorter claim after a longer one is no conflict; neither is one class listed twice
    assertEquals(
        "Kek[kms lookup-test://long/]",
        fromKms("lookup-test://long/k", LongPrefix.class, ShortPrefix.class, Rival.class)
            .toString());
    assertEquals(
        "Kek[kms lookup-test://]",
        fromKms("lookup-test://x", ShortPrefix.class, ShortPrefix.class).toString());
  }
}
