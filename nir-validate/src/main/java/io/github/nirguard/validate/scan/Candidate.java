package io.github.nirguard.validate.scan;

/**
 * How {@link NirScanner} reads the text at a digit: the packed reading of a candidate (value, key,
 * Corsica letter, digit count, grouping, right boundary), the left boundary, and the label before
 * it. Static and stateless; every method reads a {@link CharSequence} in place (no copy, no
 * allocation).
 */
final class Candidate {
  static final int LABEL_WINDOW = 48;

  // ---- the packed reading of a candidate: value, key, letter, count, grouping, right side ----
  static final long VALUE_MASK = (1L << 44) - 1;
  static final int KEY_SHIFT = 44;
  static final int LETTER_SHIFT = 51;
  static final int COUNT_SHIFT = 53;
  static final int STRONG_SHIFT = 55;
  static final int CONTINUES_SHIFT = 56;
  static final int BAD_SHIFT = 57;
  static final int END_SHIFT = 58;

  static final int COUNT_OTHER = 0;
  static final int COUNT_BODY = 1;
  static final int COUNT_FULL = 2;

  /** A run of fewer than 13 characters (and its end): no start inside it can match either. */
  static final long SHORT_RUN = 3L << COUNT_SHIFT;

  /** Group ends (bit k: a group ends after k significant characters) of the usual groupings. */
  static final int DISPLAY = bits(1, 3, 5, 7, 10, 13, 15);

  static final int DISPLAY_OVERSEAS = bits(1, 3, 5, 8, 10, 13, 15);
  static final int COMPACT = bits(15);
  static final int BODY_KEY = bits(13, 15);
  static final int BODY_DISPLAY = bits(1, 3, 5, 7, 10, 13);
  static final int BODY_DISPLAY_OVERSEAS = bits(1, 3, 5, 8, 10, 13);
  static final int BODY_COMPACT = bits(13);

  static final int LEFT_OK = 0;
  static final int LEFT_CONTINUES = 1;
  static final int LEFT_BAD = 2;

  /** Words that name a NIR; a trailing {@code *} matches any word starting so. */
  static final String[] POSITIVE = {
    "nir", "nirpp", "ss", "nss", "secu*", "sécu*", "sociale", "insee", "immatricul*", "immat"
  };

  /** Words that name another identifier or a number that is not a person's. */
  static final String[] NEGATIVE = {
    "iban",
    "rib",
    "bic",
    "siret",
    "siren",
    "rpps",
    "adeli",
    "finess",
    "ean",
    "gtin",
    "tel",
    "tél",
    "teleph*",
    "téléph*",
    "fax",
    "portable",
    "mobile",
    "command*",
    "cde",
    "factur*",
    "fact",
    "lot",
    "ref",
    "réf",
    "référ*",
    "referen*",
    "compte",
    "montant",
    "code-barre*",
    "barre*",
    "colis",
    "suivi"
  };

  /** Words between a label and its number: {@code n°}, {@code de}, {@code du}, … */
  static final String[] FILLERS = {
    "n", "nº", "no", "num", "numéro", "numero", "de", "du", "d", "des", "la", "le", "l", "à", "au",
    "son", "sa", "votre", "est", "et"
  };

  private Candidate() {}

  static char letterOf(long r) {
    int corsica = (int) (r >>> LETTER_SHIFT) & 3;
    return corsica == 1 ? 'A' : corsica == 2 ? 'B' : 0;
  }

  static int endOffset(long r) {
    return (int) (r >>> END_SHIFT);
  }

  static int left(CharSequence t, int p) {
    if (p == 0) {
      return LEFT_OK;
    }
    char c = t.charAt(p - 1);
    if (isLetterOrDigit(c) || c == '+') {
      return LEFT_BAD;
    }
    boolean digitBefore = p >= 2 && isDigit(t.charAt(p - 2));
    if (c == ',' && digitBefore) {
      return LEFT_BAD;
    }
    if ((isGroupSeparator(c) || c == '/') && digitBefore) {
      return LEFT_CONTINUES;
    }
    return LEFT_OK;
  }

  /**
   * Reads the candidate starting with the digit at {@code p}: its significant characters, how they
   * are grouped, and what follows it. Allocates nothing.
   */
  static long read(CharSequence t, int p, int end) {
    long value = 0;
    int key = 0;
    int count = 0;
    int corsica = 0;
    int ends = 0;
    int i = p;
    while (i < end) {
      char c = t.charAt(i);
      if (isDigit(c)) {
        if (count == 15) {
          break;
        }
        if (count < 13) {
          value = value * 10 + (c - '0');
        } else {
          key = key * 10 + (c - '0');
        }
        count++;
        i++;
        continue;
      }
      char lower = (char) (c | 0x20);
      if ((lower == 'a' || lower == 'b')
          && count == 6
          && value % 10 == 2
          && isDigit(t.charAt(i - 1))) {
        value = (value - 1) * 10 + (lower == 'a' ? 9 : 8);
        corsica = lower == 'a' ? 1 : 2;
        count++;
        i++;
        continue;
      }
      if (count == 15) {
        break;
      }
      if (isGroupSeparator(c) && i + 1 < end && isDigit(t.charAt(i + 1))) {
        ends |= 1 << count;
        i++;
        continue;
      }
      if (count == 13) {
        int j = keySeparator(t, i, end);
        if (j > i) {
          ends |= 1 << count;
          i = j;
          continue;
        }
      }
      break;
    }
    if (count < 13 && (i == end || ((t.charAt(i) | 0x20) != 'a' && (t.charAt(i) | 0x20) != 'b'))) {
      // every later start in this run stops at the same place with fewer characters (a Corsica
      // letter could continue a later start: not skipped)
      return SHORT_RUN | ((long) (i - p) << END_SHIFT);
    }
    if (count != 15 && count != 13) {
      return 0; // COUNT_OTHER
    }
    ends |= 1 << count;
    boolean bad = false;
    boolean continues = false;
    if (i < end) {
      char c = t.charAt(i);
      boolean digitAfter = i + 1 < end && isDigit(t.charAt(i + 1));
      if (isLetterOrDigit(c) || (c == ',' && digitAfter)) {
        bad = true;
      } else if ((isGroupSeparator(c) || c == '/') && digitAfter) {
        continues = true;
      }
    }
    boolean strong =
        count == 15
            ? ends == DISPLAY || ends == DISPLAY_OVERSEAS || ends == COMPACT || ends == BODY_KEY
            : ends == BODY_DISPLAY || ends == BODY_DISPLAY_OVERSEAS || ends == BODY_COMPACT;
    return value
        | ((long) key << KEY_SHIFT)
        | ((long) corsica << LETTER_SHIFT)
        | ((long) (count == 15 ? COUNT_FULL : COUNT_BODY) << COUNT_SHIFT)
        | ((strong ? 1L : 0L) << STRONG_SHIFT)
        | ((continues ? 1L : 0L) << CONTINUES_SHIFT)
        | ((bad ? 1L : 0L) << BAD_SHIFT)
        | ((long) (i - p) << END_SHIFT);
  }

  /**
   * Returns the position of the key after a separator that only a key may have (up to two blanks, a
   * {@code /} or a line break, up to two blanks), or {@code i} when there is none.
   */
  static int keySeparator(CharSequence t, int i, int end) {
    int j = i;
    int blanks = 0;
    while (j < end && blanks < 2 && isBlank(t.charAt(j))) {
      j++;
      blanks++;
    }
    boolean mark = false;
    if (j < end) {
      char c = t.charAt(j);
      if (c == '/' || c == '\n') {
        j++;
        mark = true;
      } else if (c == '\r' && j + 1 < end && t.charAt(j + 1) == '\n') {
        j += 2;
        mark = true;
      }
    }
    if (mark) {
      blanks = 0;
      while (j < end && blanks < 2 && isBlank(t.charAt(j))) {
        j++;
        blanks++;
      }
    }
    if (j == i || j + 1 >= end || !isDigit(t.charAt(j)) || !isDigit(t.charAt(j + 1))) {
      return i;
    }
    return j;
  }

  /**
   * Returns +1 when the nearest label word before {@code p} names a NIR, -1 when it names another
   * identifier, 0 when there is none: looking back at most {@value #LABEL_WINDOW} characters and
   * three words that are no label, skipping fillers ({@code n°}, {@code de}, {@code du}, …), and
   * stopping at a digit (a label before another number is that number's).
   */
  static int label(CharSequence t, int p) {
    int floor = Math.max(0, p - LABEL_WINDOW);
    int others = 0;
    int j = p - 1;
    while (j >= floor) {
      char c = t.charAt(j);
      if (isDigit(c)) {
        return 0;
      }
      if (!isWordChar(c)) {
        j--;
        continue;
      }
      int wordEnd = j + 1;
      while (j >= floor && isWordChar(t.charAt(j))) {
        j--;
      }
      int wordStart = j + 1;
      if (wordStart == floor && floor > 0 && isWordChar(t.charAt(floor - 1))) {
        return 0; // a word cut by the window
      }
      if (isWord(t, wordStart, wordEnd, POSITIVE)) {
        return 1;
      }
      if (isWord(t, wordStart, wordEnd, NEGATIVE)) {
        return -1;
      }
      if (!isWord(t, wordStart, wordEnd, FILLERS) && ++others == 3) {
        return 0;
      }
    }
    return 0;
  }

  static boolean isWordChar(char c) {
    return c == '-' || Character.isLetter(c);
  }

  static boolean isWord(CharSequence t, int start, int end, String[] words) {
    // trim dashes around the word ("n°-SS", "- NIR")
    while (start < end && t.charAt(start) == '-') {
      start++;
    }
    while (end > start && t.charAt(end - 1) == '-') {
      end--;
    }
    int length = end - start;
    for (String w : words) {
      boolean prefix = w.charAt(w.length() - 1) == '*';
      int wl = prefix ? w.length() - 1 : w.length();
      if (prefix ? length < wl : length != wl) {
        continue;
      }
      int k = 0;
      while (k < wl && Character.toLowerCase(t.charAt(start + k)) == w.charAt(k)) {
        k++;
      }
      if (k == wl) {
        return true;
      }
    }
    return false;
  }

  /** The fewest characters a match spans: a 13-character body without separators. */
  static final int MIN_SPAN = 13;

  /** Bit c: ASCII character c (0–63) may belong to a match's span ({@link #spans}). */
  private static final long SPAN_LOW = spanMask(0);

  /** Bit c - 64: ASCII character c (64–127) may belong to a match's span ({@link #spans}). */
  private static final long SPAN_HIGH = spanMask(64);

  private static long spanMask(int from) {
    long mask = 0;
    for (int c = from; c < from + 64; c++) {
      if (spans((char) c)) {
        mask |= 1L << c; // the shift uses c's low six bits
      }
    }
    return mask;
  }

  /**
   * Whether {@code c} may belong to a match's span: a digit, a Corsica letter, a group separator,
   * or a character of a key separator ({@code /}, {@code \n}, {@code \r}). Every character {@link
   * #read} consumes is one of them; the masks above are made from this one definition.
   */
  private static boolean spans(char c) {
    int lower = c | 0x20; // 'a' or 'b' exactly for A, a, B, b
    return isDigit(c)
        || isGroupSeparator(c)
        || c == '/'
        || c == '\n'
        || c == '\r'
        || lower == 'a'
        || lower == 'b';
  }

  /** {@link #spans}, by a table lookup for ASCII: the scanner's skip asks it of most characters. */
  static boolean mayBeInSpan(char c) {
    if (c < 128) {
      // a shift by c uses c's low six bits: c - 64 for the high half
      return (((c < 64 ? SPAN_LOW : SPAN_HIGH) >>> c) & 1) != 0;
    }
    return spans(c);
  }

  static boolean isDigit(char c) {
    return (char) (c - '0') <= 9;
  }

  static boolean isLetterOrDigit(char c) {
    if (c < 0x80) {
      return isDigit(c) || (char) ((c | 0x20) - 'a') < 26;
    }
    return Character.isLetterOrDigit(c);
  }

  static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\u00A0' || c == '\u202F';
  }

  static boolean isGroupSeparator(char c) {
    return isBlank(c) || c == '.' || c == '-' || c == '_';
  }

  static int bits(int... ends) {
    int b = 0;
    for (int e : ends) {
      b |= 1 << e;
    }
    return b;
  }
}
