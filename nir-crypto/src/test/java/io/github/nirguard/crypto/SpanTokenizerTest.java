package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Gen;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Span tokens ({@code [nr1.…]}, spec §7.1): exact round trip, determinism, refusals. */
class SpanTokenizerTest {
  static KeyRing ring;
  static SpanTokenizer spans;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    ring = TestKeys.ring("lab-notes", "other");
    spans = SpanTokenizer.create(ring, "lab-notes");
  }

  /** Spans of 1 to 40 characters: digits, separators, no-break spaces, line breaks, letters. */
  static final Gen<String> SPANS =
      r -> {
        String alphabet = "0123456789 \u00a0\u202f.-_/\t\n\r2AaBbé";
        StringBuilder b = new StringBuilder();
        int n = 1 + r.nextInt(40);
        for (int i = 0; i < n; i++) {
          b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
      };

  @Test
  void aSpanComesBackExactlyAndEqualSpansGiveEqualTokens() {
    ForAll.check(
        "span round trip",
        SPANS,
        span -> {
          String token = spans.tokenize(span);
          assertTrue(token.startsWith(SpanTokenizer.PREFIX) && token.endsWith("]"));
          assertTrue(token.length() <= SpanTokenizer.MAX_TOKEN_CHARS);
          for (int i = SpanTokenizer.PREFIX.length(); i < token.length() - 1; i++) {
            assertTrue(SpanTokenizer.isTokenChar(token.charAt(i)), "base64url only");
          }
          assertEquals(token, spans.tokenize(new StringBuilder(span)), "deterministic");
          try {
            assertEquals(span, spans.reveal(token));
          } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void twoSpellingsOfOneNirGiveTwoTokens() {
    assertNotEquals(
        spans.tokenize("2 55 08 14 168 025 38"), spans.tokenize("2.55.08.14.168.025.38"));
    assertNotEquals(spans.tokenize("255082A16802538"), spans.tokenize("255082a16802538"));
  }

  @Test
  void everyAlteredCharacterAnotherPurposeAndACutAreRefused() throws GeneralSecurityException {
    String token = spans.tokenize("1 91 12 2A 123 456 78");
    for (int i = SpanTokenizer.PREFIX.length(); i < token.length() - 1; i++) {
      char c = token.charAt(i);
      for (char other : new char[] {'A', 'z', '0', '-', '_'}) {
        if (other != c) {
          String bad = token.substring(0, i) + other + token.substring(i + 1);
          assertThrows(GeneralSecurityException.class, () -> spans.reveal(bad), "position " + i);
        }
      }
    }
    SpanTokenizer other = SpanTokenizer.create(ring, "other");
    assertThrows(GeneralSecurityException.class, () -> other.reveal(token), "another purpose");
    String cut = token.substring(0, token.length() - 2) + "]";
    assertThrows(GeneralSecurityException.class, () -> spans.reveal(cut), "truncated");
    assertThrows(
        GeneralSecurityException.class, () -> spans.reveal(token.substring(0, 20)), "no end");
    String upper = "[NR1." + token.substring(5);
    assertThrows(GeneralSecurityException.class, () -> spans.reveal(upper), "another case");
    assertThrows(GeneralSecurityException.class, () -> spans.reveal(token + "]"), "extra end");
    GeneralSecurityException e =
        assertThrows(GeneralSecurityException.class, () -> other.reveal(token));
    assertEquals("decryption failed", e.getMessage(), "a generic message");
  }

  @Test
  void emptyTooLongAndMalformedSpansAreRefusedWithoutTheirText() {
    assertThrows(IllegalArgumentException.class, () -> spans.tokenize(""));
    String longest = "é".repeat(127) + "x"; // 255 bytes
    assertEquals(longest, revealed(spans.tokenize(longest)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> spans.tokenize(longest + "1"));
    assertFalse(e.getMessage().contains("é"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> spans.tokenize("12\ud800"));
    assertEquals(SpanTokenizer.MAX_TOKEN_CHARS, spans.tokenize(longest).length());
  }

  @Test
  void thePrefixIsFoundInAnyCaseAndNowhereElse() {
    assertEquals(3, SpanTokenizer.indexOfPrefix("ab [nr1.x", 0, 9));
    assertEquals(0, SpanTokenizer.indexOfPrefix("[NR1.", 0, 5));
    assertEquals(0, SpanTokenizer.indexOfPrefix("[Nr1.", 0, 5));
    assertEquals(-1, SpanTokenizer.indexOfPrefix("[nr1", 0, 4));
    assertEquals(-1, SpanTokenizer.indexOfPrefix("[nr1.", 0, 4), "must end by the limit");
    assertEquals(-1, SpanTokenizer.indexOfPrefix("[nr2. [mr1. nr1.", 0, 16));
  }

  @Test
  void itsDescriptionHoldsNoKey() {
    assertEquals("SpanTokenizer[nr1, purpose=lab-notes]", spans.toString());
  }

  private static String revealed(String token) {
    try {
      return spans.reveal(token);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aSealOpensOnlyForItsTextDigestPurposeAndKeys() throws Exception {
    java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
    byte[] digest = sha.digest("a redacted text".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    byte[] other = sha.digest("a redacted text.".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String seal = spans.seal(digest, 3);
    assertTrue(seal.startsWith(SpanTokenizer.SEAL_PREFIX) && seal.endsWith("]"), "its shape");
    assertTrue(seal.length() <= SpanTokenizer.MAX_SEAL_CHARS, "length " + seal.length());
    assertEquals(seal, spans.seal(digest.clone(), 3), "deterministic");
    assertNotEquals(seal, spans.seal(digest, 4), "the count is sealed");
    assertEquals(3, spans.openSeal(seal, digest));
    assertThrows(GeneralSecurityException.class, () -> spans.openSeal(seal, other), "other text");
    SpanTokenizer elsewhere = SpanTokenizer.create(ring, "other");
    assertThrows(GeneralSecurityException.class, () -> elsewhere.openSeal(seal, digest));
    String token = spans.tokenize("2 55 08 14 168 025 38");
    assertThrows(
        GeneralSecurityException.class,
        () -> spans.openSeal(SpanTokenizer.SEAL_PREFIX + token.substring(5), digest),
        "a span token is no seal");
    for (int i = SpanTokenizer.SEAL_PREFIX.length(); i < seal.length() - 1; i++) {
      String bad =
          seal.substring(0, i) + (seal.charAt(i) == 'A' ? 'B' : 'A') + seal.substring(i + 1);
      assertThrows(GeneralSecurityException.class, () -> spans.openSeal(bad, digest), "altered");
    }
    assertThrows(IllegalArgumentException.class, () -> spans.seal(new byte[31], 1));
    assertThrows(IllegalArgumentException.class, () -> spans.seal(digest, -1));
  }
}
