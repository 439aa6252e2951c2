package io.github.nirguard.csv;

/**
 * Neutralises cells a spreadsheet would run as a formula (CSV formula injection): a cell starting
 * with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return, or the full-width
 * {@code ＝ ＋ － ＠}, gets a leading {@code '} — unless it is a plain number such as {@code -3.5} or
 * {@code +33}, which a spreadsheet reads as a number and runs nothing.
 *
 * <pre>{@code
 * Formulas.neutralize("=HYPERLINK(\"http://x\")");   // "'=HYPERLINK(\"http://x\")"
 * Formulas.neutralize("-3.5");                      // "-3.5"
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Formulas {
  private Formulas() {}

  /**
   * Returns whether a spreadsheet could run a cell as a formula.
   *
   * @param cell the cell
   * @return {@code true} if it starts like a formula and is not a plain number
   */
  public static boolean isFormula(String cell) {
    if (cell.isEmpty()) {
      return false;
    }
    switch (cell.charAt(0)) {
      case '=':
      case '@':
      case '\t':
      case '\r':
      case '\uFF1D': // full-width =
      case '\uFF0B': // full-width +
      case '\uFF0D': // full-width -
      case '\uFF20': // full-width @
        return true;
      case '+':
      case '-':
        return !isPlainNumber(cell);
      default:
        return false;
    }
  }

  /**
   * Returns the cell, with a leading {@code '} if a spreadsheet could run it as a formula.
   *
   * @param cell the cell
   * @return the cell, neutralised
   */
  public static String neutralize(String cell) {
    return isFormula(cell) ? "'" + cell : cell;
  }

  /** Neutralises every cell of a row in place. */
  static void neutralize(String[] cells) {
    for (int i = 0; i < cells.length; i++) {
      if (cells[i] != null) {
        cells[i] = neutralize(cells[i]);
      }
    }
  }

  /**
   * A sign, digits, at most one decimal separator ({@code .} or {@code ,}) between digits, an
   * exponent.
   */
  private static boolean isPlainNumber(String s) {
    int i = 1; // after the sign
    int n = s.length();
    int digits = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
      i++;
      int frac = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        frac++;
      }
      if (frac == 0) {
        return false;
      }
      digits += frac;
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exp = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        exp++;
      }
      if (exp == 0) {
        return false;
      }
    }
    return i == n;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
