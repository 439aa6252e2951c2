package io.github.nirguard.crypto;

import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirFormatException;
import io.github.nirguard.core.NirKey;
import io.github.nirguard.core.NirProfile;
import io.github.nirguard.crypto.internal.DerivedKeys;
import io.github.nirguard.crypto.internal.NirRank;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Format-preserving encryption of a whole NIR into a NIR-shaped 15-character string, and back.
 *
 * <p>Every strictly valid NIR — mainland, Corsica 2A/2B and pre-1976 20, overseas, abroad — is
 * ranked into {@code [0, 1.7·10¹²)}, encrypted with FF1 (radix 13, 11 numerals: 13¹¹ is only 5 %
 * larger, so cycle-walking back into the ranked range takes 1.05 FF1 calls on average), and
 * unranked into a structurally valid body. Never-real test NIRs (months 13–19, see nir-testkit)
 * form a domain of their own and encrypt to never-real NIRs. Two modes:
 *
 * <ul>
 *   <li>{@link Mode#MARKED} (the default): the key digits are deliberately wrong, so the output can
 *       never be mistaken for a real person's NIR and every validator rejects it;
 *   <li>{@link Mode#FORMAT_VALID}: the output passes strict validation, for legacy systems that
 *       demand it — and may therefore equal a real person's NIR.
 * </ul>
 *
 * The tweak binds the purpose and mode, plus an optional per-record tweak. FPE gives no integrity:
 * decrypting with a wrong key or purpose yields some other NIR, not an error. Its output carries no
 * key id either: {@link #create} encrypts with the keyset's primary key, which changes with every
 * rotation, so keep {@link #keyId()} with the values and decrypt with {@link #forKey}
 * (docs/decisions/0005-reveal-integrity.md).
 *
 * <pre>{@code
 * NirFpe fpe = NirFpe.create(ring, "lab-export");          // marked mode
 * String hidden = fpe.encrypt(Nir.parse("2 55 08 14 168 025 38"));
 * Nir back = fpe.decrypt(hidden);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class NirFpe {
  /**
   * The output modes.
   *
   * <pre>{@code
   * NirFpe legacy = NirFpe.create(ring, "lab-export", NirFpe.Mode.FORMAT_VALID);
   * Nir.isValid(legacy.encrypt(nir));   // true: and it may be a real person's NIR
   * }</pre>
   *
   * @since 0.1.0
   */
  public enum Mode {
    /** The output has a deliberately wrong key: never a valid NIR. The default. */
    MARKED,
    /** The output is a strictly valid NIR, which may be a real person's. */
    FORMAT_VALID;

    /**
     * Returns the mode for a name: {@code marked} or {@code format-valid}.
     *
     * @param name the name, case-insensitive, dashes or underscores, surrounding blanks ignored
     * @return the mode
     * @throws IllegalArgumentException for an unknown name
     * @since 0.1.0
     */
    public static Mode named(String name) {
      String n = name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
      for (Mode m : values()) {
        if (m.name().equals(n)) {
          return m;
        }
      }
      throw new IllegalArgumentException("unknown FPE mode (expected marked or format-valid)");
    }

    /**
     * Returns the lowercase, dashed name used in policies, on the command line and in Spark.
     *
     * @return {@code marked} or {@code format-valid}
     * @since 0.1.0
     */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  private final FpeDomains ff1;
  private final Mode mode;
  private final String purpose;
  private final int keyId;

  private NirFpe(byte[] key, int keyId, String purpose, Mode mode) {
    this.ff1 = new FpeDomains(key, mode, purpose); // copies the key; the caller wipes its array
    this.mode = mode;
    this.purpose = purpose;
    this.keyId = keyId;
  }

  /**
   * Creates a marked-mode FPE from the primary key of a purpose's {@link KeyKind#FPE} keyset.
   *
   * @param ring the key ring
   * @param purpose the purpose
   * @return the FPE
   * @throws GeneralSecurityException if the keyset cannot be used
   * @throws NoSuchKeysetException if the ring has no such keyset for the purpose
   */
  public static NirFpe create(KeyRing ring, String purpose) throws GeneralSecurityException {
    return create(ring, purpose, Mode.MARKED);
  }

  /**
   * Creates an FPE in the given mode from the primary key of a purpose's {@link KeyKind#FPE}
   * keyset.
   *
   * @param ring the key ring
   * @param purpose the purpose
   * @param mode the mode
   * @return the FPE
   * @throws GeneralSecurityException if the keyset cannot be used
   * @throws NoSuchKeysetException if the ring has no such keyset for the purpose
   */
  public static NirFpe create(KeyRing ring, String purpose, Mode mode)
      throws GeneralSecurityException {
    DerivedKeys keys = ring.derive(purpose, KeyKind.FPE);
    try {
      return new NirFpe(
          keys.primary(), keys.primaryId(), purpose, Objects.requireNonNull(mode, "mode"));
    } finally {
      keys.wipe();
    }
  }

  /**
   * Creates an FPE from one given key of a purpose's {@link KeyKind#FPE} keyset: the key that
   * encrypted the values to decrypt. FPE output carries no key id (it must stay NIR-shaped), so
   * after a rotation the primary key is no longer the one that encrypted older values: whoever
   * stores FPE values stores {@link #keyId()} beside them (the protected files of {@code nir
   * protect} do, in their row seal) and decrypts with this method.
   *
   * <pre>{@code
   * NirFpe fpe = NirFpe.create(ring, "lab-export");
   * String hidden = fpe.encrypt(nir);
   * int keyId = fpe.keyId();                                  // store it with the data
   * // ... later, after `nir keys rotate --kind fpe`:
   * Nir back = NirFpe.forKey(ring, "lab-export", NirFpe.Mode.MARKED, keyId).decrypt(hidden);
   * }</pre>
   *
   * @param ring the key ring
   * @param purpose the purpose
   * @param mode the mode the values were encrypted in
   * @param keyId the Tink id of the key that encrypted them
   * @return the FPE
   * @throws GeneralSecurityException if the keyset has no key with that id (a generic message)
   * @throws NoSuchKeysetException if the ring has no FPE keyset for the purpose
   * @since 0.1.0
   */
  public static NirFpe forKey(KeyRing ring, String purpose, Mode mode, int keyId)
      throws GeneralSecurityException {
    DerivedKeys keys = ring.derive(purpose, KeyKind.FPE);
    try {
      byte[] key = keys.get(keyId);
      if (key == null) {
        throw new GeneralSecurityException("no such fpe key for this purpose");
      }
      return new NirFpe(key, keyId, purpose, Objects.requireNonNull(mode, "mode"));
    } finally {
      keys.wipe();
    }
  }

  /**
   * Creates an FPE from raw key bytes, for known-answer tests only: keys belong in a {@link
   * KeyRing}.
   *
   * @param key a 32-byte AES key
   * @param purpose the purpose
   * @param mode the mode
   * @return the FPE
   */
  public static NirFpe insecureFromRawKey(byte[] key, String purpose, Mode mode) {
    return new NirFpe(key, 0, Purpose.check(purpose), mode);
  }

  /**
   * Returns the Tink id of the key this FPE encrypts and decrypts with: store it beside the values,
   * and decrypt them later with {@link #forKey}.
   *
   * @return the key id
   * @since 0.1.0
   */
  public int keyId() {
    return keyId;
  }

  /**
   * Returns the mode.
   *
   * @return the mode
   */
  public Mode mode() {
    return mode;
  }

  /**
   * Encrypts a NIR.
   *
   * @param nir a strictly valid (or never-real) NIR
   * @return a 15-character NIR-shaped string
   * @throws IllegalArgumentException if the NIR is only valid under a lenient profile
   */
  public String encrypt(Nir nir) {
    return encrypt(nir, null);
  }

  /**
   * Encrypts a NIR with a per-record tweak (e.g. a row's stable identifier).
   *
   * @param nir a strictly valid (or never-real) NIR
   * @param recordTweak extra tweak bytes (at most 128), or null
   * @return a 15-character NIR-shaped string
   */
  public String encrypt(Nir nir, byte @Nullable [] recordTweak) {
    NirRank r = NirRank.byMonth(nir);
    long x = r.rank(nir);
    if (x < 0) {
      throw new IllegalArgumentException("FPE takes strictly valid or never-real NIRs only");
    }
    x = ff1.encrypt(r, x, recordTweak);
    // the output straight from the rank, without building and re-reading a Nir
    return format(r, x, new char[15]);
  }

  /**
   * Encrypts many NIRs at once: {@code out[k]} is {@code encrypt(nirs[k])}, but each FF1 round
   * costs one AES call for up to 256 NIRs, so the AES instructions pipeline (the FF1 batch path).
   * Where {@code encrypt(nirs[k])} would throw, because the NIR is only valid under a lenient
   * profile, or {@code nirs[k]} is null, {@code out[k]} is null instead.
   *
   * <pre>{@code
   * Nir[] block = ...;                         // e.g. the NIR column of 256 rows
   * String[] hidden = new String[block.length];
   * fpe.encryptAll(block, hidden, block.length);
   * }</pre>
   *
   * @param nirs the NIRs, {@code nirs[0..count)}
   * @param out receives the ciphertexts, {@code out[0..count)}
   * @param count how many NIRs to encrypt
   * @throws IndexOutOfBoundsException if {@code count} is negative or exceeds an array
   */
  public void encryptAll(Nir[] nirs, String[] out, int count) {
    Objects.checkFromIndexSize(0, count, nirs.length);
    Objects.checkFromIndexSize(0, count, out.length);
    Arrays.fill(out, 0, count, null); // NIRs outside every domain stay null
    NirRank[] ranks = NirRank.values();
    long[] x = new long[count];
    int[] at = new int[count];
    for (NirRank r : ranks) {
      // this domain's NIRs, packed: x[j] is the rank of nirs[at[j]]
      int n = 0;
      for (int k = 0; k < count; k++) {
        Nir nir = nirs[k];
        if (nir != null && NirRank.byMonth(nir) == r) {
          long rank = r.rank(nir);
          if (rank >= 0) {
            x[n] = rank;
            at[n++] = k;
          }
        }
      }
      if (n == 0) {
        continue;
      }
      ff1.encryptAll(r, x, n);
      char[] c = new char[15];
      for (int j = 0; j < n; j++) {
        out[at[j]] = format(r, x[j], c);
      }
    }
  }

  /** The output of a rank in {@code [0, r.size())}: its body and key (marked in marked mode). */
  private String format(NirRank r, long rank, char[] c) {
    int key = NirKey.of(r.unrankBody(rank, c));
    if (mode == Mode.MARKED) {
      key = marked(key);
    }
    c[13] = (char) ('0' + key / 10);
    c[14] = (char) ('0' + key % 10);
    return new String(c, 0, 15);
  }

  /**
   * Decrypts a string made by {@link #encrypt(Nir)}.
   *
   * @param ciphertext the 15-character string (separators allowed)
   * @return the NIR
   * @throws GeneralSecurityException if it is not a ciphertext of this mode (generic message)
   */
  public Nir decrypt(CharSequence ciphertext) throws GeneralSecurityException {
    return decrypt(ciphertext, null);
  }

  /**
   * Decrypts a string made by {@link #encrypt(Nir, byte[])} with the same record tweak.
   *
   * @param ciphertext the 15-character string
   * @param recordTweak the record tweak used to encrypt, or null
   * @return the NIR
   * @throws GeneralSecurityException if it is not a ciphertext of this mode
   */
  public Nir decrypt(CharSequence ciphertext, byte @Nullable [] recordTweak)
      throws GeneralSecurityException {
    Nir shown;
    try {
      if (mode == Mode.FORMAT_VALID) {
        shown = NirProfile.CHECKSUM_ONLY.parse(ciphertext);
      } else {
        String s = ciphertext.toString().replaceAll("[\\s._\\-/\u00A0\u202F]", "");
        if (s.length() != 15 || !isAsciiDigit(s.charAt(13)) || !isAsciiDigit(s.charAt(14))) {
          throw new GeneralSecurityException("not an FPE ciphertext");
        }
        shown = NirProfile.CHECKSUM_ONLY.parseBody(s.substring(0, 13));
        int key = (s.charAt(13) - '0') * 10 + (s.charAt(14) - '0');
        if (key != marked(shown.key())) {
          throw new GeneralSecurityException("not an FPE ciphertext");
        }
      }
    } catch (NirFormatException e) {
      throw new GeneralSecurityException("not an FPE ciphertext");
    }
    NirRank r = NirRank.of(shown);
    if (r == null) {
      throw new GeneralSecurityException("not an FPE ciphertext");
    }
    return r.unrank(ff1.decrypt(r, r.rank(shown), recordTweak));
  }

  /** 0-9 only: {@link Character#isDigit} also accepts other scripts' digits (e.g. Devanagari). */
  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The marked key: always in 01..97 and never the right one. */
  static int marked(int key) {
    return key % 97 + 1;
  }

  /**
   * Returns the purpose, mode and key id, never key material.
   *
   * @return a description
   */
  @Override
  public String toString() {
    return "NirFpe[purpose=" + purpose + ", mode=" + mode + ", key=" + Token.hex8(keyId) + "]";
  }
}
