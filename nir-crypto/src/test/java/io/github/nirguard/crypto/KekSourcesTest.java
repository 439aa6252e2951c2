package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Kek}'s local sources: the cleartext file's permissions, one bit at a time, malformed
 * files, the environment, and the descriptions, which name the source and never the key.
 */
class KekSourcesTest {
  @TempDir Path dir;

  private static final byte[] PLAIN = "ring".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] AD = "ad".getBytes(StandardCharsets.US_ASCII);

  @Test
  void aCleartextFileOpenToGroupOrOthersIsRefusedBitByBit() throws Exception {
    Path file = dir.resolve("kek.json");
    Kek created = Kek.insecureCreateCleartextFile(file);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertFalse(Kek.openToOthers(file));
    Kek read = Kek.insecureFromCleartextFile(file);
    assertArrayEquals(PLAIN, read.aead().decrypt(created.aead().encrypt(PLAIN, AD), AD));
    assertEquals("Kek[local file]", read.toString());
    assertEquals("Kek[local file]", created.toString());

    for (String perms : new String[] {"rw-r-----", "rw--w----", "rw----r--", "rw-----w-"}) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
      assertTrue(Kek.openToOthers(file), perms);
      GeneralSecurityException e =
          assertThrows(GeneralSecurityException.class, () -> Kek.insecureFromCleartextFile(file));
      assertEquals(
          "the KEK file is readable or writable by group or others: refused (chmod 600 it)",
          e.getMessage());
    }
    for (String perms : new String[] {"r--------", "rwx--x--x", "rw---x--x"}) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
      assertFalse(Kek.openToOthers(file), perms);
      Kek.insecureFromCleartextFile(file);
    }
  }

  /**
   * A file system without POSIX permissions (the JDK's zip file system) has nothing to check: the
   * KEK file is not refused there.
   */
  @Test
  void withoutPosixPermissionsNothingIsRefused() throws Exception {
    Path zip = dir.resolve("keys.zip");
    Path plain = dir.resolve("kek.json");
    Kek created = Kek.insecureCreateCleartextFile(plain);
    try (java.nio.file.FileSystem fs =
        java.nio.file.FileSystems.newFileSystem(zip, java.util.Map.of("create", "true"))) {
      assertFalse(fs.supportedFileAttributeViews().contains("posix"));
      Path inZip = Files.copy(plain, fs.getPath("/kek.json"));
      assertFalse(Kek.openToOthers(inZip));
      Kek read = Kek.insecureFromCleartextFile(inZip);
      assertEquals("Kek[local file]", read.toString());
      assertArrayEquals(PLAIN, read.aead().decrypt(created.aead().encrypt(PLAIN, AD), AD));
    }
  }

  @Test
  void aFileThatHoldsNoAeadKeysetIsRefused() throws Exception {
    Path missing = dir.resolve("missing.json");
    assertThrows(NoSuchFileException.class, () -> Kek.insecureFromCleartextFile(missing));
    assertThrows(NoSuchFileException.class, () -> Kek.openToOthers(missing));
    Path garbage = Files.writeString(dir.resolve("garbage.json"), "{\"primaryKeyId\": \"x\"}");
    Files.setPosixFilePermissions(garbage, PosixFilePermissions.fromString("rw-------"));
    assertThrows(GeneralSecurityException.class, () -> Kek.insecureFromCleartextFile(garbage));
  }

  @Test
  void theEnvironmentSourceNeedsAVariableHoldingAKeyset() {
    GeneralSecurityException unset =
        assertThrows(
            GeneralSecurityException.class,
            () -> Kek.fromEnvironment("NIRGUARD_TEST_UNSET_VARIABLE_43"));
    assertEquals("KEK environment variable is not set", unset.getMessage());
    String name = System.getenv().containsKey("PATH") ? "PATH" : null;
    if (name != null) {
      Exception e = assertThrows(Exception.class, () -> Kek.fromEnvironment(name));
      assertFalse(e.getMessage() != null && e.getMessage().contains(System.getenv(name)));
      assertFalse(e.getMessage() != null && e.getMessage().equals(unset.getMessage()));
    }
  }

  /**
   * nir-crypto's surefire and PIT configurations set {@code NIRGUARD_TEST_KEK} to the committed
   * TEST-ONLY KEK of {@code vectors/} (public, never for real data).
   */
  @Test
  void theEnvironmentSourceReadsTheKeysetOfItsVariable() throws Exception {
    String variable = "NIRGUARD_TEST_KEK";
    assertTrue(
        System.getenv(variable) != null,
        variable + " is set by nir-crypto's pom (surefire and the mutation profile)");
    Kek env = Kek.fromEnvironment(variable);
    assertEquals("Kek[environment]", env.toString());
    Kek file = KeyRingVectorsTest.committedKek();
    assertArrayEquals(PLAIN, file.aead().decrypt(env.aead().encrypt(PLAIN, AD), AD));
    assertArrayEquals(PLAIN, env.aead().decrypt(file.aead().encrypt(PLAIN, AD), AD));
    // the committed ring opens under it, with the same keys as under the committed KEK's file
    KeyRing ring = KeyRing.fromBytes(KeyRingVectorsTest.resource(KeyRingVectorsTest.RING), env);
    io.github.nirguard.core.Nir nir = KeyRingVectorsTest.body(KeyRingVectorsTest.BODIES.get(0));
    assertEquals(
        KeyedTokenizer.create(KeyRingVectorsTest.committedRing(), KeyRingVectorsTest.PURPOSE)
            .tokenize(nir),
        KeyedTokenizer.create(ring, KeyRingVectorsTest.PURPOSE).tokenize(nir));
  }

  @Test
  void descriptionsNameTheSourceOnly() throws Exception {
    Kek ephemeral = Kek.insecureEphemeral();
    assertEquals("Kek[ephemeral]", ephemeral.toString());
    Aead aead = ephemeral.aead();
    Kek wrapped = Kek.of(aead, "my vault");
    assertEquals("Kek[my vault]", wrapped.toString());
    assertArrayEquals(PLAIN, wrapped.aead().decrypt(aead.encrypt(PLAIN, AD), AD));
    assertThrows(NullPointerException.class, () -> Kek.of(null, "x"));
    assertThrows(NullPointerException.class, () -> Kek.of(aead, null));
    assertThrows(NullPointerException.class, () -> Kek.fromKms(null));
  }

  @Test
  void anUnknownKmsIsNamedByItsSchemeOnly() {
    String[][] cases = {
      {"nokms-x://projects/secret-name/keys/k", "nokms-x://"},
      {"NoKms.Y+z://Secret", "nokms.y+z://"},
      {"no-scheme-secret", "such (no scheme://)"},
      {"://secret", "such (no scheme://)"},
      {"1bad://secret", "such (no scheme://)"},
      {"ba d://secret", "such (no scheme://)"},
    };
    for (String[] c : cases) {
      GeneralSecurityException e =
          assertThrows(GeneralSecurityException.class, () -> Kek.fromKms(c[0]));
      assertTrue(
          e.getMessage().startsWith("no KMS provider for " + c[1] + " URIs: "), e::getMessage);
      assertFalse(e.getMessage().toLowerCase().contains("secret"), e::getMessage);
    }
  }
}
