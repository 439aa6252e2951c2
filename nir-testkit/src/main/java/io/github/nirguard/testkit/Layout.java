package io.github.nirguard.testkit;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Significant characters with the text in each gap, as people paste NIRs: gap {@code i} comes
 * before {@code sig[i]}. Renders separators, blanks, a {@code /} before the key and lowercase
 * Corsica letters; used by the noisy and invalid generators.
 */
final class Layout {
  /** The separators the scanner skips anywhere. */
  static final char[] SEPARATORS = {' ', '\t', '\u00A0', '\u202F', '.', '-', '_'};

  /** Separators plausible between display groups. */
  private static final char[] GROUP_SEPARATORS = {' ', ' ', ' ', '.', '-', '\u00A0', '\u202F', '_'};

  private static final char[] BLANKS = {' ', '\t', '\u00A0', '\u202F'};

  final String[] sig;
  final StringBuilder[] gaps;

  Layout(String significant) {
    sig = new String[significant.length()];
    gaps = new StringBuilder[sig.length + 1];
    for (int i = 0; i < sig.length; i++) {
      sig[i] = String.valueOf(significant.charAt(i));
    }
    for (int i = 0; i < gaps.length; i++) {
      gaps[i] = new StringBuilder();
    }
  }

  static Layout decorated(SplittableRandom random, String significant, boolean slash) {
    Layout l = new Layout(significant);
    int n = l.sig.length;
    int style = random.nextInt(4);
    if (style == 1 || style == 3) { // display grouping S YY MM DD(D) CC(C) NNN KK
      char sep = GROUP_SEPARATORS[random.nextInt(GROUP_SEPARATORS.length)];
      boolean overseas =
          n > 6
              && significant.charAt(5) == '9'
              && (significant.charAt(6) == '7' || significant.charAt(6) == '8');
      int[] bounds = {1, 3, 5, overseas ? 8 : 7, 10, 13};
      for (int bound : bounds) {
        if (bound < n) {
          l.gaps[bound].append(sep);
          if (sep == ' ' && random.nextInt(10) == 0) {
            l.gaps[bound].append(' ');
          }
        }
      }
    }
    if (style >= 2) { // sprinkled
      for (int i = 1; i < n; i++) {
        if (random.nextInt(4) == 0) {
          int k = 1 + random.nextInt(2);
          for (int j = 0; j < k; j++) {
            l.gaps[i].append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
          }
        }
      }
    }
    if (slash && n >= 13 && random.nextInt(4) == 0) {
      l.insert(random, 13, "/");
    }
    if (random.nextInt(4) == 0) {
      l.gaps[0].insert(0, blanks(random));
    }
    if (random.nextInt(4) == 0) {
      l.gaps[n].append(blanks(random));
    }
    if (n > 6 && random.nextBoolean()) {
      l.sig[6] = l.sig[6].toLowerCase(Locale.ROOT); // 2a, 2b (digits unchanged)
    }
    return l;
  }

  void insert(SplittableRandom random, int gap, String text) {
    StringBuilder g = gaps[gap];
    g.insert(random.nextInt(g.length() + 1), text);
  }

  String render() {
    StringBuilder b = new StringBuilder(sig.length * 2 + 4);
    for (int i = 0; i < sig.length; i++) {
      b.append(gaps[i]).append(sig[i]);
    }
    return b.append(gaps[sig.length]).toString();
  }

  /**
   * Renders significant characters with random separators, optional blanks at both ends, an
   * optional {@code /} before the key (index 13, when {@code slash} and there is one) and lowercase
   * Corsica letters. Never changes how the scanner reads the significant characters.
   */
  static String decorate(SplittableRandom random, String significant, boolean slash) {
    return Layout.decorated(random, significant, slash).render();
  }

  /** 1 to 3 blanks. */
  static String blanks(SplittableRandom random) {
    int n = 1 + random.nextInt(3);
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(BLANKS[random.nextInt(BLANKS.length)]);
    }
    return b.toString();
  }
}
