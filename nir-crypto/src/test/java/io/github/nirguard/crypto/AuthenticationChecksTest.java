package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.prf.PrfSet;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.internal.Base32;
import io.github.nirguard.crypto.internal.DerivedKeys;
import io.github.nirguard.crypto.internal.NirRank;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every authentication check, each attacked alone: a block or cell that is right in every respect
 * but one must be refused. Where the right key is needed to build such an input, it comes from the
 * committed test-only ring of {@link KeyRingVectorsTest}, derived here independently of {@code
 * KeyRing} (so the derivation label is checked too).
 */
class AuthenticationChecksTest {
  static final String PURPOSE = KeyRingVectorsTest.PURPOSE; // "kat-vectors"
  static final String SAME_LENGTH = "kat-vectorz"; // another purpose of the same length

  static KeyRing ring;

  /** The committed ring plus {@link #SAME_LENGTH}, holding the very same keysets. */
  static KeyRing shared;

  @TempDir Path dir;

  @BeforeAll
  static void rings() throws Exception {
    ring = KeyRingVectorsTest.committedRing();
    shared = sharedKeysRing();
  }

  /** Copies every keyset of the committed ring to a second purpose of the same length. */
  static KeyRing sharedKeysRing() throws Exception {
    java.util.Map<String, RingFormat.Slot> slots = new java.util.TreeMap<>();
    for (KeyKind kind : KeyKind.values()) {
      KeysetHandle h = committedKeyset(kind);
      for (String p : List.of(PURPOSE, SAME_LENGTH)) {
        slots.put(p + " " + kind.label(), new RingFormat.Slot(h, java.util.Map.of()));
      }
    }
    Kek kek = KeyRingVectorsTest.committedKek();
    return KeyRing.fromBytes(RingFormat.write(1, slots, kek), kek);
  }

  /**
   * A keyset of the committed ring file, decrypted here with the ring file format's rules: {@code
   * keyset <purpose> <kind> <creation times> <ciphertext>}, the slot as associated data.
   */
  static KeysetHandle committedKeyset(KeyKind kind) throws Exception {
    com.google.crypto.tink.Aead kek =
        KeyRingVectorsTest.parseKek(KeyRingVectorsTest.resource(KeyRingVectorsTest.KEK));
    String slot = PURPOSE + " " + kind.label();
    for (String line :
        new String(KeyRingVectorsTest.resource(KeyRingVectorsTest.RING), StandardCharsets.UTF_8)
            .split("\n")) {
      if (line.startsWith("keyset " + slot + " ")) {
        String[] f = line.split(" ");
        return TinkProtoKeysetFormat.parseEncryptedKeyset(
            Base64.getUrlDecoder().decode(f[4]),
            kek,
            (KeyRing.HEADER + "\n" + slot).getBytes(StandardCharsets.UTF_8));
      }
    }
    throw new AssertionError("no such line in the committed ring: " + slot);
  }

  /** The PRP token's AES key, derived as the format says: PRF("nirguard/v1/prp-token/" + p). */
  static byte[] prpKey() throws Exception {
    PrfSet prf =
        committedKeyset(KeyKind.PRP_TOKEN).getPrimitive(RegistryConfiguration.get(), PrfSet.class);
    return prf.computePrimary(
        ("nirguard/v1/prp-token/" + PURPOSE).getBytes(StandardCharsets.UTF_8), 32);
  }

  static byte[] prpTag(String purpose) throws Exception {
    return Arrays.copyOf(
        MessageDigest.getInstance("SHA-256")
            .digest(("nirguard-prp-token/1/" + purpose).getBytes(StandardCharsets.UTF_8)),
        8);
  }

  static byte[] aes(int mode, byte[] key, byte[] block) throws Exception {
    Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
    c.init(mode, new SecretKeySpec(key, "AES"));
    return c.doFinal(block);
  }

  static Token prpToken(String keyIdHex, byte[] ciphertext) {
    byte[] chars = new byte[26];
    Base32.encode16(ciphertext, 0, chars, 0);
    return Token.parse("np1." + keyIdHex + "." + new String(chars, StandardCharsets.US_ASCII));
  }

  // ------------------------------------------------------------------ PRP tokens

  @Test
  void prpBlocksUnderTheRightKeyWithOneWrongFieldAreRefused() throws Exception {
    ReversibleTokenizer prp = ReversibleTokenizer.prp(ring, PURPOSE);
    Nir nir = KeyRingVectorsTest.body("2550814168025");
    Token token = prp.tokenize(nir);
    String keyId = token.value().substring(4, 12);
    byte[] key = prpKey();
    byte[] ct = new byte[16];
    assertEquals(true, Base32.decode(token.value(), 13, 26, ct));
    byte[] block = aes(Cipher.DECRYPT_MODE, key, ct);
    // the block is what the format says: 'N' 1 | 48-bit payload | 8-byte purpose tag
    assertEquals('N', block[0]);
    assertEquals(1, block[1]);
    assertArrayEquals(prpTag(PURPOSE), Arrays.copyOfRange(block, 8, 16));
    // positive control: the unchanged block re-encrypts to the same token, which reveals
    assertEquals(token, prpToken(keyId, aes(Cipher.ENCRYPT_MODE, key, block)));
    assertEquals(nir, prp.reveal(prpToken(keyId, aes(Cipher.ENCRYPT_MODE, key, block))));

    Map<String, byte[]> wrong = new HashMap<>();
    wrong.put("first header byte", with(block, 0, (byte) 'M'));
    wrong.put("version byte", with(block, 1, (byte) 2));
    wrong.put("payload bit 47", with(block, 2, (byte) (block[2] | 0x80)));
    wrong.put("payload bit 46", with(block, 2, (byte) (block[2] | 0x40)));
    for (int i = 8; i < 16; i++) {
      wrong.put("tag byte " + (i - 8), with(block, i, (byte) (block[i] ^ 1)));
    }
    byte[] otherTag = block.clone();
    System.arraycopy(prpTag(SAME_LENGTH), 0, otherTag, 8, 8);
    wrong.put("the tag of a purpose of the same length", otherTag);
    for (Map.Entry<String, byte[]> w : wrong.entrySet()) {
      Token forged = prpToken(keyId, aes(Cipher.ENCRYPT_MODE, key, w.getValue()));
      assertThrows(GeneralSecurityException.class, () -> prp.reveal(forged), w.getKey());
    }
    // the same-length purpose's own tokenizer refuses this purpose's token
    assertThrows(
        GeneralSecurityException.class,
        () -> ReversibleTokenizer.prp(shared, SAME_LENGTH).reveal(token));
    Arrays.fill(key, (byte) 0);
  }

  @Test
  void prpPayloadsNoNirHasAreRefused() throws Exception {
    ReversibleTokenizer prp = ReversibleTokenizer.prp(ring, PURPOSE);
    byte[] key = prpKey();
    String keyId = prp.tokenize(KeyRingVectorsTest.body("2550814168025")).value().substring(4, 12);
    long[][] payloads = {
      {10_000_000_000_000L, 0}, // a body of 14 digits
      {2550814168025L, 3}, // Corsica code 3
      {2550814168025L, 1}, // Corsica A, but the body does not say 19
      {2550819168025L, 2}, // Corsica B, but the body says 19 (A)
    };
    for (long[] p : payloads) {
      byte[] block = new byte[16];
      block[0] = 'N';
      block[1] = 1;
      long payload = (p[0] << 2) | p[1];
      for (int i = 7; i >= 2; i--) {
        block[i] = (byte) payload;
        payload >>>= 8;
      }
      System.arraycopy(prpTag(PURPOSE), 0, block, 8, 8);
      Token forged = prpToken(keyId, aes(Cipher.ENCRYPT_MODE, key, block));
      assertThrows(GeneralSecurityException.class, () -> prp.reveal(forged), p[0] + "/" + p[1]);
    }
    // control: the same construction with a real Corsica A body reveals it
    byte[] block = new byte[16];
    block[0] = 'N';
    block[1] = 1;
    long payload = (2550819168025L << 2) | 1;
    for (int i = 7; i >= 2; i--) {
      block[i] = (byte) payload;
      payload >>>= 8;
    }
    System.arraycopy(prpTag(PURPOSE), 0, block, 8, 8);
    assertEquals(
        KeyRingVectorsTest.body("255082A168025"),
        prp.reveal(prpToken(keyId, aes(Cipher.ENCRYPT_MODE, key, block))));
    Arrays.fill(key, (byte) 0);
  }

  static byte[] with(byte[] b, int i, byte v) {
    byte[] c = b.clone();
    c[i] = v;
    return c;
  }

  // ------------------------------------------------------------------ the purpose, same length

  @Test
  void theSameKeysUnderAPurposeOfTheSameLengthRefuseEverything() throws Exception {
    Nir nir = KeyRingVectorsTest.body("2550814168025");
    // SIV: the purpose is associated data
    Token siv = ReversibleTokenizer.siv(shared, PURPOSE).tokenize(nir);
    assertEquals(nir, ReversibleTokenizer.siv(shared, PURPOSE).reveal(siv));
    assertThrows(
        GeneralSecurityException.class,
        () -> ReversibleTokenizer.siv(shared, SAME_LENGTH).reveal(siv));
    // sealed record cells
    RecordSealer mine = RecordSealer.create(shared, PURPOSE);
    String cell = mine.seal("p", List.of("name"), List.of("Exemple"));
    assertEquals(List.of("Exemple"), mine.open("p", List.of("name"), cell));
    assertThrows(
        GeneralSecurityException.class,
        () -> RecordSealer.create(shared, SAME_LENGTH).open("p", List.of("name"), cell));
    // keyed tokens, FPE and fingerprints of the same keys differ per purpose
    assertNotEquals(
        KeyedTokenizer.create(shared, PURPOSE).tokenize(nir).value().substring(13),
        KeyedTokenizer.create(shared, SAME_LENGTH).tokenize(nir).value().substring(13));
    assertNotEquals(
        NirFpe.create(shared, PURPOSE).encrypt(nir),
        NirFpe.create(shared, SAME_LENGTH).encrypt(nir));
    assertNotEquals(
        Fingerprinter.create(shared, PURPOSE).fingerprint(1, 2),
        Fingerprinter.create(shared, SAME_LENGTH).fingerprint(1, 2));
    // file envelopes
    byte[] plaintext = "nir;name\n".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream sealed = new ByteArrayOutputStream();
    try (OutputStream o =
        FileEnvelope.create(shared, PURPOSE).encryptingStream(sealed, "text/csv")) {
      o.write(plaintext);
    }
    Path in = dir.resolve("in.nge");
    Files.write(in, sealed.toByteArray());
    try (var back = FileEnvelope.create(shared, PURPOSE).openVerified(in)) {
      assertArrayEquals(plaintext, back.readAllBytes());
    }
    assertThrows(
        GeneralSecurityException.class,
        () -> FileEnvelope.create(shared, SAME_LENGTH).openVerified(in).close());
    assertThrows(
        GeneralSecurityException.class,
        () -> FileEnvelope.create(shared, SAME_LENGTH).decrypt(in, dir.resolve("out")));
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void fileEnvelopesOfPurposesOfEqualLengthOnSmallSegments() throws Exception {
    KeysetHandle keys =
        KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES128_GCM_HKDF_4KB);
    FileEnvelope a = FileEnvelope.of(keys, "lab-export");
    FileEnvelope b = FileEnvelope.of(keys, "lab-expert");
    for (int size : new int[] {0, 1, 4096, 3 * 4096 + 17}) {
      byte[] plaintext = new byte[size];
      Arrays.fill(plaintext, (byte) 'x');
      ByteArrayOutputStream sealed = new ByteArrayOutputStream();
      try (OutputStream o = a.encryptingStream(sealed, "text/csv")) {
        o.write(plaintext);
      }
      Path in = dir.resolve("in-" + size + ".nge");
      Files.write(in, sealed.toByteArray());
      try (var back = a.openVerified(in)) {
        assertArrayEquals(plaintext, back.readAllBytes(), "control, size " + size);
      }
      assertThrows(
          GeneralSecurityException.class, () -> b.openVerified(in).close(), "size " + size);
    }
  }

  // ------------------------------------------------------------------ NirRank, the FPE domain

  @Test
  void bodiesOutsideEveryFpeDomainAreRefusedNotRankedZero() throws Exception {
    NirFpe fpe = NirFpe.create(ring, PURPOSE);
    // each breaks one field of an otherwise rankable body; CHECKSUM_ONLY parses them all
    List<String> outside =
        List.of(
            "3550814168025", // sex 3
            "2550014168025", // month 00
            "2554314168025", // month 43 (lenient only)
            "2550814168000", // order 000
            "2550814000025", // commune 000
            "2550800168025", // department 00
            "2550897012025", // department 97, 970 is no overseas code
            "2550897900025", // 979 is no overseas code either
            "2550897300025", // overseas 973, commune 00
            "2550899000025", // abroad, country 000
            "2550820000025", // department 20, commune 000
            "255082A000025", // Corsica 2A, commune 000
            "255082B000025"); // Corsica 2B, commune 000
    for (String b : outside) {
      Nir nir = KeyRingVectorsTest.body(b);
      assertEquals(-1, NirRank.STRICT.rank(nir), b);
      assertEquals(-1, NirRank.NEVER_REAL.rank(nir), b);
      assertNull(NirRank.of(nir), b);
      assertThrows(IllegalArgumentException.class, () -> fpe.encrypt(nir), b);
      String[] out = {"x"};
      fpe.encryptAll(new Nir[] {nir}, out, 1);
      assertNull(out[0], b);
    }
    // a month of the other domain is outside this one
    assertEquals(-1, NirRank.NEVER_REAL.rank(KeyRingVectorsTest.body("2550814168025")));
    assertEquals(-1, NirRank.STRICT.rank(KeyRingVectorsTest.body("1001301001001")));
  }

  @Test
  void rankZeroAndTheLastRankEncryptAndDecryptInBothModes() throws Exception {
    for (NirRank r : NirRank.values()) {
      for (long rank : new long[] {0, 1, r.size() - 1}) {
        Nir nir = r.unrank(rank);
        assertEquals(rank, r.rank(nir));
        for (NirFpe.Mode mode : NirFpe.Mode.values()) {
          NirFpe fpe = NirFpe.create(ring, PURPOSE, mode);
          String ct = fpe.encrypt(nir);
          assertEquals(nir, fpe.decrypt(ct), r + " rank " + rank + " " + mode);
          String[] batch = new String[1];
          fpe.encryptAll(new Nir[] {nir}, batch, 1);
          assertEquals(ct, batch[0]);
        }
      }
    }
  }

  // ------------------------------------------------------------------ key material

  @Test
  void derivedKeysAreWipedByWipe() {
    byte[] k1 = new byte[32];
    byte[] k2 = new byte[32];
    Arrays.fill(k1, (byte) 7);
    Arrays.fill(k2, (byte) 9);
    Map<Integer, byte[]> m = new HashMap<>();
    m.put(1, k1);
    m.put(2, k2);
    DerivedKeys keys = new DerivedKeys(1, m);
    keys.wipe();
    assertArrayEquals(new byte[32], k1);
    assertArrayEquals(new byte[32], k2);
  }

  @Test
  void rawKeysAreCopiedSoTheCallerCanWipeThem() throws Exception {
    Nir nir = KeyRingVectorsTest.body("2550814168025");
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 0x5a);
    KeyedTokenizer t = KeyedTokenizer.insecureFromRawKey(key, 1, PURPOSE);
    NirFpe fpe = NirFpe.insecureFromRawKey(key, PURPOSE, NirFpe.Mode.MARKED);
    Fingerprinter f = Fingerprinter.insecureFromRawKey(key);
    Token token = t.tokenize(nir);
    String ct = fpe.encrypt(nir);
    long fp = f.fingerprint(3, 4);
    Arrays.fill(key, (byte) 0);
    assertEquals(token, t.tokenize(nir));
    assertEquals(ct, fpe.encrypt(nir));
    assertEquals(fp, f.fingerprint(3, 4));
    // and the wiped array is another key
    assertNotEquals(token, KeyedTokenizer.insecureFromRawKey(key, 1, PURPOSE).tokenize(nir));
    assertNotEquals(fp, Fingerprinter.insecureFromRawKey(key).fingerprint(3, 4));
  }

  @Test
  void randomFingerprintersHaveRandomNonZeroKeys() {
    Fingerprinter zero = Fingerprinter.insecureFromRawKey(new byte[32]);
    Fingerprinter a = Fingerprinter.random();
    Fingerprinter b = Fingerprinter.random();
    assertNotEquals(zero.fingerprint(1, 2), a.fingerprint(1, 2));
    assertNotEquals(zero.fingerprintName("account"), a.fingerprintName("account"));
    assertNotEquals(a.fingerprint(1, 2), b.fingerprint(1, 2));
  }
}
