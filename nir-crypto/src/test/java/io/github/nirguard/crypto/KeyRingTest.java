package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.KmsClients;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.github.nirguard.core.Nir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingTest {
  @TempDir Path dir;

  /** A KMS that lives in memory: the production hook, tested without a cloud. */
  static final class MemoryKms implements KmsClient {
    private final Aead aead;

    MemoryKms() throws GeneralSecurityException {
      KeyRingManager.empty().ring(); // registers Tink
      aead =
          KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
              .getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    @Override
    public boolean doesSupport(String uri) {
      return uri != null && uri.startsWith("memory-kms://");
    }

    @Override
    public KmsClient withCredentials(String credentialPath) {
      return this;
    }

    @Override
    public KmsClient withDefaultCredentials() {
      return this;
    }

    @Override
    public Aead getAead(String uri) {
      return aead;
    }
  }

  @Test
  void writeThenReadGivesTheSameKeys() throws Exception {
    Kek kek = Kek.insecureEphemeral();
    KeyRing ring = TestKeys.ring("research-42", "lab-export");
    Path file = dir.resolve("keys.ring");
    ring.write(file, kek);
    KeyRing back = KeyRing.read(file, kek);
    assertEquals(ring, back);
    Nir nir = Nir.parse("255081416802538");
    assertEquals(
        KeyedTokenizer.create(ring, "research-42").tokenize(nir),
        KeyedTokenizer.create(back, "research-42").tokenize(nir));
    assertEquals(
        NirFpe.create(ring, "lab-export").encrypt(nir),
        NirFpe.create(back, "lab-export").encrypt(nir));
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
  }

  @Test
  void bytesAreTheFileAndReadBackWithoutAFile() throws Exception {
    Kek kek = Kek.insecureEphemeral();
    KeyRing ring = TestKeys.ring("research-42", "lab-export");
    byte[] content = ring.toBytes(kek);
    KeyRing back = KeyRing.fromBytes(content, kek);
    assertEquals(ring, back);
    Nir nir = Nir.parse("255081416802538");
    assertEquals(
        KeyedTokenizer.create(ring, "research-42").tokenize(nir),
        KeyedTokenizer.create(back, "research-42").tokenize(nir));
    // the bytes are a ring file: read(Path) takes them, and fromBytes takes what write(Path) wrote
    Path file = dir.resolve("from-bytes.ring");
    Files.write(file, content);
    assertEquals(ring, KeyRing.read(file, kek));
    Path written = dir.resolve("written.ring");
    ring.write(written, kek);
    assertEquals(ring, KeyRing.fromBytes(Files.readAllBytes(written), kek));
    // CRLF line ends (a file edited on Windows) read the same
    byte[] crlf =
        new String(content, StandardCharsets.UTF_8)
            .replace("\n", "\r\n")
            .getBytes(StandardCharsets.UTF_8);
    assertEquals(ring, KeyRing.fromBytes(crlf, kek));
    // the same checks as the file: wrong KEK, not a ring, not UTF-8, nulls
    assertThrows(
        GeneralSecurityException.class, () -> KeyRing.fromBytes(content, Kek.insecureEphemeral()));
    assertThrows(
        IOException.class,
        () -> KeyRing.fromBytes("hello\n".getBytes(StandardCharsets.UTF_8), kek));
    assertThrows(IOException.class, () -> KeyRing.fromBytes(new byte[0], kek));
    byte[] notUtf8 = content.clone();
    notUtf8[notUtf8.length - 2] = (byte) 0xff;
    IOException e = assertThrows(IOException.class, () -> KeyRing.fromBytes(notUtf8, kek));
    assertFalse(
        e.getMessage().contains(new String(content, StandardCharsets.UTF_8).split("\n")[1]));
    assertThrows(NullPointerException.class, () -> KeyRing.fromBytes(null, kek));
    assertThrows(NullPointerException.class, () -> ring.toBytes(null));
  }

  @Test
  void theFileHoldsNoKeyMaterialInClear() throws Exception {
    Kek kek = Kek.insecureEphemeral();
    KeyRing ring = TestKeys.ring("research-42");
    Path file = dir.resolve("keys.ring");
    ring.write(file, kek);
    String text = Files.readString(file);
    assertTrue(text.startsWith(KeyRing.HEADER + "\n"));
    // the cleartext keyset would contain the type URL of the key; the encrypted one must not
    assertFalse(text.contains("type.googleapis.com"));
    assertFalse(text.contains("HmacPrfKey"));
  }

  @Test
  void wrongKekEditedOrMovedLinesFail() throws Exception {
    Kek kek = Kek.insecureEphemeral();
    KeyRing ring =
        KeyRingManager.empty()
            .add("research-42", KeyKind.TOKEN)
            .add("research-43", KeyKind.TOKEN)
            .ring();
    Path file = dir.resolve("keys.ring");
    ring.write(file, kek);
    assertThrows(GeneralSecurityException.class, () -> KeyRing.read(file, Kek.insecureEphemeral()));

    // swap the two keysets between purposes: the seal refuses the ring before any keyset
    List<String> lines = Files.readAllLines(file);
    String[] l2 = lines.get(2).split(" ");
    String[] l3 = lines.get(3).split(" ");
    String swappedText =
        String.join("\n", lines).replace(l2[4], "@A@").replace(l3[4], l2[4]).replace("@A@", l3[4]);
    Path swapped = dir.resolve("swapped.ring");
    Files.writeString(swapped, swappedText + "\n");
    GeneralSecurityException e =
        assertThrows(GeneralSecurityException.class, () -> KeyRing.read(swapped, kek));
    assertTrue(e.getMessage().contains("seal"), e.getMessage());

    Path edited = dir.resolve("edited.ring");
    char[] c = l2[4].toCharArray();
    c[c.length / 2] = c[c.length / 2] == 'A' ? 'B' : 'A';
    Files.writeString(edited, String.join("\n", lines).replace(l2[4], new String(c)) + "\n");
    assertThrows(GeneralSecurityException.class, () -> KeyRing.read(edited, kek));

    Path notRing = dir.resolve("x.ring");
    Files.writeString(notRing, "hello\n");
    assertThrows(IOException.class, () -> KeyRing.read(notRing, kek));
  }

  @Test
  void kekSources() throws Exception {
    KmsClients.add(new MemoryKms());
    Kek kms = Kek.fromKms("memory-kms://test-key");
    KeyRing ring = TestKeys.ring("research-42");
    Path file = dir.resolve("kms.ring");
    ring.write(file, kms);
    assertEquals(ring, KeyRing.read(file, Kek.fromKms("memory-kms://test-key")));
    assertThrows(GeneralSecurityException.class, () -> Kek.fromKms("unknown-kms://x"));

    Path kekFile = dir.resolve("dev-kek.json");
    Kek dev = Kek.insecureCreateCleartextFile(kekFile);
    ring.write(file, dev);
    assertEquals(ring, KeyRing.read(file, Kek.insecureFromCleartextFile(kekFile)));
    assertThrows(
        IOException.class, () -> Kek.insecureCreateCleartextFile(kekFile), "never overwrite a KEK");

    assertThrows(
        GeneralSecurityException.class,
        () -> Kek.fromEnvironment("NIRGUARD_TEST_UNSET_VARIABLE_42"));
  }

  @Test
  void describeAndToStringShowNoMaterial() throws Exception {
    KeyRing ring = TestKeys.ring("research-42");
    assertEquals(KeyKind.values().length, ring.describe().size());
    for (KeyInfo k : ring.describe()) {
      assertEquals("ENABLED", k.status());
      assertTrue(k.primary());
      assertEquals(8, k.keyIdHex().length());
    }
    assertTrue(ring.toString().contains("research-42 token"));
    assertFalse(ring.toString().toLowerCase(Locale.ROOT).contains("value"));
    assertTrue(Kek.insecureEphemeral().toString().equals("Kek[ephemeral]"));
  }

  @Test
  void badNamesAndMissingKeysets() throws Exception {
    KeyRing ring = KeyRingManager.empty().ring();
    assertThrows(IllegalArgumentException.class, () -> KeyedTokenizer.create(ring, "research-42"));
    assertThrows(IllegalArgumentException.class, () -> ring.contains("Research 42", KeyKind.TOKEN));
    assertFalse(ring.contains("research-42", KeyKind.TOKEN));
    assertEquals(KeyKind.PRP_TOKEN, KeyKind.named("prp-token"));
    assertEquals("prp-token", KeyKind.PRP_TOKEN.label());
    assertEquals(new String("x".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), "x");
  }

  @Test
  void missingKeysetIsATypedUncheckedException() throws Exception {
    KeyRing one = KeyRingManager.empty().add("research-42", KeyKind.TOKEN).ring();
    assertEquals(1, one.keyCount("research-42", KeyKind.TOKEN));
    assertEquals(
        2,
        KeyRingManager.of(one)
            .rotate("research-42", KeyKind.TOKEN)
            .ring()
            .keyCount("research-42", KeyKind.TOKEN));
    NoSuchKeysetException e =
        assertThrows(NoSuchKeysetException.class, () -> one.keyCount("research-42", KeyKind.FPE));
    assertEquals("research-42", e.purpose());
    assertEquals(KeyKind.FPE, e.kind());
    assertEquals("no keyset for purpose 'research-42' and kind fpe", e.getMessage());
    assertThrows(NoSuchKeysetException.class, () -> NirFpe.create(one, "research-42"));
    assertThrows(NoSuchKeysetException.class, () -> FileEnvelope.create(one, "research-42"));
    assertThrows(NoSuchKeysetException.class, () -> RecordSealer.create(one, "research-42"));
    assertThrows(NoSuchKeysetException.class, () -> ReversibleTokenizer.siv(one, "research-42"));
    assertThrows(NoSuchKeysetException.class, () -> ReversibleTokenizer.prp(one, "research-42"));
  }

  @Test
  void modeAndSchemeNamesRoundTrip() {
    for (NirFpe.Mode m : NirFpe.Mode.values()) {
      assertEquals(m, NirFpe.Mode.named(m.label()));
      assertEquals(m, NirFpe.Mode.named(m.label().toUpperCase().replace('-', '_')));
    }
    assertEquals("marked", NirFpe.Mode.MARKED.label());
    assertEquals("format-valid", NirFpe.Mode.FORMAT_VALID.label());
    for (Token.Scheme t : Token.Scheme.values()) {
      assertEquals(t, Token.Scheme.named(t.label()));
      assertEquals(t, Token.Scheme.named(" " + t.label().toUpperCase() + " "));
    }
    assertEquals("keyed", Token.Scheme.KEYED.label());
    assertEquals("prp", Token.Scheme.PRP.label());
    assertEquals("siv", Token.Scheme.SIV.label());
    assertThrows(IllegalArgumentException.class, () -> NirFpe.Mode.named("valid"));
    assertThrows(IllegalArgumentException.class, () -> Token.Scheme.named("nt1"));
  }
}
