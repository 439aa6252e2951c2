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
}
