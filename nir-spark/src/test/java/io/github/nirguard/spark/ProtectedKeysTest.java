package io.github.nirguard.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.crypto.Kek;
import io.github.nirguard.crypto.KeyRing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What travels to executors, and how each JVM opens it. No Spark here. */
class ProtectedKeysTest {
  @TempDir Path dir;

  @SuppressWarnings("unchecked")
  static <T> T roundTrip(T o) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(b)) {
      out.writeObject(o);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  @Test
  void travelsEncryptedAndOpensOncePerJvm() throws Exception {
    KeyRing ring = SparkTests.ring("research-42");
    ProtectedKeys keys = SparkTests.protect(ring, dir);
    ProtectedKeys copy = roundTrip(keys);
    assertNotSame(keys, copy);
    assertEquals(keys.id(), copy.id());
    int before = Engines.DECRYPTIONS.get();
    KeyRing opened = copy.open();
    assertEquals(ring, opened);
    assertSame(opened, keys.open(), "the same cached ring for every copy in this JVM");
    assertSame(opened, roundTrip(keys).open());
    assertEquals(1, Engines.DECRYPTIONS.get() - before);
    assertEquals(ring.describe(), keys.describe());
  }

  @Test
  void theSerializedFormIsTheRingFileAndTheReference() throws Exception {
    Path kekFile = dir.resolve("kek.json");
    Kek kek = Kek.insecureCreateCleartextFile(kekFile);
    KeyRing ring = SparkTests.ring("research-42");
    Path ringFile = dir.resolve("keys.ring");
    ring.write(ringFile, kek);
    ProtectedKeys keys =
        ProtectedKeys.fromFile(ringFile, KekReference.insecureCleartextFile(kekFile.toString()));
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(b)) {
      out.writeObject(NirFunctions.of(keys).keys());
    }
    String serialized = new String(b.toByteArray(), StandardCharsets.ISO_8859_1);
    String kekJson = Files.readString(kekFile);
    assertTrue(
        serialized.contains(Files.readString(ringFile)), "the KEK-encrypted ring file, as is");
    assertFalse(serialized.contains(kekJson), "never the KEK");
    assertTrue(keys.toString().startsWith("ProtectedKeys[id="));
    assertFalse(keys.toString().contains("nirguard-keyring"));
  }

  @Test
  void refusesWhatIsNotARing() {
    assertThrows(
        IOException.class,
        () ->
            ProtectedKeys.of(
                "hello".getBytes(StandardCharsets.UTF_8),
                KekReference.environment("NIRGUARD_KEK")));
  }

  @Test
  void anUnsetVariableOrAWrongKekIsAnErrorNamingTheReference() throws Exception {
    KeyRing ring = SparkTests.ring("research-42");
    Kek kek = Kek.insecureEphemeral();
    ProtectedKeys unset =
        ProtectedKeys.seal(ring, kek, KekReference.environment("NIRGUARD_TEST_UNSET_VARIABLE"));
    IllegalStateException e = assertThrows(IllegalStateException.class, unset::open);
    assertTrue(e.getMessage().contains("KekReference[environment NIRGUARD_TEST_UNSET_VARIABLE]"));

    Path otherKek = dir.resolve("other.json");
    Kek.insecureCreateCleartextFile(otherKek);
    ProtectedKeys wrong =
        ProtectedKeys.seal(ring, kek, KekReference.insecureCleartextFile(otherKek.toString()));
    assertThrows(IllegalStateException.class, wrong::open);
  }

  /** A provider, as a user would write one: public, no-argument constructor. */
  public static final class TestProvider implements KekProvider {
    static volatile Path file;

    @Override
    public Kek kek() throws IOException, GeneralSecurityException {
      return Kek.insecureFromCleartextFile(file);
    }
  }

  @Test
  void aProviderClassIsInstantiatedOnTheJvmThatNeedsTheKek() throws Exception {
    Path kekFile = dir.resolve("provided.json");
    Kek kek = Kek.insecureCreateCleartextFile(kekFile);
    TestProvider.file = kekFile;
    KeyRing ring = SparkTests.ring("lab-export");
    ProtectedKeys keys = ProtectedKeys.seal(ring, kek, KekReference.provider(TestProvider.class));
    assertEquals(ring, roundTrip(keys).open());
    assertEquals(
        "KekReference[provider " + TestProvider.class.getName() + "]",
        keys.kekReference().toString());
  }

  /** A KEK whose access can be revoked, as a KMS grant can. */
  public static final class RevocableProvider implements KekProvider {
    static volatile Path file;
    static volatile boolean revoked;

    @Override
    public Kek kek() throws IOException, GeneralSecurityException {
      if (revoked) {
        throw new GeneralSecurityException("access to the KEK revoked");
      }
      return Kek.insecureFromCleartextFile(file);
    }
  }

  @Test
  void anExpiredRingIsServedOnlyAfterTheKekOpensItAgain() throws Exception {
    Path kekFile = dir.resolve("revocable.json");
    Kek kek = Kek.insecureCreateCleartextFile(kekFile);
    RevocableProvider.file = kekFile;
    RevocableProvider.revoked = false;
    KeyRing ring = SparkTests.ring("ttl-test");
    ProtectedKeys keys =
        ProtectedKeys.seal(ring, kek, KekReference.provider(RevocableProvider.class));
    assertEquals(ProtectedKeys.DEFAULT_CACHE_TTL, keys.cacheTtl());
    assertEquals(ring, keys.open());
    // a fresh entry needs no KEK: revoking access changes nothing within the TTL
    RevocableProvider.revoked = true;
    assertEquals(ring, keys.open());
    // once expired (here: at once), the KEK must open the ring again before it is served
    ProtectedKeys expiring = keys.expiringAtOnce();
    assertEquals(keys.id(), expiring.id(), "the same cache entry");
    IllegalStateException e = assertThrows(IllegalStateException.class, expiring::open);
    assertTrue(e.getMessage().contains("RevocableProvider"), e.getMessage());
    // the entry is gone: even the long-TTL copy needs the KEK now
    assertThrows(IllegalStateException.class, keys::open);
    RevocableProvider.revoked = false;
    int renewals = Engines.RENEWALS.get();
    assertEquals(ring, keys.open());
    assertEquals(ring, expiring.open());
    assertTrue(Engines.RENEWALS.get() > renewals, "the expired entry was renewed through the KEK");
    assertEquals(
        Duration.ofMinutes(2), roundTrip(keys.withCacheTtl(Duration.ofMinutes(2))).cacheTtl());
    assertThrows(IllegalArgumentException.class, () -> keys.withCacheTtl(Duration.ZERO));
  }

  @Test
  void aKekInTheSparkConfigurationIsRefusedByNameNotValue() {
    KekReference env = KekReference.environment("LAB_SECRET_KEYSET");
    KekReference kms = KekReference.kms("gcp-kms://projects/p/locations/l/keyRings/r/cryptoKeys/k");
    String value = "{\"primaryKeyId\":42}";
    for (String key :
        List.of(
            "spark.executorEnv.NIRGUARD_KEK",
            "spark.yarn.appMasterEnv.NIRGUARD_KEK",
            "spark.kubernetes.driverEnv.MY_kek",
            "spark.executorEnv.LAB_SECRET_KEYSET")) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> KekInSparkConf.refuse(Map.of(key, value), env),
              key);
      assertTrue(e.getMessage().contains(key), e.getMessage());
      assertFalse(e.getMessage().contains("primaryKeyId"), "never the value");
    }
    KekInSparkConf.refuse(Map.of("spark.executorEnv.LAB_SECRET_KEYSET", value), kms);
    KekInSparkConf.refuse(
        Map.of("spark.kubernetes.executor.secretKeyRef.NIRGUARD_KEK", "nirguard-kek:kek.json"),
        env);
    KekInSparkConf.refuse(
        Map.of(
            "spark.executorEnv.NIRGUARD_KEK", value, KekInSparkConf.INSECURE_KEK_IN_CONF, "true"),
        env);
  }
}
