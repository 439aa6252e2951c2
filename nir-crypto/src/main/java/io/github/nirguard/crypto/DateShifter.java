package io.github.nirguard.crypto;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.internal.DerivedKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed per-person date shifting: every date of one person moves by the same secret number of days,
 * drawn uniformly from {@code [-window, -1] ∪ [1, window]}. Intervals between a person's events are
 * kept exactly (a stay still lasts 3 days, a child is still born 9 months after a test), but nobody
 * without the key can recover a real date; key holders can shift back. Deterministic per key,
 * purpose, window and person; thread-safe.
 *
 * <p>The offset is HMAC-SHA-256 (the JCA's) under a key derived from the purpose's {@link
 * KeyKind#DATE_SHIFT} keyset, over a canonical, length-prefixed input (format version, purpose,
 * window, the person), mapped to the window without bias (rejection sampling). The person is a NIR
 * or any stable identifier of the person (e.g. the pseudonym a protected export carries); the two
 * never give the same offset by accident (domain-separated). Two purposes give unrelated offsets.
 *
 * <p>Shifting hides the day, not the season: with a window of 30 days, a date is still known to
 * within a month. Offsets depend on the key: rotating the keyset moves every date again, so store
 * {@link #keyId()} beside shifted data and shift back with {@link #forKey}.
 *
 * <pre>{@code
 * DateShifter shifter = DateShifter.create(ring, "research-42", 30);        // ±30 days
 * LocalDate admitted = shifter.shift(nir, LocalDate.of(2026, 3, 2));
 * LocalDate left = shifter.shift(nir, LocalDate.of(2026, 3, 5));           // still 3 days later
 * LocalDate back = shifter.unshift(nir, admitted);                         // 2026-03-02
 * }</pre>
 *
 * @since 0.1.0
 */
public final class DateShifter {
  static final byte[] DOMAIN = "nirguard-date-shift".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;

  /** The largest window: ten years of days. */
  public static final int MAX_WINDOW = 3650;

  private final String purpose;
  private final int keyId;
  private final int window;
  private final byte[] prefix;
  private final ThreadLocal<Mac> mac;

  private DateShifter(String purpose, int keyId, byte[] key, int window) {
    if (window < 1 || window > MAX_WINDOW) {
      throw new IllegalArgumentException("the window must be 1 to " + MAX_WINDOW + " days");
    }
    this.purpose = purpose;
    this.keyId = keyId;
    this.window = window;
    byte[] p = purpose.getBytes(StandardCharsets.UTF_8);
    byte[] pre = new byte[DOMAIN.length + 2 + p.length + 2];
    System.arraycopy(DOMAIN, 0, pre, 0, DOMAIN.length);
    pre[DOMAIN.length] = VERSION;
    pre[DOMAIN.length + 1] = (byte) p.length;
    System.arraycopy(p, 0, pre, DOMAIN.length + 2, p.length);
    pre[pre.length - 2] = (byte) (window >>> 8);
    pre[pre.length - 1] = (byte) window;
    this.prefix = pre;
    SecretKeySpec spec = new SecretKeySpec(key.clone(), "HmacSHA256");
    this.mac =
        ThreadLocal.withInitial(
            () -> {
              try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(spec);
                return m;
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is unavailable", e);
              }
            });
  }

  /**
   * Creates a shifter from the primary key of a purpose's {@link KeyKind#DATE_SHIFT} keyset.
   *
   * @param ring the key ring
   * @param purpose the purpose
   * @param window the largest shift in days, 1 to {@link #MAX_WINDOW}
   * @return the shifter
   * @throws GeneralSecurityException if the keyset cannot be used
   * @throws NoSuchKeysetException if the ring has no DATE_SHIFT keyset for the purpose
   * @throws IllegalArgumentException if the window is out of range
   */
  public static DateShifter create(KeyRing ring, String purpose, int window)
      throws GeneralSecurityException {
    DerivedKeys keys = ring.derive(purpose, KeyKind.DATE_SHIFT);
    try {
      return new DateShifter(purpose, keys.primaryId(), keys.primary(), window);
    } finally {
      keys.wipe();
    }
  }

  /**
   * Creates a shifter from one given key of the keyset, e.g. the key id stored beside shifted data,
   * to shift it back after a rotation.
   *
   * <pre>{@code
   * DateShifter same = DateShifter.forKey(ring, "research-42", storedKeyId, 30);
   * }</pre>
   *
   * @param ring the key ring
   * @param purpose the purpose
   * @param keyId the Tink key id
   * @param window the window the data was shifted with
   * @return the shifter
   * @throws GeneralSecurityException if the keyset has no key with that id (a generic message)
   * @throws NoSuchKeysetException if the ring has no DATE_SHIFT keyset for the purpose
   */
  public static DateShifter forKey(KeyRing ring, String purpose, int keyId, int window)
      throws GeneralSecurityException {
    DerivedKeys keys = ring.derive(purpose, KeyKind.DATE_SHIFT);
    try {
      byte[] key = keys.get(keyId);
      if (key == null) {
        throw new GeneralSecurityException("no such date-shift key for this purpose");
      }
      return new DateShifter(purpose, keyId, key, window);
    } finally {
      keys.wipe();
    }
  }

  /**
   * Creates a shifter from raw key bytes. For known-answer tests and interoperability only: keys
   * belong in a {@link KeyRing}.
   *
   * @param key the 32-byte HMAC key
   * @param keyId the key id
   * @param purpose the purpose
   * @param window the window in days
   * @return the shifter
   */
  public static DateShifter insecureFromRawKey(byte[] key, int keyId, String purpose, int window) {
    if (key.length != 32) {
      throw new IllegalArgumentException("a 32-byte key is required");
    }
    return new DateShifter(Purpose.check(purpose), keyId, key, window);
  }

  /**
   * Returns a NIR's offset in days.
   *
   * @param nir the person's NIR
   * @return the offset, in {@code [-window, -1] ∪ [1, window]}
   */
  public int offsetDays(Nir nir) {
    return offset('N', nir.body());
  }

  /**
   * Returns the offset in days of a person named by another stable identifier, such as the
   * pseudonym of a protected export.
   *
   * @param person the identifier (at most 255 UTF-8 bytes, not empty)
   * @return the offset, in {@code [-window, -1] ∪ [1, window]}
   */
  public int offsetDays(String person) {
    if (person.isEmpty()) {
      throw new IllegalArgumentException("an empty person identifier");
    }
    return offset('P', person);
  }

  /**
   * Shifts a date of a person.
   *
   * @param nir the person's NIR
   * @param date the real date
   * @return the shifted date
   */
  public LocalDate shift(Nir nir, LocalDate date) {
    return date.plusDays(offsetDays(nir));
  }

  /**
   * Shifts a date of a person named by another identifier.
   *
   * @param person the identifier
   * @param date the real date
   * @return the shifted date
   */
  public LocalDate shift(String person, LocalDate date) {
    return date.plusDays(offsetDays(person));
  }

  /**
   * Shifts a date back: the inverse of {@link #shift(Nir, LocalDate)}.
   *
   * @param nir the person's NIR
   * @param shifted the shifted date
   * @return the real date
   */
  public LocalDate unshift(Nir nir, LocalDate shifted) {
    return shifted.minusDays(offsetDays(nir));
  }

  /**
   * Shifts a date back: the inverse of {@link #shift(String, LocalDate)}.
   *
   * @param person the identifier
   * @param shifted the shifted date
   * @return the real date
   */
  public LocalDate unshift(String person, LocalDate shifted) {
    return shifted.minusDays(offsetDays(person));
  }

  private int offset(char kind, String person) {
    byte[] id = person.getBytes(StandardCharsets.UTF_8);
    if (id.length > 255) {
      throw new IllegalArgumentException("a person identifier of more than 255 bytes");
    }
    Mac m = mac.get();
    long range = 2L * window; // offsets -window..-1 and 1..window
    long limit = Long.remainderUnsigned(-1L, range) + 1; // 2^64 mod range
    for (int counter = 0; ; counter++) {
      m.update(prefix);
      m.update((byte) kind);
      m.update((byte) id.length);
      m.update(id);
      m.update((byte) counter);
      byte[] h = m.doFinal();
      for (int i = 0; i < 32; i += 8) {
        long v = 0;
        for (int j = 0; j < 8; j++) {
          v = v << 8 | (h[i + j] & 0xFF);
        }
        // unbiased: reject the top 2^64 mod range values
        if (Long.compareUnsigned(v, -limit) < 0 || limit == range) {
          int r = (int) Long.remainderUnsigned(v, range);
          return r < window ? r - window : r - window + 1;
        }
      }
    }
  }

  /**
   * Returns the purpose this shifter is bound to.
   *
   * @return the purpose
   */
  public String purpose() {
    return purpose;
  }

  /**
   * Returns the id of the key used: store it beside the shifted data.
   *
   * @return the Tink key id
   */
  public int keyId() {
    return keyId;
  }

  /**
   * Returns the window in days.
   *
   * @return the largest shift
   */
  public int window() {
    return window;
  }

  /**
   * Returns the purpose, key id and window, never key material.
   *
   * @return a description
   */
  @Override
  public String toString() {
    return "DateShifter[purpose="
        + purpose
        + ", key="
        + Token.hex8(keyId)
        + ", window=±"
        + window
        + " days]";
  }
}
