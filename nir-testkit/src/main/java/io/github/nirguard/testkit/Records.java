package io.github.nirguard.testkit;

import io.github.nirguard.core.BirthMonth;
import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirProfile;
import io.github.nirguard.samples.draw.Draw;
import io.github.nirguard.samples.draw.People;
import io.github.nirguard.samples.draw.Person;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Generators of synthetic identity records whose sex and birth date agree with their NIR.
 *
 * <p>Names come from short built-in lists of common French last names and first names (by sex).
 * Birth dates lie between 1900-01-01 and 2025-12-31 (a fixed range, so that a seed gives the same
 * records on every day); a Corsica birth place {@code 2A}/{@code 2B} gets a date from 1976 on,
 * {@code 20} a date before 1976.
 *
 * <p><strong>Warning:</strong> the NIRs of {@link #synthetic()} are fully valid and may be real
 * people's; combined with a birth date they are even more identifying. Keep them inside tests; use
 * {@link #neverReal()} for demos and shared data sets.
 *
 * <pre>{@code
 * ForAll.check("sex agrees", Records.synthetic(), r -> assertEquals(r.sex(), r.nir().sex()));
 * List<SyntheticRecord> demo = Records.neverReal().sample(2026L, 100);   // safe to share
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Records {
  private Records() {}

  /**
   * Returns a generator of records whose NIR is strictly valid (every category and month kind) and
   * agrees with the other fields: the sex digit is 1 or 2 and gives {@link SyntheticRecord#sex()};
   * the NIR year is the birth year modulo 100; the NIR month is the birth month for known months,
   * the birth month + 30 for pseudo-fictitious ones, and any unknown code otherwise.
   *
   * <p><strong>A generated NIR may be a real person's:</strong> keep these records inside tests.
   *
   * @return a generator of consistent records
   */
  public static Gen<SyntheticRecord> synthetic() {
    return random -> {
      Nirs.Category category = Draw.pick(random, Parts.CATEGORIES);
      BirthMonth.Kind kind = Draw.pick(random, Parts.STRICT_KINDS);
      LocalDate date = birthDate(random, category);
      Parts p = parts(random, category, kind, date);
      return record(random, Nir.fromBody(p.body()), date);
    };
  }

  /**
   * Returns a generator of records whose NIR is never real (see {@link Nirs#neverReal()}): month
   * field {@code 13}–{@code 19}, correct key, every other field strictly valid. The sex and the
   * year still agree with the other fields; the month cannot. Safe for demos and shared data.
   *
   * <pre>{@code
   * SyntheticRecord demo = Records.neverReal().sample(1L, 1).get(0);
   * NirProfile.STRICT.test(demo.nir().compact());          // false
   * NirProfile.CHECKSUM_ONLY.test(demo.nir().compact());   // true
   * }</pre>
   *
   * @return a generator of never-real records (NIRs parsed with {@code NirProfile.CHECKSUM_ONLY})
   */
  public static Gen<SyntheticRecord> neverReal() {
    return random -> {
      Nirs.Category category = Draw.pick(random, Parts.CATEGORIES);
      LocalDate date = birthDate(random, category);
      Parts p = parts(random, category, BirthMonth.Kind.KNOWN, date);
      p.month = Draw.between(random, 13, 19);
      return record(random, NirProfile.CHECKSUM_ONLY.parseBody(p.body()), date);
    };
  }

  private static Parts parts(
      SplittableRandom random, Nirs.Category category, BirthMonth.Kind kind, LocalDate date) {
    Parts p = Parts.valid(random, category, kind);
    p.year = date.getYear() % 100;
    if (kind == BirthMonth.Kind.KNOWN) {
      p.month = date.getMonthValue();
    } else if (kind == BirthMonth.Kind.PSEUDO_FICTITIOUS) {
      p.month = date.getMonthValue() + 30;
    }
    return p;
  }

  private static SyntheticRecord record(SplittableRandom random, Nir nir, LocalDate date) {
    Person p = People.named(random, nir, date);
    return new SyntheticRecord(p.nir(), p.lastName(), p.firstName(), p.birthDate(), p.sex());
  }

  private static LocalDate birthDate(SplittableRandom random, Nirs.Category category) {
    return People.birthDate(random, Parts.placeOf(category));
  }
}
