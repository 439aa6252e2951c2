package io.github.nirguard.guard;

import io.github.nirguard.core.Nir;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic France for the simulation: departments of birth with national weights, the few
 * maternity communes where most births of a department happen (with monthly births per sex, which
 * bound the order numbers that exist), births abroad by country, and a population whose ages follow
 * a pharmacy's customers. A NIR "exists" (the lookup service finds someone) when its order number
 * is within the births of its commune and month — the registry a robot walks.
 *
 * <p>Every NIR built here is structurally valid and may coincide with a real person's: the values
 * stay inside the test and are never printed.
 */
final class SimWorld {
  /** A place of birth: a department (or Corsica, an overseas department, or abroad). */
  static final class Dept {
    final int id; // 1-95 mainland, 20 Corsica, 971-976 overseas, 99 abroad
    final double weight; // national share of births, relative
    final int[] communes; // maternity communes (countries for abroad)
    final int[] births; // monthly births per sex, per maternity commune
    final double[] communeWeights;
    final boolean city;

    Dept(
        int id,
        double weight,
        int[] communes,
        int[] births,
        double[] communeWeights,
        boolean city) {
      this.id = id;
      this.weight = weight;
      this.communes = communes;
      this.births = births;
      this.communeWeights = communeWeights;
      this.city = city;
    }

    boolean overseas() {
      return id > 900;
    }

    boolean abroad() {
      return id == 99;
    }

    int birthsOf(int commune) {
      for (int i = 0; i < communes.length; i++) {
        if (communes[i] == commune) {
          return births[i];
        }
      }
      return abroad() ? 0 : 3; // small communes: a few births a month
    }
  }

  /** How a practice's patients are spread over places of birth. */
  static final class Mix {
    final Dept home;
    final Dept[] neighbours;
    final double local;
    final double neighbour;
    final double abroad;

    Mix(Dept home, Dept[] neighbours, double local, double neighbour, double abroad) {
      this.home = home;
      this.neighbours = neighbours;
      this.local = local;
      this.neighbour = neighbour;
      this.abroad = abroad;
    }
  }

  private static final int[] CITIES = {75, 92, 93, 94, 13, 69, 6, 31, 33, 59, 67};
  private static final Map<Integer, Double> BIG = new HashMap<>();

  static {
    double[][] big = {
      {75, 8}, {59, 5}, {13, 4}, {69, 4}, {92, 3}, {93, 3}, {62, 3}, {33, 3}, {94, 2.5},
      {31, 2.5}, {76, 2.5}, {6, 2}, {44, 2}, {67, 2}, {34, 2}, {38, 2}, {57, 2}, {78, 2},
      {91, 2}, {95, 2}, {77, 2}, {35, 1.8}, {29, 1.6}, {42, 1.5}, {54, 1.5}
    };
    for (double[] b : big) {
      BIG.put((int) b[0], b[1]);
    }
  }

  // INSEE country codes of frequent births abroad, and their weights
  private static final int[] COUNTRIES = {
    352, 350, 351, 139, 127, 134, 109, 212, 223, 341, 328, 401, 132, 243
  };
  private static final double[] COUNTRY_WEIGHTS = {20, 15, 7, 10, 5, 4, 2, 3, 2, 3, 2, 1, 2, 2};

  final List<Dept> depts = new ArrayList<>(); // everything but abroad
  final Dept abroad;
  final Map<Integer, Dept> byId = new HashMap<>();
  private final double[] cumulative; // national weights over depts + abroad
  private final List<Dept> all = new ArrayList<>();

  SimWorld(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    for (int d = 1; d <= 95; d++) {
      double w = d == 20 ? 0.5 : BIG.getOrDefault(d, 0.6 + 0.6 * r.nextDouble());
      add(maternityDept(r, d, w));
    }
    for (int d = 971; d <= 976; d++) {
      add(overseasDept(r, d, 0.5));
    }
    double[] cw = COUNTRY_WEIGHTS.clone();
    double sum = Arrays.stream(cw).sum();
    for (int i = 0; i < cw.length; i++) {
      cw[i] = 0.85 * cw[i] / sum; // 15 % spread over any country
    }
    int[] births = new int[COUNTRIES.length];
    Arrays.fill(births, 999);
    double national = depts.stream().mapToDouble(x -> x.weight).sum();
    abroad = new Dept(99, national * 0.12, COUNTRIES.clone(), births, cw, false);
    byId.put(99, abroad);
    all.addAll(depts);
    all.add(abroad);
    cumulative = new double[all.size()];
    double acc = 0;
    for (int i = 0; i < all.size(); i++) {
      acc += all.get(i).weight;
      cumulative[i] = acc;
    }
  }

  private void add(Dept d) {
    depts.add(d);
    byId.put(d.id, d);
  }

  private static Dept maternityDept(SplittableRandom r, int id, double weight) {
    int[] communes = distinct(r, 3, 1, 999);
    int[] births = new int[3];
    for (int k = 0; k < 3; k++) {
      births[k] = (int) Math.min(960, Math.max(15, Math.round(weight * 110 / (k + 1))));
    }
    boolean city = Arrays.stream(CITIES).anyMatch(c -> c == id);
    return new Dept(id, weight, communes, births, new double[] {0.5, 0.25, 0.1}, city);
  }

  private static Dept overseasDept(SplittableRandom r, int id, double weight) {
    int[] communes = distinct(r, 3, 1, 30);
    int[] births = {60, 30, 20};
    return new Dept(id, weight, communes, births, new double[] {0.5, 0.25, 0.1}, false);
  }

  private static int[] distinct(SplittableRandom r, int n, int from, int to) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      int c;
      boolean dup;
      do {
        c = r.nextInt(from, to + 1);
        dup = false;
        for (int j = 0; j < i; j++) {
          dup |= out[j] == c;
        }
      } while (dup);
      out[i] = c;
    }
    return out;
  }

  /** A department of birth drawn with the national weights (abroad included). */
  Dept national(SplittableRandom r) {
    double u = r.nextDouble() * cumulative[cumulative.length - 1];
    int i = Arrays.binarySearch(cumulative, u);
    return all.get(i >= 0 ? i : -i - 1);
  }

  /** A department of birth drawn uniformly (abroad counts as one). */
  Dept uniform(SplittableRandom r) {
    return all.get(r.nextInt(all.size()));
  }

  /** A department where a practice is (not abroad), drawn with the national weights. */
  Dept practiceDept(SplittableRandom r) {
    Dept d;
    do {
      d = national(r);
    } while (d.abroad());
    return d;
  }

  /** The birth mix of the residents of a department. */
  Mix mixOf(Dept home, SplittableRandom r) {
    List<Dept> n = new ArrayList<>();
    if (!home.overseas()) {
      for (int delta : new int[] {-2, -1, 1, 2}) {
        Dept x = byId.get(home.id + delta);
        if (x != null && !x.overseas() && x.id != 99) {
          n.add(x);
        }
      }
    }
    if (n.isEmpty()) {
      n.add(byId.get(75));
    }
    double local = home.city ? 0.35 + 0.15 * r.nextDouble() : 0.5 + 0.35 * r.nextDouble();
    double neighbour = home.city ? 0.10 + 0.10 * r.nextDouble() : 0.05 + 0.10 * r.nextDouble();
    double abr = home.city ? 0.12 + 0.08 * r.nextDouble() : 0.03 + 0.09 * r.nextDouble();
    return new Mix(home, n.toArray(new Dept[0]), local, neighbour, abr);
  }

  /** The place of birth of a resident: local, a neighbouring department, abroad, or anywhere. */
  Dept origin(Mix m, SplittableRandom r) {
    double u = r.nextDouble();
    if (u < m.local) {
      return m.home;
    }
    u -= m.local;
    if (u < m.neighbour) {
      return m.neighbours[r.nextInt(m.neighbours.length)];
    }
    u -= m.neighbour;
    if (u < m.abroad) {
      return abroad;
    }
    return national(r);
  }

  /** Age of a pharmacy's customer: more older people. */
  static int age(SplittableRandom r) {
    double u = r.nextDouble();
    if (u < 0.12) {
      return r.nextInt(0, 15);
    } else if (u < 0.24) {
      return r.nextInt(15, 30);
    } else if (u < 0.40) {
      return r.nextInt(30, 45);
    } else if (u < 0.60) {
      return r.nextInt(45, 60);
    } else if (u < 0.84) {
      return r.nextInt(60, 75);
    }
    return r.nextInt(75, 100);
  }

  /** A person born in {@code d}, with an existing order number. */
  Nir person(Dept d, int age, SplittableRandom r) {
    int commune;
    int births;
    if (d.abroad()) {
      if (r.nextDouble() < 0.85) {
        commune = pick(d.communes, d.communeWeights, r, 0.85);
      } else {
        commune = r.nextInt(1, 1000);
      }
      births = 999;
    } else if (r.nextDouble() < 0.85) {
      int k = pickIndex(d.communeWeights, r, 0.85);
      commune = d.communes[k];
      births = d.births[k];
    } else {
      commune = r.nextInt(1, d.overseas() ? 100 : 1000);
      births = d.birthsOf(commune);
    }
    int year = 2026 - age;
    return nir(1 + r.nextInt(2), year, 1 + r.nextInt(12), d, commune, 1 + r.nextInt(births), r);
  }

  /** A NIR that does not exist: a maternity commune, an order number past its births. */
  Nir ghost(Dept d, int age, SplittableRandom r) {
    Dept x = d.abroad() ? byId.get(75) : d;
    int k = r.nextInt(x.communes.length);
    int order = Math.min(999, x.births[k] + 1 + r.nextInt(30));
    return nir(1 + r.nextInt(2), 2026 - age, 1 + r.nextInt(12), x, x.communes[k], order, r);
  }

  static int pick(int[] values, double[] weights, SplittableRandom r, double total) {
    return values[pickIndex(weights, r, total)];
  }

  static int pickIndex(double[] weights, SplittableRandom r, double total) {
    double u = r.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** Builds a NIR from its parts; the key is computed. */
  static Nir nir(
      int sex, int fullYear, int month, Dept d, int commune, int order, SplittableRandom r) {
    StringBuilder b = new StringBuilder(13);
    b.append(sex);
    two(b, fullYear % 100);
    two(b, month);
    if (d.abroad()) {
      b.append("99");
      three(b, commune);
    } else if (d.overseas()) {
      three(b, d.id);
      two(b, commune);
    } else if (d.id == 20) {
      b.append(fullYear < 1976 ? "20" : (commune % 2 == 0 ? "2A" : "2B"));
      three(b, commune);
    } else {
      two(b, d.id);
      three(b, commune);
    }
    three(b, order);
    return Nir.fromBody(b);
  }

  private static void two(StringBuilder b, int v) {
    b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }

  private static void three(StringBuilder b, int v) {
    b.append((char) ('0' + v / 100))
        .append((char) ('0' + v / 10 % 10))
        .append((char) ('0' + v % 10));
  }

  /** Whether the lookup service finds someone with this NIR. */
  boolean exists(Nir nir) {
    long v = nir.numericBody();
    int place = (int) (v / 1000 % 100_000);
    int order = (int) (v % 1000);
    int deptId;
    int commune;
    if (nir.corsicaLetter() != 0) {
      deptId = 20;
      commune = place % 1000;
    } else {
      int d2 = place / 1000;
      if (d2 == 97 || d2 == 98) {
        deptId = place / 100;
        commune = place % 100;
      } else {
        deptId = d2;
        commune = place % 1000;
      }
    }
    Dept d = byId.get(deptId);
    if (d == null) {
      return false;
    }
    int births = d.abroad() ? 999 : d.birthsOf(commune);
    return order >= 1 && order <= births;
  }
}
