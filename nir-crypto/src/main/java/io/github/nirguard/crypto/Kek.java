package io.github.nirguard.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.KmsClients;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A key-encryption key (KEK): the Tink {@link Aead} that encrypts a key ring file.
 *
 * <p>Sources, from production to development: a KMS ({@link #fromKms}), an environment variable set
 * by a secret manager ({@link #fromEnvironment}), a local cleartext keyset file ({@link
 * #insecureFromCleartextFile}, development only, hence the name).
 *
 * <pre>{@code
 * Kek kek = Kek.fromKms("gcp-kms://projects/p/locations/l/keyRings/r/cryptoKeys/k");
 * KeyRing ring = KeyRing.read(Path.of("keys.ring"), kek);
 * }</pre>
 *
 * <p>On the module path, Tink (an automatic module, so it declares no dependencies) reads JSON
 * keysets with Gson ({@link #fromEnvironment}, {@link #insecureFromCleartextFile}, {@link
 * #insecureCreateCleartextFile}): this module requires {@code com.google.gson} for it, so no {@code
 * --add-modules} flag is needed.
 *
 * @since 0.1.0
 */
public final class Kek {
  private final Aead aead;
  private final String source;

  private Kek(Aead aead, String source) {
    this.aead = aead;
    this.source = source;
  }

  /**
   * Wraps an existing Tink AEAD (e.g. from your own KMS integration).
   *
   * @param aead the AEAD
   * @param description a short description of where it comes from, for {@code toString}
   * @return the KEK
   */
  public static Kek of(Aead aead, String description) {
    return new Kek(
        Objects.requireNonNull(aead, "aead"), Objects.requireNonNull(description, "description"));
  }

  /**
   * Uses a KMS key: the KEK never leaves the KMS, each wrap and unwrap is a call to it.
   *
   * <p>The URI is opened by a Tink {@code KmsClient} the application registered for it with {@link
   * KmsClients#add} (an explicit choice wins), else by the {@link KmsProvider} for its prefix
   * ({@code gcp-kms://} and {@code aws-kms://} come with module {@code nir-kms}; others through the
   * SPI), found with {@link ServiceLoader} on the module path, the thread's context class loader
   * and this module's loader.
   *
   * @param keyUri the KMS key URI, e.g. {@code aws-kms://...} or {@code gcp-kms://...}
   * @return the KEK
   * @throws GeneralSecurityException if nothing opens the URI (the message names its scheme), two
   *     providers claim the same prefix, or the provider fails
   */
  public static Kek fromKms(String keyUri) throws GeneralSecurityException {
    Objects.requireNonNull(keyUri, "keyUri");
    TinkSetup.ensure();
    KmsClient client = registeredClient(keyUri);
    if (client != null) {
      return new Kek(client.getAead(keyUri), "kms");
    }
    KmsProvider provider = kmsProvider(keyUri);
    if (provider == null) {
      throw new GeneralSecurityException(
          "no KMS provider for "
              + scheme(keyUri)
              + " URIs: put module nir-kms (gcp-kms://, aws-kms://) or your own KmsProvider on"
              + " the class path");
    }
    return new Kek(provider.aead(keyUri), "kms " + provider.prefix());
  }

  /** The Tink {@code KmsClient} the application registered for the URI, or null. */
  private static @Nullable KmsClient registeredClient(String keyUri) {
    try {
      return KmsClients.get(keyUri);
    } catch (GeneralSecurityException none) {
      return null;
    }
  }

  /**
   * The provider whose prefix starts the URI, the longest if several do; null if none. Two
   * providers of different classes with that same prefix are refused: which KMS gets the key
   * material must not depend on the class path's order.
   */
  private static @Nullable KmsProvider kmsProvider(String keyUri) throws GeneralSecurityException {
    List<KmsProvider> all = new ArrayList<>();
    try {
      ServiceLoader.load(KmsProvider.class).forEach(all::add);
      ServiceLoader.load(KmsProvider.class, Kek.class.getClassLoader()).forEach(all::add);
    } catch (ServiceConfigurationError e) {
      throw new GeneralSecurityException("a KmsProvider cannot be loaded: " + e.getMessage(), e);
    }
    KmsProvider best = null;
    for (KmsProvider p : all) {
      String prefix = p.prefix();
      if (prefix == null
          || prefix.isEmpty()
          || !keyUri.regionMatches(true, 0, prefix, 0, prefix.length())) {
        continue;
      }
      if (best == null || prefix.length() > best.prefix().length()) {
        best = p;
      } else if (prefix.length() == best.prefix().length()
          && !p.getClass().getName().equals(best.getClass().getName())) {
        throw new GeneralSecurityException(
            "two KmsProviders claim "
                + prefix
                + ": "
                + best.getClass().getName()
                + " and "
                + p.getClass().getName());
      }
    }
    return best;
  }

  /** The scheme of a URI and its {@code ://}, or a placeholder: never the rest (key names). */
  private static String scheme(String keyUri) {
    int i = keyUri.indexOf("://");
    String s = i > 0 ? keyUri.substring(0, i + 3) : "";
    return s.matches("[A-Za-z][A-Za-z0-9+.-]*://")
        ? s.toLowerCase(Locale.ROOT)
        : "such (no scheme://)";
  }

  /**
   * Reads the KEK from an environment variable holding a Tink AEAD keyset in JSON, as injected by a
   * secret manager.
   *
   * @param variable the variable's name, e.g. {@code NIRGUARD_KEK}
   * @return the KEK
   * @throws GeneralSecurityException if the variable is unset or does not hold an AEAD keyset
   */
  public static Kek fromEnvironment(String variable) throws GeneralSecurityException {
    String json = System.getenv(variable);
    if (json == null || json.isBlank()) {
      throw new GeneralSecurityException("KEK environment variable is not set");
    }
    return new Kek(parse(json), "environment");
  }

  /**
   * Reads the KEK from a local file holding a cleartext Tink AEAD keyset (JSON). For development
   * and tests only: the KEK sits unprotected on disk. Where the file system has POSIX permissions,
   * a file that group or others may read or write is refused ({@code chmod 600} it).
   *
   * @param file the keyset file
   * @return the KEK
   * @throws IOException if the file cannot be read
   * @throws GeneralSecurityException if it does not hold an AEAD keyset, or group or others may
   *     read or write it
   */
  public static Kek insecureFromCleartextFile(Path file)
      throws IOException, GeneralSecurityException {
    if (openToOthers(file)) {
      throw new GeneralSecurityException(
          "the KEK file is readable or writable by group or others: refused (chmod 600 it)");
    }
    return new Kek(parse(Files.readString(file, StandardCharsets.UTF_8)), "local file");
  }

  /**
   * Returns whether group or others may read or write a file, where the file system has POSIX
   * permissions ({@code false} elsewhere: nothing to check).
   *
   * <pre>{@code
   * if (Kek.openToOthers(kekFile)) System.err.println("chmod 600 " + kekFile);
   * }</pre>
   *
   * @param file the file
   * @return {@code true} if a group or other read or write bit is set
   * @throws IOException if the permissions cannot be read
   * @since 0.1.0
   */
  public static boolean openToOthers(Path file) throws IOException {
    if (!Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
      return false;
    }
    Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
    return p.contains(PosixFilePermission.GROUP_READ)
        || p.contains(PosixFilePermission.GROUP_WRITE)
        || p.contains(PosixFilePermission.OTHERS_READ)
        || p.contains(PosixFilePermission.OTHERS_WRITE);
  }

  /**
   * Creates a new random AES-256-GCM KEK and writes it as a cleartext keyset file, readable by its
   * owner only where the file system allows. For development and demos only.
   *
   * @param file where to write it (must not exist)
   * @return the KEK
   * @throws IOException if the file exists or cannot be written
   * @throws GeneralSecurityException if Tink fails
   */
  public static Kek insecureCreateCleartextFile(Path file)
      throws IOException, GeneralSecurityException {
    TinkSetup.ensure();
    KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
    String json = TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
    AtomicFile.write(file, json.getBytes(StandardCharsets.UTF_8), false);
    return new Kek(handle.getPrimitive(RegistryConfiguration.get(), Aead.class), "local file");
  }

  /**
   * Creates a random in-memory KEK, for tests and throwaway demos.
   *
   * @return the KEK
   * @throws GeneralSecurityException if Tink fails
   */
  public static Kek insecureEphemeral() throws GeneralSecurityException {
    TinkSetup.ensure();
    KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
    return new Kek(handle.getPrimitive(RegistryConfiguration.get(), Aead.class), "ephemeral");
  }

  private static Aead parse(String json) throws GeneralSecurityException {
    TinkSetup.ensure();
    KeysetHandle handle =
        TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
    return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
  }

  Aead aead() {
    return aead;
  }

  /**
   * Returns where the KEK comes from, never key material.
   *
   * @return e.g. {@code Kek[kms]}
   */
  @Override
  public String toString() {
    return "Kek[" + source + "]";
  }
}
