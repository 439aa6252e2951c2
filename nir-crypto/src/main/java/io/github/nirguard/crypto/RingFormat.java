package io.github.nirguard.crypto;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The key ring file, both ways. Format 2 (written and read):
 *
 * <pre>
 * nirguard-keyring 2
 * version 7
 * keyset research-42 token 1a2b3c4d:1735689600,5e6f7a8b:1767225600 &lt;encrypted keyset&gt;
 * ...
 * seal &lt;the KEK's AEAD of SHA-256(every line above, in order)&gt;
 * </pre>
 *
 * Each keyset is encrypted by the KEK with {@code "nirguard-keyring 2\n<purpose> <kind>"} as
 * associated data; the seal authenticates the ring as a whole (version, slots, their order, every
 * creation time and ciphertext), so an edited, reordered, truncated or spliced ring fails. Lines
 * starting with {@code #} are comments, outside the seal, and carry no meaning. Format 1 (a header
 * and one {@code <purpose> <kind> <encrypted keyset>} line per keyset, no seal) is read only by
 * {@link KeyRing#upgradeFromVersion1}.
 */
final class RingFormat {
  static final String HEADER_V1 = "nirguard-keyring 1";
  static final String HEADER = "nirguard-keyring 2";
  private static final byte[] SEAL_AD = (HEADER + " seal").getBytes(StandardCharsets.UTF_8);

  private RingFormat() {}

  /** One keyset as stored: its handle and the creation time (epoch seconds) of the keys known. */
  record Slot(KeysetHandle handle, Map<Integer, Long> created) {}

  /** A parsed ring: version and slots by {@code "purpose kind-label"}. */
  record Parsed(long version, Map<String, Slot> slots) {}

  static byte[] write(long version, Map<String, Slot> slots, Kek kek)
      throws GeneralSecurityException {
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    b.append("version ").append(version).append('\n');
    for (Map.Entry<String, Slot> e : slots.entrySet()) {
      byte[] ct =
          TinkProtoKeysetFormat.serializeEncryptedKeyset(
              e.getValue().handle(), kek.aead(), associatedData(HEADER, e.getKey()));
      b.append("keyset ")
          .append(e.getKey())
          .append(' ')
          .append(created(e.getValue()))
          .append(' ')
          .append(Base64.getUrlEncoder().withoutPadding().encodeToString(ct))
          .append('\n');
    }
    byte[] seal = kek.aead().encrypt(digest(b.toString()), SEAL_AD);
    b.append("seal ").append(Base64.getUrlEncoder().withoutPadding().encodeToString(seal));
    b.append('\n');
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String created(Slot s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.handle().size(); i++) {
      int id = s.handle().getAt(i).getId();
      Long t = s.created().get(id);
      if (t != null) {
        b.append(b.length() == 0 ? "" : ",")
            .append(String.format(Locale.ROOT, "%08x", id))
            .append(':')
            .append(t);
      }
    }
    return b.length() == 0 ? "-" : b.toString();
  }

  /** The lines of a ring file, without comments and blank lines, with their line numbers. */
  private record Line(int number, String text) {}

  private static List<Line> lines(byte[] content) throws MalformedKeyRingException {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedKeyRingException("not a nirguard key ring file (not UTF-8)");
    }
    List<Line> out = new ArrayList<>();
    int n = 0;
    for (String raw : text.lines().toList()) {
      n++;
      String line = raw.strip();
      if (n > 1 && (line.isEmpty() || line.startsWith("#"))) {
        continue;
      }
      out.add(new Line(n, line));
    }
    return out;
  }

  /** The format number of the file's header: 1, 2, or a {@link MalformedKeyRingException}. */
  static int format(byte[] content) throws MalformedKeyRingException {
    List<Line> lines = lines(content);
    if (!lines.isEmpty() && lines.get(0).text().equals(HEADER)) {
      return 2;
    }
    if (!lines.isEmpty() && lines.get(0).text().equals(HEADER_V1)) {
      return 1;
    }
    throw new MalformedKeyRingException("not a nirguard key ring file (line 1)");
  }

  /** Reads a format 2 ring and refuses it below a version (a rolled-back ring). */
  static Parsed read(byte[] content, Kek kek, long minVersion)
      throws MalformedKeyRingException, GeneralSecurityException {
    Parsed p = read(content, kek);
    if (p.version() < minVersion) {
      throw new GeneralSecurityException(
          "key ring version "
              + p.version()
              + " is older than the minimum "
              + minVersion
              + " (rolled back?)");
    }
    return p;
  }

  private static Parsed read(byte[] content, Kek kek)
      throws MalformedKeyRingException, GeneralSecurityException {
    List<Line> lines = lines(content);
    if (lines.isEmpty() || !lines.get(0).text().equals(HEADER)) {
      if (!lines.isEmpty() && lines.get(0).text().equals(HEADER_V1)) {
        throw new MalformedKeyRingException(
            "key ring format 1 has no whole-ring integrity: upgrade it once with 'nir keys upgrade'"
                + " (KeyRing.upgradeFromVersion1)");
      }
      throw new MalformedKeyRingException("not a nirguard key ring file (line 1)");
    }
    if (lines.size() < 3) {
      throw new MalformedKeyRingException("key ring has no seal (truncated?)");
    }
    Line versionLine = lines.get(1);
    long version = version(versionLine);
    Line sealLine = lines.get(lines.size() - 1);
    if (!sealLine.text().startsWith("seal ")) {
      throw new MalformedKeyRingException("key ring has no seal (truncated?)");
    }
    // the syntax first (errors name a line), then the seal: nothing is decrypted from a ring
    // that is not the one written
    record Entry(int line, String slot, Map<Integer, Long> created, byte[] ciphertext) {}
    List<Entry> entries = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Line l : lines.subList(2, lines.size() - 1)) {
      String[] f = l.text().split(" ");
      if (f.length != 5 || !f[0].equals("keyset")) {
        throw new MalformedKeyRingException("malformed key ring line " + l.number());
      }
      String slot;
      try {
        slot = Purpose.check(f[1]) + " " + KeyKind.named(f[2]).label();
        entries.add(
            new Entry(l.number(), slot, parseCreated(f[3]), Base64.getUrlDecoder().decode(f[4])));
      } catch (IllegalArgumentException e) {
        throw new MalformedKeyRingException("malformed key ring line " + l.number());
      }
      if (!seen.add(slot)) {
        throw new MalformedKeyRingException("duplicate keyset at key ring line " + l.number());
      }
    }
    StringBuilder sealed = new StringBuilder(HEADER).append('\n');
    for (Line l : lines.subList(1, lines.size() - 1)) {
      sealed.append(l.text()).append('\n');
    }
    byte[] expected;
    try {
      String sealText = sealLine.text().substring(5);
      byte[] seal = Base64.getUrlDecoder().decode(sealText);
      if (!Base64.getUrlEncoder().withoutPadding().encodeToString(seal).equals(sealText)) {
        throw new GeneralSecurityException("not canonical"); // one seal text per seal
      }
      expected = kek.aead().decrypt(seal, SEAL_AD);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new GeneralSecurityException(
          "the key ring's seal does not verify with this KEK (wrong KEK, or a ring edited,"
              + " reordered, truncated or spliced)");
    }
    if (!MessageDigest.isEqual(expected, digest(sealed.toString()))) {
      throw new GeneralSecurityException(
          "the key ring's seal does not verify with this KEK (wrong KEK, or a ring edited,"
              + " reordered, truncated or spliced)");
    }
    Map<String, Slot> slots = new TreeMap<>();
    for (Entry e : entries) {
      KeysetHandle h;
      try {
        h =
            TinkProtoKeysetFormat.parseEncryptedKeyset(
                e.ciphertext(), kek.aead(), associatedData(HEADER, e.slot()));
      } catch (GeneralSecurityException x) {
        throw new GeneralSecurityException(
            "key ring line " + e.line() + " does not decrypt with this KEK");
      }
      slots.put(e.slot(), new Slot(h, e.created()));
    }
    return new Parsed(version, slots);
  }

  private static long version(Line l) throws MalformedKeyRingException {
    String t = l.text();
    if (t.startsWith("version ")) {
      try {
        long v = Long.parseLong(t.substring(8));
        if (v >= 0) {
          return v;
        }
      } catch (NumberFormatException e) {
        // below
      }
    }
    throw new MalformedKeyRingException("malformed key ring version at line " + l.number());
  }

  private static Map<Integer, Long> parseCreated(String field) {
    Map<Integer, Long> m = new LinkedHashMap<>();
    if (field.equals("-")) {
      return m;
    }
    for (String part : field.split(",", -1)) {
      int colon = part.indexOf(':');
      if (colon != 8) {
        throw new IllegalArgumentException("malformed creation time");
      }
      m.put(Integer.parseUnsignedInt(part.substring(0, 8), 16), Long.parseLong(part.substring(9)));
    }
    return m;
  }

  /** Reads a format-1 ring: every line decrypts, nothing authenticates the whole. */
  static Map<String, Slot> readVersion1(byte[] content, Kek kek)
      throws MalformedKeyRingException, GeneralSecurityException {
    List<Line> lines = lines(content);
    if (lines.isEmpty() || !lines.get(0).text().equals(HEADER_V1)) {
      throw new MalformedKeyRingException("not a format 1 key ring file (line 1)");
    }
    Map<String, Slot> slots = new TreeMap<>();
    for (Line l : lines.subList(1, lines.size())) {
      String[] f = l.text().split(" ");
      if (f.length != 3) {
        throw new MalformedKeyRingException("malformed key ring line " + l.number());
      }
      String slot;
      byte[] ciphertext;
      try {
        slot = Purpose.check(f[0]) + " " + KeyKind.named(f[1]).label();
        ciphertext = Base64.getUrlDecoder().decode(f[2]);
      } catch (IllegalArgumentException e) {
        throw new MalformedKeyRingException("malformed key ring line " + l.number());
      }
      if (slots.containsKey(slot)) {
        throw new MalformedKeyRingException("duplicate keyset at key ring line " + l.number());
      }
      try {
        slots.put(
            slot,
            new Slot(
                TinkProtoKeysetFormat.parseEncryptedKeyset(
                    ciphertext, kek.aead(), associatedData(HEADER_V1, slot)),
                Map.of()));
      } catch (GeneralSecurityException e) {
        throw new GeneralSecurityException(
            "key ring line " + l.number() + " does not decrypt with this KEK");
      }
    }
    return slots;
  }

  private static byte[] associatedData(String header, String slot) {
    return (header + "\n" + slot).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JCA", e);
    }
  }
}
