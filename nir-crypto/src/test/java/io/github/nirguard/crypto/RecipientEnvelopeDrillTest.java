package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import io.github.nirguard.testkit.ForAll;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tamper drill of recipient envelopes: a file for recipients A and B (4 KB segments, so many
 * segments cheaply), mutated thousands of ways — every bit of our header and Tink's, sampled bits
 * of the body, truncations, extensions, segment swaps, wrapped-key swaps, recipient list edits,
 * headers from other files — and offered to both A and B. Every mutation must be refused by both,
 * leaving no output; zero may be accepted. Prints the count.
 */
class RecipientEnvelopeDrillTest {
  static final long SEED = ForAll.seed();
  static final int SEGMENT = 4096;

  static KeyRing labA;
  static KeyRing labB;
  static KeyRing labC;
  static RecipientPublicKey a;
  static RecipientPublicKey b;
  static RecipientPublicKey c;

  static RecipientEnvelope.Reader readerA;
  static RecipientEnvelope.Reader readerB;

  @TempDir Path dir;
  Path work;
  long mutations;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    labA = KeyRingManager.empty().add("inbox", KeyKind.RECIPIENT).ring();
    labB = KeyRingManager.empty().add("inbox", KeyKind.RECIPIENT).ring();
    labC = KeyRingManager.empty().add("inbox", KeyKind.RECIPIENT).ring();
    a = RecipientPublicKey.fromRing(labA, "inbox");
    b = RecipientPublicKey.fromRing(labB, "inbox");
    c = RecipientPublicKey.fromRing(labC, "inbox");
    readerA = RecipientEnvelope.forRing(labA, "inbox");
    readerB = RecipientEnvelope.forRing(labB, "inbox");
  }

  static byte[] seal(List<RecipientPublicKey> to, byte[] plaintext)
      throws IOException, GeneralSecurityException {
    RecipientEnvelope env =
        RecipientEnvelope.to(to, PredefinedStreamingAeadParameters.AES256_GCM_HKDF_4KB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream s = env.encryptingStream(out, "text/csv")) {
      s.write(plaintext);
    }
    return out.toByteArray();
  }

  static RecipientFormat.Parsed parse(byte[] env) throws Exception {
    return RecipientFormat.read(new ByteArrayInputStream(env));
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static byte[] slice(byte[] x, int from, int to) {
    return Arrays.copyOfRange(x, from, Math.min(to, x.length));
  }

  /** A header rebuilt with these ids and wrapped keys, then the body of {@code env}. */
  static byte[] rebuilt(byte[] env, String type, int[] ids, List<byte[]> wrapped) throws Exception {
    byte[] body = slice(env, parse(env).bytes().length, env.length);
    return concat(RecipientFormat.header(RecipientFormat.context(type, ids), wrapped), body);
  }

  /**
   * Refused by A (decrypt: no output, no temporary file) and by B (openVerified: no stream), both
   * with a generic message.
   */
  void refused(byte[] altered, String what) throws IOException {
    mutations++;
    String why = what + " (seed " + SEED + ")";
    Path in = Files.write(work.resolve("altered.nge"), altered);
    GeneralSecurityException e =
        assertThrows(
            GeneralSecurityException.class, () -> readerA.decrypt(in, work.resolve("out")), why);
    assertTrue(e.getMessage().startsWith("decryption failed"), why + ": " + e.getMessage());
    e = assertThrows(GeneralSecurityException.class, () -> readerB.openVerified(in).close(), why);
    assertTrue(e.getMessage().startsWith("decryption failed"), why + ": " + e.getMessage());
    try (Stream<Path> left = Files.list(work)) {
      assertEquals(List.of(in), left.collect(Collectors.toList()), why + ": no output");
    }
  }

  @Test
  void everyMutationIsRefusedByEveryRecipient() throws Exception {
    work = Files.createDirectory(dir.resolve("work"));
    SplittableRandom r = new SplittableRandom(SEED);
    byte[] plaintext = new byte[SEGMENT * 4 + 1234];
    r.nextBytes(plaintext);
    byte[] env = seal(List.of(a, b), plaintext);
    byte[] twin = seal(List.of(a, b), plaintext); // same recipients, another data key
    byte[] forAc = seal(List.of(a, c), plaintext);
    RecipientFormat.Parsed p = parse(env);
    RecipientFormat.Parsed q = parse(twin);
    int h = p.bytes().length;
    int tinkHeader = 40; // AES-256-GCM-HKDF: length byte, 32-byte salt, 7-byte nonce prefix
    // the unaltered file opens for both, a third recipient is refused
    Path ok = Files.write(dir.resolve("ok.nge"), env);
    assertThrows(
        GeneralSecurityException.class,
        () -> RecipientEnvelope.forRing(labC, "inbox").openVerified(ok));
    for (KeyRing ring : new KeyRing[] {labA, labB}) {
      try (var in = RecipientEnvelope.forRing(ring, "inbox").openVerified(ok)) {
        assertArrayEquals(plaintext, in.readAllBytes());
      }
    }

    // 1. every bit of our header up to the key ids and of Tink's header; in the wrapped keys, one
    // bit of each byte (every bit with -Dnirguard.size=10000 or more)
    int stride = ForAll.size() >= 10_000 ? 1 : 8; // 1: every bit
    int headerBits = 0;
    for (long bit = 0; bit < 8L * (h + tinkHeader); bit++) {
      boolean wrappedKeys = bit >= 8L * p.contextLength() && bit < 8L * h;
      if (wrappedKeys && stride != 1 && (bit % 8) != (bit / 8) % 8) {
        continue;
      }
      headerBits++;
      byte[] m = env.clone();
      m[(int) (bit >>> 3)] ^= (byte) (1 << (bit & 7));
      refused(m, "header bit " + bit);
    }
    // 2. sampled bits of the body
    for (int i = 0; i < Math.max(200, ForAll.size() / 4); i++) {
      long bit = 8L * (h + tinkHeader) + r.nextLong(8L * (env.length - h - tinkHeader));
      byte[] m = env.clone();
      m[(int) (bit >>> 3)] ^= (byte) (1 << (bit & 7));
      refused(m, "body bit " + bit);
    }
    // 3. truncations: inside the header every 3 bytes, around every segment boundary, random
    List<Integer> cuts = new ArrayList<>();
    for (int i = 0; i < h + tinkHeader + 2; i += 3) {
      cuts.add(i);
    }
    for (int k = 1; h + k * SEGMENT < env.length + SEGMENT; k++) {
      int boundary = h + k * SEGMENT;
      for (int d : new int[] {-17, -16, -1, 0, 1, 16}) {
        if (boundary + d > 0 && boundary + d < env.length) {
          cuts.add(boundary + d);
        }
      }
    }
    cuts.add(env.length - 1);
    for (int i = 0; i < 100; i++) {
      cuts.add(r.nextInt(env.length));
    }
    for (int cut : cuts) {
      refused(slice(env, 0, cut), "truncated at " + cut);
    }
    // 4. extensions
    refused(concat(env, new byte[1]), "one byte appended");
    refused(concat(env, slice(twin, twin.length - 100, twin.length)), "another file's tail");
    refused(concat(env, env), "two envelopes concatenated");
    refused(concat(env, slice(env, h, env.length)), "ciphertext repeated");
    // 5. segments swapped, dropped, duplicated, from the twin
    int n = (env.length - h + SEGMENT - 1) / SEGMENT;
    List<byte[]> segs = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      segs.add(slice(env, h + k * SEGMENT, h + (k + 1) * SEGMENT));
    }
    for (int k = 1; k < n; k++) {
      List<byte[]> dropped = new ArrayList<>(segs);
      dropped.remove(k);
      refused(concat(p.bytes(), concat(dropped.toArray(new byte[0][]))), "segment dropped " + k);
      List<byte[]> dup = new ArrayList<>(segs);
      dup.add(k, segs.get(k));
      refused(concat(p.bytes(), concat(dup.toArray(new byte[0][]))), "segment duplicated " + k);
      if (k + 1 < n) {
        List<byte[]> swapped = new ArrayList<>(segs);
        swapped.set(k, segs.get(k + 1));
        swapped.set(k + 1, segs.get(k));
        refused(concat(p.bytes(), concat(swapped.toArray(new byte[0][]))), "swapped " + k);
      }
    }
    // 6. wrapped keys swapped, from the twin, recipient lists edited
    int[] ids = p.keyIds();
    List<byte[]> w = p.wrapped();
    refused(rebuilt(env, "text/csv", ids, List.of(w.get(1), w.get(0))), "wrapped keys swapped");
    refused(
        rebuilt(env, "text/csv", ids, List.of(q.wrapped().get(0), w.get(1))),
        "A's wrapped key from another file");
    refused(
        rebuilt(env, "text/csv", ids, List.of(w.get(0), q.wrapped().get(1))),
        "B's wrapped key from another file");
    refused(
        rebuilt(env, "text/csv", new int[] {ids[1], ids[0]}, List.of(w.get(1), w.get(0))),
        "recipients reordered");
    refused(rebuilt(env, "text/csv", new int[] {ids[0]}, List.of(w.get(0))), "B removed");
    refused(rebuilt(env, "text/csv", new int[] {ids[1]}, List.of(w.get(1))), "A removed");
    RecipientFormat.Parsed ac = parse(forAc);
    refused(
        rebuilt(
            env,
            "text/csv",
            new int[] {ids[0], ids[1], c.keyId()},
            List.of(w.get(0), w.get(1), ac.wrapped().get(1))),
        "C added");
    refused(
        rebuilt(
            env,
            "text/csv",
            new int[] {ids[0], ids[1], ids[1]},
            List.of(w.get(0), w.get(1), w.get(1))),
        "B listed twice");
    refused(rebuilt(env, "text/tsv", ids, w), "content type edited");
    refused(rebuilt(env, "text/csvx", ids, w), "content type lengthened");
    refused(concat(q.bytes(), slice(env, h, env.length)), "header from another file");
    refused(concat(p.bytes(), slice(twin, h, twin.length)), "body from another file");
    refused(
        concat(ac.bytes(), slice(env, h, env.length)), "header of a file for A and C, this body");

    System.out.println(
        "tamper drill, recipient envelopes: "
            + mutations
            + " mutations, each offered to 2 recipients, 0 accepted (seed "
            + SEED
            + ")");
    assertTrue(headerBits >= 8 * (p.contextLength() + tinkHeader) + (h - p.contextLength()));
    assertTrue(mutations >= headerBits + 200 + cuts.size(), "counted: " + mutations);
  }
}
