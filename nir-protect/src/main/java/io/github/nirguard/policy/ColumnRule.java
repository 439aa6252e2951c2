package io.github.nirguard.policy;

import io.github.nirguard.record.FieldSpec;
import java.util.Objects;

/**
 * One line of a policy: a column, its type and sensitivity, and the action applied to it.
 *
 * <pre>{@code
 * new ColumnRule(FieldSpec.of("nir", FieldType.NIR), Action.FPE_AND_TOKEN, 5);
 * }</pre>
 *
 * @param field the column
 * @param action the action
 * @param line the policy file line it came from, or 0
 * @since 0.1.0
 */
public record ColumnRule(FieldSpec field, Action action, int line) {
  /**
   * Checks that the action fits the field.
   *
   * @param field the column
   * @param action the action
   * @param line the policy file line, or 0
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
  }
}
