package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import io.github.nirguard.testkit.ForAll;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipientEnvelopeTest {
  static final long SEED = ForAll.seed();

  static KeyRing labA; // recipient A's own ring
  static KeyRing labB;
  static KeyRing labC; // a third party, named in no envelope
  static KeyRing producer; // the producer's ring: every other kind, and a file keyset
  static RecipientPublicKey a;
  static RecipientPublicKey b;
  static RecipientPublicKey c;

  @TempDir Path dir;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    labA = KeyRingManager.empty().add("inbox", KeyKind.RECIPIENT).ring();
    labB = KeyRingManager.empty().add("inbox", KeyKind.RECIPIENT).ring();
    labC = KeyRingManager.empty().add("inbox", KeyKind.RECIPIENT).ring();
    producer = TestKeys.ring("inbox");
    a = RecipientPublicKey.fromRing(labA, "inbox");
    b = RecipientPublicKey.fromRing(labB, "inbox");
    c = RecipientPublicKey.fromRing(labC, "inbox");
  }

  static byte[] random(SplittableRandom r, int n) {
    byte[] x = new byte[n];
    r.nextBytes(x);
    return x;
  }

  static byte[] seal(RecipientEnvelope env, byte[] plaintext)
      throws IOException, GeneralSecurityException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream s = env.encryptingStream(out, "text/csv")) {
      s.write(plaintext);
    }
    return out.toByteArray();
  }

  byte[] open(KeyRing ring, byte[] envelope) throws IOException, GeneralSecurityException {
    Path p = Files.write(Files.createTempFile(dir, "env", ".nge"), envelope);
    try (InputStream in = RecipientEnvelope.forRing(ring, "inbox").openVerified(p)) {
      return in.readAllBytes();
    }
  }

  @Test
  void eachRecipientOpensAndNoOneElse() throws Exception {
    SplittableRandom r = new SplittableRandom(SEED);
    for (int size : new int[] {0, 1, 4000, 5 * 4096 + 17, (1 << 20) + 100}) {
      byte[] plaintext = random(r, size);
      byte[] env = seal(RecipientEnvelope.to(a, b), plaintext);
      assertArrayEquals(plaintext, open(labA, env), "A opens, size " + size);
      assertArrayEquals(plaintext, open(labB, env), "B opens, size " + size);
      GeneralSecurityException e =
          assertThrows(GeneralSecurityException.class, () -> open(labC, env), "C is not named");
      assertEquals(
          "decryption failed: not addressed to an enabled recipient key of this purpose",
          e.getMessage());
    }
  }

  @Test
  void theProducersRingCannotOpenWhatItMade() throws Exception {
    Path in = Files.writeString(dir.resolve("export.csv"), "nir;name\n1;x\n");
    Path out = dir.resolve("export.csv.nge");
    RecipientEnvelope.to(a).encrypt(in, out, "text/csv");
    // its file keyset: not a file envelope
    GeneralSecurityException e =
        assertThrows(
            GeneralSecurityException.class,
            () -> FileEnvelope.create(producer, "inbox").decrypt(out, dir.resolve("x")));
    assertTrue(e.getMessage().startsWith("decryption failed"), e.getMessage());
    // its own recipient keyset of the same purpose: not addressed to it
    assertThrows(
        GeneralSecurityException.class,
        () -> RecipientEnvelope.forRing(producer, "inbox").decrypt(out, dir.resolve("y")));
    assertFalse(Files.exists(dir.resolve("x")) || Files.exists(dir.resolve("y")));
    // a ring with no recipient keyset: no such keyset
    assertThrows(
        NoSuchKeysetException.class,
        () ->
            RecipientEnvelope.forRing(
                KeyRingManager.empty().add("inbox", KeyKind.FILE).ring(), "inbox"));
    RecipientEnvelope.forRing(labA, "inbox").decrypt(out, dir.resolve("back.csv"));
    assertEquals("nir;name\n1;x\n", Files.readString(dir.resolve("back.csv")));
  }

  @Test
  void aFileEnvelopeIsNotARecipientEnvelopeAndBack() throws Exception {
    Path in = Files.writeString(dir.resolve("x.csv"), "a\n");
    Path sym = dir.resolve("sym.nge");
    FileEnvelope.create(producer, "inbox").encrypt(in, sym, "text/csv");
    GeneralSecurityException e =
        assertThrows(
            GeneralSecurityException.class,
            () -> RecipientEnvelope.forRing(labA, "inbox").openVerified(sym));
    assertEquals(
        "decryption failed: malformed or unsupported recipient envelope header", e.getMessage());
    assertEquals(Optional.empty(), RecipientEnvelope.readHeader(sym));
    assertEquals(Optional.empty(), RecipientEnvelope.readHeader(in));
    Path pub = dir.resolve("pub.nge");
    RecipientEnvelope.to(a).encrypt(in, pub, "text/csv");
    assertThrows(IOException.class, () -> FileEnvelope.readHeader(pub));
  }

  @Test
  void headerListsTheRecipientsAndContentType() throws Exception {
    Path in = Files.writeString(dir.resolve("x.csv"), "a\n");
    Path out = dir.resolve("x.nge");
    RecipientEnvelope.to(List.of(b, a)).encrypt(in, out, "text/csv; charset=utf-8");
    RecipientEnvelope.Header h = RecipientEnvelope.readHeader(out).orElseThrow();
    assertEquals(List.of(b.keyId(), a.keyId()), h.recipientKeyIds());
    assertEquals(List.of(b.keyIdHex(), a.keyIdHex()), h.recipientKeyIdsHex());
    assertEquals("text/csv; charset=utf-8", h.contentType());
    assertEquals(
        "Header[to=" + b.keyIdHex() + ", " + a.keyIdHex() + ", text/csv; charset=utf-8]",
        h.toString());
    assertEquals(h, RecipientEnvelope.readHeader(out).orElseThrow());
  }

  @Test
  void eachEncryptionUsesAFreshDataKey() throws Exception {
    byte[] plaintext = "the same plaintext".getBytes(StandardCharsets.UTF_8);
    RecipientEnvelope env = RecipientEnvelope.to(a);
    byte[] one = seal(env, plaintext);
    byte[] two = seal(env, plaintext);
    assertNotEquals(List.of(one), List.of(two));
    assertFalse(new String(one, StandardCharsets.ISO_8859_1).contains("the same plaintext"));
  }

  @Test
  void rotationKeepsOldFilesReadableAndDisabledKeysRefuse() throws Exception {
    KeyRing lab = KeyRingManager.empty().add("inbox", KeyKind.RECIPIENT).ring();
    RecipientPublicKey before = RecipientPublicKey.fromRing(lab, "inbox");
    byte[] old = seal(RecipientEnvelope.to(before), new byte[] {1, 2, 3});
    KeyRing rotated = KeyRingManager.of(lab).rotate("inbox", KeyKind.RECIPIENT).ring();
    RecipientPublicKey after = RecipientPublicKey.fromRing(rotated, "inbox");
    assertNotEquals(before, after, "the public key follows the primary");
    assertArrayEquals(new byte[] {1, 2, 3}, open(rotated, old));
    byte[] fresh = seal(RecipientEnvelope.to(after), new byte[] {4});
    assertArrayEquals(new byte[] {4}, open(rotated, fresh));
    KeyRing disabled =
        KeyRingManager.of(rotated).disable("inbox", KeyKind.RECIPIENT, before.keyId()).ring();
    assertThrows(GeneralSecurityException.class, () -> open(disabled, old));
    assertThrows(GeneralSecurityException.class, () -> open(lab, fresh));
  }

  @Test
  void publicKeysRoundTripAsTinkJsonAndSecretsAreRefused() throws Exception {
    String json = a.toJson();
    assertFalse(json.contains("privateKey") || json.contains("ASYMMETRIC_PRIVATE"), json);
    assertEquals(a, RecipientPublicKey.fromJson(json));
    assertEquals(a.hashCode(), RecipientPublicKey.fromJson(json).hashCode());
    assertNotEquals(a, b);
    Path file = dir.resolve("a.pub.json");
    a.write(file);
    assertEquals(a, RecipientPublicKey.read(file));
    assertThrows(FileAlreadyExistsException.class, () -> a.write(file));
    assertEquals("RecipientPublicKey[key=" + a.keyIdHex() + "]", a.toString());
    // the private keyset, a symmetric keyset, garbage: refused with our own words
    String secret =
        TinkJsonProtoKeysetFormat.serializeKeyset(
            labA.handle("inbox", KeyKind.RECIPIENT), InsecureSecretKeyAccess.get());
    for (String bad : new String[] {secret, "{}", "not json"}) {
      GeneralSecurityException e =
          assertThrows(GeneralSecurityException.class, () -> RecipientPublicKey.fromJson(bad));
      assertTrue(e.getMessage().startsWith("not a recipient public key"), e.getMessage());
    }
    String symmetric =
        TinkJsonProtoKeysetFormat.serializeKeyset(
            producer.handle("inbox", KeyKind.FILE), InsecureSecretKeyAccess.get());
    assertThrows(GeneralSecurityException.class, () -> RecipientPublicKey.fromJson(symmetric));
  }

  @Test
  void recipientListsAreChecked() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> RecipientEnvelope.to(List.of()));
    assertThrows(IllegalArgumentException.class, () -> RecipientEnvelope.to(a, b, a));
    RecipientEnvelope env = RecipientEnvelope.to(a, b);
    assertEquals(List.of(a, b), env.recipients());
    assertEquals(
        "RecipientEnvelope[to=" + a.keyIdHex() + ", " + b.keyIdHex() + "]", env.toString());
    assertEquals(
        "RecipientEnvelope.Reader[purpose=inbox]",
        RecipientEnvelope.forRing(labA, "inbox").toString());
    assertThrows(
        IllegalArgumentException.class,
        () -> env.encryptingStream(new ByteArrayOutputStream(), "text/\ncsv"));
  }

  @Test
  void neverOverwritesAndLeavesNoOutputWhenRefused() throws Exception {
    Path in = Files.writeString(dir.resolve("x.csv"), "a\n");
    Path out = dir.resolve("x.nge");
    RecipientEnvelope.to(a).encrypt(in, out, "text/csv");
    assertThrows(
        FileAlreadyExistsException.class,
        () -> RecipientEnvelope.to(a).encrypt(in, out, "text/csv"));
    assertThrows(
        IllegalArgumentException.class, () -> RecipientEnvelope.to(a).encrypt(in, in, "text/csv"));
    Path plain = dir.resolve("plain.csv");
    assertThrows(
        GeneralSecurityException.class,
        () -> RecipientEnvelope.forRing(labB, "inbox").decrypt(out, plain));
    assertFalse(Files.exists(plain));
  }

  @Test
  void aFileChangedBetweenThePassesIsRefused() throws Exception {
    SplittableRandom r = new SplittableRandom(SEED);
    RecipientEnvelope small =
        RecipientEnvelope.to(List.of(a), PredefinedStreamingAeadParameters.AES256_GCM_HKDF_4KB);
    byte[] env = seal(small, random(r, 5 * 4096));
    byte[] other = seal(small, random(r, 5 * 4096));
    Path in = Files.write(dir.resolve("x.nge"), env);
    Path out = dir.resolve("x.csv");
    RecipientEnvelope.Reader reader = RecipientEnvelope.forRing(labA, "inbox");
    GeneralSecurityException e =
        assertThrows(
            GeneralSecurityException.class,
            () -> reader.decrypt(in, out, false, () -> Files.write(in, other)));
    assertEquals(VerifiedDecryption.Changed.MESSAGE, e.getMessage());
    assertFalse(Files.exists(out));
  }
}
