package io.github.nirguard.policy;

import io.github.nirguard.record.Sensitivity;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The checks a policy passes as a whole when it is built, beyond each rule's own: columns once,
 * direct identifiers kept in clear only by {@code allow-clear}, and the {@code require} rules
 * (least generalisation and outlier suppression need {@code require k}; {@code allow-clear} and
 * {@code require l} name columns the policy has). Each mistake is a {@link PolicyException} at its
 * line, checked in this order.
 */
final class PolicyChecks {
  private PolicyChecks() {}

  /**
   * Checks a policy; the lines are those of the policy file's first {@code allow-clear}, {@code
   * require l} and {@code suppress-outliers} (0 when made in code).
   */
  static void check(ProtectionPolicy p, int allowClearLine, int requireLine, int suppressLine) {
    Set<String> seen = new HashSet<>();
    for (ColumnRule r : p.rules()) {
      String name = r.field().name();
      if (!seen.add(name)) {
        throw new PolicyException(r.line(), "column '" + name + "' appears twice");
      }
      if (keepsDirectIdentifier(r) && !p.clearIdentifiers().contains(name)) {
        throw new PolicyException(
            r.line(),
            "column '"
                + name
                + "' is a direct identifier ("
                + r.field().type().label()
                + ") and 'keep' would write it in clear: protect it, or say 'allow-clear "
                + name
                + "' in the policy");
      }
    }
    if (p.rules().isEmpty()) {
      throw new PolicyException(0, "the policy has no column");
    }
    if (p.requiredK() == 0) {
      for (ColumnRule r : p.rules()) {
        if (r.action() == Action.GENERALIZE_LEAST) {
          throw new PolicyException(
              r.line(),
              "column '"
                  + r.field().name()
                  + "': generalize:"
                  + Objects.requireNonNull(r.range()).label()
                  + " chooses the least rung reaching k: the policy needs 'require k >= N'");
        }
      }
      if (p.suppressionPercent() > 0) {
        throw new PolicyException(
            suppressLine, "suppress-outliers needs 'require k >= N' (outliers of what?)");
      }
    }
    for (String name : p.clearIdentifiers()) {
      if (p.rules().stream()
          .noneMatch(r -> r.field().name().equals(name) && keepsDirectIdentifier(r))) {
        throw new PolicyException(
            allowClearLine,
            "allow-clear '" + name + "' names no direct identifier the policy keeps");
      }
    }
    for (String column : p.requiredL().keySet()) {
      if (p.rules().stream()
          .noneMatch(
              r ->
                  r.field().name().equals(column)
                      && r.action() != Action.DROP
                      && r.action() != Action.SEAL)) {
        throw new PolicyException(
            requireLine,
            "require l names '" + column + "', which is no column the policy writes in clear");
      }
    }
  }

  private static boolean keepsDirectIdentifier(ColumnRule r) {
    return r.action() == Action.KEEP && r.field().sensitivity() == Sensitivity.DIRECT_IDENTIFIER;
  }
}
