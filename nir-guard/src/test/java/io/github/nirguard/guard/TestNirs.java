package io.github.nirguard.guard;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Locale;

/** NIRs built from their parts for the unit tests (structurally valid: keep them in the tests). */
final class TestNirs {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private TestNirs() {}

  /** A NIR from sex, two-digit year, month, department (two digits), commune and order. */
  static Nir nir(int sex, int year, int month, int dept, int commune, int order) {
    return Nir.fromBody(
        String.format(
            Locale.ROOT, "%d%02d%02d%02d%03d%03d", sex, year, month, dept, commune, order));
  }

  /** A NIR born in a department, otherwise varied by {@code i} (never sequential). */
  static Nir inDept(int dept, int i) {
    return nir(
        1 + i % 2,
        30 + (i * 7) % 60,
        1 + (i * 5) % 12,
        dept,
        1 + (i * 37) % 900,
        1 + (i * 13) % 40);
  }

  /** A fresh key ring with a TOKEN keyset for the purpose {@code guard}. */
  static KeyRing ring() throws GeneralSecurityException {
    return KeyRingManager.empty().add("guard", KeyKind.FINGERPRINT).ring();
  }

  /** Mainland departments 1–95 without 20, by index. */
  static int dept(int i) {
    int d = 1 + i % 94;
    return d >= 20 ? d + 1 : d;
  }
}
