package io.github.nirguard.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.crypto.SpanTokenizer;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Gen;
import io.github.nirguard.testkit.Nirs;
import io.github.nirguard.testkit.ScanCorpus;
import io.github.nirguard.validate.scan.NirScanner;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reversible redaction (issue 17): reveal gives back the original text byte for byte over the scan
 * corpus and random text in every spelling, or refuses the whole text.
 */
class ReversibleRedactorTest {
  static final NirScanner SCANNER = NirScanner.builder().neverReal(true).build();

  static KeyRing ring;
  static ReversibleRedactor redactor;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    ring =
        KeyRingManager.empty()
            .add("lab-notes", KeyKind.SIV_TOKEN)
            .add("other", KeyKind.SIV_TOKEN)
            .ring();
    redactor = ReversibleRedactor.create(ring, "lab-notes", SCANNER);
  }

  @Test
  void theScanCorpusComesBackByteForByte() {
    roundTrips("corpus round trip", ScanCorpus.sentences().map(ScanCorpus.Sentence::text));
    roundTrips("never-real corpus round trip", ScanCorpus.neverRealSentences().map(s -> s.text()));
  }

  @Test
  void randomTextInEverySpellingComesBackByteForByte() {
    roundTrips("random text round trip", RANDOM_TEXT);
  }

  private static void roundTrips(String property, Gen<String> texts) {
    ForAll.check(
        property,
        texts,
        text -> {
          try {
            if (SpanTokenizer.indexOfPrefix(text, 0, text.length()) >= 0) {
              assertThrows(RedactionException.class, () -> redactor.redact(text));
              return;
            }
            int nirs = SCANNER.count(text);
            String safe = redactor.redact(text);
            assertEquals(nirs, count(safe), "one token per NIR");
            assertEquals(0, SCANNER.count(safe), "no NIR left");
            assertEquals(text, redactor.reveal(safe), "byte for byte");
            assertEquals(safe, redactor.redact(text), "deterministic");
            StringWriter streamed = new StringWriter();
            assertEquals(nirs, redactor.redact(new DripReader(text), streamed, m -> {}));
            assertEquals(safe, streamed.toString(), "streaming redaction");
            StringWriter back = new StringWriter();
            assertEquals(nirs, redactor.reveal(new DripReader(safe), back));
            assertEquals(text, back.toString(), "streaming reveal");
          } catch (IOException | GeneralSecurityException e) {
            throw new AssertionError(e);
          }
        });
  }

  /** Random text: words, digits, brackets, emoji, line breaks and NIRs in every spelling. */
  static final Gen<String> RANDOM_TEXT =
      new Gen<>() {
        final Gen<Nir> nirs = Nirs.valid();

        @Override
        public String next(SplittableRandom r) {
          StringBuilder b = new StringBuilder();
          int parts = r.nextInt(12);
          for (int i = 0; i < parts; i++) {
            switch (r.nextInt(6)) {
              case 0:
                b.append(spell(nirs.next(r), r));
                break;
              case 1:
                b.append(r.nextInt(1_000_000));
                break;
              case 2:
                b.append(
                    List.of("[", "]", "[nr", "nr1.", "[x]", "😀", "\r\n", "\n").get(r.nextInt(8)));
                break;
              default:
                b.append(
                    List.of("NIR ", "n° SS : ", "tél. ", "RAS ", "é ", "\u00a0").get(r.nextInt(6)));
            }
            b.append(r.nextBoolean() ? " " : ", ");
          }
          return b.toString();
        }
      };

  /** A NIR written one of the ways people write them. */
  static String spell(Nir nir, SplittableRandom r) {
    String c = nir.compact();
    String body = c.substring(0, 13);
    String key = c.substring(13);
    String[] groups = {
      c.substring(0, 1),
      c.substring(1, 3),
      c.substring(3, 5),
      c.substring(5, 7),
      c.substring(7, 10),
      c.substring(10, 13),
      key
    };
    switch (r.nextInt(9)) {
      case 0:
        return c;
      case 1:
        return String.join(" ", groups);
      case 2:
        return String.join("\u00a0", groups);
      case 3:
        return String.join("\u202f", groups);
      case 4:
        return String.join(".", groups);
      case 5:
        return String.join("-", groups);
      case 6:
        return body + (r.nextBoolean() ? "/" : " / ") + key;
      case 7:
        return body + (r.nextBoolean() ? "\n" : "\r\n") + key;
      default:
        return c.toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The span tokens of a redacted document, its seal not counted. */
  static int count(String redacted) {
    int n = 0;
    int i = 0;
    while ((i = SpanTokenizer.indexOfPrefix(redacted, i, redacted.length())) >= 0) {
      n += redacted.startsWith(SpanTokenizer.SEAL_PREFIX, i) ? 0 : 1;
      i++;
    }
    return n;
  }

  @Test
  void aTamperedTokenRefusesTheWholeTextWithItsPosition() throws Exception {
    List<Nir> two = Nirs.valid().sample(11L, 2);
    String text =
        "Patient " + two.get(0).display() + " puis " + spell(two.get(1), new SplittableRandom(3));
    String safe = redactor.redact(text + " fin");
    assertEquals(2, count(safe));
    int second = safe.indexOf("[nr1.", safe.indexOf("[nr1.") + 1);
    List<String> bad = new ArrayList<>();
    for (int i = second + 5; i < safe.indexOf(']', second); i++) {
      char c = safe.charAt(i);
      bad.add(safe.substring(0, i) + (c == 'A' ? 'B' : 'A') + safe.substring(i + 1));
    }
    for (String b : bad) {
      RedactionException e = assertThrows(RedactionException.class, () -> redactor.reveal(b));
      assertEquals(RedactionException.Reason.TOKEN_REFUSED, e.reason());
      assertEquals(second, e.position());
      assertFalse(e.getMessage().contains("nr1"), e.getMessage());
    }
    String cut = safe.substring(0, safe.indexOf(']', second)); // truncated: no end
    assertMalformed(cut, second);
    assertMalformed(safe.substring(0, second) + "[NR1." + safe.substring(second + 5), second);
    assertMalformed(safe.substring(0, second + 9) + " " + safe.substring(second + 9), second);
    assertMalformed(safe.substring(0, safe.indexOf(']', second)) + "=]", second);
  }

  private static void assertMalformed(String text, int position) {
    RedactionException e = assertThrows(RedactionException.class, () -> redactor.reveal(text));
    assertEquals(RedactionException.Reason.MALFORMED_TOKEN, e.reason());
    assertEquals(position, e.position());
    RedactionException streamed =
        assertThrows(
            RedactionException.class,
            () -> redactor.reveal(new DripReader(text), new StringWriter()));
    assertEquals(e.reason(), streamed.reason());
    assertEquals(position, streamed.position());
  }

  @Test
  void anotherPurposeIsRefused() throws Exception {
    String safe = redactor.redact("NIR 2 55 08 14 168 025 38.");
    ReversibleRedactor other = ReversibleRedactor.create(ring, "other", SCANNER);
    RedactionException e = assertThrows(RedactionException.class, () -> other.reveal(safe));
    assertEquals(RedactionException.Reason.TOKEN_REFUSED, e.reason());
    assertEquals(4, e.position());
    assertNotEquals(safe, other.redact("NIR 2 55 08 14 168 025 38."));
  }

  @Test
  void tokenShapedTextIsRefusedBeforeRedactionEvenAcrossReads() throws Exception {
    for (String shaped : List.of("[nr1.", "[NR1.abc]", "x [Nr1.", "[[nr1.")) {
      String text = "NIR 2 55 08 14 168 025 38 " + "y".repeat(70_000) + shaped;
      RedactionException e = assertThrows(RedactionException.class, () -> redactor.redact(text));
      assertEquals(RedactionException.Reason.TOKEN_SHAPED_TEXT, e.reason());
      assertEquals(text.indexOf(shaped.substring(shaped.lastIndexOf('['))), e.position());
      RedactionException streamed =
          assertThrows(
              RedactionException.class,
              () -> redactor.redact(new DripReader(text), new StringWriter(), m -> {}));
      assertEquals(e.reason(), streamed.reason());
      assertEquals(e.position(), streamed.position());
    }
    assertEquals("[nr1 and nr1. [mr1.", redactor.reveal(redactor.redact("[nr1 and nr1. [mr1.")));
  }

  @Test
  void longStreamsKeepTokensWholeAcrossTheWindow() throws Exception {
    StringBuilder b = new StringBuilder();
    SplittableRandom r = new SplittableRandom(7);
    while (b.length() < 300_000) {
      b.append("x".repeat(r.nextInt(400))).append(' ').append(spell(Nirs.valid().next(r), r));
      b.append(' ');
    }
    String text = b.toString();
    StringWriter safe = new StringWriter();
    long n = redactor.redact(new DripReader(text), safe, m -> {});
    assertTrue(n > 500, "NIRs: " + n);
    StringWriter back = new StringWriter();
    assertEquals(n, redactor.reveal(new StringReader(safe.toString()), back));
    assertEquals(text, back.toString());
  }

  @Test
  void anUnpairedSurrogateIsNeverSealedNorTakenForAReplacementCharacter() throws Exception {
    String nir = "2 55 08 14 168 025 38";
    for (String lone : List.of("\ud800", "\udc00", "x\ud83d")) {
      assertThrows(IllegalArgumentException.class, () -> redactor.redact("NIR " + nir + lone));
      assertThrows(
          IllegalArgumentException.class,
          () -> redactor.redact(new DripReader(lone + " NIR " + nir), new StringWriter(), m -> {}));
    }
    String doc = redactor.redact("? NIR " + nir + " ?");
    assertEquals("? NIR " + nir + " ?", redactor.reveal(doc));
    for (String lone : List.of("\ud800", "\udc00")) {
      for (String edited : List.of(lone + doc.substring(1), doc.replace(" ?", " " + lone))) {
        RedactionException e =
            assertThrows(RedactionException.class, () -> redactor.reveal(edited));
        assertEquals(RedactionException.Reason.SEAL_REFUSED, e.reason());
        assertEquals(edited.indexOf(SpanTokenizer.SEAL_PREFIX), e.position());
      }
    }
    assertEquals("x \ud83d\ude00", redactor.reveal(redactor.redact("x \ud83d\ude00")), "a pair");
  }

  @Test
  void aLongDocumentWithTokensSwappedFarApartIsRefusedStreamed() throws Exception {
    StringBuilder b = new StringBuilder();
    SplittableRandom r = new SplittableRandom(11);
    while (b.length() < 200_000) {
      b.append("y".repeat(r.nextInt(2_000))).append(' ').append(spell(Nirs.valid().next(r), r));
      b.append(' ');
    }
    String doc = redactor.redact(b);
    int first = doc.indexOf(SpanTokenizer.PREFIX);
    int firstEnd = doc.indexOf(']', first) + 1;
    int seal = doc.indexOf(SpanTokenizer.SEAL_PREFIX);
    int last = doc.lastIndexOf(SpanTokenizer.PREFIX, seal - 1);
    int lastEnd = doc.indexOf(']', last) + 1;
    assertTrue(last - first > 150_000, "far apart: across the streaming window");
    String swapped =
        doc.substring(0, first)
            + doc.substring(last, lastEnd)
            + doc.substring(firstEnd, last)
            + doc.substring(first, firstEnd)
            + doc.substring(lastEnd);
    assertNotEquals(doc, swapped);
    RedactionException e =
        assertThrows(
            RedactionException.class,
            () -> redactor.reveal(new DripReader(swapped), new StringWriter()));
    assertEquals(RedactionException.Reason.SEAL_REFUSED, e.reason());
    assertEquals(swapped.indexOf(SpanTokenizer.SEAL_PREFIX), e.position());
    String appended = doc + "y".repeat(70_000);
    RedactionException after =
        assertThrows(
            RedactionException.class,
            () -> redactor.reveal(new StringReader(appended), new StringWriter()));
    assertEquals(RedactionException.Reason.SEAL_MISPLACED, after.reason());
    assertEquals(seal, after.position());
    StringWriter back = new StringWriter();
    redactor.reveal(new DripReader(doc), back);
    assertEquals(b.toString(), back.toString());
  }

  @Test
  void itsDescriptionHoldsNoKey() {
    assertTrue(redactor.toString().startsWith("ReversibleRedactor[SpanTokenizer[nr1, purpose="));
  }

  /** A reader that gives few characters at a time, to cut tokens and NIRs across reads. */
  static final class DripReader extends Reader {
    private final String text;
    private int pos;
    private int step = 1;

    DripReader(String text) {
      this.text = text;
    }

    @Override
    public int read(char[] cbuf, int off, int len) {
      if (pos >= text.length()) {
        return -1;
      }
      step = step % 97 + 1;
      int n = Math.min(Math.min(len, step * 13), text.length() - pos);
      text.getChars(pos, pos + n, cbuf, off);
      pos += n;
      return n;
    }

    @Override
    public void close() {}
  }
}
