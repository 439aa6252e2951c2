package io.github.nirguard.testkit;

import io.github.nirguard.core.BirthMonth;
import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirProfile;
import io.github.nirguard.core.Sex;
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
  /** The earliest birth date generated. */
  static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
  /** The latest birth date generated: fixed, never in the future. */
  static final LocalDate LATEST = LocalDate.of(2025, 12, 31);
  /** The first day of 2A/2B. */
  static final LocalDate CORSICA_DIVISION = LocalDate.of(1976, 1, 1);

  private static final LocalDate[] EDGE_DATES = {
    EARLIEST, LATEST, CORSICA_DIVISION, CORSICA_DIVISION.minusDays(1),
    LocalDate.of(1900, 12, 31), LocalDate.of(1999, 12, 31), LocalDate.of(2000, 1, 1),
    LocalDate.of(2000, 2, 29), LocalDate.of(1904, 2, 29), LocalDate.of(2024, 2, 29),
    LocalDate.of(1950, 1, 31), LocalDate.of(1969, 7, 21)
  };

  private static final String[] LAST_NAMES = {
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau",
    "Laurent", "Simon", "Michel", "Lefebvre", "Leroy", "Roux", "David", "Bertrand", "Morel",
    "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent",
    "Muller", "Lef\u00E8vre", "Faure", "Andr\u00E9", "Mercier", "Blanc", "Gu\u00E9rin", "Boyer",
    "Garnier", "Chevalier", "Fran\u00E7ois", "Legrand", "Gauthier", "Garcia", "Perrin", "Robin",
    "Cl\u00E9ment", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Masson", "Nguyen",
    "Le Gall", "Da Silva", "N'Diaye", "Benali", "Santini", "Paoli", "Hoarau", "Payet"
  };

  private static final String[] MALE_FIRST_NAMES = {
    "Jean", "Pierre", "Michel", "Andr\u00E9", "Philippe", "Louis", "Nicolas", "Fran\u00E7ois",
    "Thomas", "Lucas", "Hugo", "Gabriel", "L\u00E9o", "Jules", "Arthur", "Paul", "Antoine",
    "Julien", "Alain", "Jacques", "Daniel", "Christophe", "\u00C9ric", "Patrick", "St\u00E9phane",
    "S\u00E9bastien", "Rapha\u00EBl", "Noah", "Adam", "Ma\u00EBl", "Mohamed", "Karim", "Jean-Pierre",
    "Jean-Luc"
  };

  private static final String[] FEMALE_FIRST_NAMES = {
    "Marie", "Jeanne", "Fran\u00E7oise", "Monique", "Catherine", "Nathalie", "Isabelle", "Sylvie",
    "Anne", "Sophie", "Julie", "Camille", "L\u00E9a", "Manon", "Emma", "Chlo\u00E9", "In\u00E8s",
    "Jade", "Louise", "Alice", "Lina", "Sarah", "C\u00E9line", "Sandrine", "Val\u00E9rie",
    "Christine", "Martine", "H\u00E9l\u00E8ne", "Aur\u00E9lie", "\u00C9lodie", "Zo\u00E9",
    "Fatima", "Ana\u00EFs", "Marie-Claire", "Anne-Sophie"
  };

  private static final Nirs.Category[] CATEGORIES = Nirs.Category.values();
  private static final BirthMonth.Kind[] KINDS = {
    BirthMonth.Kind.KNOWN, BirthMonth.Kind.PSEUDO_FICTITIOUS, BirthMonth.Kind.UNKNOWN
  };

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
      Nirs.Category category = Nirs.pick(random, CATEGORIES);
      BirthMonth.Kind kind = Nirs.pick(random, KINDS);
      LocalDate date = birthDate(random, category);
      Nirs.Parts p = parts(random, category, kind, date);
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
      Nirs.Category category = Nirs.pick(random, CATEGORIES);
      LocalDate date = birthDate(random, category);
      Nirs.Parts p = parts(random, category, BirthMonth.Kind.KNOWN, date);
      p.month = Nirs.between(random, 13, 19);
      return record(random, NirProfile.CHECKSUM_ONLY.parseBody(p.body()), date);
    };
  }

  private static Nirs.Parts parts(SplittableRandom random, Nirs.Category category,
      BirthMonth.Kind kind, LocalDate date) {
    Nirs.Parts p = Nirs.Parts.valid(random, category, kind);
    p.year = date.getYear() % 100;
    if (kind == BirthMonth.Kind.KNOWN) {
      p.month = date.getMonthValue();
    } else if (kind == BirthMonth.Kind.PSEUDO_FICTITIOUS) {
      p.month = date.getMonthValue() + 30;
    }
    return p;
  }

  private static SyntheticRecord record(SplittableRandom random, Nir nir, LocalDate date) {
    Sex sex = nir.sex();
    String first = Nirs.pick(random, sex == Sex.FEMALE ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
    return new SyntheticRecord(nir, Nirs.pick(random, LAST_NAMES), first, date, sex);
  }

  /** A birth date in the range allowed for the category, now and then an edge date. */
  private static LocalDate birthDate(SplittableRandom random, Nirs.Category category) {
    LocalDate from = category == Nirs.Category.CORSICA ? CORSICA_DIVISION : EARLIEST;
    LocalDate to = category == Nirs.Category.CORSICA_PRE_1976 ? CORSICA_DIVISION.minusDays(1) : LATEST;
    if (random.nextInt(8) == 0) {
      LocalDate edge = Nirs.pick(random, EDGE_DATES);
      if (!edge.isBefore(from) && !edge.isAfter(to)) {
        return edge;
      }
    }
    long days = to.toEpochDay() - from.toEpochDay() + 1;
    return LocalDate.ofEpochDay(from.toEpochDay() + random.nextLong(days));
  }
}
