package io.github.nirguard.testkit;

import static io.github.nirguard.samples.draw.Draw.pick;
import static io.github.nirguard.samples.draw.Draw.pickInt;
import static io.github.nirguard.samples.draw.Draw.two;
import static io.github.nirguard.testkit.InvalidNirs.provisional;
import static io.github.nirguard.testkit.Layout.decorate;
import static io.github.nirguard.testkit.Parts.validNir;

import io.github.nirguard.core.Nir;
import java.util.SplittableRandom;

/**
 * Texts rejected with {@code TOO_SHORT} (truncations, deletions, phone numbers) or {@code TOO_LONG}
 * (appended digits, two NIRs pasted together, long runs of digits).
 */
final class InvalidLengths {
  private InvalidLengths() {}

  static String tooShort(SplittableRandom random) {
    Nir nir = validNir(random);
    String compact = nir.compact();
    switch (random.nextInt(5)) {
      case 0:
        { // truncated: 1-12 or 14 characters
          int m = 1 + random.nextInt(13);
          m = m == 13 ? 14 : m;
          return decorate(random, compact.substring(0, m), true);
        }
      case 1:
        { // characters deleted in the middle (after the Corsica letters, if any)
          int m = 1 + random.nextInt(13);
          m = m == 13 ? 14 : m;
          int first = nir.corsicaLetter() != 0 ? 7 : 0;
          m = Math.max(m, first);
          StringBuilder b = new StringBuilder(compact);
          while (b.length() > m) {
            b.deleteCharAt(first + random.nextInt(b.length() - first));
          }
          return decorate(random, b.toString(), true);
        }
      case 2:
        { // 13 characters that are not a valid body, nor an NNP or MIG: no "missing key"
          Parts p = Parts.valid(random);
          switch (random.nextInt(4)) {
            case 0:
              p.sex = pickInt(random, 0, 3, 4, 9);
              break;
            case 1:
              p.month = pickInt(random, 0, 13, 16, 19, 43, 49);
              break;
            case 2:
              p.order = 0;
              break;
            default:
              p.place = "00" + p.place.substring(2);
              break;
          }
          return decorate(random, p.body(), true);
        }
      case 3:
        { // an NNP or MIG with a digit too few
          String provisional =
              random.nextBoolean()
                  ? provisional(random, "78", "012")
                  : provisional(random, "56", "12");
          StringBuilder b = new StringBuilder(provisional).deleteCharAt(random.nextInt(13));
          return decorate(random, b.toString(), true);
        }
      default:
        { // a French phone number or another short number
          StringBuilder b = new StringBuilder("0").append(1 + random.nextInt(9));
          for (int i = 0; i < 4; i++) {
            b.append(' ');
            two(b, random.nextInt(100));
          }
          return b.toString();
        }
    }
  }

  static String tooLong(SplittableRandom random) {
    Nir nir = validNir(random);
    String compact = nir.compact();
    switch (random.nextInt(4)) {
      case 0:
        { // digits appended
          StringBuilder b = new StringBuilder(compact);
          int extra = 1 + random.nextInt(3);
          for (int i = 0; i < extra; i++) {
            b.append((char) ('0' + random.nextInt(10)));
          }
          return decorate(random, b.toString(), true);
        }
      case 1:
        { // digits inserted (after the Corsica letters, if any)
          StringBuilder b = new StringBuilder(compact);
          int first = nir.corsicaLetter() != 0 ? 7 : 0;
          int extra = 1 + random.nextInt(3);
          for (int i = 0; i < extra; i++) {
            b.insert(
                first + random.nextInt(b.length() - first + 1), (char) ('0' + random.nextInt(10)));
          }
          return decorate(random, b.toString(), true);
        }
      case 2:
        { // two NIRs pasted together
          Nir second = validNir(random);
          return decorate(random, compact, true)
              + pick(random, " ", "", "\t", "  ", " - ")
              + second.display();
        }
      default:
        { // a long run of digits
          int n = 16 + random.nextInt(10);
          StringBuilder b = new StringBuilder(n);
          for (int i = 0; i < n; i++) {
            b.append((char) ('0' + random.nextInt(10)));
          }
          return decorate(random, b.toString(), true);
        }
    }
  }
}
