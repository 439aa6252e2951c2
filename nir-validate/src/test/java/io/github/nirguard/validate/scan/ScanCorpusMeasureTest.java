package io.github.nirguard.validate.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.NirProfile;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Gen;
import io.github.nirguard.testkit.ScanCorpus;
import io.github.nirguard.testkit.ScanCorpus.Decoy;
import io.github.nirguard.testkit.ScanCorpus.Negative;
import io.github.nirguard.testkit.ScanCorpus.Planted;
import io.github.nirguard.testkit.ScanCorpus.Sentence;
import io.github.nirguard.testkit.ScanCorpus.Spelling;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Recall and false positives of {@link NirScanner} on {@link ScanCorpus}, side by side with two
 * baselines: a python-stdnum-style check (digit runs joined by blanks and dots, compacted, 15
 * characters with a valid key, no structure rule) and a plain 15-digit regular expression.
 *
 * <p>Sentences: 100 × {@code nirguard.properties.size} (200,000 by default, 10,000,000 under {@code
 * -Pdrill}); seed from {@code nirguard.seed}. The table goes to {@code target/scan-measure.md} and
 * to standard output: counts only, never a NIR.
 */
class ScanCorpusMeasureTest {

  private static final int STANDARD = 0;
  private static final int STDNUM = 1;
  private static final int REGEX = 2;
  private static final String[] NAMES = {"NirScanner", "stdnum-style", "15-digit regex"};

  private static final Pattern FIFTEEN = Pattern.compile("(?<![0-9])[0-9]{15}(?![0-9])");

  /** Counts per spelling and per negative kind, for the scanner and both baselines. */
  private static final class Tally {
    final Map<Spelling, long[]> found = new EnumMap<>(Spelling.class);
    final Map<Spelling, Long> planted = new EnumMap<>(Spelling.class);
    final Map<Negative, long[]> falsePositives = new EnumMap<>(Negative.class);
    final Map<Negative, Long> decoys = new EnumMap<>(Negative.class);
    final long[] otherFalsePositives = new long[3];
    long sentences;
    long chars;

    Tally() {
      for (Spelling s : Spelling.values()) {
        found.put(s, new long[3]);
        planted.put(s, 0L);
      }
      for (Negative n : Negative.values()) {
        falsePositives.put(n, new long[3]);
        decoys.put(n, 0L);
      }
    }
  }

  private record Span(int start, int end) {}

  @Test
  void recallAndFalsePositivesOnTheCorpus() throws IOException {
    long seed = ForAll.seed();
    int size = 100 * ForAll.size();
    Tally t = measure(ScanCorpus.sentences(), NirScanner.standard(), seed, size, true);
    String table = table(t, seed, "strictly valid NIRs (standard scanner)", true);

    Tally never =
        measure(
            ScanCorpus.neverRealSentences(),
            NirScanner.builder().neverReal(true).build(),
            seed,
            size / 10,
            false);
    Tally neverStandard =
        measure(ScanCorpus.neverRealSentences(), NirScanner.standard(), seed, size / 10, false);
    table +=
        "\n"
            + table(never, seed, "never-real NIRs (scanner built with neverReal(true))", false)
            + "\nStandard scanner on the never-real corpus: "
            + sum(neverStandard, STANDARD)
            + " of "
            + totalPlanted(neverStandard)
            + " never-real NIRs reported (expected 0).\n";
    Path out = Path.of("target", "scan-measure.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table, StandardCharsets.UTF_8);
    System.out.println(table);

    String where = " (seed " + seed + ", re-run with -Dnirguard.seed=" + seed + ")";
    for (Tally tally : List.of(t, never)) {
      for (Spelling s : Spelling.values()) {
        long planted = tally.planted.get(s);
        if (!s.keyed() || planted == 0) {
          continue;
        }
        long found = tally.found.get(s)[STANDARD];
        assertTrue(found * 1000 >= planted * 995, "recall >= 99.5 % for " + s + where);
      }
    }
    for (Negative n : Negative.values()) {
      long fp = t.falsePositives.get(n)[STANDARD];
      assertTrue(
          fp * 100_000 <= t.decoys.get(n), "<= 1 false positive per 100,000 for " + n + where);
    }
    assertEquals(0, t.otherFalsePositives[STANDARD], "no match outside planted items" + where);
    assertEquals(0, sum(neverStandard, STANDARD), "never-real NIRs only on request" + where);
  }

  private static long sum(Tally t, int who) {
    long s = 0;
    for (long[] f : t.found.values()) {
      s += f[who];
    }
    return s;
  }

  private static long totalPlanted(Tally t) {
    long s = 0;
    for (long p : t.planted.values()) {
      s += p;
    }
    return s;
  }

  private static Tally measure(
      Gen<Sentence> gen, NirScanner scanner, long seed, int size, boolean baselines) {
    Tally t = new Tally();
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < size; i++) {
      Sentence s = gen.next(random);
      t.sentences++;
      t.chars += s.text().length();
      for (Planted p : s.planted()) {
        t.planted.merge(p.spelling(), 1L, Long::sum);
      }
      for (Decoy d : s.decoys()) {
        t.decoys.merge(d.kind(), 1L, Long::sum);
      }
      List<NirMatch> matches = scanner.findAll(s.text());
      List<Span> spans = new ArrayList<>(matches.size());
      for (NirMatch m : matches) {
        Planted p = plantedAt(s, (int) m.start(), (int) m.end());
        if (p != null && p.nir().equals(m.nir())) {
          t.found.get(p.spelling())[STANDARD]++;
        } else {
          spans.add(new Span((int) m.start(), (int) m.end()));
        }
      }
      falsePositives(t, s, spans, STANDARD);
      if (baselines) {
        baseline(t, s, stdnumStyle(s.text()), STDNUM);
        baseline(t, s, regex(s.text()), REGEX);
      }
    }
    return t;
  }

  private static Planted plantedAt(Sentence s, int start, int end) {
    for (Planted p : s.planted()) {
      if (p.start() == start && p.end() == end) {
        return p;
      }
    }
    return null;
  }

  /** A baseline finds a planted NIR when its match overlaps it; any other match is a false one. */
  private static void baseline(Tally t, Sentence s, List<Span> matches, int who) {
    List<Span> unmatched = new ArrayList<>();
    for (Span m : matches) {
      Planted hit = null;
      for (Planted p : s.planted()) {
        if (m.start() < p.end() && p.start() < m.end()) {
          hit = p;
        }
      }
      if (hit != null) {
        t.found.get(hit.spelling())[who]++;
      } else {
        unmatched.add(m);
      }
    }
    falsePositives(t, s, unmatched, who);
  }

  private static void falsePositives(Tally t, Sentence s, List<Span> spans, int who) {
    for (Span m : spans) {
      Negative kind = null;
      for (Decoy d : s.decoys()) {
        if (m.start() < d.end() && d.start() < m.end()) {
          kind = d.kind();
        }
      }
      if (kind != null) {
        t.falsePositives.get(kind)[who]++;
      } else {
        t.otherFalsePositives[who]++;
      }
    }
  }

  /**
   * What a user of a checksum-only validator would write: runs of digits and letters joined by
   * single blanks or dots (after a digit or a Corsica letter), compacted; 15 characters with a
   * valid key (python-stdnum's {@code fr.nir.is_valid}: length, 2A/2B, key).
   */
  static List<Span> stdnumStyle(String text) {
    List<Span> found = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (!Character.isLetterOrDigit(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      StringBuilder compact = new StringBuilder();
      while (i < n) {
        char c = text.charAt(i);
        if (Character.isLetterOrDigit(c)) {
          compact.append(c);
          i++;
        } else if ((c == ' ' || c == '.' || c == '\u00A0' || c == '\u202F')
            && i + 1 < n
            && Character.isDigit(text.charAt(i + 1))
            && (Character.isDigit(text.charAt(i - 1)) || corsicaLetter(text, i - 1))) {
          i++;
        } else {
          break;
        }
      }
      if (compact.length() == 15
          && NirProfile.CHECKSUM_ONLY.test(compact.toString().toUpperCase(Locale.ROOT))) {
        found.add(new Span(start, i));
      }
    }
    return found;
  }

  private static boolean corsicaLetter(String text, int i) {
    char c = (char) (text.charAt(i) | 0x20);
    return (c == 'a' || c == 'b') && i > 0 && text.charAt(i - 1) == '2';
  }

  static List<Span> regex(String text) {
    List<Span> found = new ArrayList<>();
    Matcher m = FIFTEEN.matcher(text);
    while (m.find()) {
      found.add(new Span(m.start(), m.end()));
    }
    return found;
  }

  private static String table(Tally t, long seed, String title, boolean baselines) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "### %s%n%n%,d sentences, %,d characters, seed %d.%n%n",
            title,
            t.sentences,
            t.chars,
            seed));
    b.append("| spelling | planted | NirScanner | stdnum-style | 15-digit regex |\n");
    b.append("|---|---:|---:|---:|---:|\n");
    for (Spelling s : Spelling.values()) {
      long planted = t.planted.get(s);
      if (planted == 0) {
        continue;
      }
      long[] f = t.found.get(s);
      b.append(
          String.format(
              Locale.ROOT,
              "| %s%s | %,d | %s | %s | %s |%n",
              s,
              s.keyed() ? "" : " (no key)",
              planted,
              pct(f[0], planted),
              baselines ? pct(f[1], planted) : "-",
              baselines ? pct(f[2], planted) : "-"));
    }
    b.append("\n| negative kind | tokens | NirScanner | stdnum-style | 15-digit regex |\n");
    b.append("|---|---:|---:|---:|---:|\n");
    for (Negative n : Negative.values()) {
      long tokens = t.decoys.get(n);
      long[] fp = t.falsePositives.get(n);
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %s | %s | %s |%n",
              n,
              tokens,
              per100k(fp[0], tokens),
              baselines ? per100k(fp[1], tokens) : "-",
              baselines ? per100k(fp[2], tokens) : "-"));
    }
    b.append(
        String.format(
            Locale.ROOT,
            "| (elsewhere in the text) | | %d | %d | %d |%n",
            t.otherFalsePositives[0],
            t.otherFalsePositives[1],
            t.otherFalsePositives[2]));
    b.append(
        "\nRecall: share of planted NIRs found (the scanner: exact span and NIR; a baseline: any"
            + " overlapping match). False positives: matches on a planted non-NIR, per 100,000"
            + " tokens of that kind (count in brackets).\n");
    return b.toString();
  }

  private static String pct(long found, long total) {
    return String.format(Locale.ROOT, "%.2f %%", 100.0 * found / total);
  }

  private static String per100k(long fp, long tokens) {
    return tokens == 0 ? "-" : String.format(Locale.ROOT, "%.1f (%d)", 100_000.0 * fp / tokens, fp);
  }
}
