package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingKey;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import com.google.crypto.tink.subtle.AesCtrHmacStreaming;
import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import com.google.crypto.tink.subtle.Hkdf;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Gen;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The segment-tag comparison of the verified decryption (decision 0021): where the tags lie, the
 * plaintext equal to Tink's single pass at every size that matters, and files changed between the
 * two passes refused without releasing a byte of a changed segment.
 */
class VerifiedDecryptionTest {
  static final String CSV = "text/csv";
  static final String PURPOSE = "lab-export";

  /** Our header with {@code text/csv}. */
  static final int H = EnvelopeFormat.FIXED_HEADER_BYTES + CSV.length();

  static final long SEED = ForAll.seed();

  /** AES-128-GCM-HKDF, 4 KB segments: Tink header 1 + 16 + 7 bytes. */
  static final int SEGMENT = 4096;

  static final int FIRST_PLAIN = SEGMENT - 24 - 16;
  static final int PLAIN = SEGMENT - 16;

  static KeysetHandle gcm4k;
  static KeysetHandle ctr4k;
  static KeysetHandle gcm1m;

  @TempDir Path dir;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    TinkSetup.ensure();
    gcm4k = KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES128_GCM_HKDF_4KB);
    ctr4k = KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_CTR_HMAC_SHA256_4KB);
    gcm1m = KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB);
  }

  static byte[] random(SplittableRandom r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  static byte[] seal(FileEnvelope env, byte[] plaintext)
      throws IOException, GeneralSecurityException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (OutputStream out = env.encryptingStream(b, CSV)) {
      out.write(plaintext);
    }
    return b.toByteArray();
  }

  /** Tink's own single pass over the ciphertext after our header. */
  static byte[] tinkSinglePass(KeysetHandle keyset, byte[] envelope)
      throws IOException, GeneralSecurityException {
    StreamingAead raw = keyset.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
    byte[] associatedData = FileEnvelope.associatedData(Arrays.copyOf(envelope, H), PURPOSE);
    try (InputStream in =
        raw.newDecryptingStream(
            new ByteArrayInputStream(envelope, H, envelope.length - H), associatedData)) {
      return in.readAllBytes();
    }
  }

  /** The segments of a plaintext of this size, counted from the plaintext side. */
  static long segmentsOf(long plaintextSize, int firstPlain, int plain) {
    return plaintextSize <= firstPlain ? 1 : 1 + (plaintextSize - firstPlain + plain - 1) / plain;
  }

  // ------------------------------------------------------------------ layout

  @Test
  void theLayoutFindsTinksSegmentsForBothKeyTypes() throws Exception {
    SplittableRandom r = new SplittableRandom(SEED);
    byte[] ikm = random(r, 32);
    AesGcmHkdfStreaming gcm = new AesGcmHkdfStreaming(ikm, "HmacSha256", 16, SEGMENT, 0);
    AesCtrHmacStreaming ctr =
        new AesCtrHmacStreaming(ikm, "HmacSha256", 32, "HmacSha256", 32, SEGMENT, 0);
    SegmentLayout gcmLayout =
        SegmentLayout.of(PredefinedStreamingAeadParameters.AES128_GCM_HKDF_4KB).after(H);
    SegmentLayout ctrLayout =
        SegmentLayout.of(PredefinedStreamingAeadParameters.AES256_CTR_HMAC_SHA256_4KB).after(H);
    assertEquals(H + 24, gcmLayout.prefixBytes());
    assertEquals(16, gcmLayout.tagBytes());
    assertEquals(H + 40, ctrLayout.prefixBytes());
    assertEquals(32, ctrLayout.tagBytes());
    for (int i = 0; i < 300; i++) {
      long size = i < 100 ? i * 41L : r.nextInt(40 * SEGMENT);
      long gcmLength = H + gcm.expectedCiphertextSize(size);
      assertEquals(
          segmentsOf(size, SEGMENT - 24 - 16, SEGMENT - 16),
          gcmLayout.segments(gcmLength),
          "GCM, plaintext size " + size + " (seed " + SEED + ")");
      long ctrLength = H + ctr.expectedCiphertextSize(size);
      assertEquals(
          segmentsOf(size, SEGMENT - 40 - 32, SEGMENT - 32),
          ctrLayout.segments(ctrLength),
          "CTR-HMAC, plaintext size " + size + " (seed " + SEED + ")");
      long last = gcmLayout.segments(gcmLength) - 1;
      assertEquals(gcmLength, gcmLayout.segmentEnd(last, gcmLength), "the last segment ends last");
      assertTrue(last == 0 || gcmLayout.segmentEnd(last - 1, gcmLength) < gcmLength - 16);
    }
    assertEquals(-1, gcmLayout.segments(H + 24 + 15), "shorter than Tink's header and one tag");
    assertEquals(1, gcmLayout.segments(H + 24 + 16), "an empty plaintext: one tag");
    assertEquals(-1, gcmLayout.segments(H + SEGMENT + 15), "a last segment shorter than a tag");
    assertEquals(0, gcmLayout.segmentAt(0));
    assertEquals(0, gcmLayout.segmentAt(H + SEGMENT - 1));
    assertEquals(1, gcmLayout.segmentAt(H + SEGMENT));
  }

  @Test
  void keyTypesWithoutAKnownLayoutAreRefused() {
    Parameters notStreaming = KeyKind.RECORD.parameters();
    GeneralSecurityException e =
        assertThrows(GeneralSecurityException.class, () -> SegmentLayout.of(notStreaming));
    assertEquals("unsupported file key type", e.getMessage());
  }

  // ------------------------------------------------------------------ differential

  /**
   * Plaintext sizes around every boundary that matters (0, 1, a segment's plaintext −1, exactly,
   * +1, for the first and later segments) and random sizes of many segments.
   */
  static Gen<Integer> sizes(int firstPlain, int plain, int many) {
    return r -> {
      switch (r.nextInt(4)) {
        case 0:
          return r.nextInt(3);
        case 1:
          return Math.max(0, firstPlain + r.nextInt(3) - 1);
        case 2:
          return Math.max(0, firstPlain + (1 + r.nextInt(5)) * plain + r.nextInt(3) - 1);
        default:
          return r.nextInt(many);
      }
    };
  }

  void assertSameAsTinksSinglePass(KeysetHandle keyset, int size, SplittableRandom r) {
    try {
      FileEnvelope env = FileEnvelope.of(keyset, PURPOSE);
      byte[] plaintext = random(r, size);
      byte[] envelope = seal(env, plaintext);
      byte[] tink = tinkSinglePass(keyset, envelope);
      assertArrayEquals(plaintext, tink, "Tink's single pass");
      Path in = dir.resolve("d.nge");
      Path out = dir.resolve("d.bin");
      Files.write(in, envelope);
      Files.deleteIfExists(out);
      env.decrypt(in, out);
      assertArrayEquals(tink, Files.readAllBytes(out), "decrypt");
      try (InputStream verified = env.openVerified(in)) {
        // odd read sizes so that reads straddle the tags
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 + r.nextInt(3 * SEGMENT)];
        for (int n; (n = verified.read(buffer)) != -1; ) {
          got.write(buffer, 0, n);
        }
        assertArrayEquals(tink, got.toByteArray(), "openVerified");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new AssertionError("refused a valid envelope", e);
    }
  }

  @Test
  void verifiedDecryptionEqualsTinksSinglePassAtEverySize() {
    int cases = Math.max(60, ForAll.size() / 20);
    SplittableRandom bytes = new SplittableRandom(SEED);
    ForAll.check(
        "verified = Tink single pass, AES-GCM-HKDF 4 KB",
        cases,
        SEED,
        sizes(FIRST_PLAIN, PLAIN, 40 * SEGMENT),
        size -> assertSameAsTinksSinglePass(gcm4k, size, bytes));
    ForAll.check(
        "verified = Tink single pass, AES-CTR-HMAC 4 KB",
        cases / 2,
        SEED + 1,
        sizes(SEGMENT - 40 - 32, SEGMENT - 32, 40 * SEGMENT),
        size -> assertSameAsTinksSinglePass(ctr4k, size, bytes));
    int big = (1 << 20) - 16;
    ForAll.check(
        "verified = Tink single pass, AES-GCM-HKDF 1 MB (the FILE kind)",
        8,
        SEED + 2,
        sizes(big - 40, big, 3 << 20),
        size -> assertSameAsTinksSinglePass(gcm1m, size, bytes));
    System.out.println("VerifiedDecryptionTest: differential property passed (seed " + SEED + ")");
  }

  // ------------------------------------------------------------------ changed between passes

  /** Writes bytes into a file in place (same inode), as a concurrent writer would. */
  static void overwriteInPlace(Path p, long position, byte[] bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(bytes), position);
    }
  }

  static void truncate(Path p, long size) throws IOException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
      ch.truncate(size);
    }
  }

  static byte[] slice(byte[] b, int from, int to) {
    return Arrays.copyOfRange(b, from, Math.min(to, b.length));
  }

  /** A change made between the passes, and the first segment whose plaintext it may alter. */
  static final class Change {
    final String name;
    final EnvelopeFiles.Step step;
    final int firstChangedSegment;

    Change(String name, int firstChangedSegment, EnvelopeFiles.Step step) {
      this.name = name;
      this.step = step;
      this.firstChangedSegment = firstChangedSegment;
    }
  }

  /** The plaintext offset where segment k starts. */
  static int plaintextStart(int k) {
    return k == 0 ? 0 : FIRST_PLAIN + (k - 1) * PLAIN;
  }

  @Test
  void aFileChangedBetweenThePassesReleasesNoByteOfAChangedSegment() throws Exception {
    SplittableRandom r = new SplittableRandom(SEED);
    FileEnvelope env = FileEnvelope.of(gcm4k, PURPOSE);
    byte[] plaintext = random(r, FIRST_PLAIN + 5 * PLAIN + 500); // segments 0..6, the last short
    byte[] envelope = seal(env, plaintext);
    byte[] again = seal(env, plaintext); // the same plaintext and key, another salt
    byte[] other = seal(env, random(r, plaintext.length)); // same key and length
    assertEquals(envelope.length, other.length);
    Path in = dir.resolve("in.nge");
    Path refused = Files.createDirectory(dir.resolve("refused"));
    Path out = refused.resolve("out.csv");
    int end = envelope.length;
    List<Change> changes =
        List.of(
            new Change(
                "re-encrypted in place (same plaintext and length)",
                0,
                () -> overwriteInPlace(in, 0, again)),
            new Change("emptied", 0, () -> truncate(in, 0)),
            new Change(
                "Tink's nonce prefix changed",
                0,
                () -> overwriteInPlace(in, H + 20, new byte[] {(byte) (envelope[H + 20] ^ 1)})),
            new Change(
                "the tag of segment 2 changed",
                2,
                () ->
                    overwriteInPlace(
                        in,
                        H + 3 * SEGMENT - 1,
                        new byte[] {(byte) (envelope[H + 3 * SEGMENT - 1] ^ 1)})),
            new Change(
                "the first byte of segment 2's tag changed",
                2,
                () ->
                    overwriteInPlace(
                        in,
                        H + 3 * SEGMENT - 16,
                        new byte[] {(byte) (envelope[H + 3 * SEGMENT - 16] ^ 0x40)})),
            new Change(
                "segment 3 from another valid envelope of the same key",
                3,
                () ->
                    overwriteInPlace(
                        in, H + 3 * SEGMENT, slice(other, H + 3 * SEGMENT, H + 4 * SEGMENT))),
            new Change(
                "segments 1 and 2 swapped",
                1,
                () -> {
                  overwriteInPlace(
                      in, H + SEGMENT, slice(envelope, H + 2 * SEGMENT, H + 3 * SEGMENT));
                  overwriteInPlace(
                      in, H + 2 * SEGMENT, slice(envelope, H + SEGMENT, H + 2 * SEGMENT));
                }),
            new Change("truncated at a segment boundary", 5, () -> truncate(in, H + 6 * SEGMENT)),
            new Change("truncated inside segment 4", 4, () -> truncate(in, H + 4 * SEGMENT + 100)),
            new Change("the last tag cut off", 6, () -> truncate(in, end - 16)),
            new Change(
                "a segment appended",
                6,
                () ->
                    Files.write(
                        in, slice(other, H + SEGMENT, H + 2 * SEGMENT), StandardOpenOption.APPEND)),
            new Change(
                "the last segment from another envelope",
                6,
                () -> overwriteInPlace(in, H + 6 * SEGMENT, slice(other, H + 6 * SEGMENT, end))),
            new Change(
                "the last byte changed",
                6,
                () -> overwriteInPlace(in, end - 1, new byte[] {(byte) (envelope[end - 1] ^ 1)})));
    for (Change change : changes) {
      String why = change.name + " (seed " + SEED + ")";
      Files.write(in, envelope);
      GeneralSecurityException e =
          assertThrows(
              GeneralSecurityException.class, () -> env.decrypt(in, out, false, change.step), why);
      assertEquals(VerifiedDecryption.Changed.MESSAGE, e.getMessage(), why);
      try (Stream<Path> left = Files.list(refused)) {
        assertEquals(0, left.count(), why + ": no output, no temporary file");
      }
      Files.write(in, envelope);
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      try (InputStream verified = env.openVerified(in)) {
        change.step.run();
        byte[] buffer = new byte[777];
        IOException thrown =
            assertThrows(
                IOException.class,
                () -> {
                  for (int n; (n = verified.read(buffer)) != -1; ) {
                    got.write(buffer, 0, n);
                  }
                },
                why);
        assertEquals(VerifiedDecryption.Changed.MESSAGE, thrown.getMessage(), why);
      }
      byte[] released = got.toByteArray();
      assertTrue(
          released.length <= plaintextStart(change.firstChangedSegment),
          why + ": " + released.length + " bytes released, a changed segment among them");
      assertArrayEquals(
          Arrays.copyOf(plaintext, released.length), released, why + ": only verified bytes");
    }
  }

  /**
   * A key holder who keeps the header (salt and nonce prefix) and writes another valid segment 2
   * with Tink's segment key and nonce (derived here with Tink's HKDF, sealed with the JDK's
   * AES-GCM): Tink alone would accept it in the second pass; its tag differs from the verified one,
   * so it is refused before any of it is released. (A key holder could also solve for an equal GCM
   * tag; decision 0021 says what that means.)
   */
  @Test
  void aKeyHoldersOtherValidSegmentIsRefusedByItsTag() throws Exception {
    SplittableRandom r = new SplittableRandom(SEED);
    FileEnvelope env = FileEnvelope.of(gcm4k, PURPOSE);
    byte[] plaintext = random(r, FIRST_PLAIN + 4 * PLAIN + 99); // segments 0..5
    byte[] envelope = seal(env, plaintext);
    byte[] header = Arrays.copyOf(envelope, H);
    byte[] salt = slice(envelope, H + 1, H + 17);
    byte[] noncePrefix = slice(envelope, H + 17, H + 24);
    byte[] ikm =
        ((AesGcmHkdfStreamingKey) gcm4k.getPrimary().getKey())
            .getInitialKeyMaterial()
            .toByteArray(InsecureSecretKeyAccess.get());
    byte[] segmentKey =
        Hkdf.computeHkdf("HmacSha256", ikm, salt, FileEnvelope.associatedData(header, PURPOSE), 16);
    byte[] nonce = ByteBuffer.allocate(12).put(noncePrefix).putInt(2).put((byte) 0).array();
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(
        Cipher.ENCRYPT_MODE,
        new SecretKeySpec(segmentKey, "AES"),
        new GCMParameterSpec(128, nonce));
    byte[] forged = gcm.doFinal(random(r, PLAIN));
    assertEquals(SEGMENT, forged.length);
    byte[] altered = envelope.clone();
    System.arraycopy(forged, 0, altered, H + 2 * SEGMENT, SEGMENT);
    byte[] tinkReads = tinkSinglePass(gcm4k, altered);
    assertEquals(plaintext.length, tinkReads.length, "Tink accepts the key holder's segment");
    assertTrue(
        !Arrays.equals(plaintext, tinkReads), "and decrypts it to another plaintext (seed " + SEED);

    Path in = dir.resolve("in.nge");
    Path out = dir.resolve("out.csv");
    Files.write(in, envelope);
    GeneralSecurityException e =
        assertThrows(
            GeneralSecurityException.class,
            () -> env.decrypt(in, out, false, () -> Files.write(in, altered)));
    assertEquals(VerifiedDecryption.Changed.MESSAGE, e.getMessage());
    assertTrue(Files.notExists(out));
    Files.write(in, envelope);
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    try (InputStream verified = env.openVerified(in)) {
      Files.write(in, altered); // same length: written in place
      byte[] buffer = new byte[1000];
      assertThrows(
          IOException.class,
          () -> {
            for (int n; (n = verified.read(buffer)) != -1; ) {
              got.write(buffer, 0, n);
            }
          });
    }
    assertTrue(got.size() <= plaintextStart(2), got.size() + " bytes released (seed " + SEED + ")");
    assertArrayEquals(Arrays.copyOf(plaintext, got.size()), got.toByteArray());
  }
}
