package io.github.nirguard.protect;

import io.github.nirguard.policy.Action;
import io.github.nirguard.policy.ColumnRule;
import io.github.nirguard.record.FieldType;
import io.github.nirguard.record.Generalize;
import io.github.nirguard.record.Ladder;
import org.jspecify.annotations.Nullable;

/** {@code generalize:…}: what {@link Generalize} makes of a date, postcode or commune code. */
final class GeneralizeCodec extends Codec {
  private final Action action;
  private final int rung; // on the type's ladder, or -1 (age-band)
  private final FieldType type;
  private final Engines engines;

  GeneralizeCodec(ColumnRule rule, int at, Engines engines) {
    super(rule, at, true);
    this.action = rule.action();
    this.type = rule.field().type();
    this.engines = engines;
    int r = -1;
    Ladder ladder = Ladder.of(type).orElse(null);
    for (int i = 1; ladder != null && i <= ladder.top(); i++) {
      if (Action.forRung(ladder, i) == action) {
        r = i;
      }
    }
    this.rung = r;
  }

  @Override
  @Nullable Problem protect(String v, String[] out, @Nullable Object block, int k) {
    if (v.isEmpty()) {
      out[at] = ""; // missing is not invalid
      return null;
    }
    String g;
    switch (action) {
      case GENERALIZE_YEAR:
        g = Generalize.year(v);
        break;
      case GENERALIZE_YEAR_MONTH:
        g = Generalize.yearMonth(v);
        break;
      case GENERALIZE_AGE_BAND:
        g = Generalize.ageBand(v, engines.policy.ageBandReference());
        break;
      case GENERALIZE_DEPARTMENT:
        g = Generalize.department(v, type == FieldType.COMMUNE);
        break;
      default: // the other rungs of a ladder
        g = Ladder.of(type).orElseThrow().generalize(v, rung);
    }
    if (g == null) {
      return problem(
          type == FieldType.BIRTH_DATE
              ? RowReason.INVALID_DATE
              : type == FieldType.POSTCODE
                  ? RowReason.INVALID_POSTCODE
                  : type == FieldType.AGE ? RowReason.INVALID_AGE : RowReason.INVALID_COMMUNE_CODE);
    }
    out[at] = g;
    return null;
  }
}
