package io.github.nirguard.samples.draw;

import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirProfile;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * People whose NIR can never be anyone's: correct key, month of birth {@code 13}–{@code 19}.
 *
 * <p>The sex digit (1 or 2) and the year agree with the birth date; every other field is strictly
 * valid, of every kind of place. The NIR passes {@code NirProfile.CHECKSUM_ONLY} and no other
 * profile.
 *
 * <pre>{@code
 * Person p = NeverReal.person(new SplittableRandom(2026L));
 * NirProfile.STRICT.test(p.nir().compact());   // false: INVALID_MONTH
 * }</pre>
 *
 * @since 0.1.0
 */
public final class NeverReal {
  private static final Place[] PLACES = Place.values();

  private NeverReal() {}

  /**
   * Draws a never-real person.
   *
   * @param random the random source
   * @return the person, whose NIR is parsed with {@code NirProfile.CHECKSUM_ONLY}
   */
  public static Person person(SplittableRandom random) {
    Place place = Draw.pick(random, PLACES);
    LocalDate date = People.birthDate(random, place);
    int sex = 1 + random.nextInt(2);
    // A year and a month of birth are drawn and replaced (by the birth year, by 13-19): the draws
    // keep the random stream, hence every file of a seed, as nir-testkit has always produced it.
    Draw.between(random, 0, 99);
    Draw.between(random, 1, 12);
    String field = place.draw(random);
    int order = Draw.between(random, 1, 999);
    int month = Draw.between(random, 13, 19);
    String body = Draw.body(sex, date.getYear() % 100, month, field, order);
    Nir nir = NirProfile.CHECKSUM_ONLY.parseBody(body);
    return People.named(random, nir, date);
  }
}
