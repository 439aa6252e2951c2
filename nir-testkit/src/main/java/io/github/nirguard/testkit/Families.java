package io.github.nirguard.testkit;

import io.github.nirguard.core.BirthMonth;
import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirProfile;
import io.github.nirguard.core.Sex;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Seeded generators of synthetic households for testing beneficiary pseudonyms: an insured person,
 * a spouse, children covered on the insured person's NIR, twins of the same and of different sex,
 * children who moved to their own NIR, and provisional NIRs.
 *
 * <p>Every NIR agrees with its holder's birth date and sex. Per family: a spouse one time in two
 * (covered on the insured's NIR one time in two); 0 to 4 births on distinct days, each a pair of
 * twins one time in four (same sex one time in two); a child born by 2009 has moved to their own
 * NIR one time in two; the insured person's NIR is provisional (sex digit 7 or 8, valid only under
 * {@link NirProfile#LENIENT}) one time in ten.
 *
 * <p><strong>Warning:</strong> apart from the provisional ones, the NIRs are fully valid and may be
 * real people's: keep these families inside tests.
 *
 * <pre>{@code
 * ForAll.check("twins with a rank differ", Families.synthetic(), family -> { ... });
 * Gen<Family> withTwins =
 *     Families.synthetic().filter(f -> f.members().stream().anyMatch(m -> m.twinRank() != 0));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Families {
  private static final LocalDate INSURED_FROM = LocalDate.of(1950, 1, 1);
  private static final LocalDate INSURED_TO = LocalDate.of(1990, 12, 31);
  private static final LocalDate LATEST = LocalDate.of(2025, 12, 31);
  private static final LocalDate OWN_NIR_BY = LocalDate.of(2009, 12, 31);

  private Families() {}

  /**
   * Returns a generator of households (see the class comment for the mix).
   *
   * @return the generator
   */
  public static Gen<Family> synthetic() {
    return Families::family;
  }

  private static Family family(SplittableRandom random) {
    List<FamilyMember> members = new ArrayList<>();
    LocalDate insuredBorn = between(random, INSURED_FROM, INSURED_TO);
    Sex insuredSex = random.nextBoolean() ? Sex.MALE : Sex.FEMALE;
    boolean provisional = random.nextInt(10) == 0;
    Nir insured = nir(random, insuredBorn, insuredSex, provisional);
    members.add(
        new FamilyMember(
            FamilyMember.Role.INSURED, insured, insured, insuredBorn, insuredSex, 0, provisional));
    if (random.nextBoolean()) {
      LocalDate born = between(random, insuredBorn.minusYears(5), insuredBorn.plusYears(5));
      Sex sex = random.nextInt(5) == 0 ? insuredSex : other(insuredSex);
      Nir own = nir(random, born, sex, false);
      boolean onInsured = random.nextBoolean();
      members.add(
          new FamilyMember(
              FamilyMember.Role.SPOUSE,
              onInsured ? insured : own,
              own,
              born,
              sex,
              0,
              onInsured && provisional));
    }
    int births = random.nextInt(5);
    Set<LocalDate> birthDays = new HashSet<>();
    for (int b = 0; b < births; b++) {
      LocalDate born = between(random, insuredBorn.plusYears(20), insuredBorn.plusYears(45));
      if (born.isAfter(LATEST) || !birthDays.add(born)) {
        continue; // two births of one family on one day would be one birth of four: none here
      }
      boolean twins = random.nextInt(4) == 0;
      Sex first = random.nextBoolean() ? Sex.MALE : Sex.FEMALE;
      Sex second = random.nextBoolean() ? first : other(first);
      int count = twins ? 2 : 1;
      for (int rank = 1; rank <= count; rank++) {
        Sex sex = rank == 1 ? first : second;
        @Nullable Nir own =
            !born.isAfter(OWN_NIR_BY) && random.nextBoolean()
                ? nir(random, born, sex, false)
                : null;
        members.add(
            new FamilyMember(
                FamilyMember.Role.CHILD, insured, own, born, sex, twins ? rank : 0, provisional));
      }
    }
    return new Family(members);
  }

  /** A NIR that agrees with a birth date and a sex; provisional: sex digit + 6 (7 or 8). */
  private static Nir nir(SplittableRandom random, LocalDate born, Sex sex, boolean provisional) {
    Nirs.Category category;
    switch (random.nextInt(4)) {
      case 0:
        category = Nirs.Category.MAINLAND;
        break;
      case 1:
        category = Nirs.Category.OVERSEAS;
        break;
      case 2:
        category = Nirs.Category.ABROAD;
        break;
      default:
        category = born.getYear() >= 1976 ? Nirs.Category.CORSICA : Nirs.Category.CORSICA_PRE_1976;
    }
    Parts p = Parts.valid(random, category, BirthMonth.Kind.KNOWN);
    p.sex = (sex == Sex.MALE ? 1 : 2) + (provisional ? 6 : 0);
    p.year = born.getYear() % 100;
    p.month = born.getMonthValue();
    return provisional ? NirProfile.LENIENT.parseBody(p.body()) : Nir.fromBody(p.body());
  }

  private static Sex other(Sex sex) {
    return sex == Sex.MALE ? Sex.FEMALE : Sex.MALE;
  }

  private static LocalDate between(SplittableRandom random, LocalDate from, LocalDate to) {
    long days = to.toEpochDay() - from.toEpochDay() + 1;
    return LocalDate.ofEpochDay(from.toEpochDay() + random.nextLong(days));
  }
}
