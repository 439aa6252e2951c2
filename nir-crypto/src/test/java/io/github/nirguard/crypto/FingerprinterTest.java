package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.prf.PrfSet;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;

/** The guard's fingerprints: pinned to the values the guard computed before they moved here. */
class FingerprinterTest {
  private static final long DOMAIN_NIR = 0x6e67_6e69_7231_0001L;
  private static final long DOMAIN_GROUP = 0x6e67_6e69_7231_0002L;

  private static byte[] key() {
    byte[] k = new byte[32];
    for (int i = 0; i < 32; i++) {
      k[i] = (byte) (i * 7 + 3);
    }
    return k;
  }

  @Test
  void valuesAndNamesUseTheirHalfOfTheKey() {
    Fingerprinter f = Fingerprinter.insecureFromRawKey(key());
    // computed with nir-guard's SipHash before the move (key bytes 0-15 for values, 16-31 for
    // names)
    assertEquals(0xe8e19759e8a391e1L, f.fingerprint(DOMAIN_NIR, 2550814168025L * 4));
    assertEquals(0x6bbe3fd55a7838e7L, f.fingerprint(DOMAIN_GROUP, 2550814168L * 4 + 1));
    long account = f.fingerprintName("rpps-10001234567");
    assertEquals(0x17c00e79f828283dL, account);
    assertEquals(
        0xf3e760fa9add02d2L, f.fingerprintNames(account, f.fingerprintName("workstation-1")));
    assertEquals(SipHash.of(key(), 0).hash(7, 9), f.fingerprint(7, 9));
    assertEquals(SipHash.of(key(), 16).hash(7, 9), f.fingerprintNames(7, 9));
  }

  @Test
  void createDerivesTheKeyFromTheFingerprintKeysetOfThePurpose() throws GeneralSecurityException {
    KeyRing ring =
        KeyRingManager.empty()
            .add("guard", KeyKind.FINGERPRINT)
            .add("other", KeyKind.FINGERPRINT)
            .add("guard", KeyKind.TOKEN)
            .ring();
    byte[] expected =
        ring.handle("guard", KeyKind.FINGERPRINT)
            .getPrimitive(RegistryConfiguration.get(), PrfSet.class)
            .computePrimary("nirguard/v1/guard-siphash/guard".getBytes(StandardCharsets.UTF_8), 32);
    Fingerprinter f = Fingerprinter.create(ring, "guard");
    Fingerprinter same = Fingerprinter.insecureFromRawKey(expected);
    assertEquals(same.fingerprint(DOMAIN_NIR, 42), f.fingerprint(DOMAIN_NIR, 42));
    assertEquals(same.fingerprintName("rpps-1"), f.fingerprintName("rpps-1"));
    assertEquals(Fingerprinter.create(ring, "guard").fingerprint(1, 2), f.fingerprint(1, 2));
    assertNotEquals(Fingerprinter.create(ring, "other").fingerprint(1, 2), f.fingerprint(1, 2));
    // the token keyset is not used (it stays on the hosts that make tokens), except by the
    // compatibility door, which derives from it exactly as before
    assertNotEquals(
        Fingerprinter.fromTokenKeyset(ring, "guard").fingerprint(1, 2), f.fingerprint(1, 2));
    byte[] old =
        ring.handle("guard", KeyKind.TOKEN)
            .getPrimitive(RegistryConfiguration.get(), PrfSet.class)
            .computePrimary("nirguard/v1/guard-siphash/guard".getBytes(StandardCharsets.UTF_8), 32);
    assertEquals(
        Fingerprinter.insecureFromRawKey(old).fingerprintName("rpps-1"),
        Fingerprinter.fromTokenKeyset(ring, "guard").fingerprintName("rpps-1"));
    // a ring with only a token keyset has no fingerprint key: refused, naming the kind
    KeyRing tokenOnly = KeyRingManager.empty().add("guard", KeyKind.TOKEN).ring();
    NoSuchKeysetException e =
        assertThrows(NoSuchKeysetException.class, () -> Fingerprinter.create(tokenOnly, "guard"));
    assertEquals(KeyKind.FINGERPRINT, e.kind());
  }

  @Test
  void randomKeysDiffer() {
    assertNotEquals(
        Fingerprinter.random().fingerprint(1, 2), Fingerprinter.random().fingerprint(1, 2));
  }

  @Test
  void refusesWhatIsNotAKey() throws GeneralSecurityException {
    assertThrows(
        IllegalArgumentException.class, () -> Fingerprinter.insecureFromRawKey(new byte[16]));
    KeyRing fpeOnly = KeyRingManager.empty().add("guard", KeyKind.FPE).ring();
    assertThrows(IllegalArgumentException.class, () -> Fingerprinter.create(fpeOnly, "guard"));
    assertThrows(IllegalArgumentException.class, () -> Fingerprinter.create(fpeOnly, "Bad Name"));
    assertThrows(NullPointerException.class, () -> Fingerprinter.create(null, "guard"));
  }

  @Test
  void toStringHidesTheKey() {
    String s = Fingerprinter.insecureFromRawKey(key()).toString();
    assertEquals("Fingerprinter[SipHash-2-4, key hidden]", s);
    assertFalse(s.matches(".*[0-9a-f]{8}.*"));
  }
}
