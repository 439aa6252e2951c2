package io.github.nirguard.validate.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Leniency;
import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirProfile;
import io.github.nirguard.core.internal.ScanStatus;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Gen;
import io.github.nirguard.testkit.Nirs;
import io.github.nirguard.testkit.ScanCorpus;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Spellings, boundaries, labels, kinds, streaming and redaction of {@link NirScanner}. */
class NirScannerTest {
  private static final NirScanner SCANNER = NirScanner.standard();
  private static final Nir EXAMPLE = Nir.parse("255081416802538");

  private static NirMatch only(String text) {
    List<NirMatch> found = SCANNER.findAll(text);
    assertEquals(1, found.size(), "one match");
    return found.get(0);
  }

  @ParameterizedTest(name = "spelling {index} is found with its span")
  @ValueSource(
      strings = {
        "255081416802538",
        "2 55 08 14 168 025 38",
        "2\u00A055\u00A008\u00A014\u00A0168\u00A0025\u00A038",
        "2\u202F55\u202F08\u202F14\u202F168\u202F025\u202F38",
        "2.55.08.14.168.025.38",
        "2-55-08-14-168-025-38",
        "2550814168025/38",
        "2550814168025 / 38",
        "2 55 08 14 168 025 / 38",
        "2550814168025 38",
        "2550814168025\n38",
        "2 55 08 14 168 025\r\n38",
      })
  void everySpellingIsFound(String spelling) {
    String text = "Assuré : " + spelling + ", vu ce jour.";
    NirMatch m = only(text);
    assertEquals(9, m.start());
    assertEquals(9 + spelling.length(), m.end());
    assertEquals(NirMatch.Kind.KEY_VALID, m.kind());
    assertEquals(EXAMPLE, m.nir());
  }

  @ParameterizedTest(name = "Corsica {index} in any case")
  @ValueSource(strings = {"255082A16802597", "255082a16802597", "2 55 08 2a 168 025 97"})
  void corsicaInAnyCase(String spelling) {
    NirMatch m = only("NIR " + spelling);
    assertEquals(Nir.parse("255082A16802597"), m.nir());
  }

  @Test
  void overseasGroupingAndDisplayAfterANumber() {
    assertEquals(Nir.parse("201019730512303"), only("NIR 2 01 01 973 05 123 03").nir());
    // a date right before: inside a longer run, accepted for the display grouping only
    NirMatch m = only("né le 12/03/1955 2 55 08 14 168 025 38 à Caen");
    assertEquals(17, m.start());
    assertTrue(SCANNER.findAll("compte 1234 2550 8141 6802 538 ouvert").isEmpty());
  }

  @ParameterizedTest(name = "boundary {index} rejects")
  @ValueSource(
      strings = {
        "x255081416802538",
        "2550814168025381",
        "1255081416802538",
        "255081416802538x",
        "+255081416802538",
        "12,255081416802538",
        "255081416802538,50 €",
        "FR7625508141680253812345",
      })
  void notInsideWordsOrLongerNumbers(String text) {
    assertTrue(SCANNER.findAll(text).isEmpty());
    assertEquals(0, SCANNER.count(text));
  }

  @Test
  void aShortRunBeforeACorsicaNirDoesNotHideIt() {
    assertEquals(Nir.parse("255082A16802597"), only("lot 7 255082A16802597").nir());
    assertEquals(1, SCANNER.count("06 12 34 56 78 - 2 55 08 14 168 025 38"));
  }

  @Test
  void wrongKeyOrStructureIsNoMatch() {
    assertTrue(SCANNER.findAll("NIR 1 85 05 78 006 084 36").isEmpty(), "key mismatch");
    assertTrue(SCANNER.findAll("NIR 185137512345607").isEmpty(), "month 13");
    assertTrue(SCANNER.findAll("NIR 295109912611199").isEmpty(), "key 99");
  }

  @Test
  void bodiesOnlyAfterANirLabel() {
    NirMatch m = only("N° de sécurité sociale : 2 55 08 14 168 025.");
    assertEquals(NirMatch.Kind.BODY_WITH_CONTEXT, m.kind());
    assertEquals(EXAMPLE, m.nir());
    assertEquals(NirMatch.Kind.BODY_WITH_CONTEXT, only("n° SS 2550814168025").kind());
    assertEquals(NirMatch.Kind.BODY_WITH_CONTEXT, only("NIR du patient : 2550814168025").kind());
    assertTrue(SCANNER.findAll("code 2550814168025").isEmpty(), "no label");
    assertTrue(SCANNER.findAll("NIR 12 puis 2550814168025").isEmpty(), "label of another number");
    assertTrue(
        NirScanner.builder()
            .bodiesWithContext(false)
            .build()
            .findAll("NIR 2550814168025")
            .isEmpty());
  }

  @Test
  void aLabelNamingAnotherIdentifierRejects() {
    assertTrue(SCANNER.findAll("Commande n° 255081416802538").isEmpty());
    assertTrue(SCANNER.findAll("facture 255081416802538").isEmpty());
    assertTrue(SCANNER.findAll("Tél. : 255081416802538").isEmpty());
    assertEquals(1, SCANNER.count("Commande 12 pour l'assuré 255081416802538"));
  }

  @Test
  void lenientAndNeverRealOnlyOnRequest() {
    ForAll.check(
        "lenient-only NIRs are LENIENT_ONLY when asked",
        Nirs.lenientOnly(Leniency.SEX_7_8),
        nir -> {
          String text = "NIR " + nir.display() + ".";
          assertTrue(SCANNER.findAll(text).isEmpty(), "standard");
          List<NirMatch> found = NirScanner.builder().lenient(true).build().findAll(text);
          assertEquals(1, found.size(), "lenient");
          assertEquals(NirMatch.Kind.LENIENT_ONLY, found.get(0).kind());
          assertEquals(nir, found.get(0).nir());
        });
    NirScanner demo = NirScanner.builder().neverReal(true).build();
    ForAll.check(
        "never-real NIRs are NEVER_REAL when asked",
        Nirs.neverReal(),
        nir -> {
          String text = "NIR " + nir.display() + ".";
          assertTrue(SCANNER.findAll(text).isEmpty(), "standard");
          List<NirMatch> found = demo.findAll(text);
          assertEquals(1, found.size(), "never-real");
          assertEquals(NirMatch.Kind.NEVER_REAL, found.get(0).kind());
          assertEquals(nir, found.get(0).nir());
        });
  }

  @Test
  void everyGeneratedNirIsFoundCompactAndDisplayed() {
    ForAll.check(
        "valid NIRs are found compact and displayed",
        Nirs.valid(),
        nir -> {
          for (String s : List.of(nir.compact(), nir.display())) {
            List<NirMatch> found = SCANNER.findAll("Patient " + s + " vu.");
            assertEquals(1, found.size(), "found");
            assertEquals(nir, found.get(0).nir(), "NIR");
            assertEquals(8, found.get(0).start(), "start");
          }
        });
  }

  @Test
  void lineAndColumn() {
    List<NirMatch> found =
        SCANNER.findAll("ligne un\r\nNIR 255081416802538\n\n  et 2 55 08 14 168 025 38");
    assertEquals(2, found.size());
    assertEquals(2, found.get(0).line());
    assertEquals(5, found.get(0).column());
    assertEquals(4, found.get(1).line());
    assertEquals(6, found.get(1).column());
  }

  @Test
  void toStringNeverShowsTheNir() {
    NirMatch m = only("NIR 255081416802538");
    assertEquals("NirMatch[4..19, line 1, column 5, KEY_VALID]", m.toString());
    assertFalse(SCANNER.toString().contains("2550"));
  }

  @Test
  void redactReplacesEveryNirAndNothingElse() {
    String text = "NIR 2 55 08 14 168 025 38, tél. 06 12 34 56 78, NIR 255081416802538.";
    assertEquals("NIR [X], tél. 06 12 34 56 78, NIR [X].", SCANNER.redact(text, nir -> "[X]"));
    assertEquals("rien", SCANNER.redact("rien", nir -> "[X]"));
  }

  /** Reads at most {@code step} characters per call, to cut NIRs across reads. */
  private static Reader trickle(String text, int step) {
    return new Reader() {
      private int pos;

      @Override
      public int read(char[] buf, int off, int len) {
        if (pos == text.length()) {
          return -1;
        }
        int n = Math.min(Math.min(len, step), text.length() - pos);
        text.getChars(pos, pos + n, buf, off);
        pos += n;
        return n;
      }

      @Override
      public void close() {}
    };
  }

  @Test
  void streamingFindsWhatFindAllFindsAcrossChunks() {
    // documents much longer than the scanner's 64 Ki buffer, NIRs wherever the chunks fall
    Gen<String> documents =
        random -> {
          StringBuilder b = new StringBuilder(300_000);
          while (b.length() < 200_000 + random.nextInt(100_000)) {
            b.append(ScanCorpus.sentences().next(random).text())
                .append(random.nextInt(5) == 0 ? "\n" : " ");
          }
          return b.toString();
        };
    ForAll.check(
        "scan(Reader) and redact(Reader, Writer) agree with findAll and redact",
        Math.max(1, ForAll.size() / 200),
        ForAll.seed(),
        documents,
        text -> {
          List<NirMatch> expected = SCANNER.findAll(text);
          List<NirMatch> streamed = new ArrayList<>();
          StringWriter out = new StringWriter();
          try {
            assertEquals(expected.size(), SCANNER.scan(trickle(text, 4093), streamed::add));
            assertEquals(expected.size(), SCANNER.redact(new StringReader(text), out, n -> "#"));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          assertEquals(expected, streamed, "matches");
          assertEquals(SCANNER.redact(text, n -> "#"), out.toString(), "redacted");
          assertEquals(expected.size(), SCANNER.count(text), "count");
        });
  }

  @Test
  void redactSpansGivesEachMatchItsTextAsWrittenAcrossReads() {
    ForAll.check(
        "redactSpans hands over the span of each match",
        Math.max(1, ForAll.size() / 200),
        ForAll.seed(),
        random -> {
          StringBuilder b = new StringBuilder(150_000);
          while (b.length() < 140_000) {
            b.append(ScanCorpus.sentences().next(random).text()).append('\n');
          }
          return b.toString();
        },
        text -> {
          List<NirMatch> expected = SCANNER.findAll(text);
          StringBuilder spans = new StringBuilder();
          StringBuilder want = new StringBuilder();
          for (NirMatch m : expected) {
            want.append(text, (int) m.start(), (int) m.end()).append('|');
          }
          StringWriter out = new StringWriter();
          try {
            long n =
                SCANNER.redactSpans(
                    trickle(text, 997),
                    out,
                    (m, span) -> {
                      spans.append(span).append('|');
                      return "<" + span.length() + ">";
                    });
            assertEquals(expected.size(), n);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          assertEquals(want.toString(), spans.toString(), "spans as written");
          StringBuilder redacted = new StringBuilder();
          int written = 0;
          for (NirMatch m : expected) {
            redacted.append(text, written, (int) m.start()).append('<');
            redacted.append(m.end() - m.start()).append('>');
            written = (int) m.end();
          }
          redacted.append(text, written, text.length());
          assertEquals(redacted.toString(), out.toString(), "redacted");
        });
  }

  @Test
  void partsScanAgreesWithTextScan() {
    ForAll.check(
        "scanParts agrees with scan",
        Nirs.valid(),
        nir -> {
          long status =
              ScanStatus.scanParts(
                  NirProfile.STRICT, nir.numericBody(), nir.corsicaLetter(), nir.key());
          assertEquals(ScanStatus.scan(NirProfile.STRICT, nir.compact()), status);
          assertEquals(
              nir,
              ScanStatus.nirOf(
                  ScanStatus.scanBodyParts(
                      NirProfile.STRICT, nir.numericBody(), nir.corsicaLetter())));
        });
  }
}
