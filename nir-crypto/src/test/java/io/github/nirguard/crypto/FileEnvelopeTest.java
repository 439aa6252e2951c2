package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import io.github.nirguard.testkit.ForAll;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileEnvelopeTest {
  static final String CSV = "text/csv";

  /** Our header with {@code text/csv}: magic, version, key id, length byte, 8 bytes. */
  static final int H = EnvelopeFormat.FIXED_HEADER_BYTES + CSV.length();

  /** The FILE kind: AES-256-GCM-HKDF, 1 MB ciphertext segments, 40-byte Tink header. */
  static final int BIG_SEGMENT = 1 << 20;

  static final int BIG_FIRST_PLAIN = BIG_SEGMENT - 40 - 16;
  static final int BIG_PLAIN = BIG_SEGMENT - 16;

  /**
   * The test keyset: AES-128-GCM-HKDF, 4 KB segments, 24-byte Tink header: many segments cheaply.
   */
  static final int SMALL_SEGMENT = 4096;

  static final int SMALL_FIRST_PLAIN = SMALL_SEGMENT - 24 - 16;
  static final int SMALL_PLAIN = SMALL_SEGMENT - 16;

  static final int SIZE = ForAll.size();
  static final long SEED = ForAll.seed();
  static final AtomicInteger REFUSED = new AtomicInteger();

  static KeyRing ring;
  static FileEnvelope files; // FILE kind, lab-export
  static FileEnvelope audit; // FILE kind, lab-audit
  static FileEnvelope foreign; // another ring's lab-export
  static KeysetHandle smallKeyset;
  static FileEnvelope small; // 4 KB segments, lab-export

  @TempDir Path dir;
  Path refusedDir;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    ring = TestKeys.ring("lab-export", "lab-audit");
    files = FileEnvelope.create(ring, "lab-export");
    audit = FileEnvelope.create(ring, "lab-audit");
    foreign = FileEnvelope.create(TestKeys.ring("lab-export"), "lab-export");
    smallKeyset = KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES128_GCM_HKDF_4KB);
    small = FileEnvelope.of(smallKeyset, "lab-export");
  }

  @AfterAll
  static void report() {
    System.out.println(
        "FileEnvelopeTest: "
            + REFUSED.get()
            + " altered or misdirected envelopes, all refused (seed "
            + SEED
            + ")");
  }

  @BeforeEach
  void refusedDir() throws IOException {
    refusedDir = Files.createDirectory(dir.resolve("refused"));
  }

  /** "Closing the stream closes the file" (Linux: this process's descriptors name it). */
  @Test
  void closingTheVerifiedStreamClosesTheFile() throws Exception {
    long seed = ForAll.seed();
    byte[] plain = random(new SplittableRandom(seed), 10_000);
    Path p = dir.resolve("closed.nge");
    Files.write(p, seal(files, plain));
    String name = p.toRealPath().toString();
    InputStream in = files.openVerified(p);
    assertTrue(openByThisProcess(name), "open while read, seed " + seed);
    assertArrayEquals(plain, in.readAllBytes(), "seed " + seed);
    in.close();
    assertFalse(openByThisProcess(name), "closed with the stream, seed " + seed);
  }

  private static boolean openByThisProcess(String file) throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          if (Files.readSymbolicLink(fd).toString().equals(file)) {
            return true;
          }
        } catch (IOException gone) {
          // the listing's own descriptor, closed meanwhile
        }
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ helpers

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

  byte[] open(FileEnvelope env, byte[] envelope) throws IOException, GeneralSecurityException {
    Path p = dir.resolve("open.nge");
    Files.write(p, envelope);
    try (InputStream in = env.openVerified(p)) {
      return in.readAllBytes();
    }
  }

  static byte[] flip(byte[] b, long bit) {
    byte[] c = b.clone();
    c[(int) (bit >>> 3)] ^= (byte) (1 << (bit & 7));
    return c;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      b.writeBytes(p);
    }
    return b.toByteArray();
  }

  static byte[] slice(byte[] b, int from, int to) {
    return Arrays.copyOfRange(b, from, Math.min(to, b.length));
  }

  /** Segment k of an envelope: k = 0 also holds Tink's header; the last one may be short. */
  static byte[] segment(byte[] env, int segmentSize, int k) {
    return slice(env, H + k * segmentSize, H + (k + 1) * segmentSize);
  }

  static int segments(byte[] env, int segmentSize) {
    return (env.length - H + segmentSize - 1) / segmentSize;
  }

  /**
   * Asserts that an envelope is refused both ways with a generic message, that {@code decrypt}
   * leaves no file at all (neither output nor temporary), and that {@code openVerified} fails
   * before returning a stream (zero plaintext bytes).
   */
  void assertRefused(FileEnvelope env, byte[] altered, String what) throws IOException {
    String why = what + " (seed " + SEED + ")";
    Path in = refusedDir.resolve("altered.nge");
    Files.write(in, altered);
    Path out = refusedDir.resolve("out.csv");
    GeneralSecurityException e =
        assertThrows(GeneralSecurityException.class, () -> env.decrypt(in, out), why);
    assertTrue(e.getMessage().startsWith("decryption failed"), why + ": " + e.getMessage());
    try (Stream<Path> left = Files.list(refusedDir)) {
      assertEquals(
          List.of(in), left.collect(Collectors.toList()), why + ": no output, no temporary file");
    }
    assertThrows(GeneralSecurityException.class, () -> env.openVerified(in).close(), why);
    REFUSED.incrementAndGet();
  }

  // ------------------------------------------------------------------ round trips

  @Test
  void layoutIsHeaderThenTinkSegments() throws Exception {
    SplittableRandom r = new SplittableRandom(SEED);
    byte[] env = seal(small, random(r, SMALL_FIRST_PLAIN + 2 * SMALL_PLAIN));
    assertEquals(H + 3 * SMALL_SEGMENT, env.length, "exactly three full segments");
    assertArrayEquals("NIRGUARD".getBytes(StandardCharsets.US_ASCII), slice(env, 0, 8));
    assertEquals(1, env[8], "format version");
    assertEquals(smallKeyset.getPrimary().getId(), ByteBuffer.wrap(env, 9, 4).getInt());
    assertEquals(CSV.length(), env[13]);
    assertEquals(CSV, new String(env, 14, CSV.length(), StandardCharsets.UTF_8));
    assertEquals(
        H + BIG_SEGMENT + 1 + 16,
        seal(files, random(r, BIG_FIRST_PLAIN + 1)).length,
        "a full segment, then one byte");
  }

  @Test
  void roundTripsAtEverySizeThatMatters() throws Exception {
    SplittableRandom r = new SplittableRandom(SEED);
    int[] sizes = {
      0,
      1,
      2,
      BIG_FIRST_PLAIN - 1,
      BIG_FIRST_PLAIN,
      BIG_FIRST_PLAIN + 1,
      BIG_FIRST_PLAIN + BIG_PLAIN,
      3 * BIG_PLAIN + 12_345,
    };
    int fileId = ring.handle("lab-export", KeyKind.FILE).getPrimary().getId();
    for (int size : sizes) {
      byte[] plaintext = random(r, size);
      Path in = dir.resolve("plain-" + size + ".bin");
      Path env = dir.resolve("plain-" + size + ".nge");
      Path back = dir.resolve("back-" + size + ".bin");
      Files.write(in, plaintext);
      files.encrypt(in, env, "application/octet-stream");
      FileEnvelope.Header header = FileEnvelope.readHeader(env).orElseThrow();
      assertEquals(fileId, header.keyId());
      assertEquals("application/octet-stream", header.contentType());
      files.decrypt(env, back);
      assertArrayEquals(plaintext, Files.readAllBytes(back), "size " + size);
      try (InputStream verified = files.openVerified(env)) {
        assertArrayEquals(plaintext, verified.readAllBytes(), "size " + size);
        assertEquals(-1, verified.read());
      }
      byte[] streamed = seal(files, plaintext);
      assertEquals(
          Files.size(env) - "application/octet-stream".length() + CSV.length(),
          streamed.length,
          "size " + size);
      assertArrayEquals(plaintext, open(files, streamed), "size " + size);
    }
    try (Stream<Path> all = Files.list(dir)) {
      assertEquals(
          3 * sizes.length + 2,
          all.count(),
          "no temporary files left: in, envelope, back per size; open.nge; refused/");
    }
  }

  @Test
  void roundTripsOnSmallSegmentsAndByteByByte() throws Exception {
    SplittableRandom r = new SplittableRandom(SEED);
    List<Integer> sizes =
        new ArrayList<>(
            List.of(0, 1, SMALL_FIRST_PLAIN - 1, SMALL_FIRST_PLAIN, SMALL_FIRST_PLAIN + 1));
    for (int k = 1; k <= 3; k++) {
      int boundary = SMALL_FIRST_PLAIN + k * SMALL_PLAIN;
      sizes.addAll(List.of(boundary - 1, boundary, boundary + 1));
    }
    for (int i = 0; i < Math.max(10, SIZE / 100); i++) {
      sizes.add(r.nextInt(20 * SMALL_SEGMENT));
    }
    for (int size : sizes) {
      byte[] plaintext = random(r, size);
      assertArrayEquals(plaintext, open(small, seal(small, plaintext)), "size " + size);
    }
    byte[] plaintext = random(r, 3 * SMALL_SEGMENT);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (OutputStream out = small.encryptingStream(b, CSV)) {
      for (byte x : plaintext) {
        out.write(x);
      }
    }
    Path p = dir.resolve("bytes.nge");
    Files.write(p, b.toByteArray());
    ByteArrayOutputStream back = new ByteArrayOutputStream();
    try (InputStream in = small.openVerified(p)) {
      for (int x; (x = in.read()) != -1; ) {
        back.write(x);
      }
    }
    assertArrayEquals(plaintext, back.toByteArray());
  }

  @Test
  void ciphertextHidesThePlaintextAndEachEncryptionDiffers() throws Exception {
    byte[] csv =
        "nir,name\n255081416802538,Jeanne Martin\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
    byte[] a = seal(files, csv);
    byte[] b = seal(files, csv);
    assertNotEquals(Arrays.toString(a), Arrays.toString(b));
    String text = new String(a, StandardCharsets.ISO_8859_1);
    assertFalse(text.contains("255081416802538"));
    assertFalse(text.contains("Jeanne"));
    assertArrayEquals(csv, open(files, b));
  }

  @Test
  void rotationKeepsOldFilesReadableAndNewFilesUseTheNewKey() throws Exception {
    byte[] plaintext = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
    byte[] before = seal(files, plaintext);
    KeyRing rotated = KeyRingManager.of(ring).rotate("lab-export", KeyKind.FILE).ring();
    FileEnvelope after = FileEnvelope.create(rotated, "lab-export");
    assertArrayEquals(plaintext, open(after, before));
    byte[] fresh = seal(after, plaintext);
    Path p = dir.resolve("fresh.nge");
    Files.write(p, fresh);
    int newPrimary = rotated.handle("lab-export", KeyKind.FILE).getPrimary().getId();
    assertNotEquals(ring.handle("lab-export", KeyKind.FILE).getPrimary().getId(), newPrimary);
    assertEquals(newPrimary, FileEnvelope.readHeader(p).orElseThrow().keyId());
    assertArrayEquals(plaintext, open(after, fresh));
    GeneralSecurityException e =
        assertThrows(GeneralSecurityException.class, () -> files.openVerified(p));
    assertTrue(e.getMessage().contains(Token.hex8(newPrimary)), "names the missing key id");
    assertRefused(files, fresh, "new key, old ring");
    // the header's key id is authenticated: point it at the other (valid) key of the rotated ring
    byte[] moved = before.clone();
    ByteBuffer.wrap(moved, 9, 4).putInt(newPrimary);
    assertRefused(after, moved, "key id pointing at another key of the keyset");
  }

  @Test
  void concurrentUseOfOneEnvelope() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int seed = t;
        done.add(
            pool.submit(
                () -> {
                  byte[] plaintext = random(new SplittableRandom(seed), 5 * SMALL_SEGMENT + seed);
                  Path p = Files.createTempFile(dir, "c", ".nge");
                  Files.write(p, seal(small, plaintext));
                  try (InputStream in = small.openVerified(p)) {
                    return Arrays.equals(plaintext, in.readAllBytes());
                  }
                }));
      }
      for (Future<Boolean> f : done) {
        assertTrue(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ------------------------------------------------------------------ tampering

  @Test
  void everyHeaderBitFlipAndSampledFlipsAreRefused() throws Exception {
    SplittableRandom r = new SplittableRandom(SEED);
    byte[] env = seal(small, random(r, SMALL_FIRST_PLAIN + 9 * SMALL_PLAIN + 1000));
    assertEquals(11, segments(env, SMALL_SEGMENT));
    int before = REFUSED.get();
    for (long bit = 0; bit < 8L * (H + 24); bit++) { // our header and Tink's
      assertRefused(small, flip(env, bit), "small: header bit " + bit);
    }
    for (int i = 0; i < SIZE; i++) {
      long bit = r.nextLong(8L * env.length);
      assertRefused(small, flip(env, bit), "small: bit " + bit);
    }
    // the real FILE kind: every header bit (on a short file), and a sample of a 2 MB file, near
    // boundaries too
    byte[] short1m = seal(files, random(r, 5000));
    for (long bit = 0; bit < 8L * (H + 40); bit++) {
      assertRefused(files, flip(short1m, bit), "FILE kind: header bit " + bit);
    }
    byte[] big = seal(files, random(r, BIG_FIRST_PLAIN + BIG_PLAIN + 5000));
    for (int i = 0; i < Math.max(20, SIZE / 20); i++) {
      long bit =
          i % 2 == 0
              ? r.nextLong(8L * big.length)
              : 8L * (H + BIG_SEGMENT * (1 + r.nextInt(2)) + r.nextInt(-40, 40)) + r.nextInt(8);
      assertRefused(files, flip(big, bit), "big: bit " + bit);
    }
    assertTrue(REFUSED.get() - before >= 8 * (2 * H + 64) + SIZE, "counted");
  }

  @Test
  void truncationAtEverySegmentBoundaryAndAnywhereIsRefused() throws Exception {
    SplittableRandom r = new SplittableRandom(SEED);
    byte[] env = seal(small, random(r, SMALL_FIRST_PLAIN + 9 * SMALL_PLAIN + 1000));
    List<Integer> cuts = new ArrayList<>();
    for (int i = 0; i <= H + 24 + 1; i++) {
      cuts.add(i); // nothing, part of the magic, of our header, of Tink's
    }
    for (int k = 1; k < segments(env, SMALL_SEGMENT); k++) {
      int boundary = H + k * SMALL_SEGMENT;
      cuts.addAll(List.of(boundary - 16, boundary - 1, boundary, boundary + 1, boundary + 16));
    }
    cuts.add(env.length - 1);
    for (int i = 0; i < Math.max(50, SIZE / 10); i++) {
      cuts.add(r.nextInt(env.length));
    }
    for (int cut : cuts) {
      assertRefused(small, slice(env, 0, cut), "small: truncated at " + cut);
    }
    byte[] big = seal(files, random(r, BIG_FIRST_PLAIN + 2 * BIG_PLAIN + 777));
    assertEquals(4, segments(big, BIG_SEGMENT));
    for (int k = 1; k < 4; k++) {
      int boundary = H + k * BIG_SEGMENT;
      for (int cut : new int[] {boundary - 1, boundary, boundary + 1}) {
        assertRefused(files, slice(big, 0, cut), "big: truncated at " + cut);
      }
    }
    for (int i = 0; i < 5; i++) {
      int cut = r.nextInt(big.length);
      assertRefused(files, slice(big, 0, cut), "big: truncated at " + cut);
    }
  }

  @Test
  void extensionIsRefused() throws Exception {
    SplittableRandom r = new SplittableRandom(SEED);
    byte[] plaintext = random(r, SMALL_FIRST_PLAIN + 4 * SMALL_PLAIN + 100);
    byte[] env = seal(small, plaintext);
    int n = segments(env, SMALL_SEGMENT);
    assertRefused(small, concat(env, new byte[1]), "one zero byte appended");
    assertRefused(small, concat(env, random(r, 16)), "16 random bytes appended");
    assertRefused(small, concat(env, random(r, SMALL_SEGMENT)), "a random segment appended");
    assertRefused(small, concat(env, segment(env, SMALL_SEGMENT, n - 1)), "last segment repeated");
    assertRefused(small, concat(env, env), "two envelopes concatenated");
    assertRefused(small, concat(env, slice(env, H, env.length)), "Tink ciphertext repeated");
    byte[] full = seal(small, random(r, SMALL_FIRST_PLAIN + 2 * SMALL_PLAIN)); // ends on a boundary
    assertRefused(
        small,
        concat(full, segment(full, SMALL_SEGMENT, 1)),
        "a middle segment appended after a full last one");
    byte[] big = seal(files, random(r, BIG_FIRST_PLAIN + 100));
    assertRefused(files, concat(big, new byte[1]), "big: one byte appended");
    assertRefused(files, concat(big, random(r, BIG_SEGMENT)), "big: a segment appended");
  }

  @Test
  void reorderedDuplicatedDroppedAndSplicedSegmentsAreRefused() throws Exception {
    SplittableRandom r = new SplittableRandom(SEED);
    byte[] plaintext = random(r, SMALL_FIRST_PLAIN + 9 * SMALL_PLAIN + 1000);
    byte[] env = seal(small, plaintext);
    byte[] twin = seal(small, plaintext); // same plaintext, same key, another salt
    int n = segments(env, SMALL_SEGMENT);
    List<byte[]> segs = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      segs.add(segment(env, SMALL_SEGMENT, k));
    }
    byte[] header = slice(env, 0, H);
    for (int k = 1; k < n - 1; k++) {
      for (int j = k + 1; j < n; j++) {
        List<byte[]> swapped = new ArrayList<>(segs);
        swapped.set(k, segs.get(j));
        swapped.set(j, segs.get(k));
        assertRefused(
            small,
            concat(header, concat(swapped.toArray(new byte[0][]))),
            "segments " + k + " and " + j + " swapped");
      }
      List<byte[]> dup = new ArrayList<>(segs);
      dup.add(k, segs.get(k));
      assertRefused(
          small,
          concat(header, concat(dup.toArray(new byte[0][]))),
          "segment " + k + " duplicated");
      List<byte[]> dropped = new ArrayList<>(segs);
      dropped.remove(k);
      assertRefused(
          small,
          concat(header, concat(dropped.toArray(new byte[0][]))),
          "segment " + k + " dropped");
      List<byte[]> spliced = new ArrayList<>(segs);
      spliced.set(k, segment(twin, SMALL_SEGMENT, k));
      assertRefused(
          small,
          concat(header, concat(spliced.toArray(new byte[0][]))),
          "segment " + k + " from another encryption");
    }
    List<byte[]> lastMoved = new ArrayList<>(segs);
    lastMoved.add(1, lastMoved.remove(n - 1));
    assertRefused(
        small,
        concat(header, concat(lastMoved.toArray(new byte[0][]))),
        "last segment moved forward");
    assertRefused(
        small,
        concat(slice(twin, 0, H + 24), slice(env, H + 24, env.length)),
        "Tink header from another encryption");
    assertRefused(
        small,
        concat(slice(env, 0, H + SMALL_SEGMENT), slice(twin, H + SMALL_SEGMENT, twin.length)),
        "tail from another encryption");
    // the real FILE kind, 1 MB segments
    byte[] big = seal(files, random(r, BIG_FIRST_PLAIN + 2 * BIG_PLAIN + 777));
    byte[] s0 = segment(big, BIG_SEGMENT, 0);
    byte[] s1 = segment(big, BIG_SEGMENT, 1);
    byte[] s2 = segment(big, BIG_SEGMENT, 2);
    byte[] s3 = segment(big, BIG_SEGMENT, 3);
    byte[] h = slice(big, 0, H);
    assertRefused(files, concat(h, s0, s2, s1, s3), "big: segments 1 and 2 swapped");
    assertRefused(files, concat(h, s0, s1, s1, s2, s3), "big: segment 1 duplicated");
    assertRefused(files, concat(h, s0, s2, s3), "big: segment 1 dropped");
    assertRefused(files, concat(h, s0, s1, s3), "big: segment 2 dropped");
  }

  @Test
  void headerEditsAreRefused() throws Exception {
    SplittableRandom r = new SplittableRandom(SEED);
    byte[] env = seal(small, random(r, 3 * SMALL_SEGMENT));
    byte[] body = slice(env, H, env.length);
    assertRefused(
        small,
        concat(header("text/tsv", smallKeyset.getPrimary().getId()), body),
        "content type, same length");
    assertRefused(
        small,
        concat(header("text/csv; charset=utf-8", smallKeyset.getPrimary().getId()), body),
        "content type, longer");
    assertRefused(
        small,
        concat(header("text/cs", smallKeyset.getPrimary().getId()), body),
        "content type, shorter");
    assertRefused(small, concat(header(CSV, smallKeyset.getPrimary().getId() ^ 1), body), "key id");
    byte[] version = env.clone();
    version[8] = 2;
    assertRefused(small, version, "format version");
    byte[] magic = env.clone();
    magic[0] = 'n';
    assertRefused(small, magic, "magic");
    assertRefused(small, body, "no header at all (bare Tink ciphertext)");
    byte[] length = env.clone();
    length[13] = (byte) 0xff;
    assertRefused(small, length, "content type length past the header");
    byte[] controls = env.clone();
    controls[14] = '\n';
    assertRefused(small, controls, "control character in the content type");
    // a header of another, valid envelope of the same key
    byte[] other = smallWith("text/plain", random(r, 10));
    assertRefused(
        small,
        concat(slice(other, 0, EnvelopeFormat.FIXED_HEADER_BYTES + 10), body),
        "header of another envelope");
  }

  static byte[] header(String contentType, int keyId) {
    byte[] type = contentType.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(EnvelopeFormat.FIXED_HEADER_BYTES + type.length)
        .put(EnvelopeFormat.MAGIC)
        .put((byte) 1)
        .putInt(keyId)
        .put((byte) type.length)
        .put(type)
        .array();
  }

  static byte[] smallWith(String contentType, byte[] plaintext)
      throws IOException, GeneralSecurityException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (OutputStream out = small.encryptingStream(b, contentType)) {
      out.write(plaintext);
    }
    return b.toByteArray();
  }

  @Test
  void wrongRingWrongPurposeAndWrongKindAreRefused() throws Exception {
    SplittableRandom r = new SplittableRandom(SEED);
    for (int size : new int[] {0, 1, 5000, BIG_FIRST_PLAIN + 10}) {
      byte[] env = seal(files, random(r, size));
      assertRefused(audit, env, "other purpose, size " + size);
      assertRefused(foreign, env, "same purpose, other ring, size " + size);
      assertRefused(small, env, "other keyset, size " + size);
    }
    // the same keyset under two purposes: the purpose is associated data
    FileEnvelope samekeys = FileEnvelope.of(smallKeyset, "lab-audit");
    byte[] env = seal(small, random(r, 3 * SMALL_SEGMENT));
    assertRefused(samekeys, env, "same keys, other purpose");
    assertThrows(
        IllegalArgumentException.class,
        () -> FileEnvelope.create(TestKeys.ring("lab-audit"), "lab-export"));
    KeyRing tokensOnly = KeyRingManager.empty().add("lab-export", KeyKind.TOKEN).ring();
    assertThrows(
        IllegalArgumentException.class, () -> FileEnvelope.create(tokensOnly, "lab-export"));
  }

  @Test
  void plainFilesAreRefused() throws Exception {
    assertRefused(small, new byte[0], "empty file");
    assertRefused(small, "nir,name\n".getBytes(StandardCharsets.UTF_8), "a CSV");
    assertRefused(small, "NIRGUARD".getBytes(StandardCharsets.US_ASCII), "magic only");
  }

  // ------------------------------------------------------------------ changes between the two
  // passes

  /** Writes bytes into a file in place (same inode), as a concurrent writer would. */
  static void overwriteInPlace(Path p, long position, byte[] bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(bytes), position);
    }
  }

  @Test
  void aFileChangedBetweenThePassesIsRefusedAndLeavesNoOutput() throws Exception {
    SplittableRandom r = new SplittableRandom(SEED);
    byte[] plaintext = random(r, SMALL_FIRST_PLAIN + 5 * SMALL_PLAIN + 500);
    byte[] env = seal(small, plaintext);
    byte[] other = seal(small, random(r, plaintext.length)); // valid, same key and length
    assertEquals(env.length, other.length);
    Path in = dir.resolve("in.nge");
    Path out = refusedDir.resolve("out.csv");
    List<String> names =
        List.of(
            "replaced in place by another valid envelope",
            "bit flipped in the last segment",
            "bit flipped in a middle segment",
            "truncated in place",
            "extended in place",
            "last segment from another envelope",
            "tag of a middle segment flipped",
            "a middle segment from another envelope");
    List<EnvelopeFiles.Step> changes =
        List.of(
            () -> overwriteInPlace(in, 0, other),
            () ->
                overwriteInPlace(in, env.length - 5, new byte[] {(byte) (env[env.length - 5] ^ 1)}),
            () ->
                overwriteInPlace(
                    in,
                    H + 3 * SMALL_SEGMENT + 7,
                    new byte[] {(byte) (env[H + 3 * SMALL_SEGMENT + 7] ^ 0x80)}),
            () -> {
              try (FileChannel ch = FileChannel.open(in, StandardOpenOption.WRITE)) {
                ch.truncate(H + 4 * SMALL_SEGMENT);
              }
            },
            () -> Files.write(in, new byte[] {0}, StandardOpenOption.APPEND),
            () ->
                overwriteInPlace(
                    in, H + 5 * SMALL_SEGMENT, slice(other, H + 5 * SMALL_SEGMENT, other.length)),
            () ->
                overwriteInPlace(
                    in,
                    H + 2 * SMALL_SEGMENT - 3,
                    new byte[] {(byte) (env[H + 2 * SMALL_SEGMENT - 3] ^ 4)}),
            () ->
                overwriteInPlace(
                    in,
                    H + 2 * SMALL_SEGMENT,
                    slice(other, H + 2 * SMALL_SEGMENT, H + 3 * SMALL_SEGMENT)));
    for (int i = 0; i < changes.size(); i++) {
      Files.write(in, env);
      EnvelopeFiles.Step change = changes.get(i);
      GeneralSecurityException e =
          assertThrows(
              GeneralSecurityException.class,
              () -> small.decrypt(in, out, false, change),
              names.get(i));
      assertEquals(
          "decryption failed: the file changed during decryption", e.getMessage(), names.get(i));
      try (Stream<Path> left = Files.list(refusedDir)) {
        assertEquals(0, left.count(), names.get(i) + ": no output, no temporary file");
      }
      // openVerified: the open succeeded; reading returns only verified plaintext, then fails
      Files.write(in, env);
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      try (InputStream verified = small.openVerified(in)) {
        change.run();
        byte[] buffer = new byte[1000];
        IOException thrown =
            assertThrows(
                IOException.class,
                () -> {
                  for (int n; (n = verified.read(buffer)) != -1; ) {
                    got.write(buffer, 0, n);
                  }
                },
                names.get(i));
        assertTrue(thrown.getCause() instanceof GeneralSecurityException, names.get(i));
        assertThrows(IOException.class, () -> verified.read(buffer), "stays failed");
      }
      byte[] released = got.toByteArray();
      assertTrue(released.length < plaintext.length, names.get(i));
      assertArrayEquals(
          Arrays.copyOf(plaintext, released.length),
          released,
          names.get(i) + ": only verified bytes");
      REFUSED.addAndGet(2);
    }
  }

  @Test
  void aFileRenamedOverTheInputAfterVerificationDoesNotChangeTheResult() throws Exception {
    SplittableRandom r = new SplittableRandom(SEED);
    byte[] plaintext = random(r, 4 * SMALL_SEGMENT);
    Path in = dir.resolve("in.nge");
    Path other = dir.resolve("other.nge");
    Path out = dir.resolve("out.bin");
    Files.write(in, seal(small, plaintext));
    Files.write(other, seal(small, random(r, 4 * SMALL_SEGMENT)));
    small.decrypt(
        in,
        out,
        false,
        () ->
            Files.move(
                other, in, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE));
    assertArrayEquals(
        plaintext,
        Files.readAllBytes(out),
        "one open handle: the verified file is the one decrypted");
  }

  // ------------------------------------------------------------------ files

  @Test
  void neverOverwritesTheInput() throws Exception {
    byte[] plaintext = "nir\n255081416802538\n".getBytes(StandardCharsets.UTF_8);
    Path in = dir.resolve("in.csv");
    Files.write(in, plaintext);
    assertThrows(IllegalArgumentException.class, () -> files.encrypt(in, in, CSV));
    assertThrows(
        IllegalArgumentException.class,
        () -> files.encrypt(in, in, CSV, StandardCopyOption.REPLACE_EXISTING));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            files.encrypt(
                in, dir.resolve("sub/../in.csv"), CSV, StandardCopyOption.REPLACE_EXISTING));
    Path link = dir.resolve("link.csv");
    Files.createSymbolicLink(link, in);
    assertThrows(
        IllegalArgumentException.class,
        () -> files.encrypt(in, link, CSV, StandardCopyOption.REPLACE_EXISTING));
    Path hard = dir.resolve("hard.csv");
    Files.createLink(hard, in);
    assertThrows(
        IllegalArgumentException.class,
        () -> files.encrypt(in, hard, CSV, StandardCopyOption.REPLACE_EXISTING));
    assertArrayEquals(plaintext, Files.readAllBytes(in));
    Path env = dir.resolve("in.nge");
    files.encrypt(in, env, CSV);
    byte[] sealed = Files.readAllBytes(env);
    assertThrows(
        IllegalArgumentException.class,
        () -> files.decrypt(env, env, StandardCopyOption.REPLACE_EXISTING));
    assertArrayEquals(sealed, Files.readAllBytes(env));
  }

  @Test
  void neverOverwritesAnExistingOutputUnlessAsked() throws Exception {
    Path in = dir.resolve("in.csv");
    Files.writeString(in, "a,b\n");
    Path out = dir.resolve("out.nge");
    Files.writeString(out, "precious");
    assertThrows(FileAlreadyExistsException.class, () -> files.encrypt(in, out, CSV));
    assertEquals("precious", Files.readString(out));
    Path env = dir.resolve("in.nge");
    files.encrypt(in, env, CSV);
    assertThrows(FileAlreadyExistsException.class, () -> files.decrypt(env, out));
    assertEquals("precious", Files.readString(out));
    Path dangling = dir.resolve("dangling.csv");
    Files.createSymbolicLink(dangling, dir.resolve("nowhere.csv"));
    assertThrows(FileAlreadyExistsException.class, () -> files.decrypt(env, dangling));
    assertFalse(Files.exists(dir.resolve("nowhere.csv")));
    assertThrows(
        UnsupportedOperationException.class,
        () -> files.decrypt(env, dir.resolve("x"), StandardCopyOption.ATOMIC_MOVE));
    files.decrypt(env, out, StandardCopyOption.REPLACE_EXISTING);
    assertEquals("a,b\n", Files.readString(out));
    files.encrypt(in, out, CSV, StandardCopyOption.REPLACE_EXISTING);
    assertEquals(CSV, FileEnvelope.readHeader(out).orElseThrow().contentType());
    assertThrows(
        java.nio.file.NoSuchFileException.class,
        () -> files.encrypt(dir.resolve("missing.csv"), dir.resolve("m.nge"), CSV));
    assertThrows(
        java.nio.file.NoSuchFileException.class,
        () -> files.decrypt(env, dir.resolve("no/such/dir.csv")));
    try (Stream<Path> all = Files.list(dir)) {
      assertEquals(
          List.of("dangling.csv", "in.csv", "in.nge", "out.nge", "refused"),
          all.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()),
          "no temporary files left");
    }
  }

  @Test
  void outputIsOwnerOnly() throws Exception {
    Path in = dir.resolve("in.csv");
    Files.writeString(in, "a,b\n");
    Path env = dir.resolve("in.nge");
    Path back = dir.resolve("back.csv");
    files.encrypt(in, env, CSV);
    files.decrypt(env, back);
    try {
      assertEquals(
          "rw-------",
          java.nio.file.attribute.PosixFilePermissions.toString(
              Files.getPosixFilePermissions(back)));
      assertEquals(
          "rw-------",
          java.nio.file.attribute.PosixFilePermissions.toString(
              Files.getPosixFilePermissions(env)));
    } catch (UnsupportedOperationException e) {
      org.junit.jupiter.api.Assumptions.abort("not a POSIX file system");
    }
  }

  @Test
  void anEncryptingStreamWhoseSinkFailedNeverMakesAValidEnvelope() throws Exception {
    byte[] plaintext = random(new SplittableRandom(SEED), 3 * SMALL_SEGMENT);
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    OutputStream failing =
        new OutputStream() {
          boolean fail;

          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            if (fail) {
              throw new IOException("disk full");
            }
            kept.write(b, off, len);
          }

          @Override
          public void close() {
            fail = true;
          }
        };
    OutputStream enc = small.encryptingStream(failing, CSV);
    enc.write(plaintext, 0, SMALL_SEGMENT); // one segment reaches the sink
    failing.close(); // from now on the sink fails
    assertThrows(IOException.class, () -> enc.write(plaintext, SMALL_SEGMENT, 2 * SMALL_SEGMENT));
    assertThrows(IOException.class, () -> enc.write(plaintext, 0, 1), "refuses further writes");
    enc.close(); // must not try to finalize
    assertTrue(kept.size() > H);
    assertRefused(small, kept.toByteArray(), "what a failed stream left in its sink");
  }

  // ------------------------------------------------------------------ header and API

  @Test
  void readHeaderDetectsEnvelopes() throws Exception {
    Path p = dir.resolve("f");
    Files.write(p, smallWith("text/csv; charset=utf-8", new byte[10]));
    FileEnvelope.Header h = FileEnvelope.readHeader(p).orElseThrow();
    assertEquals("text/csv; charset=utf-8", h.contentType());
    assertEquals(smallKeyset.getPrimary().getId(), h.keyId());
    assertEquals(Token.hex8(h.keyId()), h.keyIdHex());
    assertEquals("Header[key=" + h.keyIdHex() + ", text/csv; charset=utf-8]", h.toString());
    for (String plain :
        new String[] {
          "",
          "N",
          "NIRGUAR",
          "NIRGUARD",
          "nir,name\n1,2\n",
          "NIRGUARDIAN,x\n",
          "NIRGUARD\n",
          "NIRGUARD\t1"
        }) {
      Files.writeString(p, plain);
      assertEquals(Optional.empty(), FileEnvelope.readHeader(p), plain);
    }
    byte[] env = seal(small, new byte[3]);
    for (int cut = 9; cut < H; cut++) {
      Files.write(p, slice(env, 0, cut));
      assertThrows(IOException.class, () -> FileEnvelope.readHeader(p), "header cut at " + cut);
    }
    for (int version : new int[] {0, 2, 8, 31}) {
      byte[] other = env.clone();
      other[8] = (byte) version;
      Files.write(p, other);
      assertThrows(
          IOException.class, () -> FileEnvelope.readHeader(p), "unknown version " + version);
    }
    assertThrows(
        java.nio.file.NoSuchFileException.class,
        () -> FileEnvelope.readHeader(dir.resolve("missing")));
  }

  @Test
  void contentTypesAreCheckedBeforeAnythingIsWritten() throws Exception {
    Path in = dir.resolve("in.csv");
    Files.writeString(in, "x");
    String max = "a/" + "b".repeat(EnvelopeFormat.MAX_CONTENT_TYPE_BYTES - 2);
    String[] bad = {
      "",
      "text/csv\n",
      "text/csv\u0000",
      "a/" + "b".repeat(254),
      "text/\ud800csv",
      "a/" + "é".repeat(127)
    };
    for (String type : bad) {
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      assertThrows(IllegalArgumentException.class, () -> files.encryptingStream(sink, type), type);
      assertEquals(0, sink.size());
      assertThrows(
          IllegalArgumentException.class, () -> files.encrypt(in, dir.resolve("out.nge"), type));
      assertFalse(Files.exists(dir.resolve("out.nge")));
    }
    assertThrows(
        NullPointerException.class,
        () -> files.encryptingStream(new ByteArrayOutputStream(), null));
    for (String type :
        new String[] {max, "text/plain; charset=utf-8", "application/x-données", "é"}) {
      Path out = dir.resolve("ok.nge");
      files.encrypt(in, out, type, StandardCopyOption.REPLACE_EXISTING);
      assertEquals(type, FileEnvelope.readHeader(out).orElseThrow().contentType());
      try (InputStream back = files.openVerified(out)) {
        assertEquals("x", new String(back.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void toStringShowsThePurposeOnly() {
    assertEquals("FileEnvelope[purpose=lab-export]", files.toString());
  }
}
