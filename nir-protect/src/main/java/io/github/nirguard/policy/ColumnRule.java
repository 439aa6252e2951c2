package io.github.nirguard.policy;

import io.github.nirguard.record.FieldSpec;
import io.github.nirguard.record.Ladder;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One line of a policy: a column, its type and sensitivity, the action applied to it and, for
 * {@link Action#GENERALIZE_LEAST}, the range of rungs of its ladder to choose from.
 *
 * <pre>{@code
 * new ColumnRule(FieldSpec.of("nir", FieldType.NIR), Action.FPE_AND_TOKEN, 5);
 * new ColumnRule(FieldSpec.of("birth_date", FieldType.BIRTH_DATE), Action.GENERALIZE_LEAST, 6,
 *     Ladder.BIRTH_DATE.range("year", "5-year"));
 * }</pre>
 *
 * @param field the column
 * @param action the action
 * @param line the policy file line it came from, or 0
 * @param range for {@link Action#GENERALIZE_LEAST}, the rungs to choose from (null: every
 *     generalising rung of the type's ladder); null for any other action
 * @since 0.1.0
 */
public record ColumnRule(FieldSpec field, Action action, int line, Ladder.@Nullable Range range) {
  /**
   * Checks that the action fits the field, and the range the action.
   *
   * @param field the column
   * @param action the action
   * @param line the policy file line, or 0
   * @param range the range of rungs, or null
   */
  public ColumnRule {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(action, "action");
    if (!action.fits(field.type())) {
      throw new PolicyException(
          line,
          "action '"
              + action.label()
              + "' does not fit column '"
              + field.name()
              + "' of type "
              + field.type().label());
    }
    if (action == Action.GENERALIZE_LEAST) {
      Ladder ladder = Ladder.of(field.type()).orElseThrow();
      if (range == null) {
        range = ladder.auto();
      } else if (!range.ladder().equals(ladder)) {
        throw new PolicyException(
            line, "column '" + field.name() + "': a range of another type's ladder");
      }
    } else if (range != null) {
      throw new PolicyException(
          line, "column '" + field.name() + "': a range of rungs needs generalize:auto");
    }
  }

  /**
   * A rule without a range of rungs (for {@link Action#GENERALIZE_LEAST}: the whole ladder's).
   *
   * @param field the column
   * @param action the action
   * @param line the policy file line, or 0
   */
  public ColumnRule(FieldSpec field, Action action, int line) {
    this(field, action, line, null);
  }

  /**
   * Returns the action as a policy file writes it: the label, or {@code generalize:FROM..TO}.
   *
   * @return e.g. {@code seal}, {@code generalize:year-month..5-year}
   */
  public String actionText() {
    return range == null ? action.label() : "generalize:" + range.label();
  }
}
