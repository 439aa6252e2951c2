package io.github.nirguard.drills;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.crypto.KeyedTokenizer;
import io.github.nirguard.crypto.NirFpe;
import io.github.nirguard.crypto.RecordSealer;
import io.github.nirguard.crypto.ReversibleTokenizer;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Nirs;
import io.github.nirguard.testkit.Records;
import io.github.nirguard.testkit.SyntheticRecord;
import io.github.nirguard.validate.NirValidator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every public primitive used from 8 threads at once gives exactly the results of one thread (the
 * row engine's own drill is in nir-protect). Deterministic primitives are compared output by
 * output; AEAD sealing (randomized) is compared through opening.
 */
class ConcurrencyDrillTest {
  static final int THREADS = 8;
  static KeyRing ring;
  static ExecutorService pool;
  static List<Nir> nirs;

  /** The seed of every input drawn here: the one failure messages print (-Dnirguard.seed=...). */
  static final long SEED = ForAll.seed();

  @BeforeAll
  static void setUp() throws Exception {
    ring = KeyRingManager.empty().add("drill", KeyKind.values()).ring();
    pool = Executors.newFixedThreadPool(THREADS);
    nirs = Nirs.valid().sample(SEED, Math.max(1000, ForAll.size()));
  }

  @AfterAll
  static void tearDown() {
    pool.shutdownNow();
  }

  /** Runs f over the inputs on one thread, then on 8 threads started together; both must agree. */
  static <T, R> void hammer(String what, List<T> inputs, Function<T, R> f) throws Exception {
    List<R> expected = new ArrayList<>();
    for (T t : inputs) {
      expected.add(f.apply(t));
    }
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<R>>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int offset = t;
      Callable<List<R>> task =
          () -> {
            start.await();
            R[] out = newArray(inputs.size());
            // each thread walks the inputs from a different offset, so calls interleave
            for (int k = 0; k < inputs.size(); k++) {
              int i = (k + offset * 97) % inputs.size();
              out[i] = f.apply(inputs.get(i));
            }
            return Arrays.asList(out);
          };
      futures.add(pool.submit(task));
    }
    start.countDown();
    for (Future<List<R>> fu : futures) {
      assertEquals(
          expected,
          fu.get(),
          what + ": a thread disagreed with the single-thread results (seed " + SEED + ")");
    }
  }

  @SuppressWarnings("unchecked")
  private static <R> R[] newArray(int n) {
    return (R[]) new Object[n];
  }

  @Test
  void validator() throws Exception {
    List<String> texts = new ArrayList<>();
    for (Nir n : nirs) {
      texts.add(n.display());
    }
    texts.addAll(Nirs.invalid(io.github.nirguard.core.NirError.KEY_MISMATCH).sample(1, 500));
    hammer("NirValidator", texts, t -> NirValidator.strict().validate(t));
  }

  @Test
  void tokenizers() throws Exception {
    KeyedTokenizer keyed = KeyedTokenizer.create(ring, "drill");
    ReversibleTokenizer prp = ReversibleTokenizer.prp(ring, "drill");
    ReversibleTokenizer siv = ReversibleTokenizer.siv(ring, "drill");
    hammer("KeyedTokenizer", nirs, keyed::tokenize);
    hammer("PRP tokenize", nirs, prp::tokenize);
    hammer("SIV tokenize", nirs, siv::tokenize);
    hammer(
        "PRP reveal",
        nirs,
        n -> {
          try {
            return prp.reveal(prp.tokenize(n));
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void fpe() throws Exception {
    NirFpe marked = NirFpe.create(ring, "drill");
    hammer("NirFpe encrypt", nirs, marked::encrypt);
    hammer(
        "NirFpe round trip",
        nirs,
        n -> {
          try {
            return marked.decrypt(marked.encrypt(n));
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void sealer() throws Exception {
    RecordSealer sealer = RecordSealer.create(ring, "drill");
    List<SyntheticRecord> people = Records.synthetic().sample(SEED, 1000);
    hammer(
        "RecordSealer seal+open",
        people,
        r -> {
          try {
            List<String> names = List.of("last_name", "first_name");
            return sealer.open(
                r.nir().compact(),
                names,
                sealer.seal(r.nir().compact(), names, List.of(r.lastName(), r.firstName())));
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }
}
