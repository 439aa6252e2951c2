package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nirguard.core.Nir;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Gen;
import io.github.nirguard.testkit.Nirs;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of lifecycle operations on one PRP token keyset, checked against a small model
 * of Tink's semantics: after each step the ring's statuses, primary key and version match the
 * model, refused steps throw the model's exception and change nothing, the earlier manager is
 * unchanged, and at the end a token made under each key reveals to its NIR exactly when the model
 * says the key is enabled, and is refused otherwise (never another value).
 */
class KeyRingManagerModelTest {
  static final String P = "model";

  /** One step: an operation and a draw that picks its key among the model's keys. */
  record Step(int operation, int pick) {}

  /** A NIR and a sequence of steps. */
  record Case(Nir nir, List<Step> steps) {}

  static final Gen<Case> CASES =
      random -> {
        Nir nir = Nirs.valid().next(random);
        List<Step> steps = new ArrayList<>();
        int n = 1 + random.nextInt(10);
        for (int i = 0; i < n; i++) {
          steps.add(new Step(random.nextInt(5), random.nextInt(1 << 16)));
        }
        return new Case(nir, steps);
      };

  /** The model: each key's status in order of creation, and the primary key's id. */
  static final class Model {
    final Map<Integer, String> status = new LinkedHashMap<>();
    int primary;
    long version;

    /** What a change of {@code id} by {@code operation} must throw, or null if it is allowed. */
    Class<? extends RuntimeException> refusal(int operation, int id) {
      String s = status.get(id);
      boolean destroyed = "DESTROYED".equals(s);
      switch (operation) {
        case 1: // disable
        case 3: // destroy
          return id == primary
              ? IllegalArgumentException.class
              : destroyed ? IllegalStateException.class : null;
        case 2: // enable
          return destroyed ? IllegalStateException.class : null;
        case 4: // promote
          return "ENABLED".equals(s) ? null : IllegalStateException.class;
        default:
          throw new AssertionError(operation);
      }
    }

    void apply(int operation, int id) {
      switch (operation) {
        case 1 -> status.put(id, "DISABLED");
        case 2 -> status.put(id, "ENABLED");
        case 3 -> status.put(id, "DESTROYED");
        case 4 -> primary = id;
        default -> throw new AssertionError(operation);
      }
      version++;
    }
  }

  static KeyRingManager change(KeyRingManager m, int operation, int id)
      throws GeneralSecurityException {
    return switch (operation) {
      case 1 -> m.disable(P, KeyKind.PRP_TOKEN, id);
      case 2 -> m.enable(P, KeyKind.PRP_TOKEN, id);
      case 3 -> m.destroy(P, KeyKind.PRP_TOKEN, id);
      case 4 -> m.promote(P, KeyKind.PRP_TOKEN, id);
      default -> throw new AssertionError(operation);
    };
  }

  static void matches(Model model, KeyRing ring) {
    Map<Integer, String> seen = new LinkedHashMap<>();
    int primary = 0;
    for (KeyInfo k : ring.describe()) {
      seen.put(k.keyId(), k.status());
      if (k.primary()) {
        primary = k.keyId();
      }
    }
    assertEquals(model.status, seen, "statuses");
    assertEquals(model.primary, primary, "primary key");
    assertEquals(model.version, ring.version(), "version");
  }

  @Test
  void lifecycleSequencesFollowTinksSemantics() {
    ForAll.check(
        "key ring lifecycle against the model",
        Math.max(40, ForAll.size() / 50),
        ForAll.seed(),
        CASES,
        c -> {
          try {
            run(c);
          } catch (GeneralSecurityException e) {
            throw new AssertionError("a Tink operation failed", e);
          }
        });
  }

  private static void run(Case c) throws GeneralSecurityException {
    KeyRingManager m = KeyRingManager.empty().add(P, KeyKind.PRP_TOKEN);
    Model model = new Model();
    Map<Integer, Token> tokens = new LinkedHashMap<>();
    int first = m.ring().describe().get(0).keyId();
    model.status.put(first, "ENABLED");
    model.primary = first;
    model.version = 1;
    tokens.put(first, ReversibleTokenizer.prp(m.ring(), P).tokenize(c.nir()));
    for (Step s : c.steps()) {
      KeyRingManager before = m;
      KeyRing ringBefore = m.ring();
      if (s.operation() == 0) {
        m = m.rotate(P, KeyKind.PRP_TOKEN);
        int id =
            m.ring().describe().stream().filter(KeyInfo::primary).findFirst().orElseThrow().keyId();
        model.status.put(id, "ENABLED");
        model.primary = id;
        model.version++;
        tokens.put(id, ReversibleTokenizer.prp(m.ring(), P).tokenize(c.nir()));
      } else {
        List<Integer> ids = new ArrayList<>(model.status.keySet());
        int id = ids.get(s.pick() % ids.size());
        Class<? extends RuntimeException> refused = model.refusal(s.operation(), id);
        if (refused != null) {
          KeyRingManager at = m;
          assertThrows(refused, () -> change(at, s.operation(), id));
        } else {
          m = change(m, s.operation(), id);
          model.apply(s.operation(), id);
        }
      }
      matches(model, m.ring());
      assertSame(ringBefore, before.ring(), "the earlier manager keeps its ring");
    }
    ReversibleTokenizer prp = ReversibleTokenizer.prp(m.ring(), P);
    for (Map.Entry<Integer, Token> e : tokens.entrySet()) {
      if ("ENABLED".equals(model.status.get(e.getKey()))) {
        assertEquals(c.nir(), prp.reveal(e.getValue()));
      } else {
        assertThrows(GeneralSecurityException.class, () -> prp.reveal(e.getValue()));
      }
    }
  }
}
