package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link Token}'s text format at its edges: lengths, the key id's hex digits, the SIV alphabet,
 * case, the scheme names and the masked description.
 */
class TokenFormatTest {
  /** 16 zero bytes in Base32: a valid body. */
  private static final String BODY = "a".repeat(26);

  private static boolean parses(String text) {
    return Token.tryParse(text).isPresent();
  }

  @Test
  void keyedAndPrpTokensAreExactlyPrefixHexDotBody() {
    assertTrue(parses("nt1.0123abcd." + BODY));
    assertTrue(parses("np1.fedcba98." + BODY));
    assertFalse(parses("nt1.0123abcd." + BODY + "a"), "one character too many");
    assertFalse(parses("nt1.0123abcd." + BODY.substring(1)), "one character short");
    assertFalse(parses("nt1.0123abcdx" + BODY), "no dot before the body");
    assertFalse(parses("nt1.0123abc." + BODY + "a"), "seven hex digits");
    assertFalse(parses("nt1.0123abcd." + "b".repeat(26)), "non-zero trailing bits");
    assertFalse(parses("nt1.0123abcd." + "1".repeat(26)), "not in the alphabet");
    assertFalse(parses("nx1.0123abcd." + BODY), "unknown prefix");
    assertFalse(parses("nt1-0123abcd." + BODY), "prefix without its dot");
  }

  @Test
  void theKeyIdTakesHexDigitsOnlyAtEveryPosition() {
    for (char c : "0123456789abcdefABCDEF".toCharArray()) {
      for (int i = 0; i < 8; i++) {
        char[] id = "00000000".toCharArray();
        id[i] = c;
        assertTrue(parses("nt1." + new String(id) + "." + BODY), c + " at " + i);
      }
    }
    // the neighbours of each range: '/' ':' '`' 'g' '@' 'G'
    for (char c : "/:`g@G.-".toCharArray()) {
      for (int i = 0; i < 8; i++) {
        char[] id = "00000000".toCharArray();
        id[i] = c;
        assertFalse(parses("np1." + new String(id) + "." + BODY), c + " at " + i);
      }
    }
  }

  @Test
  void keyedTokensAreCaseInsensitiveAndKeptInLowerCase() {
    Token t = Token.parse("NT1.0123ABCD." + BODY.toUpperCase());
    assertEquals("nt1.0123abcd." + BODY, t.value());
    assertEquals(Token.Scheme.KEYED, t.scheme());
    assertEquals(Optional.of(0x0123abcd), t.keyId());
    assertEquals(Token.Scheme.PRP, Token.parse("np1.00000001." + BODY).scheme());
    assertEquals(Optional.of(-1), Token.parse("np1.ffffffff." + BODY).keyId());
    assertEquals(Optional.of(0x80000000), Token.parse("np1.80000000." + BODY).keyId());
  }

  @Test
  void sivTokensTakeAsciiLettersDigitsDashAndUnderscoreBetween14And256Characters() {
    assertFalse(parses("ns1." + "a".repeat(9)), "13 characters");
    assertTrue(parses("ns1." + "a".repeat(10)), "14 characters");
    assertTrue(parses("ns1." + "a".repeat(252)), "256 characters");
    assertFalse(parses("ns1." + "a".repeat(253)), "257 characters");
    assertTrue(parses("ns1.AZaz09-_-_"));
    for (String bad :
        new String[] {
          "ns1.abcdefghi.",
          "ns1.abcdefghi+",
          "ns1.abcdefghié",
          "ns1.abcdefghi ",
          "ns1.abcdefghi=",
          "ns1.abcdefghi\u0661"
        }) {
      assertFalse(parses(bad), bad);
    }
    Token t = Token.parse("NS1.AbC-dEf_0123");
    assertEquals("NS1.AbC-dEf_0123", t.value(), "an SIV token keeps its case");
    assertEquals(Token.Scheme.SIV, t.scheme());
    assertEquals(Optional.empty(), t.keyId());
  }

  @Test
  void nothingElseIsAToken() {
    assertFalse(parses(null));
    assertFalse(parses(""));
    assertFalse(parses("nt1.0123abcd"));
    assertThrows(IllegalArgumentException.class, () -> Token.parse("ns1.short"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Token.parse("nt1.0123abcd.secret"));
    assertFalse(e.getMessage().contains("secret"), e.getMessage());
  }

  @Test
  void tokensCompareByValueAndPrintOnlyTheirPrefix() {
    Token a = Token.parse("nt1.0123abcd." + BODY);
    Token same = Token.parse("NT1.0123ABCD." + BODY);
    Token other = Token.parse("np1.0123abcd." + BODY);
    assertEquals(a, same);
    assertEquals(a.hashCode(), same.hashCode());
    assertEquals(("nt1.0123abcd." + BODY).hashCode(), a.hashCode());
    assertNotEquals(a, other);
    assertNotEquals(a, (Object) a.value());
    assertEquals("Token[nt1.0123abcd.…]", a.toString());
    assertEquals("Token[ns1.…]", Token.parse("ns1.abcdefghijkl").toString());
    assertEquals(Token.trusted("ns1.x", Token.Scheme.SIV).value(), "ns1.x");
    assertEquals("Token[ns1.…]", Token.trusted("ns1.", Token.Scheme.SIV).toString());
  }

  @Test
  void schemesHaveNamesLabelsAndPrefixes() {
    assertEquals(Token.Scheme.KEYED, Token.Scheme.named(" Keyed "));
    assertEquals(Token.Scheme.PRP, Token.Scheme.named("prp"));
    assertEquals(Token.Scheme.SIV, Token.Scheme.named("SIV"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Token.Scheme.named("nt1"));
    assertEquals("unknown token scheme (expected keyed, prp or siv)", e.getMessage());
    assertEquals("keyed", Token.Scheme.KEYED.label());
    assertEquals("siv", Token.Scheme.SIV.label());
    assertEquals("nt1", Token.Scheme.KEYED.prefix());
    assertEquals("np1", Token.Scheme.PRP.prefix());
    assertEquals("ns1", Token.Scheme.SIV.prefix());
  }

  @Test
  void keyIdsPrintAsEightHexDigits() {
    assertEquals("00000000", Token.hex8(0));
    assertEquals("0000000f", Token.hex8(15));
    assertEquals("0123abcd", Token.hex8(0x0123abcd));
    assertEquals("ffffffff", Token.hex8(-1));
    assertThrows(NullPointerException.class, () -> Token.checkNotNull(null, "x"));
    Token.checkNotNull("", "x");
  }
}
