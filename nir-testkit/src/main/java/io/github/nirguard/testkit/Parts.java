package io.github.nirguard.testkit;

import static io.github.nirguard.samples.draw.Draw.between;
import static io.github.nirguard.samples.draw.Draw.pick;

import io.github.nirguard.core.BirthMonth;
import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirKey;
import io.github.nirguard.samples.draw.Draw;
import io.github.nirguard.samples.draw.Place;
import java.util.SplittableRandom;

/**
 * The fields of a NIR being built, drawn strictly valid by category and month kind; {@code key}
 * &lt; 0 means "compute the right one". The other generators start from valid parts and change one
 * field.
 */
final class Parts {
  static final Nirs.Category[] CATEGORIES = Nirs.Category.values();
  static final BirthMonth.Kind[] STRICT_KINDS = {
    BirthMonth.Kind.KNOWN, BirthMonth.Kind.PSEUDO_FICTITIOUS, BirthMonth.Kind.UNKNOWN
  };

  int sex;
  int year;
  int month;
  String place;
  int order;
  int key = -1;

  private Parts(int sex, int year, int month, String place, int order) {
    this.sex = sex;
    this.year = year;
    this.month = month;
    this.place = place;
    this.order = order;
  }

  static Parts valid(SplittableRandom random, Nirs.Category category, BirthMonth.Kind kind) {
    // arguments are evaluated left to right: the fields are drawn in this order
    return new Parts(
        1 + random.nextInt(2),
        between(random, 0, 99),
        monthCode(random, kind),
        place(random, category),
        between(random, 1, 999));
  }

  /** Valid parts of a category and a month kind drawn uniformly, in that order. */
  static Parts valid(SplittableRandom random) {
    return valid(random, pick(random, CATEGORIES), pick(random, STRICT_KINDS));
  }

  String body() {
    return Draw.body(sex, year, month, place, order);
  }

  String compact() {
    String body = body();
    StringBuilder b = new StringBuilder(15).append(body);
    Draw.two(b, key < 0 ? keyOf(body) : key);
    return b.toString();
  }

  static Nir validNir(SplittableRandom random) {
    return Nir.fromBody(valid(random).body());
  }

  static Nir validNir(SplittableRandom random, Nirs.Category category, BirthMonth.Kind kind) {
    return Nir.fromBody(valid(random, category, kind).body());
  }

  /** A month field of the given kind (not NONSTANDARD). */
  static int monthCode(SplittableRandom random, BirthMonth.Kind kind) {
    switch (kind) {
      case KNOWN:
        return between(random, 1, 12);
      case PSEUDO_FICTITIOUS:
        return between(random, 31, 42);
      case UNKNOWN:
        int v = between(random, 0, 60); // 11 values 20-30, then 50 values 50-99
        return v < 11 ? 20 + v : 50 + v - 11;
      default:
        throw new IllegalArgumentException("no strictly valid month of kind " + kind);
    }
  }

  /** A strictly valid place-of-birth field (5 characters) of a category. */
  static String place(SplittableRandom random, Nirs.Category category) {
    return placeOf(category).draw(random);
  }

  /** The kind of place, in nir-samples' terms, of a category. */
  static Place placeOf(Nirs.Category category) {
    switch (category) {
      case MAINLAND:
        return Place.MAINLAND;
      case CORSICA:
        return Place.CORSICA;
      case CORSICA_PRE_1976:
        return Place.CORSICA_PRE_1976;
      case OVERSEAS:
        return Place.OVERSEAS;
      case ABROAD:
        return Place.ABROAD;
      default:
        throw new AssertionError(category);
    }
  }

  /** A place with commune (or country) zero: what ZERO_COMMUNE allows. */
  static String zeroCommunePlace(SplittableRandom random, Nirs.Category category) {
    String place = place(random, category);
    return category == Nirs.Category.OVERSEAS
        ? place.substring(0, 3) + "00"
        : place.substring(0, 2) + "000";
  }

  /** The key of a 13-character body with 2A/2B at indexes 5-6 read as 19/18. */
  static int keyOf(String body) {
    long value = 0;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (i == 5 && body.charAt(6) >= 'A') {
        value = value * 100 + (Character.toUpperCase(body.charAt(6)) == 'A' ? 19 : 18);
        i++;
      } else {
        value = value * 10 + (c - '0');
      }
    }
    return NirKey.of(value);
  }
}
