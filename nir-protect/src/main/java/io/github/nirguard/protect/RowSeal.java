package io.github.nirguard.protect;

import java.security.SecureRandom;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * The first value sealed in every row seal: the format version, the export's random id and the id
 * of the FPE key that encrypted the row's NIRs ({@code -} without FPE), e.g. {@code "1 q3Jx…Zw
 * 1a2b3c4d"}. Sealed, so it is authenticated and bound to the row like the sealed fields; never a
 * value of the row.
 */
final class RowSeal {
  private static final String VERSION = "1";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** No FPE key: the policy encrypts nothing with FPE. */
  static final long NO_KEY = -1;

  final String exportId;

  /** The FPE key id as an unsigned 32-bit value, or {@link #NO_KEY}. */
  final long fpeKeyId;

  private RowSeal(String exportId, long fpeKeyId) {
    this.exportId = exportId;
    this.fpeKeyId = fpeKeyId;
  }

  /** A new export: 128 random bits, base64url. */
  static String newExportId() {
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
  }

  static String encode(String exportId, long fpeKeyId) {
    return VERSION + " " + exportId + " " + (fpeKeyId == NO_KEY ? "-" : Long.toHexString(fpeKeyId));
  }

  /** Parses a sealed meta value, or returns null if it is not one (an older or foreign format). */
  static @Nullable RowSeal parse(String meta) {
    String[] f = meta.split(" ", -1);
    if (f.length != 3 || !f[0].equals(VERSION) || f[1].length() != 22) {
      return null;
    }
    if (f[2].equals("-")) {
      return new RowSeal(f[1], NO_KEY);
    }
    try {
      long id = Long.parseLong(f[2], 16);
      return id >= 0 && id <= 0xFFFF_FFFFL ? new RowSeal(f[1], id) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "RowSeal[export=" + exportId + "]";
  }
}
