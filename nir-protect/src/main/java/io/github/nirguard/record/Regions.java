package io.github.nirguard.record;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Department → region, INSEE codes of the regions of 1 January 2016. */
final class Regions {
  private static final Map<String, String> REGION = new HashMap<>();

  static {
    region("84", "01 03 07 15 26 38 42 43 63 69 73 74"); // Auvergne-Rhône-Alpes
    region("27", "21 25 39 58 70 71 89 90"); // Bourgogne-Franche-Comté
    region("53", "22 29 35 56"); // Bretagne
    region("24", "18 28 36 37 41 45"); // Centre-Val de Loire
    region("94", "2A 2B 20"); // Corse (20: a postcode prefix some files still carry)
    region("44", "08 10 51 52 54 55 57 67 68 88"); // Grand Est
    region("32", "02 59 60 62 80"); // Hauts-de-France
    region("11", "75 77 78 91 92 93 94 95"); // Île-de-France
    region("28", "14 27 50 61 76"); // Normandie
    region("75", "16 17 19 23 24 33 40 47 64 79 86 87"); // Nouvelle-Aquitaine
    region("76", "09 11 12 30 31 32 34 46 48 65 66 81 82"); // Occitanie
    region("52", "44 49 53 72 85"); // Pays de la Loire
    region("93", "04 05 06 13 83 84"); // Provence-Alpes-Côte d'Azur
    region("01", "971"); // Guadeloupe
    region("02", "972"); // Martinique
    region("03", "973"); // Guyane
    region("04", "974"); // La Réunion
    region("06", "976"); // Mayotte
  }

  private Regions() {}

  private static void region(String code, String departments) {
    for (String d : departments.split(" ")) {
      if (REGION.put(d, code) != null) {
        throw new IllegalStateException("department in two regions");
      }
    }
  }

  /** Whether a code is a region's, or a collectivity's that has none (the top of the ladder). */
  static boolean isRegion(String code) {
    return REGION.containsValue(code) || code.equals(of(code)) && code.length() == 3;
  }

  /** The region of a department; an overseas collectivity (97x, 98x) without one keeps its code. */
  static @Nullable String of(String department) {
    String r = REGION.get(department);
    if (r != null) {
      return r;
    }
    if (department.length() == 3
        && (department.startsWith("97") || department.startsWith("98"))
        && Character.isDigit(department.charAt(2))) {
      return department;
    }
    return null;
  }
}
