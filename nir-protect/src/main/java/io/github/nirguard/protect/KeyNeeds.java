package io.github.nirguard.protect;

import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.policy.Action;
import io.github.nirguard.policy.ColumnRule;
import io.github.nirguard.policy.ProtectionPolicy;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The keysets a policy needs of its purpose, to protect or to reveal: the one place that knows
 * which action uses which key kind, and that anything reversible needs the row seal's {@link
 * KeyKind#RECORD} keyset.
 */
final class KeyNeeds {
  private KeyNeeds() {}

  /** Whether an action makes the row revealable, so that the row gets a row seal. */
  static boolean sealsRow(Action a) {
    return a == Action.SEAL
        || a == Action.FPE
        || a == Action.FPE_AND_TOKEN
        || a == Action.REVERSIBLE_TOKEN
        || a == Action.SCAN_REVERSIBLE;
  }

  static Set<KeyKind> of(ProtectionPolicy policy, boolean protect) {
    Set<KeyKind> needed = EnumSet.noneOf(KeyKind.class);
    boolean reversible = false;
    for (ColumnRule r : policy.rules()) {
      Action a = r.action();
      reversible |= sealsRow(a);
      switch (a) {
        case TOKEN:
        case SCAN:
          if (protect) {
            needed.add(KeyKind.TOKEN);
          }
          break;
        case FPE_AND_TOKEN:
          needed.add(KeyKind.TOKEN); // protect writes it, reveal recomputes it
          needed.add(KeyKind.FPE);
          break;
        case FPE:
          needed.add(KeyKind.FPE);
          break;
        case REVERSIBLE_TOKEN:
          needed.add(KeyKind.PRP_TOKEN);
          break;
        case SCAN_REVERSIBLE:
          needed.add(KeyKind.SIV_TOKEN);
          break;
        default:
          break;
      }
    }
    if (reversible) {
      needed.add(KeyKind.RECORD);
    }
    return Collections.unmodifiableSet(needed);
  }
}
