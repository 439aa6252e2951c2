package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import java.security.GeneralSecurityException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Disable, enable, destroy and promote, with Tink's semantics: a disabled key neither protects nor
 * reveals; a destroyed key's material is gone for good, also from the written ring; only an enabled
 * key can be primary; every change raises the ring's version.
 */
class KeyLifecycleTest {
  static final String P = "lab-export";
  static final Nir NIR = Nir.parse("255081416802538");

  /** A ring where every kind has an old key (made first) and a new primary key. */
  static KeyRing rotated() throws GeneralSecurityException {
    KeyRing r = KeyRing.empty().withNewKeysets(P, KeyKind.values());
    for (KeyKind k : KeyKind.values()) {
      r = r.rotate(P, k);
    }
    return r;
  }

  static int oldKey(KeyRing r, KeyKind kind) {
    return r.describe().stream()
        .filter(k -> k.kind() == kind && !k.primary())
        .findFirst()
        .orElseThrow()
        .keyId();
  }

  static int primaryKey(KeyRing r, KeyKind kind) {
    return r.describe().stream()
        .filter(k -> k.kind() == kind && k.primary())
        .findFirst()
        .orElseThrow()
        .keyId();
  }

  static String status(KeyRing r, KeyKind kind, int id) {
    return r.describe().stream()
        .filter(k -> k.kind() == kind && k.keyId() == id)
        .findFirst()
        .orElseThrow()
        .status();
  }

  @Test
  void aDisabledKeyNeitherRevealsNorVerifiesUntilEnabledAgain() throws Exception {
    KeyRing before = KeyRing.empty().withNewKeysets(P, KeyKind.values());
    // protect under the first keys
    Token prp = ReversibleTokenizer.prp(before, P).tokenize(NIR);
    Token siv = ReversibleTokenizer.siv(before, P).tokenize(NIR);
    String cell = RecordSealer.create(before, P).seal("p", List.of("name"), List.of("Exemple"));
    NirFpe fpe = NirFpe.create(before, P);
    String hidden = fpe.encrypt(NIR);
    Token keyed = KeyedTokenizer.create(before, P).tokenize(NIR);
    KeyRing r = before;
    for (KeyKind k : KeyKind.values()) {
      r = r.rotate(P, k);
    }
    KeyRing off = r;
    for (KeyKind k : KeyKind.values()) {
      off = off.disable(P, k, oldKey(r, k));
    }
    final KeyRing disabled = off;
    assertEquals(r.version() + KeyKind.values().length, disabled.version());
    for (KeyKind k : KeyKind.values()) {
      assertEquals("DISABLED", status(disabled, k, oldKey(r, k)), k.label());
    }
    assertThrows(
        GeneralSecurityException.class,
        () -> ReversibleTokenizer.prp(disabled, P).reveal(prp),
        "prp");
    assertThrows(
        GeneralSecurityException.class,
        () -> ReversibleTokenizer.siv(disabled, P).reveal(siv),
        "siv");
    assertThrows(
        GeneralSecurityException.class,
        () -> RecordSealer.create(disabled, P).open("p", List.of("name"), cell),
        "record");
    assertThrows(
        GeneralSecurityException.class,
        () -> NirFpe.forKey(disabled, P, NirFpe.Mode.MARKED, fpe.keyId()),
        "fpe");
    assertThrows(
        GeneralSecurityException.class,
        () -> KeyedTokenizer.forKey(disabled, P, keyed.keyId().orElseThrow()),
        "keyed token");
    // the disabled state survives the file
    Kek kek = Kek.insecureEphemeral();
    KeyRing back = KeyRing.fromBytes(disabled.toBytes(kek), kek);
    assertEquals(disabled, back);
    assertThrows(
        GeneralSecurityException.class, () -> ReversibleTokenizer.prp(back, P).reveal(prp));
    // enabled again: everything reveals
    KeyRing on = disabled;
    for (KeyKind k : KeyKind.values()) {
      on = on.enable(P, k, oldKey(r, k));
    }
    assertEquals(NIR, ReversibleTokenizer.prp(on, P).reveal(prp));
    assertEquals(NIR, ReversibleTokenizer.siv(on, P).reveal(siv));
    assertEquals(List.of("Exemple"), RecordSealer.create(on, P).open("p", List.of("name"), cell));
    assertEquals(NIR, NirFpe.forKey(on, P, NirFpe.Mode.MARKED, fpe.keyId()).decrypt(hidden));
    assertTrue(
        KeyedTokenizer.forKey(on, P, keyed.keyId().orElseThrow()).matches(NIR, keyed), "keyed");
  }

  @Test
  void aDestroyedKeyIsGoneForGood() throws Exception {
    KeyRing before = KeyRing.empty().withNewKeyset(P, KeyKind.PRP_TOKEN);
    Token prp = ReversibleTokenizer.prp(before, P).tokenize(NIR);
    KeyRing r = before.rotate(P, KeyKind.PRP_TOKEN);
    int old = oldKey(r, KeyKind.PRP_TOKEN);
    KeyRing destroyed = r.destroy(P, KeyKind.PRP_TOKEN, old);
    assertEquals("DESTROYED", status(destroyed, KeyKind.PRP_TOKEN, old));
    assertEquals(2, destroyed.keyCount(P, KeyKind.PRP_TOKEN), "the id stays, the material goes");
    assertThrows(
        GeneralSecurityException.class, () -> ReversibleTokenizer.prp(destroyed, P).reveal(prp));
    // nothing brings it back, not even through the file
    Kek kek = Kek.insecureEphemeral();
    KeyRing back = KeyRing.fromBytes(destroyed.toBytes(kek), kek);
    assertEquals("DESTROYED", status(back, KeyKind.PRP_TOKEN, old));
    assertThrows(IllegalStateException.class, () -> back.enable(P, KeyKind.PRP_TOKEN, old));
    assertThrows(IllegalStateException.class, () -> back.promote(P, KeyKind.PRP_TOKEN, old));
    assertThrows(IllegalStateException.class, () -> back.destroy(P, KeyKind.PRP_TOKEN, old));
    assertThrows(IllegalStateException.class, () -> back.disable(P, KeyKind.PRP_TOKEN, old));
    // the new primary key still works
    Token fresh = ReversibleTokenizer.prp(back, P).tokenize(NIR);
    assertEquals(NIR, ReversibleTokenizer.prp(back, P).reveal(fresh));
  }

  @Test
  void thePrimaryKeyCannotBeDisabledOrDestroyedAndPromoteMovesIt() throws Exception {
    KeyRing r = rotated();
    for (KeyKind k : KeyKind.values()) {
      int primary = primaryKey(r, k);
      assertThrows(IllegalArgumentException.class, () -> r.disable(P, k, primary), k.label());
      assertThrows(IllegalArgumentException.class, () -> r.destroy(P, k, primary), k.label());
    }
    int old = oldKey(r, KeyKind.TOKEN);
    Token newer = KeyedTokenizer.create(r, P).tokenize(NIR);
    KeyRing promoted = r.promote(P, KeyKind.TOKEN, old);
    assertEquals(old, primaryKey(promoted, KeyKind.TOKEN));
    assertEquals(r.version() + 1, promoted.version());
    Token back = KeyedTokenizer.create(promoted, P).tokenize(NIR);
    assertNotEquals(newer, back);
    assertEquals(old, (int) back.keyId().orElseThrow());
    // only an enabled key can be promoted
    int nowOld = oldKey(promoted, KeyKind.TOKEN);
    KeyRing disabled = promoted.disable(P, KeyKind.TOKEN, nowOld);
    assertThrows(IllegalStateException.class, () -> disabled.promote(P, KeyKind.TOKEN, nowOld));
  }

  @Test
  void unknownKeysAndKeysetsAreRefusedWithoutChange() throws Exception {
    KeyRing r = rotated();
    int absent = primaryKey(r, KeyKind.TOKEN) ^ 0x5a5a5a5a;
    assertThrows(IllegalArgumentException.class, () -> r.disable(P, KeyKind.TOKEN, absent));
    assertThrows(IllegalArgumentException.class, () -> r.enable(P, KeyKind.TOKEN, absent));
    assertThrows(IllegalArgumentException.class, () -> r.destroy(P, KeyKind.TOKEN, absent));
    assertThrows(IllegalArgumentException.class, () -> r.promote(P, KeyKind.TOKEN, absent));
    assertThrows(
        NoSuchKeysetException.class,
        () -> r.disable("other", KeyKind.TOKEN, oldKey(r, KeyKind.TOKEN)));
  }

  @Test
  void listShowsStatusPrimaryAndCreationTime() throws Exception {
    long start = java.time.Instant.now().getEpochSecond();
    KeyRing r = rotated();
    List<KeyInfo> all = r.describe();
    assertEquals(2 * KeyKind.values().length, all.size());
    for (KeyInfo k : all) {
      assertNotNull(k.created(), k.keyIdHex());
      assertTrue(k.created().getEpochSecond() >= start, "created now or later");
      assertEquals("ENABLED", k.status());
    }
    assertEquals(KeyKind.values().length, all.stream().filter(KeyInfo::primary).count());
    Kek kek = Kek.insecureEphemeral();
    assertEquals(all, KeyRing.fromBytes(r.toBytes(kek), kek).describe(), "kept in the file");
    // a ring upgraded from format 1 does not know when its keys were made
    assertNull(
        KeyRing.upgradeFromVersion1(
                KeyRingVectorsTest.resource(KeyRingVectorsTest.RING_V1),
                KeyRingVectorsTest.committedKek())
            .describe()
            .get(0)
            .created());
  }

  @Test
  void aRecipientRingHoldsOnlyWhatItMayUse() throws Exception {
    KeyRing full = rotated().withNewKeysets("research-42", KeyKind.TOKEN, KeyKind.FILE);
    KeyRing r = full.disable(P, KeyKind.FILE, oldKey(full, KeyKind.FILE));
    KeyRing lab = r.forRecipient(P, KeyKind.FILE);
    assertEquals(r.version(), lab.version());
    assertTrue(lab.contains(P, KeyKind.FILE));
    for (KeyKind k : KeyKind.values()) {
      if (k != KeyKind.FILE) {
        assertFalse(lab.contains(P, k), k.label());
      }
      assertFalse(lab.contains("research-42", k), k.label());
    }
    assertEquals(1, lab.keyCount(P, KeyKind.FILE), "the disabled key is left out");
    assertEquals(primaryKey(r, KeyKind.FILE), primaryKey(lab, KeyKind.FILE));
    // the recipient ring opens what the issuer's primary file key sealed, under its own KEK
    Kek recipient = Kek.insecureEphemeral();
    KeyRing received = KeyRing.fromBytes(lab.toBytes(recipient), recipient);
    java.io.ByteArrayOutputStream sealed = new java.io.ByteArrayOutputStream();
    try (java.io.OutputStream o =
        FileEnvelope.create(r, P).encryptingStream(sealed, "text/plain")) {
      o.write("x".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    java.nio.file.Path f = java.nio.file.Files.createTempFile("env", ".nge");
    try {
      java.nio.file.Files.write(f, sealed.toByteArray());
      try (java.io.InputStream in = FileEnvelope.create(received, P).openVerified(f)) {
        assertEquals("x", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      }
    } finally {
      java.nio.file.Files.delete(f);
    }
    assertThrows(NoSuchKeysetException.class, () -> r.forRecipient("absent", KeyKind.FILE));
    assertThrows(IllegalArgumentException.class, () -> r.forRecipient(P));
  }
}
