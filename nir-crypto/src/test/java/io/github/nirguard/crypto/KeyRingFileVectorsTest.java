package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The specification's key ring file vectors ({@code docs/spec/vectors/key-rings.jsonl.gz}, spec
 * §11): format-2 rings written by {@link KeyRing#toBytes} over the spec's test keys, with disabled,
 * destroyed and re-promoted keys and a recipient export, and the same rings edited, reordered,
 * truncated, spliced, rolled back, in format 1 or under another KEK, each with the outcome a reader
 * must reach. Randomized (the KEK and every nonce): vectors to read, not to reproduce, so they are
 * written only when the file is missing. Checked on every build.
 */
class KeyRingFileVectorsTest {
  static final String FILE = "key-rings.jsonl.gz";
  static final String P1 = SpecVectorsTest.PURPOSES.get(0);
  static final String P2 = SpecVectorsTest.PURPOSES.get(1);

  @BeforeAll
  static void keys() throws Exception {
    SpecVectorsTest.rings();
  }

  static String json(KeysetHandle kek) throws GeneralSecurityException {
    return TinkJsonProtoKeysetFormat.serializeKeyset(kek, InsecureSecretKeyAccess.get());
  }

  static Kek kek(String json) throws GeneralSecurityException {
    return Kek.of(
        TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get())
            .getPrimitive(RegistryConfiguration.get(), Aead.class),
        "spec test KEK");
  }

  static int id(String purpose, KeyKind kind, int n) {
    return SpecVectorsTest.keyId(purpose, kind, n);
  }

  /** Every key of a ring as {@code purpose kind id status primary|- created|-}. */
  static List<String> describe(KeyRing ring) {
    List<String> out = new ArrayList<>();
    for (KeyInfo k : ring.describe()) {
      out.add(
          String.join(
              " ",
              k.purpose(),
              k.kind().label(),
              k.keyIdHex(),
              k.status(),
              k.primary() ? "primary" : "-",
              k.created() == null ? "-" : Long.toString(k.created().getEpochSecond())));
    }
    return out;
  }

  static Map<String, @Nullable Object> row(
      String name,
      String kek,
      String ring,
      long minVersion,
      @Nullable String error,
      @Nullable KeyRing expected) {
    return Jsonl.row(
        "case", name,
        "kek", kek,
        "ring", ring,
        "min_version", minVersion,
        "error", error,
        "version", expected == null ? null : expected.version(),
        "keys", expected == null ? null : describe(expected));
  }

  static List<String> lines(String text) {
    return new ArrayList<>(Arrays.asList(text.split("\n", -1)));
  }

  static int first(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    throw new AssertionError(prefix);
  }

  static List<Map<String, @Nullable Object>> rows() throws Exception {
    KeysetHandle kekHandle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
    String kekJson = json(kekHandle);
    Kek kek = kek(kekJson);
    KeyRing lifecycle =
        KeyRingManager.of(SpecVectorsTest.after)
            .disable(P1, KeyKind.TOKEN, id(P1, KeyKind.TOKEN, 1))
            .destroy(P2, KeyKind.PRP_TOKEN, id(P2, KeyKind.PRP_TOKEN, 1))
            .promote(P1, KeyKind.FPE, id(P1, KeyKind.FPE, 1))
            .disable(P1, KeyKind.DATE_SHIFT, id(P1, KeyKind.DATE_SHIFT, 1))
            .ring();
    String text = new String(lifecycle.toBytes(kek), StandardCharsets.UTF_8);
    String older = new String(SpecVectorsTest.after.toBytes(kek), StandardCharsets.UTF_8);
    long v = lifecycle.version();
    List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    rows.add(row("lifecycle", kekJson, text, v, null, lifecycle));
    KeyRing export =
        KeyRingManager.of(lifecycle).forRecipient(P2, KeyKind.PRP_TOKEN, KeyKind.FILE).ring();
    rows.add(
        row(
            "recipient export",
            kekJson,
            new String(export.toBytes(kek), StandardCharsets.UTF_8),
            0,
            null,
            export));
    List<String> ls = lines(text);
    ls.add(1, "# a comment, outside the seal");
    ls.add(3, "   ");
    ls.add(first(ls, "keyset ") + 1, "  # another");
    rows.add(
        row("comments, blank lines, CRLF", kekJson, String.join("\r\n", ls), v, null, lifecycle));

    ls = lines(text);
    ls.set(1, "version " + (v + 1));
    rows.add(row("version edited", kekJson, String.join("\n", ls), 0, "seal", null));
    ls = lines(text);
    ls.remove(first(ls, "keyset " + P2 + " prp-token"));
    rows.add(row("line deleted", kekJson, String.join("\n", ls), 0, "seal", null));
    ls = lines(text);
    int f = first(ls, "keyset ");
    ls.add(f + 1, ls.remove(f));
    rows.add(row("lines swapped", kekJson, String.join("\n", ls), 0, "seal", null));
    ls = lines(text);
    int t = first(ls, "keyset " + P1 + " token");
    ls.set(t, lines(older).get(first(lines(older), "keyset " + P1 + " token")));
    rows.add(row("line from an older ring", kekJson, String.join("\n", ls), 0, "seal", null));
    ls = lines(text);
    ls.set(ls.size() - 2, lines(older).get(lines(older).size() - 2));
    rows.add(row("seal of another ring", kekJson, String.join("\n", ls), 0, "seal", null));
    rows.add(row("older ring, version floor", kekJson, older, v, "rollback", null));
    rows.add(
        row(
            "older ring, no floor",
            kekJson,
            older,
            0,
            null,
            KeyRing.fromBytes(older.getBytes(StandardCharsets.UTF_8), kek)));
    ls = lines(text);
    ls.remove(ls.size() - 2);
    rows.add(row("truncated", kekJson, String.join("\n", ls), 0, "malformed", null));
    rows.add(
        row(
            "another KEK",
            json(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)),
            text,
            0,
            "seal",
            null));
    StringBuilder v1 = new StringBuilder(RingFormat.HEADER_V1).append('\n');
    for (KeyKind kind : List.of(KeyKind.TOKEN, KeyKind.FPE)) {
      String slot = P1 + " " + kind.label();
      byte[] ct =
          TinkProtoKeysetFormat.serializeEncryptedKeyset(
              SpecVectorsTest.keyset(P1, kind, true),
              kek.aead(),
              (RingFormat.HEADER_V1 + "\n" + slot).getBytes(StandardCharsets.UTF_8));
      v1.append(slot)
          .append(' ')
          .append(Base64.getUrlEncoder().withoutPadding().encodeToString(ct))
          .append('\n');
    }
    rows.add(row("format 1", kekJson, v1.toString(), 0, "format-1", null));
    return rows;
  }

  @Test
  @EnabledIfSystemProperty(named = SpecVectorsTest.REGENERATE, matches = "true")
  void regenerate() throws Exception {
    if (!Files.exists(SpecVectorsTest.DIR.resolve(FILE))) {
      Jsonl.write(SpecVectorsTest.DIR.resolve(FILE), rows());
    }
  }

  @Test
  @DisabledIfSystemProperty(named = SpecVectorsTest.REGENERATE, matches = "true")
  void everyRingReadsAsTheVectorSays() throws Exception {
    Set<String> outcomes = new TreeSet<>();
    for (Map<String, @Nullable Object> row : SpecVectorsTest.committed(FILE)) {
      String at = SpecVectorsTest.str(row, "case");
      byte[] ring = SpecVectorsTest.str(row, "ring").getBytes(StandardCharsets.UTF_8);
      Kek kek = kek(SpecVectorsTest.str(row, "kek"));
      long min = (Long) row.get("min_version");
      String error = (String) row.get("error");
      if (error == null) {
        KeyRing r = KeyRing.fromBytes(ring, kek, min);
        assertEquals(row.get("version"), r.version(), at);
        assertEquals(row.get("keys"), describe(r), at);
        outcomes.add("read");
        continue;
      }
      Class<? extends Exception> expected =
          error.equals("malformed") || error.equals("format-1")
              ? MalformedKeyRingException.class
              : GeneralSecurityException.class;
      Exception e = assertThrows(Exception.class, () -> KeyRing.fromBytes(ring, kek, min), at);
      assertTrue(expected.isInstance(e), at + ": " + e);
      if (error.equals("format-1")) {
        assertEquals(1, KeyRing.formatOf(ring), at);
        assertEquals(2, KeyRing.upgradeFromVersion1(ring, kek).keyCount(P1, KeyKind.TOKEN), at);
      }
      outcomes.add(error);
    }
    assertEquals(Set.of("read", "seal", "rollback", "malformed", "format-1"), outcomes);
  }

  /** The lifecycle ring holds every status, and a recipient export only enabled keys. */
  @Test
  @DisabledIfSystemProperty(named = SpecVectorsTest.REGENERATE, matches = "true")
  void theVectorsCoverEveryStatus() throws Exception {
    Set<String> statuses = new TreeSet<>();
    for (Map<String, @Nullable Object> row : SpecVectorsTest.committed(FILE)) {
      @SuppressWarnings("unchecked")
      List<String> keys = (List<String>) row.get("keys");
      if (keys != null) {
        for (String k : keys) {
          statuses.add(
              SpecVectorsTest.str(row, "case").equals("recipient export")
                  ? "export " + k.split(" ")[3]
                  : k.split(" ")[3]);
        }
      }
    }
    assertEquals(Set.of("ENABLED", "DISABLED", "DESTROYED", "export ENABLED"), statuses);
  }
}
