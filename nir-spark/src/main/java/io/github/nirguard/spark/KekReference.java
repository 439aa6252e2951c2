package io.github.nirguard.spark;

import io.github.nirguard.crypto.Kek;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where each JVM of a Spark job finds the KEK of a key ring: a name, never key material.
 *
 * <p>The reference travels with the job (it is {@link Serializable}); the KEK itself is obtained on
 * each JVM by {@link #resolve()}: from a KMS, from an environment variable that a secret manager
 * sets on every node, from a cleartext keyset file present on every node (development only), or
 * from your own {@link KekProvider}.
 *
 * <pre>{@code
 * KekReference kms = KekReference.kms("gcp-kms://projects/p/locations/l/keyRings/r/cryptoKeys/k");
 * KekReference env = KekReference.environment("NIRGUARD_KEK");   // from the cluster's secrets, never --conf
 * KekReference dev = KekReference.insecureCleartextFile("/etc/nirguard/dev-kek.json");
 * }</pre>
 *
 * @since 0.1.0
 */
public final class KekReference implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The kinds of reference. */
  private enum Kind {
    KMS,
    ENVIRONMENT,
    CLEARTEXT_FILE,
    PROVIDER
  }

  private final Kind kind;
  private final String name;

  private KekReference(Kind kind, String name) {
    this.kind = kind;
    this.name = name;
  }

  /**
   * Refers to a KMS key, resolved with {@link Kek#fromKms}: the recommended reference, since the
   * executors then read nothing secret from the Spark configuration; each JVM calls the KMS with
   * its own (node, pod or instance) identity. With module {@code nir-kms} in the application jar,
   * {@code gcp-kms://} and {@code aws-kms://} work as they are; other KMSs through a {@code
   * io.github.nirguard.crypto.KmsProvider} (or a Tink {@code KmsClient} registered on every JVM,
   * for example by a {@link KekProvider}).
   *
   * @param keyUri the KMS key URI, e.g. {@code aws-kms://...} or {@code gcp-kms://...}
   * @return the reference
   */
  public static KekReference kms(String keyUri) {
    return new KekReference(Kind.KMS, requireText(keyUri, "keyUri"));
  }

  /**
   * Refers to an environment variable holding a Tink AEAD keyset in JSON, set on the driver and on
   * every executor by the cluster manager's secrets (on Kubernetes, {@code
   * spark.kubernetes.executor.secretKeyRef.NIRGUARD_KEK=secret:key}), resolved with {@link
   * Kek#fromEnvironment}. Never through {@code spark.executorEnv.*}: that puts the KEK itself in
   * the Spark configuration, shown in the UI and written to event logs (the default redaction does
   * not match it); {@link NirFunctions#register} refuses such a configuration. Prefer {@link #kms}.
   *
   * @param variable the variable's name
   * @return the reference
   */
  public static KekReference environment(String variable) {
    return new KekReference(Kind.ENVIRONMENT, requireText(variable, "variable"));
  }

  /**
   * Refers to a cleartext Tink AEAD keyset file at the same path on every node, resolved with
   * {@link Kek#insecureFromCleartextFile}. Development and tests only: the KEK sits unprotected on
   * disk.
   *
   * @param path the file's path, the same on every node
   * @return the reference
   */
  public static KekReference insecureCleartextFile(String path) {
    return new KekReference(Kind.CLEARTEXT_FILE, requireText(path, "path"));
  }

  /**
   * Refers to a {@link KekProvider} class, instantiated on each JVM that needs the KEK.
   *
   * @param provider the class: public, with a public no-argument constructor, on every class path
   * @return the reference
   */
  public static KekReference provider(Class<? extends KekProvider> provider) {
    Objects.requireNonNull(provider, "provider");
    if (!KekProvider.class.isAssignableFrom(provider)) {
      throw new IllegalArgumentException("not a KekProvider");
    }
    return new KekReference(Kind.PROVIDER, provider.getName());
  }

  /**
   * Obtains the KEK on the current JVM.
   *
   * @return the KEK
   * @throws IOException if a file cannot be read
   * @throws GeneralSecurityException if the KEK cannot be obtained (unset variable, unknown KMS,
   *     not an AEAD keyset, provider failure)
   */
  public Kek resolve() throws IOException, GeneralSecurityException {
    switch (kind) {
      case KMS:
        return Kek.fromKms(name);
      case ENVIRONMENT:
        return Kek.fromEnvironment(name);
      case CLEARTEXT_FILE:
        return Kek.insecureFromCleartextFile(Path.of(name));
      case PROVIDER:
        return instantiate(name).kek();
      default:
        throw new AssertionError(kind);
    }
  }

  /** The variable's name for an environment reference, else null. */
  @Nullable String environmentVariable() {
    return kind == Kind.ENVIRONMENT ? name : null;
  }

  private static KekProvider instantiate(String className) throws GeneralSecurityException {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = KekReference.class.getClassLoader();
    }
    try {
      Class<?> c = Class.forName(className, true, loader);
      if (!KekProvider.class.isAssignableFrom(c)) {
        throw new GeneralSecurityException("KEK provider " + className + " is not a KekProvider");
      }
      return (KekProvider) c.getConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw new GeneralSecurityException(
          "KEK provider class not found on this JVM: " + className, e);
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
      throw new GeneralSecurityException(
          "KEK provider " + className + " needs a public no-argument constructor", e);
    } catch (InvocationTargetException e) {
      throw new GeneralSecurityException(
          "KEK provider " + className + " failed to initialise", e.getCause());
    }
  }

  private static String requireText(String s, String what) {
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return s;
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    if (kind == null || name == null || name.isBlank()) {
      throw new InvalidObjectException("incomplete KekReference");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KekReference
        && ((KekReference) o).kind == kind
        && ((KekReference) o).name.equals(name);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + name.hashCode();
  }

  /**
   * Returns the kind and name, e.g. {@code KekReference[environment NIRGUARD_KEK]}; names are not
   * secrets, key material is never part of a reference.
   *
   * @return a description
   */
  @Override
  public String toString() {
    return "KekReference["
        + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
        + " "
        + name
        + "]";
  }
}
