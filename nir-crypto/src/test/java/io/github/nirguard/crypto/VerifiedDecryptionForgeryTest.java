package io.github.nirguard.crypto;

import static io.github.nirguard.crypto.VerifiedDecryptionTest.FIRST_PLAIN;
import static io.github.nirguard.crypto.VerifiedDecryptionTest.H;
import static io.github.nirguard.crypto.VerifiedDecryptionTest.PLAIN;
import static io.github.nirguard.crypto.VerifiedDecryptionTest.PURPOSE;
import static io.github.nirguard.crypto.VerifiedDecryptionTest.SEGMENT;
import static io.github.nirguard.crypto.VerifiedDecryptionTest.ctr4k;
import static io.github.nirguard.crypto.VerifiedDecryptionTest.gcm4k;
import static io.github.nirguard.crypto.VerifiedDecryptionTest.plaintextStart;
import static io.github.nirguard.crypto.VerifiedDecryptionTest.random;
import static io.github.nirguard.crypto.VerifiedDecryptionTest.seal;
import static io.github.nirguard.crypto.VerifiedDecryptionTest.tinkSinglePass;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingKey;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import com.google.crypto.tink.subtle.Hkdf;
import io.github.nirguard.testkit.ForAll;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verified decryption (decision 0021) against a key holder who rewrites the file between the
 * two passes, and against reads that end anywhere: the file's channel gives short reads of random
 * sizes ({@link ChoppyChannel}), so every tag is split at every offset across reads, and a key
 * holder's segment ({@link GcmForger}) that Tink alone accepts differs from the verified one in one
 * byte of its tag. Whatever the split, the second pass refuses it before releasing any byte of it;
 * and a forgery with an equal tag, which decision 0021 says it cannot see, passes (pinned here, so
 * that a change in that guarantee shows).
 */
class VerifiedDecryptionForgeryTest {
  static final long SEED = ForAll.seed();

  @TempDir Path dir;

  /**
   * {@link VerifiedDecryptionTest}'s keysets: AES-128-GCM-HKDF and AES-256-CTR-HMAC, 4 KB segments.
   */
  @BeforeAll
  static void keys() throws GeneralSecurityException {
    VerifiedDecryptionTest.keys();
  }

  static VerifiedDecryption decryption(KeysetHandle keyset) throws GeneralSecurityException {
    return FileEnvelope.of(keyset, PURPOSE).decryption();
  }

  /** What the second pass released before it ended or failed, and how it failed (or null). */
  static final class Outcome {
    final byte[] released;
    final IOException failure;

    Outcome(byte[] released, IOException failure) {
      this.released = released;
      this.failure = failure;
    }
  }

  /**
   * Both passes over a channel of short reads (at most {@code maxChunk} bytes each), the file
   * replaced by {@code swap} (same length, in place) between them, the plaintext read with buffers
   * of random sizes.
   */
  static Outcome twoPasses(VerifiedDecryption d, Path in, byte[] swap, long seed, int maxChunk)
      throws IOException, GeneralSecurityException {
    SplittableRandom r = new SplittableRandom(seed);
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    try (FileChannel ch =
        new ChoppyChannel(FileChannel.open(in, StandardOpenOption.READ), seed, maxChunk)) {
      VerifiedDecryption.Verified verified = d.verify(ch);
      if (swap != null) {
        try (FileChannel w = FileChannel.open(in, StandardOpenOption.WRITE)) {
          w.write(ByteBuffer.wrap(swap), 0);
        }
      }
      try (InputStream plaintext = d.secondPass(ch, verified)) {
        byte[] buffer = new byte[1 + r.nextInt(2 * SEGMENT)];
        for (int n; (n = plaintext.read(buffer)) != -1; ) {
          got.write(buffer, 0, n);
        }
      } catch (IOException e) {
        return new Outcome(got.toByteArray(), e);
      }
    }
    return new Outcome(got.toByteArray(), null);
  }

  /** Short reads: 1 byte, a few bytes, or up to three segments. */
  static int maxChunk(SplittableRandom r) {
    switch (r.nextInt(3)) {
      case 0:
        return 1;
      case 1:
        return 2 + r.nextInt(40);
      default:
        return 1 + r.nextInt(3 * SEGMENT);
    }
  }

  // ------------------------------------------------------------------ the forger itself

  @Test
  void theForgersFieldArithmeticGivesTheJdksGcmTagsAndForgeriesTheJdkAccepts() throws Exception {
    ForAll.check(
        "GF(2^128) arithmetic = the JDK's GCM; forged tags verify",
        200,
        SEED,
        r -> r.split(),
        r -> {
          try {
            byte[] key = random(r, r.nextBoolean() ? 16 : 32);
            byte[] nonce = random(r, 12);
            byte[] plaintext = random(r, 32 + r.nextInt(200));
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            SecretKeySpec k = new SecretKeySpec(key, "AES");
            gcm.init(Cipher.ENCRYPT_MODE, k, new GCMParameterSpec(128, nonce));
            byte[] sealed = gcm.doFinal(plaintext);
            int length = plaintext.length;
            assertArrayEquals(
                Arrays.copyOfRange(sealed, length, length + 16),
                GcmForger.tag(key, nonce, sealed, length),
                "the tag from the field arithmetic");
            GcmForger forger = new GcmForger(key);
            byte[] newTag = random(r, 16);
            byte[] forged = forger.withTag(sealed, newTag);
            byte[] same = forger.sameTag(sealed, random(r, 16));
            for (byte[] f : new byte[][] {forged, same}) {
              gcm.init(Cipher.DECRYPT_MODE, k, new GCMParameterSpec(128, nonce));
              byte[] opened = gcm.doFinal(f); // throws if the forgery does not verify
              assertEquals(length, opened.length);
              assertFalse(Arrays.equals(plaintext, opened), "another plaintext");
            }
            assertArrayEquals(newTag, Arrays.copyOfRange(forged, length, length + 16));
            assertArrayEquals(
                Arrays.copyOfRange(sealed, length, length + 16),
                Arrays.copyOfRange(same, length, length + 16));
          } catch (GeneralSecurityException e) {
            throw new AssertionError("a forgery the JDK refused", e);
          }
        });
  }

  // ------------------------------------------------------------------ short reads, no change

  @Test
  void shortReadsOfAnyLengthReleaseTinksPlaintext() {
    int cases = Math.max(40, ForAll.size() / 40);
    ForAll.check(
        "short reads of any length: verified = Tink's single pass",
        cases,
        SEED + 1,
        r -> r.split(),
        r -> {
          try {
            KeysetHandle keyset = r.nextBoolean() ? gcm4k : ctr4k;
            FileEnvelope env = FileEnvelope.of(keyset, PURPOSE);
            int size = r.nextInt(4) == 0 ? r.nextInt(3) : r.nextInt(8 * SEGMENT);
            byte[] plaintext = random(r, size);
            byte[] envelope = seal(env, plaintext);
            Path in = dir.resolve("short.nge");
            Files.write(in, envelope);
            Outcome o = twoPasses(decryption(keyset), in, null, r.nextLong(), maxChunk(r));
            if (o.failure != null) {
              throw new AssertionError("refused an unchanged file", o.failure);
            }
            assertArrayEquals(plaintext, o.released);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (GeneralSecurityException e) {
            throw new AssertionError("refused a valid envelope", e);
          }
        });
  }

  // ------------------------------------------------------------------ a key holder's segment

  /** A file of segments 0..6 (the last one short) under {@link #gcm4k}, and how to forge in it. */
  static final class Victim {
    final byte[] plaintext;
    final byte[] envelope;
    final byte[] segmentKey;
    final int segments;

    Victim(SplittableRandom r) throws IOException, GeneralSecurityException {
      FileEnvelope env = FileEnvelope.of(gcm4k, PURPOSE);
      plaintext = random(r, FIRST_PLAIN + 5 * PLAIN + 100 + r.nextInt(PLAIN - 100));
      envelope = seal(env, plaintext);
      byte[] header = Arrays.copyOf(envelope, H);
      byte[] salt = Arrays.copyOfRange(envelope, H + 1, H + 17);
      byte[] ikm =
          ((AesGcmHkdfStreamingKey) gcm4k.getPrimary().getKey())
              .getInitialKeyMaterial()
              .toByteArray(InsecureSecretKeyAccess.get());
      segmentKey =
          Hkdf.computeHkdf(
              "HmacSha256", ikm, salt, FileEnvelope.associatedData(header, PURPOSE), 16);
      segments = 7;
      assertEquals(
          segments,
          SegmentLayout.of(PredefinedStreamingAeadParameters.AES128_GCM_HKDF_4KB)
              .after(H)
              .segments(envelope.length));
    }

    int start(int k) {
      return k == 0 ? H + 24 : H + k * SEGMENT;
    }

    int end(int k) {
      return Math.min(H + (k + 1) * SEGMENT, envelope.length);
    }

    /** The file with segment k replaced by what {@code forge} makes of it. */
    byte[] with(int k, java.util.function.UnaryOperator<byte[]> forge) {
      byte[] segment = Arrays.copyOfRange(envelope, start(k), end(k));
      byte[] forged = forge.apply(segment);
      assertEquals(segment.length, forged.length);
      byte[] altered = envelope.clone();
      System.arraycopy(forged, 0, altered, start(k), forged.length);
      return altered;
    }
  }

  @Test
  void aKeyHoldersSegmentWithOneTagByteChangedIsRefusedWhereverTheReadsEnd() {
    int cases = Math.max(40, ForAll.size() / 40);
    ForAll.check(
        "a key holder's segment, one tag byte off, is refused before release",
        cases,
        SEED + 2,
        r -> r.split(),
        r -> {
          try {
            Victim v = new Victim(r);
            int k = r.nextInt(v.segments);
            int j = r.nextInt(16);
            byte flip = (byte) (1 + r.nextInt(255));
            GcmForger forger = new GcmForger(v.segmentKey);
            byte[] altered =
                v.with(
                    k,
                    segment -> {
                      byte[] tag = Arrays.copyOfRange(segment, segment.length - 16, segment.length);
                      tag[j] ^= flip;
                      return forger.withTag(segment, tag);
                    });
            byte[] tinkReads = tinkSinglePass(gcm4k, altered);
            assertEquals(v.plaintext.length, tinkReads.length, "Tink alone accepts the forgery");
            assertFalse(Arrays.equals(v.plaintext, tinkReads), "and releases another plaintext");

            Path in = dir.resolve("victim.nge");
            Files.write(in, v.envelope);
            Outcome o = twoPasses(decryption(gcm4k), in, altered, r.nextLong(), maxChunk(r));
            String where = "segment " + k + ", tag byte " + j;
            assertTrue(o.failure instanceof VerifiedDecryption.Changed, where + ": refused");
            assertTrue(
                o.released.length <= plaintextStart(k),
                where
                    + ": "
                    + o.released.length
                    + " bytes released, the forged segment among them");
            assertArrayEquals(
                Arrays.copyOf(v.plaintext, o.released.length),
                o.released,
                where + ": verified bytes");
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
          }
        });
  }

  /**
   * Decision 0021, "What changes against a key holder": one who solves for an equal tag is not
   * detected, and the second pass releases their plaintext. This test pins that documented limit:
   * if the verified decryption ever detects it, the decision and this test change together.
   */
  @Test
  void aKeyHoldersSegmentWithAnEqualTagIsReleasedAsDecision0021Says() throws Exception {
    SplittableRandom r = new SplittableRandom(SEED + 3);
    Victim v = new Victim(r);
    int k = 1 + r.nextInt(v.segments - 2);
    GcmForger forger = new GcmForger(v.segmentKey);
    byte[] d = random(r, 16);
    byte[] altered = v.with(k, segment -> forger.sameTag(segment, d));
    byte[] tinkReads = tinkSinglePass(gcm4k, altered);
    assertFalse(Arrays.equals(v.plaintext, tinkReads));
    Path in = dir.resolve("victim.nge");
    Files.write(in, v.envelope);
    Outcome o = twoPasses(decryption(gcm4k), in, altered, r.nextLong(), 1 + r.nextInt(SEGMENT));
    assertEquals(null, o.failure, "not detected (seed " + (SEED + 3) + ")");
    assertArrayEquals(tinkReads, o.released, "the key holder's plaintext is released");
  }

  // ------------------------------------------------------------------ rotated keys: mark and reset

  /**
   * A keyset of two enabled keys makes Tink try one key, reset the source and try the other: both
   * orders, with short reads, give the plaintext, and a key holder's segment is still refused.
   */
  @Test
  void withTwoKeysTinkResetsTheSourceAndTheChecksHold() throws Exception {
    KeysetHandle rotated =
        KeysetHandle.newBuilder(gcm4k)
            .addEntry(
                KeysetHandle.generateEntryFromParameters(
                        PredefinedStreamingAeadParameters.AES128_GCM_HKDF_4KB)
                    .withRandomId()
                    .makePrimary())
            .build();
    SplittableRandom r = new SplittableRandom(SEED + 4);
    Path in = dir.resolve("rotated.nge");
    for (KeysetHandle writer : new KeysetHandle[] {gcm4k, rotated}) {
      for (int round = 0; round < 6; round++) {
        byte[] plaintext = random(r, r.nextInt(5 * SEGMENT));
        byte[] envelope = seal(FileEnvelope.of(writer, PURPOSE), plaintext);
        Files.write(in, envelope);
        Outcome o = twoPasses(decryption(rotated), in, null, r.nextLong(), maxChunk(r));
        assertEquals(null, o.failure, "round " + round + " (seed " + (SEED + 4) + ")");
        assertArrayEquals(plaintext, o.released);
      }
    }
    Victim v = new Victim(r); // under gcm4k, the old key of the rotated keyset
    GcmForger forger = new GcmForger(v.segmentKey);
    for (int k = 0; k < v.segments; k++) {
      byte[] altered =
          v.with(
              k,
              segment -> {
                byte[] tag = Arrays.copyOfRange(segment, segment.length - 16, segment.length);
                tag[15] ^= 1;
                return forger.withTag(segment, tag);
              });
      Files.write(in, v.envelope);
      Outcome o = twoPasses(decryption(rotated), in, altered, r.nextLong(), maxChunk(r));
      assertTrue(o.failure instanceof VerifiedDecryption.Changed, "segment " + k);
      assertTrue(o.released.length <= plaintextStart(k), "segment " + k);
    }
  }
}
