package io.github.nirguard.testkit;

import static io.github.nirguard.samples.draw.Draw.between;
import static io.github.nirguard.samples.draw.Draw.pick;
import static io.github.nirguard.samples.draw.Draw.pickInt;
import static io.github.nirguard.samples.draw.Draw.three;
import static io.github.nirguard.samples.draw.Draw.two;
import static io.github.nirguard.testkit.Layout.decorate;
import static io.github.nirguard.testkit.Parts.STRICT_KINDS;
import static io.github.nirguard.testkit.Parts.keyOf;
import static io.github.nirguard.testkit.Parts.validNir;
import static io.github.nirguard.testkit.Parts.zeroCommunePlace;

import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirError;
import io.github.nirguard.testkit.Nirs.Category;
import java.util.SplittableRandom;

/**
 * Texts that {@code NirProfile.STRICT} rejects with one given reason: the structural reasons and
 * key errors here, characters in {@link InvalidCharacters}, lengths in {@link InvalidLengths}.
 */
final class InvalidNirs {
  private static final int[] BAD_OVERSEAS_DEPARTMENTS = {970, 979, 980, 981, 982, 983, 989};

  private InvalidNirs() {}

  /** The generator for {@link Nirs#invalid(NirError)}. */
  static Gen<String> of(NirError reason) {
    switch (reason) {
      case EMPTY:
        return InvalidNirs::empty;
      case INVALID_CHARACTER:
        return InvalidCharacters::draw;
      case TOO_SHORT:
        return InvalidLengths::tooShort;
      case TOO_LONG:
        return InvalidLengths::tooLong;
      case MISSING_KEY:
        return random -> decorate(random, validNir(random).body(), true);
      case NNP_NOT_NIR:
        return random -> decorate(random, provisional(random, "78", "012"), true);
      case MIG_NOT_NIR:
        return random -> decorate(random, provisional(random, "56", "12"), true);
      case INVALID_SEX:
        return InvalidNirs::invalidSex;
      case INVALID_MONTH:
        return InvalidNirs::invalidMonth;
      case INVALID_DEPARTMENT:
        return InvalidNirs::invalidDepartment;
      case INVALID_COMMUNE:
        return random -> {
          Category category =
              pick(
                  random,
                  Category.MAINLAND,
                  Category.CORSICA,
                  Category.CORSICA_PRE_1976,
                  Category.OVERSEAS);
          Parts p = Parts.valid(random, category, pick(random, STRICT_KINDS));
          p.place = zeroCommunePlace(random, category);
          return decorate(random, structural(random, p, 2), true);
        };
      case INVALID_COUNTRY:
        return random -> {
          Parts p = Parts.valid(random, Category.ABROAD, pick(random, STRICT_KINDS));
          p.place = "99000";
          return decorate(random, structural(random, p, 2), true);
        };
      case INVALID_ORDER:
        return random -> {
          Parts p = Parts.valid(random);
          p.order = 0;
          return decorate(random, structural(random, p, 3), true);
        };
      case INVALID_KEY:
        return random -> {
          String body = validNir(random).body();
          String key = pick(random, "00", "98", "99");
          return decorate(random, body + key, true);
        };
      case KEY_MISMATCH:
        return InvalidNirs::keyMismatch;
      default:
        throw new IllegalArgumentException("no generator for " + reason);
    }
  }

  static String empty(SplittableRandom random) {
    if (random.nextInt(5) == 0) {
      return "";
    }
    int n = 1 + random.nextInt(8);
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(Layout.SEPARATORS[random.nextInt(Layout.SEPARATORS.length)]);
    }
    return b.toString();
  }

  /**
   * 13 digits: a first digit from {@code first}, a second from {@code second}, 11 random digits.
   */
  static String provisional(SplittableRandom random, String first, String second) {
    StringBuilder b = new StringBuilder(13);
    b.append(first.charAt(random.nextInt(first.length())));
    b.append(second.charAt(random.nextInt(second.length())));
    for (int i = 0; i < 11; i++) {
      b.append((char) ('0' + random.nextInt(10)));
    }
    return b.toString();
  }

  static String invalidSex(SplittableRandom random) {
    Parts p = Parts.valid(random);
    p.sex = pickInt(random, 0, 3, 4, 5, 6, 7, 8, 9);
    return decorate(random, structural(random, p, 0), true);
  }

  static String invalidMonth(SplittableRandom random) {
    Parts p = Parts.valid(random);
    switch (random.nextInt(3)) {
      case 0:
        p.month = 0;
        break;
      case 1:
        p.month = between(random, 13, 19);
        break;
      default:
        p.month = between(random, 43, 49);
        break;
    }
    return decorate(random, structural(random, p, 1), true);
  }

  static String invalidDepartment(SplittableRandom random) {
    Parts p = Parts.valid(random, Category.MAINLAND, pick(random, STRICT_KINDS));
    StringBuilder b = new StringBuilder(5);
    if (random.nextBoolean()) {
      b.append("00");
      three(b, between(random, 0, 999));
    } else {
      b.append(BAD_OVERSEAS_DEPARTMENTS[random.nextInt(BAD_OVERSEAS_DEPARTMENTS.length)]);
      two(b, between(random, 0, 99));
    }
    p.place = b.toString();
    return decorate(random, structural(random, p, 2), true);
  }

  /**
   * Returns the compact text of parts with a structural defect already set; sometimes adds a defect
   * in a later field (after {@code defectLevel}: 0 sex, 1 month, 2 place, 3 order) or a wrong key,
   * which the scanner must not report since it reports the left-most problem.
   */
  static String structural(SplittableRandom random, Parts p, int defectLevel) {
    switch (random.nextInt(8)) {
      case 0:
        if (defectLevel < 1) {
          p.month = pickInt(random, 0, 13, 19, 45);
        }
        break;
      case 1:
        if (defectLevel < 2) {
          p.place = "00" + p.place.substring(2);
        }
        break;
      case 2:
        if (defectLevel < 3) {
          p.order = 0;
        }
        break;
      case 3:
        p.key = random.nextInt(100); // any two digits, right or wrong
        break;
      default:
        break; // right key: passes CHECKSUM_ONLY
    }
    return p.compact();
  }

  static String keyMismatch(SplittableRandom random) {
    Nir nir = validNir(random);
    String body = nir.body();
    int right = nir.key();
    int wrong;
    switch (random.nextInt(5)) {
      case 0: // off by one
        wrong = right == 97 ? 96 : right == 1 ? 2 : right + (random.nextBoolean() ? 1 : -1);
        break;
      case 1: // digits swapped
        wrong = (right % 10) * 10 + right / 10;
        break;
      case 2: // forgot "97 -": N mod 97
        wrong = 97 - right;
        break;
      case 3: // Corsica letters read as 0 (django-localflavor), or 2A/2B swapped
        if (nir.corsicaLetter() != 0) {
          wrong =
              random.nextBoolean()
                  ? keyOf(body.substring(0, 6) + "0" + body.substring(7))
                  : keyOf(
                      body.substring(0, 6)
                          + (nir.corsicaLetter() == 'A' ? 'B' : 'A')
                          + body.substring(7));
        } else {
          wrong = 0;
        }
        break;
      default:
        wrong = 0;
        break;
    }
    if (wrong < 1 || wrong > 97 || wrong == right) {
      wrong = 1 + random.nextInt(96);
      wrong = wrong >= right ? wrong + 1 : wrong; // any in 1..97 but the right one
    }
    StringBuilder b = new StringBuilder(15).append(body);
    two(b, wrong);
    return decorate(random, b.toString(), true);
  }
}
