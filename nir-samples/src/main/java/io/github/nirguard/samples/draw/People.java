package io.github.nirguard.samples.draw;

import io.github.nirguard.core.Nir;
import io.github.nirguard.core.Sex;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Birth dates and names of synthetic people.
 *
 * <p>Names come from short lists of common French last names and first names (by sex). Birth dates
 * lie between 1900-01-01 and 2025-12-31 (a fixed range, so that a seed gives the same people on
 * every day); a Corsica birth place {@code 2A}/{@code 2B} gets a date from 1976 on, {@code 20} a
 * date before 1976.
 *
 * <pre>{@code
 * LocalDate date = People.birthDate(random, Place.CORSICA);   // from 1976-01-01
 * Person p = People.named(random, nir, date);                 // the sex comes from the NIR
 * }</pre>
 *
 * @since 0.1.0
 */
public final class People {
  /** The earliest birth date drawn. */
  public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

  /** The latest birth date drawn: fixed, never in the future. */
  public static final LocalDate LATEST = LocalDate.of(2025, 12, 31);

  /** The first day of 2A/2B. */
  public static final LocalDate CORSICA_DIVISION = LocalDate.of(1976, 1, 1);

  private static final LocalDate[] EDGE_DATES = {
    EARLIEST,
    LATEST,
    CORSICA_DIVISION,
    CORSICA_DIVISION.minusDays(1),
    LocalDate.of(1900, 12, 31),
    LocalDate.of(1999, 12, 31),
    LocalDate.of(2000, 1, 1),
    LocalDate.of(2000, 2, 29),
    LocalDate.of(1904, 2, 29),
    LocalDate.of(2024, 2, 29),
    LocalDate.of(1950, 1, 31),
    LocalDate.of(1969, 7, 21)
  };

  private static final String[] LAST_NAMES = {
    "Martin",
    "Bernard",
    "Thomas",
    "Petit",
    "Robert",
    "Richard",
    "Durand",
    "Dubois",
    "Moreau",
    "Laurent",
    "Simon",
    "Michel",
    "Lefebvre",
    "Leroy",
    "Roux",
    "David",
    "Bertrand",
    "Morel",
    "Fournier",
    "Girard",
    "Bonnet",
    "Dupont",
    "Lambert",
    "Fontaine",
    "Rousseau",
    "Vincent",
    "Muller",
    "Lef\u00E8vre",
    "Faure",
    "Andr\u00E9",
    "Mercier",
    "Blanc",
    "Gu\u00E9rin",
    "Boyer",
    "Garnier",
    "Chevalier",
    "Fran\u00E7ois",
    "Legrand",
    "Gauthier",
    "Garcia",
    "Perrin",
    "Robin",
    "Cl\u00E9ment",
    "Morin",
    "Nicolas",
    "Henry",
    "Roussel",
    "Mathieu",
    "Masson",
    "Nguyen",
    "Le Gall",
    "Da Silva",
    "N'Diaye",
    "Benali",
    "Santini",
    "Paoli",
    "Hoarau",
    "Payet"
  };

  private static final String[] MALE_FIRST_NAMES = {
    "Jean",
    "Pierre",
    "Michel",
    "Andr\u00E9",
    "Philippe",
    "Louis",
    "Nicolas",
    "Fran\u00E7ois",
    "Thomas",
    "Lucas",
    "Hugo",
    "Gabriel",
    "L\u00E9o",
    "Jules",
    "Arthur",
    "Paul",
    "Antoine",
    "Julien",
    "Alain",
    "Jacques",
    "Daniel",
    "Christophe",
    "\u00C9ric",
    "Patrick",
    "St\u00E9phane",
    "S\u00E9bastien",
    "Rapha\u00EBl",
    "Noah",
    "Adam",
    "Ma\u00EBl",
    "Mohamed",
    "Karim",
    "Jean-Pierre",
    "Jean-Luc"
  };

  private static final String[] FEMALE_FIRST_NAMES = {
    "Marie",
    "Jeanne",
    "Fran\u00E7oise",
    "Monique",
    "Catherine",
    "Nathalie",
    "Isabelle",
    "Sylvie",
    "Anne",
    "Sophie",
    "Julie",
    "Camille",
    "L\u00E9a",
    "Manon",
    "Emma",
    "Chlo\u00E9",
    "In\u00E8s",
    "Jade",
    "Louise",
    "Alice",
    "Lina",
    "Sarah",
    "C\u00E9line",
    "Sandrine",
    "Val\u00E9rie",
    "Christine",
    "Martine",
    "H\u00E9l\u00E8ne",
    "Aur\u00E9lie",
    "\u00C9lodie",
    "Zo\u00E9",
    "Fatima",
    "Ana\u00EFs",
    "Marie-Claire",
    "Anne-Sophie"
  };

  private People() {}

  /**
   * Returns the first names drawn for people of a sex.
   *
   * @param sex the sex
   * @return the names, unmodifiable
   */
  public static List<String> firstNames(Sex sex) {
    return List.of(sex == Sex.FEMALE ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
  }

  /**
   * Draws a birth date in the range allowed for the place, now and then an edge date.
   *
   * @param random the random source
   * @param place the kind of place of birth
   * @return the date
   */
  public static LocalDate birthDate(SplittableRandom random, Place place) {
    LocalDate from = place == Place.CORSICA ? CORSICA_DIVISION : EARLIEST;
    LocalDate to = place == Place.CORSICA_PRE_1976 ? CORSICA_DIVISION.minusDays(1) : LATEST;
    if (random.nextInt(8) == 0) {
      LocalDate edge = Draw.pick(random, EDGE_DATES);
      if (!edge.isBefore(from) && !edge.isAfter(to)) {
        return edge;
      }
    }
    long days = to.toEpochDay() - from.toEpochDay() + 1;
    return LocalDate.ofEpochDay(from.toEpochDay() + random.nextLong(days));
  }

  /**
   * Draws a first name for the sex of the NIR, then a last name.
   *
   * @param random the random source
   * @param nir the NIR, which gives the sex
   * @param date the birth date
   * @return the person
   */
  public static Person named(SplittableRandom random, Nir nir, LocalDate date) {
    Sex sex = nir.sex();
    String first = Draw.pick(random, sex == Sex.FEMALE ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
    return new Person(nir, Draw.pick(random, LAST_NAMES), first, date, sex);
  }
}
