package io.github.nirguard.testkit;

import static io.github.nirguard.samples.draw.Draw.between;
import static io.github.nirguard.samples.draw.Draw.pick;
import static io.github.nirguard.testkit.Parts.CATEGORIES;
import static io.github.nirguard.testkit.Parts.STRICT_KINDS;
import static io.github.nirguard.testkit.Parts.zeroCommunePlace;

import io.github.nirguard.core.Leniency;
import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirProfile;
import io.github.nirguard.testkit.Nirs.Category;
import java.util.Objects;

/**
 * NIRs off the strict rules: never-real ones (month 13–19, correct key) and lenient-only ones
 * (exactly one departure that {@code NirProfile.LENIENT} admits).
 */
final class OffStrictNirs {
  private OffStrictNirs() {}

  /** The generator for {@link Nirs#neverReal()}. */
  static Gen<Nir> neverReal() {
    return random -> {
      Parts p = Parts.valid(random);
      p.month = between(random, 13, 19);
      return NirProfile.CHECKSUM_ONLY.parseBody(p.body());
    };
  }

  /** The generator for {@link Nirs#lenientOnly(Leniency)}. */
  static Gen<Nir> lenientOnly(Leniency leniency) {
    Objects.requireNonNull(leniency, "leniency");
    return random -> {
      Category category = pick(random, CATEGORIES);
      Parts p = Parts.valid(random, category, pick(random, STRICT_KINDS));
      switch (leniency) {
        case SEX_3_4:
          p.sex = 3 + random.nextInt(2);
          break;
        case SEX_7_8:
          p.sex = 7 + random.nextInt(2);
          break;
        case MONTH_43_49:
          p.month = between(random, 43, 49);
          break;
        case ZERO_ORDER:
          p.order = 0;
          break;
        case ZERO_COMMUNE:
          p.place = zeroCommunePlace(random, category);
          break;
        default:
          throw new AssertionError(leniency);
      }
      return NirProfile.LENIENT.parseBody(p.body());
    };
  }
}
