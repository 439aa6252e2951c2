package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Nirs;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The key ring's lifecycle, with Tink's semantics: new keysets, rotation (old tokens stay
 * revealable), disable (neither protects nor reveals), enable, destroy (material gone for good,
 * also from the written ring), promote (only an enabled key can be primary), recipient exports;
 * every change raises the version and leaves the original manager and ring as they were.
 */
class KeyRingManagerTest {
  static final String P = "lab-export";
  static final Nir NIR = Nir.parse("255081416802538");

  /** A manager whose ring has, for every kind, an old key (made first) and a new primary key. */
  static KeyRingManager rotated() throws GeneralSecurityException {
    KeyRingManager m = KeyRingManager.empty().add(P, KeyKind.values());
    for (KeyKind k : KeyKind.values()) {
      m = m.rotate(P, k);
    }
    return m;
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
  void addMakesOneKeysetPerKindAndOneVersionEach() throws Exception {
    KeyRingManager empty = KeyRingManager.empty();
    assertEquals(0, empty.ring().version());
    assertTrue(empty.ring().describe().isEmpty());
    KeyRingManager m = empty.add(P, KeyKind.TOKEN, KeyKind.FPE, KeyKind.FILE);
    assertEquals(3, m.ring().version());
    for (KeyKind k : KeyKind.values()) {
      boolean added = k == KeyKind.TOKEN || k == KeyKind.FPE || k == KeyKind.FILE;
      assertEquals(added, m.ring().contains(P, k), k.label());
    }
    assertEquals(1, m.ring().keyCount(P, KeyKind.FPE));
    // the same version as adding them one by one
    assertEquals(
        m.ring().version(),
        empty.add(P, KeyKind.TOKEN).add(P, KeyKind.FPE).add(P, KeyKind.FILE).ring().version());
  }

  @Test
  void addRefusesBadNamesDuplicatesAndNoKind() throws Exception {
    KeyRingManager empty = KeyRingManager.empty();
    assertThrows(IllegalArgumentException.class, () -> empty.add("Research 42", KeyKind.TOKEN));
    assertThrows(IllegalArgumentException.class, () -> empty.add(P));
    KeyRingManager one = empty.add("research-42", KeyKind.TOKEN);
    IllegalArgumentException twice =
        assertThrows(IllegalArgumentException.class, () -> one.add("research-42", KeyKind.TOKEN));
    assertEquals("the ring already has a keyset for this purpose and kind", twice.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> one.add("research-42", KeyKind.FPE, KeyKind.FPE),
        "a kind named twice in one call");
    assertThrows(IllegalArgumentException.class, () -> one.rotate("research-42", KeyKind.FPE));
    assertThrows(NoSuchKeysetException.class, () -> one.rotate("lab-export", KeyKind.TOKEN));
    assertEquals(1, one.ring().version(), "refusals change nothing");
    assertEquals(1, one.ring().keyCount("research-42", KeyKind.TOKEN));
  }

  @Test
  void rotationKeepsOldTokensRevealable() {
    KeyRingManager before;
    KeyRingManager after;
    ReversibleTokenizer prpOld;
    ReversibleTokenizer sivOld;
    ReversibleTokenizer prpNew;
    ReversibleTokenizer sivNew;
    try {
      before = KeyRingManager.empty().add(P, KeyKind.PRP_TOKEN, KeyKind.SIV_TOKEN);
      after = before.rotate(P, KeyKind.PRP_TOKEN).rotate(P, KeyKind.SIV_TOKEN);
      prpOld = ReversibleTokenizer.prp(before.ring(), P);
      sivOld = ReversibleTokenizer.siv(before.ring(), P);
      prpNew = ReversibleTokenizer.prp(after.ring(), P);
      sivNew = ReversibleTokenizer.siv(after.ring(), P);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
    assertEquals(2, after.ring().keyCount(P, KeyKind.PRP_TOKEN));
    assertEquals(before.ring().version() + 2, after.ring().version());
    ForAll.check(
        "rotation keeps old tokens revealable",
        Math.max(50, ForAll.size() / 20),
        ForAll.seed(),
        Nirs.valid(),
        nir -> {
          try {
            Token prp = prpOld.tokenize(nir);
            Token siv = sivOld.tokenize(nir);
            assertEquals(nir, prpNew.reveal(prp));
            assertEquals(nir, sivNew.reveal(siv));
            Token prpNewer = prpNew.tokenize(nir);
            assertNotEquals(prp, prpNewer, "new tokens use the new primary key");
            assertEquals(
                primaryKey(after.ring(), KeyKind.PRP_TOKEN), (int) prpNewer.keyId().orElseThrow());
            assertEquals(nir, prpNew.reveal(prpNewer));
          } catch (GeneralSecurityException e) {
            throw new AssertionError("reveal failed", e);
          }
        });
  }

  @Test
  void aDisabledKeyNeitherRevealsNorVerifiesUntilEnabledAgain() throws Exception {
    KeyRing before = KeyRingManager.empty().add(P, KeyKind.values()).ring();
    // protect under the first keys
    Token prp = ReversibleTokenizer.prp(before, P).tokenize(NIR);
    Token siv = ReversibleTokenizer.siv(before, P).tokenize(NIR);
    String cell = RecordSealer.create(before, P).seal("p", List.of("name"), List.of("Exemple"));
    NirFpe fpe = NirFpe.create(before, P);
    String hidden = fpe.encrypt(NIR);
    Token keyed = KeyedTokenizer.create(before, P).tokenize(NIR);
    KeyRingManager m = KeyRingManager.of(before);
    for (KeyKind k : KeyKind.values()) {
      m = m.rotate(P, k);
    }
    KeyRing r = m.ring();
    KeyRingManager off = m;
    for (KeyKind k : KeyKind.values()) {
      off = off.disable(P, k, oldKey(r, k));
    }
    final KeyRing disabled = off.ring();
    assertEquals(r.version() + KeyKind.values().length, disabled.version());
    for (KeyKind k : KeyKind.values()) {
      assertEquals("DISABLED", status(disabled, k, oldKey(r, k)), k.label());
      assertEquals("ENABLED", status(r, k, oldKey(r, k)), "the earlier ring is unchanged");
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
    KeyRingManager onKeys = KeyRingManager.of(back);
    for (KeyKind k : KeyKind.values()) {
      onKeys = onKeys.enable(P, k, oldKey(r, k));
    }
    KeyRing on = onKeys.ring();
    assertEquals(NIR, ReversibleTokenizer.prp(on, P).reveal(prp));
    assertEquals(NIR, ReversibleTokenizer.siv(on, P).reveal(siv));
    assertEquals(List.of("Exemple"), RecordSealer.create(on, P).open("p", List.of("name"), cell));
    assertEquals(NIR, NirFpe.forKey(on, P, NirFpe.Mode.MARKED, fpe.keyId()).decrypt(hidden));
    assertTrue(
        KeyedTokenizer.forKey(on, P, keyed.keyId().orElseThrow()).matches(NIR, keyed), "keyed");
  }

  @Test
  void aDestroyedKeyIsGoneForGood() throws Exception {
    KeyRingManager before = KeyRingManager.empty().add(P, KeyKind.PRP_TOKEN);
    Token prp = ReversibleTokenizer.prp(before.ring(), P).tokenize(NIR);
    KeyRingManager r = before.rotate(P, KeyKind.PRP_TOKEN);
    int old = oldKey(r.ring(), KeyKind.PRP_TOKEN);
    KeyRing destroyed = r.destroy(P, KeyKind.PRP_TOKEN, old).ring();
    assertEquals("DESTROYED", status(destroyed, KeyKind.PRP_TOKEN, old));
    assertEquals(2, destroyed.keyCount(P, KeyKind.PRP_TOKEN), "the id stays, the material goes");
    assertThrows(
        GeneralSecurityException.class, () -> ReversibleTokenizer.prp(destroyed, P).reveal(prp));
    assertEquals(NIR, ReversibleTokenizer.prp(r.ring(), P).reveal(prp), "r itself is unchanged");
    // nothing brings it back, not even through the file
    Kek kek = Kek.insecureEphemeral();
    KeyRingManager back = KeyRingManager.of(KeyRing.fromBytes(destroyed.toBytes(kek), kek));
    assertEquals("DESTROYED", status(back.ring(), KeyKind.PRP_TOKEN, old));
    IllegalStateException gone =
        assertThrows(IllegalStateException.class, () -> back.enable(P, KeyKind.PRP_TOKEN, old));
    assertEquals("the key is destroyed: its material is gone for good", gone.getMessage());
    assertThrows(IllegalStateException.class, () -> back.promote(P, KeyKind.PRP_TOKEN, old));
    assertThrows(IllegalStateException.class, () -> back.destroy(P, KeyKind.PRP_TOKEN, old));
    assertThrows(IllegalStateException.class, () -> back.disable(P, KeyKind.PRP_TOKEN, old));
    // the new primary key still works
    Token fresh = ReversibleTokenizer.prp(back.ring(), P).tokenize(NIR);
    assertEquals(NIR, ReversibleTokenizer.prp(back.ring(), P).reveal(fresh));
  }

  @Test
  void thePrimaryKeyCannotBeDisabledOrDestroyedAndPromoteMovesIt() throws Exception {
    KeyRingManager m = rotated();
    KeyRing r = m.ring();
    for (KeyKind k : KeyKind.values()) {
      int primary = primaryKey(r, k);
      assertThrows(IllegalArgumentException.class, () -> m.disable(P, k, primary), k.label());
      assertThrows(IllegalArgumentException.class, () -> m.destroy(P, k, primary), k.label());
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> m.disable(P, KeyKind.TOKEN, primaryKey(r, KeyKind.TOKEN)));
    assertEquals("the primary key cannot be disabled: promote another key first", e.getMessage());
    int old = oldKey(r, KeyKind.TOKEN);
    Token newer = KeyedTokenizer.create(r, P).tokenize(NIR);
    KeyRingManager promoted = m.promote(P, KeyKind.TOKEN, old);
    assertEquals(old, primaryKey(promoted.ring(), KeyKind.TOKEN));
    assertEquals(r.version() + 1, promoted.ring().version());
    Token back = KeyedTokenizer.create(promoted.ring(), P).tokenize(NIR);
    assertNotEquals(newer, back);
    assertEquals(old, (int) back.keyId().orElseThrow());
    // only an enabled key can be promoted
    int nowOld = oldKey(promoted.ring(), KeyKind.TOKEN);
    KeyRingManager disabled = promoted.disable(P, KeyKind.TOKEN, nowOld);
    IllegalStateException notEnabled =
        assertThrows(IllegalStateException.class, () -> disabled.promote(P, KeyKind.TOKEN, nowOld));
    assertEquals("only an enabled key can become the primary key", notEnabled.getMessage());
  }

  @Test
  void unknownKeysAndKeysetsAreRefusedWithoutChange() throws Exception {
    KeyRingManager r = rotated();
    KeyRing ring = r.ring();
    int absent = primaryKey(ring, KeyKind.TOKEN) ^ 0x5a5a5a5a;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> r.disable(P, KeyKind.TOKEN, absent));
    assertEquals("the keyset has no key with this id", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> r.enable(P, KeyKind.TOKEN, absent));
    assertThrows(IllegalArgumentException.class, () -> r.destroy(P, KeyKind.TOKEN, absent));
    assertThrows(IllegalArgumentException.class, () -> r.promote(P, KeyKind.TOKEN, absent));
    assertThrows(
        NoSuchKeysetException.class,
        () -> r.disable("other", KeyKind.TOKEN, oldKey(ring, KeyKind.TOKEN)));
    assertSame(ring, r.ring(), "refusals leave the manager as it was");
  }

  @Test
  void listShowsStatusPrimaryAndCreationTime() throws Exception {
    long start = java.time.Instant.now().getEpochSecond();
    KeyRing r = rotated().ring();
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
    KeyRingManager full = rotated().add("research-42", KeyKind.TOKEN, KeyKind.FILE);
    KeyRingManager m = full.disable(P, KeyKind.FILE, oldKey(full.ring(), KeyKind.FILE));
    KeyRing r = m.ring();
    KeyRing lab = m.forRecipient(P, KeyKind.FILE).ring();
    assertEquals(r.version(), lab.version());
    assertTrue(lab.contains(P, KeyKind.FILE));
    for (KeyKind k : KeyKind.values()) {
      if (k != KeyKind.FILE) {
        assertFalse(lab.contains(P, k), k.label());
        assertTrue(r.contains(P, k), "the issuer's ring keeps " + k.label());
      }
      assertFalse(lab.contains("research-42", k), k.label());
    }
    assertEquals(1, lab.keyCount(P, KeyKind.FILE), "the disabled key is left out");
    assertEquals(2, r.keyCount(P, KeyKind.FILE), "the issuer's ring keeps it");
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
    assertThrows(NoSuchKeysetException.class, () -> m.forRecipient("absent", KeyKind.FILE));
    IllegalArgumentException none =
        assertThrows(IllegalArgumentException.class, () -> m.forRecipient(P));
    assertEquals("name at least one kind for the recipient", none.getMessage());
  }

  @Test
  void everyOperationLeavesTheOriginalManagerAndRingUnchanged() throws Exception {
    KeyRingManager m = rotated();
    KeyRing ring = m.ring();
    Kek kek = Kek.insecureEphemeral();
    byte[] snapshot = ring.toBytes(kek);
    List<KeyInfo> described = ring.describe();
    int old = oldKey(ring, KeyKind.TOKEN);
    List<KeyRingManager> next =
        List.of(
            m.add("research-42", KeyKind.TOKEN),
            m.rotate(P, KeyKind.TOKEN),
            m.disable(P, KeyKind.TOKEN, old),
            m.disable(P, KeyKind.TOKEN, old).enable(P, KeyKind.TOKEN, old),
            m.destroy(P, KeyKind.TOKEN, old),
            m.promote(P, KeyKind.TOKEN, old),
            m.forRecipient(P, KeyKind.TOKEN));
    for (KeyRingManager n : next) {
      assertNotEquals(m, n, n.toString());
    }
    assertSame(ring, m.ring());
    assertEquals(described, ring.describe());
    assertEquals(KeyRing.fromBytes(snapshot, kek), ring, "same keys, statuses and version");
    assertEquals(m, KeyRingManager.of(KeyRing.fromBytes(snapshot, kek)));
    assertEquals(m.hashCode(), KeyRingManager.of(KeyRing.fromBytes(snapshot, kek)).hashCode());
  }

  @Test
  void toStringShowsVersionAndSlotsOnly() throws Exception {
    KeyRingManager m = KeyRingManager.empty().add("research-42", KeyKind.TOKEN, KeyKind.FPE);
    assertEquals("KeyRingManager[KeyRing[v2, research-42 fpe, research-42 token]]", m.toString());
    assertFalse(m.toString().toLowerCase(Locale.ROOT).contains("value"));
    assertThrows(NullPointerException.class, () -> KeyRingManager.of(null));
  }
}
