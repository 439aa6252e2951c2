package io.github.nirguard.validate.scan;

import static io.github.nirguard.validate.scan.Candidate.BAD_SHIFT;
import static io.github.nirguard.validate.scan.Candidate.CONTINUES_SHIFT;
import static io.github.nirguard.validate.scan.Candidate.COUNT_FULL;
import static io.github.nirguard.validate.scan.Candidate.COUNT_OTHER;
import static io.github.nirguard.validate.scan.Candidate.COUNT_SHIFT;
import static io.github.nirguard.validate.scan.Candidate.END_SHIFT;
import static io.github.nirguard.validate.scan.Candidate.KEY_SHIFT;
import static io.github.nirguard.validate.scan.Candidate.LEFT_BAD;
import static io.github.nirguard.validate.scan.Candidate.LEFT_CONTINUES;
import static io.github.nirguard.validate.scan.Candidate.MIN_SPAN;
import static io.github.nirguard.validate.scan.Candidate.SHORT_RUN;
import static io.github.nirguard.validate.scan.Candidate.STRONG_SHIFT;
import static io.github.nirguard.validate.scan.Candidate.VALUE_MASK;
import static io.github.nirguard.validate.scan.Candidate.endOffset;
import static io.github.nirguard.validate.scan.Candidate.isDigit;
import static io.github.nirguard.validate.scan.Candidate.label;
import static io.github.nirguard.validate.scan.Candidate.left;
import static io.github.nirguard.validate.scan.Candidate.letterOf;
import static io.github.nirguard.validate.scan.Candidate.mayBeInSpan;
import static io.github.nirguard.validate.scan.Candidate.read;

import io.github.nirguard.core.NirKey;
import io.github.nirguard.core.NirProfile;
import io.github.nirguard.core.internal.ScanStatus;

/**
 * The matching of one {@link NirScanner}'s settings: where the next match starts in a text, which
 * {@link NirMatch.Kind} the candidate there is (the profile, the lenient and never-real options,
 * bodies next to a NIR label), and the match made of it. Reads the text through {@link Candidate};
 * immutable, allocates nothing until a match is made.
 */
final class MatchFinder {
  private static final NirMatch.Kind[] KINDS = NirMatch.Kind.values();

  final NirProfile profile;
  final boolean bodies;
  final boolean lenient;
  final boolean neverReal;

  MatchFinder(NirProfile profile, boolean bodies, boolean lenient, boolean neverReal) {
    this.profile = profile;
    this.bodies = bodies;
    this.lenient = lenient;
    this.neverReal = neverReal;
  }

  /**
   * Returns the start of the first match starting in {@code [from, limit)}, reading up to {@code
   * end}; or {@code -(resume) - 1} with the position to resume from when there is none.
   */
  int next(CharSequence t, int from, int limit, int end) {
    int i = from;
    // every character in [i, inSpan) may belong to a match's span (Candidate.mayBeInSpan)
    int inSpan = from;
    while (i < limit) {
      // a match spans at least MIN_SPAN characters, each of which may belong to a span: when the
      // character at k, one of the MIN_SPAN from i, cannot, no match starts in [i, k] (a skip in
      // the manner of Horspool's, over the letters of prose a window at a time)
      int w = i + MIN_SPAN - 1;
      if (w >= inSpan) {
        if (w >= end) {
          return -Math.max(i, limit) - 1; // too few characters left for any match
        }
        int floor = Math.max(i, inSpan);
        int k = w;
        while (k >= floor && mayBeInSpan(t.charAt(k))) {
          k--;
        }
        if (k >= floor) {
          i = k + 1;
          continue;
        }
        inSpan = w + 1;
      }
      char c = t.charAt(i);
      if ((char) (c - '0') > 9) {
        i++;
        continue;
      }
      int left = left(t, i);
      if (left == LEFT_CONTINUES) {
        // inside a longer run only a strong grouping may match: its first group has 1, 13 or 15
        // digits
        int g = i + 1;
        while (g < end
            && (isDigit(t.charAt(g)) || (g - i == 6 && ((t.charAt(g) | 0x20) - 'a') >>> 1 == 0))) {
          g++;
        }
        if (g - i != 1 && g - i != 13 && g - i != 15) {
          i = g;
          continue;
        }
      }
      if (left != LEFT_BAD) {
        long r = read(t, i, end);
        if ((r & ~(0x3FL << END_SHIFT)) == SHORT_RUN) {
          i += endOffset(r);
          continue;
        }
        if (kindOf(t, i, r, left) >= 0) {
          return i;
        }
      }
      i++;
      while (i < end && isDigit(t.charAt(i))) {
        i++;
      }
    }
    return -i - 1;
  }

  NirMatch matchAt(CharSequence t, int start, int end, long base, ScanStream.Lines lines) {
    long r = read(t, start, end);
    int kind = kindOf(t, start, r, left(t, start));
    long value = r & VALUE_MASK;
    char letter = letterOf(r);
    int key = (int) (r >>> KEY_SHIFT) & 0x7F;
    long status;
    switch (KINDS[kind]) {
      case KEY_VALID:
        status = ScanStatus.scanParts(profile, value, letter, key);
        break;
      case LENIENT_ONLY:
        status = ScanStatus.scanParts(NirProfile.LENIENT, value, letter, key);
        break;
      case NEVER_REAL:
        status = ScanStatus.scanParts(NirProfile.CHECKSUM_ONLY, value, letter, key);
        break;
      default:
        status = ScanStatus.scanBodyParts(profile, value, letter);
        break;
    }
    long abs = base + start;
    lines.skipTo(t, base, abs);
    return new NirMatch(
        abs,
        abs + endOffset(r),
        lines.line,
        abs - lines.lineStart + 1,
        KINDS[kind],
        ScanStatus.nirOf(status));
  }

  /** Returns the kind's ordinal, or -1 when the candidate read at {@code p} is no match. */
  private int kindOf(CharSequence t, int p, long r, int left) {
    int count = (int) (r >>> COUNT_SHIFT) & 3;
    if (count == COUNT_OTHER || count == 3 || ((r >>> BAD_SHIFT) & 1) != 0) {
      return -1;
    }
    boolean continues = left == LEFT_CONTINUES || ((r >>> CONTINUES_SHIFT) & 1) != 0;
    if (continues && ((r >>> STRONG_SHIFT) & 1) == 0) {
      return -1;
    }
    long value = r & VALUE_MASK;
    char letter = letterOf(r);
    if (count == COUNT_FULL) {
      int key = (int) (r >>> KEY_SHIFT) & 0x7F;
      int kind;
      if (ScanStatus.isValid(ScanStatus.scanParts(profile, value, letter, key))) {
        kind = NirMatch.Kind.KEY_VALID.ordinal();
      } else if (lenient
          && ScanStatus.isValid(ScanStatus.scanParts(NirProfile.LENIENT, value, letter, key))) {
        kind = NirMatch.Kind.LENIENT_ONLY.ordinal();
      } else if (neverReal && neverRealNir(value, letter, key)) {
        kind = NirMatch.Kind.NEVER_REAL.ordinal();
      } else {
        return -1;
      }
      return label(t, p) < 0 ? -1 : kind;
    }
    if (!bodies
        || continues
        || !ScanStatus.isValid(ScanStatus.scanBodyParts(profile, value, letter))) {
      return -1;
    }
    return label(t, p) > 0 ? NirMatch.Kind.BODY_WITH_CONTEXT.ordinal() : -1;
  }

  /** Month 13–19 with the key right, every other field valid under the profile. */
  private boolean neverRealNir(long value, char letter, int key) {
    int month = (int) (value / 100_000_000L % 100);
    return month >= 13
        && month <= 19
        && NirKey.matches(value, key)
        && ScanStatus.isValid(ScanStatus.scanBodyParts(profile, value - 1_200_000_000L, letter));
  }
}
