package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.BirthMonth;
import io.github.nirguard.core.BirthPlace;
import io.github.nirguard.core.Nir;
import io.github.nirguard.core.Sex;
import io.github.nirguard.testkit.Records;
import io.github.nirguard.testkit.SyntheticRecord;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Why an unkeyed hash of a NIR is no protection, as a runnable demonstration (see {@code
 * docs/why-not-hash.md}).
 *
 * <p>The attacker holds a leaked record: the SHA-256 of the NIR, and beside it the sex and the
 * birth date, as every beneficiary file has; the department of birth comes from the address or the
 * birth place. That leaves commune 001–999 × order 001–999, under 10⁶ candidates, each with its
 * computable key: the search recovers the NIR in well under a second. Against a keyed token the
 * same search, without the key, finds nothing; with the key it succeeds as well — so the key is
 * what must be guarded. Nothing printed here contains a NIR or a token.
 */
class UnkeyedHashIsNoProtectionTest {
  static final String PURPOSE = "research-42";
  static final int CANDIDATES = 999 * 999;

  static SyntheticRecord record;

  /** A generated record born in mainland France, with a real (known) month of birth. */
  @BeforeAll
  static void leakedRecord() {
    record =
        Records.synthetic()
            .filter(
                r ->
                    r.nir().birthPlace() instanceof BirthPlace.Mainland
                        && r.nir().birthMonth().kind() == BirthMonth.Kind.KNOWN)
            .sample(2022L, 1)
            .get(0);
  }

  /**
   * What the attacker knows besides the protected value: sex, year and month of birth, department.
   */
  static long knownPrefix(SyntheticRecord r) {
    int sex = r.sex() == Sex.MALE ? 1 : 2;
    int yy = r.birthDate().getYear() % 100;
    int mm = r.birthDate().getMonthValue();
    int dept = Integer.parseInt(((BirthPlace.Mainland) r.nir().birthPlace()).department());
    return sex * 1_000_000_000_000L + yy * 10_000_000_000L + mm * 100_000_000L + dept * 1_000_000L;
  }

  /** Writes the 15 ASCII digits of a mainland NIR body and its key. */
  static void compact(long body, byte[] out) {
    int key = (int) (97 - body % 97);
    out[13] = (byte) ('0' + key / 10);
    out[14] = (byte) ('0' + key % 10);
    long v = body;
    for (int i = 12; i >= 0; i--) {
      out[i] = (byte) ('0' + (int) (v % 10));
      v /= 10;
    }
  }

  @Test
  void unkeyedSha256FallsToExhaustiveSearch() throws GeneralSecurityException {
    Nir nir = record.nir();
    byte[] leaked =
        MessageDigest.getInstance("SHA-256")
            .digest(nir.compact().getBytes(StandardCharsets.US_ASCII));

    long prefix = knownPrefix(record);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] candidate = new byte[15];
    byte[] hash = new byte[32];
    long found = -1;
    int tried = 0;
    long start = System.nanoTime();
    for (int commune = 1; commune <= 999; commune++) {
      for (int order = 1; order <= 999; order++) {
        long body = prefix + commune * 1000L + order;
        compact(body, candidate);
        sha.update(candidate);
        sha.digest(hash, 0, 32);
        tried++;
        if (MessageDigest.isEqual(hash, leaked)) {
          found = body; // keep going: the figure is for the whole search space
        }
      }
    }
    long nanos = System.nanoTime() - start;

    assertEquals(CANDIDATES, tried);
    assertTrue(found >= 0, "the exhaustive search did not recover the NIR");
    compact(found, candidate);
    assertTrue(
        Nir.parse(new String(candidate, StandardCharsets.US_ASCII)).equals(nir),
        "recovered a different NIR");
    System.out.printf(
        Locale.ROOT,
        "unkeyed SHA-256: %,d candidates searched in %.0f ms, %,.0f candidates/s on one core: recovered%n",
        tried,
        nanos / 1e6,
        tried / (nanos / 1e9));
  }

  @Test
  void keyedTokenResistsTheSameSearchWithoutTheKey() throws GeneralSecurityException {
    Nir nir = record.nir();
    KeyRing owner = KeyRingManager.empty().add(PURPOSE, KeyKind.TOKEN).ring();
    String leaked = macPart(KeyedTokenizer.create(owner, PURPOSE).tokenize(nir));

    // The attacker guesses a key: any key that is not the owner's. Only the MAC part of the token
    // is compared, so the key id in the prefix gives the search no unfair failure.
    KeyRing guess = KeyRingManager.empty().add(PURPOSE, KeyKind.TOKEN).ring();
    long start = System.nanoTime();
    long withoutKey = search(KeyedTokenizer.create(guess, PURPOSE), leaked, false);
    long nanos = System.nanoTime() - start;
    assertEquals(-1, withoutKey, "a wrong key matched the token");

    // The key holder can still enumerate: the same search with the right key recovers the NIR.
    long withKey = search(KeyedTokenizer.create(owner, PURPOSE), leaked, true);
    assertTrue(withKey >= 0, "the key holder's search failed");
    byte[] candidate = new byte[15];
    compact(withKey, candidate);
    assertTrue(
        Nir.parse(new String(candidate, StandardCharsets.US_ASCII)).equals(nir),
        "recovered a different NIR");
    assertFalse(macPart(KeyedTokenizer.create(guess, PURPOSE).tokenize(nir)).equals(leaked));
    System.out.printf(
        Locale.ROOT,
        "keyed token, wrong key: %,d candidates searched in %.0f ms, no match; with the key: recovered%n",
        CANDIDATES,
        nanos / 1e6);
  }

  /** Searches the record's candidates; returns the matching body, or -1. */
  static long search(KeyedTokenizer tokenizer, String leaked, boolean stopAtMatch) {
    long prefix = knownPrefix(record);
    byte[] candidate = new byte[15];
    long found = -1;
    for (int commune = 1; commune <= 999; commune++) {
      for (int order = 1; order <= 999; order++) {
        long body = prefix + commune * 1000L + order;
        compact(body, candidate);
        Nir nir = Nir.fromBody(new String(candidate, 0, 13, StandardCharsets.US_ASCII));
        if (macPart(tokenizer.tokenize(nir)).equals(leaked)) {
          found = body;
          if (stopAtMatch) {
            return found;
          }
        }
      }
    }
    return found;
  }

  static String macPart(Token t) {
    return t.value().substring(13);
  }
}
