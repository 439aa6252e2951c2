package io.github.nirguard.core.internal;

import io.github.nirguard.core.Leniency;
import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirError;
import io.github.nirguard.core.NirFormatException;
import io.github.nirguard.core.NirProfile;
import java.lang.invoke.MethodHandles;
import java.util.EnumSet;
import java.util.Set;

/**
 * The packed status word of {@link NirProfile}'s scanner, and the allocation-free scan that returns
 * it: the low-level entry point of nir-validate's bulk path. Not API.
 *
 * <p>Layout of a successful scan (non-negative): bits 0–43 the 13-digit body as a number (2A/2B
 * counted as 19/18), bits 44–45 the Corsica marker, bits 53–57 the leniency flags. A failed scan
 * sets the sign bit, the {@link NirError} ordinal in bits 32–39 and the 0-based input position in
 * bits 0–31.
 *
 * <pre>{@code
 * long status = ScanStatus.scan(NirProfile.STRICT, text);
 * if (ScanStatus.isValid(status)) use(ScanStatus.nirOf(status));
 * else report(ScanStatus.errorOf(status), ScanStatus.positionOf(status));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ScanStatus {
  private static final int CORSICA_SHIFT = 44;
  private static final int FLAGS_SHIFT = 53;
  private static final long VALUE_MASK = (1L << CORSICA_SHIFT) - 1;
  private static final NirError[] ERRORS = NirError.values();
  private static final Leniency[] LENIENCIES = Leniency.values();

  /**
   * What nir-core's API package lends this one (its scanner and the {@link Nir} constructor), so
   * that neither needs to be public. Implemented by {@link NirProfile} and installed while that
   * class is initialized, which happens before any profile exists.
   *
   * <pre>{@code
   * static {
   *   ScanStatus.install(new ScanStatus.Door() { ... });   // in NirProfile only
   * }
   * }</pre>
   *
   * @since 0.1.0
   */
  public interface Door {
    /**
     * Scans a text under a profile.
     *
     * @param profile the profile
     * @param text the text, as pasted
     * @return the status word
     */
    long scan(NirProfile profile, CharSequence text);

    /**
     * Builds the NIR of a successful scan.
     *
     * @param value the body as a number
     * @param corsica the Corsica marker
     * @return the NIR
     */
    Nir nir(long value, int corsica);

    /**
     * Scans a NIR already read as numbers (a text scanner's parts).
     *
     * @param profile the profile
     * @param body the 13-character body as the key arithmetic reads it
     * @param letter {@code 'A'}, {@code 'B'} or {@code 0}
     * @param key the key as read, 0–99
     * @return the status word
     */
    long scanParts(NirProfile profile, long body, char letter, int key);

    /**
     * Scans a 13-character body already read as a number; the key is computed.
     *
     * @param profile the profile
     * @param body the body as a number
     * @param letter {@code 'A'}, {@code 'B'} or {@code 0}
     * @return the status word
     */
    long scanBodyParts(NirProfile profile, long body, char letter);
  }

  private static volatile Door door = new Uninstalled();

  private ScanStatus() {}

  /**
   * Installs the door; called once, by {@link NirProfile}'s class initialization.
   *
   * @param d the door
   * @throws IllegalStateException if a door is already installed
   */
  public static synchronized void install(Door d) {
    if (!(door instanceof Uninstalled)) {
      throw new IllegalStateException("already installed");
    }
    door = d;
  }

  /**
   * Scans a text under a profile; allocates nothing.
   *
   * @param profile the profile
   * @param text the text, as pasted
   * @return the status word: non-negative when the text is a NIR under this profile
   */
  public static long scan(NirProfile profile, CharSequence text) {
    return door.scan(profile, text);
  }

  /**
   * Scans a NIR already split into its parts, as a text scanner reads them; allocates nothing.
   * Applies exactly the rules of {@link #scan}.
   *
   * @param profile the profile
   * @param body the 13-character body as the key arithmetic reads it (2A → 19, 2B → 18)
   * @param letter {@code 'A'} or {@code 'B'} for Corsica, else {@code 0}
   * @param key the two-digit key as read
   * @return the status word
   * @throws IllegalArgumentException if the parts are out of range
   */
  public static long scanParts(NirProfile profile, long body, char letter, int key) {
    return door.scanParts(profile, body, letter, key);
  }

  /**
   * Scans a 13-character body already read as a number; the key is computed. Allocates nothing.
   *
   * @param profile the profile
   * @param body the body as a number
   * @param letter {@code 'A'}, {@code 'B'} or {@code 0}
   * @return the status word
   * @throws IllegalArgumentException if the parts are out of range
   */
  public static long scanBodyParts(NirProfile profile, long body, char letter) {
    return door.scanBodyParts(profile, body, letter);
  }

  /**
   * Encodes a successful scan.
   *
   * @param value the body as a number
   * @param corsica the Corsica marker (0, 1 or 2)
   * @param flags the leniency bits used
   * @return the status word
   */
  public static long valid(long value, int corsica, int flags) {
    return value | ((long) corsica << CORSICA_SHIFT) | ((long) flags << FLAGS_SHIFT);
  }

  /**
   * Encodes a failed scan.
   *
   * @param reason the reason
   * @param position the 0-based position in the input
   * @return the status word (negative)
   */
  public static long error(NirError reason, int position) {
    return Long.MIN_VALUE | ((long) reason.ordinal() << 32) | position;
  }

  /**
   * Returns whether a status word denotes a NIR.
   *
   * @param status the status word
   * @return {@code true} if valid
   */
  public static boolean isValid(long status) {
    return status >= 0;
  }

  /**
   * Returns the error of a failed scan.
   *
   * @param status the status word of a failed scan
   * @return the reason
   * @throws IllegalArgumentException if the scan succeeded
   */
  public static NirError errorOf(long status) {
    if (status >= 0) {
      throw new IllegalArgumentException("a successful scan has no error");
    }
    return ERRORS[(int) (status >>> 32) & 0xFF];
  }

  /**
   * Returns the 0-based position in the input of the error of a failed scan.
   *
   * @param status the status word
   * @return the position, or {@code -1} if the scan succeeded
   */
  public static int positionOf(long status) {
    return status >= 0 ? -1 : (int) status;
  }

  /**
   * Returns the departures from the strict rules that a successful scan relied on.
   *
   * @param status the status word
   * @return the flags (empty for a strictly valid NIR or a failed scan)
   */
  public static Set<Leniency> leniencesOf(long status) {
    return status < 0 ? EnumSet.noneOf(Leniency.class) : leniencies((int) (status >>> FLAGS_SHIFT));
  }

  /**
   * Returns the NIR of a successful scan.
   *
   * @param status the status word
   * @return the NIR
   * @throws NirFormatException with the reason and position if the scan failed
   */
  public static Nir nirOf(long status) {
    if (status < 0) {
      throw new NirFormatException(errorOf(status), positionOf(status));
    }
    return door.nir(status & VALUE_MASK, (int) (status >>> CORSICA_SHIFT) & 3);
  }

  /**
   * Decodes leniency bits (bit {@code ordinal} per {@link Leniency}).
   *
   * @param bits the bits
   * @return a new, modifiable set
   */
  public static EnumSet<Leniency> leniencies(int bits) {
    EnumSet<Leniency> set = EnumSet.noneOf(Leniency.class);
    for (Leniency l : LENIENCIES) {
      if ((bits & (1 << l.ordinal())) != 0) {
        set.add(l);
      }
    }
    return set;
  }

  /**
   * The door until {@link NirProfile} is initialized: a scan needs a profile, so only a status word
   * made by hand gets here, and initializing {@link NirProfile} installs the real door.
   */
  private static final class Uninstalled implements Door {
    @Override
    public long scan(NirProfile profile, CharSequence text) {
      return installed().scan(profile, text);
    }

    @Override
    public Nir nir(long value, int corsica) {
      return installed().nir(value, corsica);
    }

    @Override
    public long scanParts(NirProfile profile, long body, char letter, int key) {
      return installed().scanParts(profile, body, letter, key);
    }

    @Override
    public long scanBodyParts(NirProfile profile, long body, char letter) {
      return installed().scanBodyParts(profile, body, letter);
    }

    private static Door installed() {
      try {
        MethodHandles.lookup().ensureInitialized(NirProfile.class);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("nir-core cannot be initialized", e);
      }
      Door d = door;
      if (d instanceof Uninstalled) {
        throw new IllegalStateException("nir-core is not initialized");
      }
      return d;
    }
  }
}
