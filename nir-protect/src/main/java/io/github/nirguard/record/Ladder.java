package io.github.nirguard.record;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The generalisation ladder of a quasi-identifier type: named rungs from the value as written (rung
 * 0) to the coarsest, each rung a function of the one below, so that any rung can be computed from
 * a finer one.
 *
 * <ul>
 *   <li>birth date: {@code day} → {@code year-month} ({@code 1955-08}) → {@code year} ({@code
 *       1955}) → {@code 5-year} ({@code 1955-1959}, bands starting on a multiple of 5);
 *   <li>postcode, commune: {@code postcode}/{@code commune} → {@code department} ({@code 75},
 *       {@code 2A}, {@code 971}) → {@code region} (INSEE 2016 code: {@code 11}, {@code 94}, {@code
 *       01});
 *   <li>age (whole years): {@code age} → {@code 10-year} ({@code 60-69}, {@code 90+}) → {@code
 *       20-year} ({@code 60-79}, {@code 80+}).
 * </ul>
 *
 * <pre>{@code
 * Ladder l = Ladder.BIRTH_DATE;
 * l.generalize("14/08/1955", l.rung("5-year"));   // "1955-1959"
 * l.coarsen("1955-08", 1, l.rung("year"));        // "1955": from a finer rung's value
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Ladder {
  /** Birth dates: day, year-month, year, 5-year. */
  public static final Ladder BIRTH_DATE =
      new Ladder(FieldType.BIRTH_DATE, List.of("day", "year-month", "year", "5-year"));

  /** Postcodes: postcode, department, region. */
  public static final Ladder POSTCODE =
      new Ladder(FieldType.POSTCODE, List.of("postcode", "department", "region"));

  /** INSEE commune codes: commune, department, region. */
  public static final Ladder COMMUNE =
      new Ladder(FieldType.COMMUNE, List.of("commune", "department", "region"));

  /** Ages in whole years: age, 10-year, 20-year. */
  public static final Ladder AGE = new Ladder(FieldType.AGE, List.of("age", "10-year", "20-year"));

  private final FieldType type;
  private final List<String> rungs;

  private Ladder(FieldType type, List<String> rungs) {
    this.type = type;
    this.rungs = rungs;
  }

  /**
   * Returns the ladder of a field type.
   *
   * @param type the type
   * @return its ladder, or empty for a type that has none
   */
  public static Optional<Ladder> of(FieldType type) {
    switch (type) {
      case BIRTH_DATE:
        return Optional.of(BIRTH_DATE);
      case POSTCODE:
        return Optional.of(POSTCODE);
      case COMMUNE:
        return Optional.of(COMMUNE);
      case AGE:
        return Optional.of(AGE);
      default:
        return Optional.empty();
    }
  }

  /**
   * Returns the field type the ladder generalises.
   *
   * @return the type
   */
  public FieldType type() {
    return type;
  }

  /**
   * Returns the rung names, finest first.
   *
   * @return the names; index = rung
   */
  public List<String> rungs() {
    return rungs;
  }

  /**
   * Returns the index of the top rung.
   *
   * @return the coarsest rung
   */
  public int top() {
    return rungs.size() - 1;
  }

  /**
   * Returns the rung of a name.
   *
   * @param name e.g. {@code year-month}
   * @return its index
   * @throws IllegalArgumentException for a name not on this ladder (the message lists the rungs)
   */
  public int rung(String name) {
    int i = rungs.indexOf(name.trim().toLowerCase(Locale.ROOT));
    if (i < 0) {
      throw new IllegalArgumentException(
          "no rung '"
              + name
              + "' on the "
              + type.label()
              + " ladder (rungs: "
              + String.join(", ", rungs)
              + ")");
    }
    return i;
  }

  /**
   * Generalises a value as written in the input to a rung: what the {@code generalize:} actions
   * write.
   *
   * @param raw the value as written (a date, a postcode, a commune code, an age)
   * @param rung the rung, 0 to {@link #top()}
   * @return the generalised value ({@code raw} itself at rung 0), or null if unreadable
   */
  public @Nullable String generalize(String raw, int rung) {
    check(rung);
    String first = step(raw, 0);
    if (first == null) {
      return null;
    }
    return rung == 0 ? raw : coarsen(first, 1, rung);
  }

  /**
   * Generalises a value found at one rung to a coarser (or the same) rung: {@code 1955-08} from
   * {@code year-month} to {@code year}, {@code 75} from {@code department} to {@code region}.
   *
   * @param value a value at rung {@code from}
   * @param from its rung
   * @param to the rung wanted, at least {@code from}
   * @return the value at rung {@code to}, or null if {@code value} is no value of rung {@code from}
   * @throws IllegalArgumentException if {@code to} is below {@code from}
   */
  public @Nullable String coarsen(String value, int from, int to) {
    check(from);
    check(to);
    if (to < from) {
      throw new IllegalArgumentException("a ladder is only climbed up");
    }
    String v = value;
    if (from == to) {
      // a value of rung r is one that climbs: check it does
      return from == top() ? (isTopValue(v) ? v : null) : step(v, from) == null ? null : v;
    }
    for (int r = from; r < to && v != null; r++) {
      v = step(v, r);
    }
    return v;
  }

  /** Whether a value is of the top rung (which has no step above to check it by). */
  private boolean isTopValue(String v) {
    switch (type) {
      case BIRTH_DATE:
        return v.length() == 9
            && v.charAt(4) == '-'
            && digits(v, 0, 4)
            && digits(v, 5, 9)
            && Integer.parseInt(v, 0, 4, 10) % 5 == 0
            && Integer.parseInt(v, 5, 9, 10) == Integer.parseInt(v, 0, 4, 10) + 4;
      case POSTCODE:
      case COMMUNE:
        return Regions.isRegion(v);
      default:
        if (v.equals("80+")) {
          return true;
        }
        int dash = v.indexOf('-');
        return dash > 0
            && digits(v, 0, dash)
            && digits(v, dash + 1, v.length())
            && Integer.parseInt(v, 0, dash, 10) % 20 == 0
            && Integer.parseInt(v, 0, dash, 10) < 80
            && Integer.parseInt(v, dash + 1, v.length(), 10)
                == Integer.parseInt(v, 0, dash, 10) + 19;
    }
  }

  /** A value of rung r taken to rung r + 1; null if it is no value of rung r. */
  private @Nullable String step(String v, int r) {
    switch (type) {
      case BIRTH_DATE:
        if (r == 0) {
          return Generalize.yearMonth(v);
        }
        if (r == 1) {
          boolean ok = v.length() == 7 && v.charAt(4) == '-' && digits(v, 0, 4) && digits(v, 5, 7);
          int month = ok ? Integer.parseInt(v, 5, 7, 10) : 0;
          return month >= 1 && month <= 12 ? v.substring(0, 4) : null;
        }
        if (v.length() != 4 || !digits(v, 0, 4)) {
          return null;
        }
        int low = Integer.parseInt(v) / 5 * 5;
        return String.format(Locale.ROOT, "%04d-%04d", low, low + 4);
      case POSTCODE:
      case COMMUNE:
        return r == 0 ? Generalize.department(v, type == FieldType.COMMUNE) : Regions.of(v);
      default:
        if (r == 0) {
          int age = age(v);
          return age < 0 ? null : band(age, 10);
        }
        if (v.equals("90+")) {
          return "80+";
        }
        int dash = v.indexOf('-');
        if (dash <= 0 || !digits(v, 0, dash) || !digits(v, dash + 1, v.length())) {
          return null;
        }
        int l = Integer.parseInt(v, 0, dash, 10);
        if (l % 10 != 0 || l >= 90 || Integer.parseInt(v, dash + 1, v.length(), 10) != l + 9) {
          return null;
        }
        return band(l, 20);
    }
  }

  /** An age band of a width, the top one open ({@code 90+}, {@code 80+}). */
  private static String band(int age, int width) {
    int top = width == 10 ? 90 : 80;
    int l = Math.min(age - age % width, top);
    return l == top ? top + "+" : l + "-" + (l + width - 1);
  }

  /** An age in whole years, 0 to 150, ASCII digits; -1 if it is not one. */
  private static int age(String v) {
    if (v.isEmpty() || v.length() > 3 || !digits(v, 0, v.length())) {
      return -1;
    }
    int a = Integer.parseInt(v);
    return a <= 150 ? a : -1;
  }

  private static boolean digits(String s, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private void check(int rung) {
    Objects.checkIndex(rung, rungs.size());
  }

  /**
   * Returns the range of rungs from one name to another, inclusive.
   *
   * @param from the finest rung allowed, at least rung 1 (a range never keeps the value as written:
   *     an unreadable value is then handled the same way at every rung)
   * @param to the coarsest rung allowed
   * @return the range
   * @throws IllegalArgumentException for unknown names, rung 0, or {@code from} above {@code to}
   */
  public Range range(String from, String to) {
    return new Range(this, rung(from), rung(to));
  }

  /**
   * Returns the range of every generalising rung: rung 1 to the top.
   *
   * @return the range
   */
  public Range auto() {
    return new Range(this, 1, top());
  }

  /**
   * A range of rungs of one ladder, which the least-generalisation search chooses from.
   *
   * <pre>{@code
   * Ladder.Range r = Ladder.BIRTH_DATE.range("year-month", "5-year");   // r.label(): "year-month..5-year"
   * }</pre>
   *
   * @param ladder the ladder
   * @param from the finest rung, at least 1
   * @param to the coarsest rung
   * @since 0.1.0
   */
  public record Range(Ladder ladder, int from, int to) {
    /**
     * Checks the bounds.
     *
     * @param ladder the ladder
     * @param from the finest rung, at least 1
     * @param to the coarsest rung, at least {@code from}
     */
    public Range {
      Objects.requireNonNull(ladder, "ladder");
      if (from < 1 || to > ladder.top() || from > to) {
        throw new IllegalArgumentException(
            "a "
                + ladder.type().label()
                + " range goes from a generalising rung to a coarser one ("
                + String.join(", ", ladder.rungs().subList(1, ladder.rungs().size()))
                + ")");
      }
    }

    /**
     * Returns the range as the policy writes it.
     *
     * @return e.g. {@code year-month..5-year}
     */
    public String label() {
      return ladder.rungs().get(from) + ".." + ladder.rungs().get(to);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ladder && ((Ladder) o).type == type;
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public String toString() {
    return "Ladder[" + type.label() + ": " + String.join(" > ", rungs) + "]";
  }
}
