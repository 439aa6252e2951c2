package io.github.nirguard.policy;

import io.github.nirguard.record.Ladder;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Rungs chosen from the data put in a policy: each {@link Action#GENERALIZE_LEAST} rule becomes the
 * {@code generalize:} action of the chosen rung of its ladder, inside its range ({@link
 * ProtectionPolicy#withRungs}).
 */
final class RungChoice {
  private RungChoice() {}

  static ProtectionPolicy apply(ProtectionPolicy policy, Map<String, String> rungs) {
    PolicyBuilder b = PolicyBuilder.from(policy);
    b.rules.clear();
    Set<String> used = new HashSet<>();
    for (ColumnRule r : policy.rules()) {
      Ladder.Range range = r.range();
      if (range == null) {
        b.rules.add(r);
        continue;
      }
      String name = r.field().name();
      String rung = rungs.get(name);
      if (rung == null) {
        throw new IllegalArgumentException("no rung chosen for column '" + name + "'");
      }
      int i = range.ladder().rung(rung);
      if (i < range.from() || i > range.to()) {
        throw new IllegalArgumentException(
            "rung '" + rung + "' is outside column '" + name + "''s range " + range.label());
      }
      used.add(name);
      b.rules.add(new ColumnRule(r.field(), Action.forRung(range.ladder(), i), r.line()));
    }
    for (String name : rungs.keySet()) {
      if (!used.contains(name)) {
        throw new IllegalArgumentException(
            "column '" + name + "' is not generalised to a rung chosen from the data");
      }
    }
    return b.build();
  }
}
