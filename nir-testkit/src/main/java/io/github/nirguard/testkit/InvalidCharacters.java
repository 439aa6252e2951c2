package io.github.nirguard.testkit;

import static io.github.nirguard.samples.draw.Draw.pick;
import static io.github.nirguard.testkit.Layout.blanks;
import static io.github.nirguard.testkit.Parts.validNir;

import io.github.nirguard.core.Nir;
import java.util.SplittableRandom;

/**
 * Texts rejected with {@code INVALID_CHARACTER}: junk, bad characters inserted or substituted,
 * misplaced slashes and Corsica letters, look-alike digits and letters, invisible characters.
 */
final class InvalidCharacters {
  /**
   * Characters (or surrogate pairs) that never belong in a NIR: look-alike digits from other
   * scripts, invisible and unusual spaces, dashes and punctuation that are not accepted separators,
   * letters other than A and B.
   */
  private static final String[] BAD = {
    // Arabic-Indic, extended Arabic-Indic, Devanagari and full-width digits
    "\u0660",
    "\u0661",
    "\u0662",
    "\u0663",
    "\u0664",
    "\u0665",
    "\u0666",
    "\u0667",
    "\u0668",
    "\u0669",
    "\u06F0",
    "\u06F4",
    "\u06F9",
    "\u0966",
    "\u096F",
    "\uFF10",
    "\uFF11",
    "\uFF12",
    "\uFF13",
    "\uFF14",
    "\uFF15",
    "\uFF16",
    "\uFF17",
    "\uFF18",
    "\uFF19",
    // mathematical bold digits zero and eight (surrogate pairs)
    "\uD835\uDFCE",
    "\uD835\uDFD6",
    // superscripts and fractions
    "\u00B2",
    "\u00B9",
    "\u2070",
    "\u00BD",
    // invisible characters and spaces that are not accepted
    "\u200B",
    "\u200C",
    "\u200D",
    "\u2060",
    "\uFEFF",
    "\u00AD",
    "\u2009",
    "\u2007",
    "\u2002",
    "\u3000",
    "\n",
    "\r",
    "\u000B",
    "\u000C",
    "\u0000",
    // dashes and dots that are not accepted
    "\u2010",
    "\u2011",
    "\u2013",
    "\u2014",
    "\u2212",
    "\uFF0D",
    "\u00B7",
    "\u2022",
    "\u2024",
    // ASCII punctuation
    "+",
    ",",
    ";",
    ":",
    "|",
    "\\",
    "*",
    "#",
    "(",
    ")",
    "'",
    "\"",
    "?",
    "!",
    "=",
    "~",
    // letters other than A/B, some of them look-alikes of digits
    "O",
    "o",
    "l",
    "I",
    "i",
    "S",
    "s",
    "Z",
    "G",
    "g",
    "q",
    "X",
    "x",
    "E",
    "e",
    "C",
    "N",
    "\u00C9",
    "\u00E9"
  };

  /** Look-alike letters for digits: index = digit. Never A or B. */
  private static final String[] LETTER_FOR_DIGIT = {
    "Oo", "lIi", "Zz", "E", "h", "Ss", "G", "T", "X", "gq"
  };

  /** Whole inputs people put in a NIR column that are not NIRs at all. */
  private static final String[] JUNK = {
    "N/A",
    "n/a",
    "#N/A",
    "null",
    "NULL",
    "None",
    "NaN",
    "?",
    "-?-",
    "inconnu",
    "n\u00E9ant",
    "x",
    "\u2014",
    "NIR",
    "N\u00B0 SS",
    "#VALEUR!",
    "1.85E+14",
    "2,55E+14",
    "2.55081E+14",
    "+33 6 12 34 56 78",
    "\"\"",
    "''",
    "undefined",
    "\u2022\u2022\u2022"
  };

  private InvalidCharacters() {}

  static String draw(SplittableRandom random) {
    Nir nir = validNir(random);
    String compact = nir.compact();
    switch (random.nextInt(8)) {
      case 0:
        { // junk that is not a NIR at all
          return blanks(random) + pick(random, JUNK) + blanks(random);
        }
      case 1:
        { // a bad character inserted anywhere
          Layout l = Layout.decorated(random, compact, true);
          l.insert(random, random.nextInt(l.gaps.length), pick(random, BAD));
          return l.render();
        }
      case 2:
        { // a significant character replaced by a bad one
          Layout l = Layout.decorated(random, compact, true);
          l.sig[random.nextInt(l.sig.length)] = pick(random, BAD);
          return l.render();
        }
      case 3:
        { // a misplaced or second slash
          Layout l = Layout.decorated(random, compact, true);
          int gap;
          if (l.gaps[13].indexOf("/") >= 0) {
            gap = random.nextInt(l.gaps.length);
          } else {
            gap = random.nextInt(l.gaps.length - 1);
            gap = gap >= 13 ? gap + 1 : gap; // any gap but the one before the key
          }
          l.insert(random, gap, "/");
          return l.render();
        }
      case 4:
        { // a Corsica letter where it does not belong
          Layout l = Layout.decorated(random, compact, true);
          int i;
          if (compact.charAt(5) != '2' && random.nextBoolean()) {
            i = 6; // e.g. "7A": a letter after a department digit other than 2
          } else {
            i = random.nextInt(l.sig.length - 1);
            i = i >= 6 ? i + 1 : i; // any index but 6
          }
          l.sig[i] = pick(random, "A", "B", "a", "b");
          return l.render();
        }
      case 5:
        { // look-alike digits from another script, from some index on
          String[] zeros = {"\u0660", "\u06F0", "\u0966", "\uFF10"};
          char zero = pick(random, zeros).charAt(0);
          Layout l = Layout.decorated(random, compact, true);
          int from = random.nextInt(l.sig.length);
          boolean all = random.nextBoolean();
          for (int i = from; i < l.sig.length; i++) {
            char c = l.sig[i].charAt(0);
            if (c >= '0' && c <= '9' && (all || i == from)) {
              l.sig[i] = String.valueOf((char) (zero + (c - '0')));
            } else if (i == from) {
              l.sig[i] = pick(random, BAD); // a Corsica letter at 'from'
            }
          }
          return l.render();
        }
      case 6:
        { // a letter that looks like the digit it replaces
          Layout l = Layout.decorated(random, compact, true);
          int i = random.nextInt(l.sig.length);
          char c = compact.charAt(i);
          String letters = c >= '0' && c <= '9' ? LETTER_FOR_DIGIT[c - '0'] : "Xx";
          l.sig[i] = String.valueOf(letters.charAt(random.nextInt(letters.length())));
          return l.render();
        }
      default:
        { // an invisible character or line break, often at an end
          String invisible =
              pick(
                  random, "\u200B", "\uFEFF", "\u00AD", "\u2060", "\n", "\r\n", "\r", "\u2009",
                  "\u3000", "\u2007");
          Layout l = Layout.decorated(random, compact, true);
          int gap;
          switch (random.nextInt(3)) {
            case 0:
              gap = 0;
              break;
            case 1:
              gap = l.gaps.length - 1;
              break;
            default:
              gap = random.nextInt(l.gaps.length);
          }
          l.insert(random, gap, invisible);
          return l.render();
        }
    }
  }
}
