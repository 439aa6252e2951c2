package io.github.nirguard.crypto.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.crypto.NirFpe;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Nirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Auditor#fpe}: a record before every NIR given back, none for what is refused. */
class AuditedFpeTest {
  @TempDir Path dir;

  static final long SEED = ForAll.seed();

  @Test
  void everyDecryptionIsRecordedBeforeItsNirAndRefusalsWriteNothing() throws Exception {
    KeyRing ring = KeyRingManager.empty().add("lab-export", KeyKind.FPE).ring();
    NirFpe plain = NirFpe.create(ring, "lab-export");
    List<Nir> nirs = Nirs.valid().sample(SEED, 50);
    List<String> cells = new ArrayList<>();
    for (Nir n : nirs) {
      cells.add(plain.encrypt(n));
    }
    AuditLog log = AuditLog.at(dir.resolve("fpe.audit"));
    List<AuditRecord> seen = new ArrayList<>();
    AuditedFpe fpe =
        Auditor.of(log.and(seen::add), "alice", "ticket 4521").fpe(plain, "lab-export");
    String seed = "seed " + SEED;

    assertEquals(nirs.get(0), fpe.decrypt(cells.get(0)), seed);
    assertEquals(nirs, fpe.decryptAll(cells), seed);
    assertEquals(List.of(), fpe.decryptAll(List.of()), "an empty batch");
    assertEquals(2, seen.size(), "one record per call that gave NIRs back, none for an empty one");
    assertEquals(1, seen.get(0).count());
    assertEquals(nirs.size(), seen.get(1).count());
    for (AuditRecord r : seen) {
      assertEquals(AuditOperation.FPE_DECRYPT, r.operation());
      assertEquals("lab-export", r.purpose());
      assertEquals(plain.keyId(), r.keyId().getAsInt());
      assertEquals("alice", r.actor());
      assertEquals("ticket 4521", r.reason());
    }

    // A batch with one cell that is not a ciphertext of this mode is refused whole, unrecorded.
    List<String> mixed = new ArrayList<>(cells);
    mixed.set(7, nirs.get(3).compact()); // a real NIR's key digits are not the marked mode's
    assertThrows(GeneralSecurityException.class, () -> fpe.decryptAll(mixed));
    assertThrows(GeneralSecurityException.class, () -> fpe.decrypt("not a ciphertext"));
    assertEquals(2, seen.size(), "refused: no record");

    // A sink that cannot keep the record gets no NIR out.
    AuditSink failing =
        r -> {
          throw new IOException("disk full");
        };
    AuditedFpe unaudited = Auditor.of(failing, "bob", "ticket 9").fpe(plain, "lab-export");
    assertThrows(AuditException.class, () -> unaudited.decrypt(cells.get(0)));
    assertThrows(AuditException.class, () -> unaudited.decryptAll(cells));

    // The log verifies, and holds no NIR and no ciphertext.
    assertEquals(2, AuditLog.verify(log.file(), null).records());
    String text = Files.readString(log.file(), StandardCharsets.UTF_8) + fpe + unaudited;
    for (int i = 0; i < nirs.size(); i++) {
      assertFalse(text.contains(nirs.get(i).body()), seed);
      assertFalse(text.contains(cells.get(i).substring(0, 13)), seed);
    }
    assertTrue(fpe.toString().contains("lab-export"));
  }
}
