package io.github.nirguard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The runner reports the property, the case and the seed, and never the value. */
class ForAllTest {

  @Test
  void runsSizeCasesOfTheSeededSequence() {
    List<Nir> seen = new ArrayList<>();
    ForAll.check("collect", 300, 99L, Nirs.valid(), seen::add);
    assertEquals(Nirs.valid().sample(99L, 300), seen, "the cases are gen.sample(seed, size)");

    AtomicInteger count = new AtomicInteger();
    ForAll.check("count", Nirs.valid(), nir -> count.incrementAndGet());
    assertEquals(ForAll.size(), count.get(), "size cases");
  }

  @Test
  void failureNamesPropertyCaseAndSeedButNeverTheValue() {
    long seed = 20261128L;
    List<Nir> values = Nirs.valid().sample(seed, 2000);
    int expectedIndex = -1;
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i).birthYear() == 42) {
        expectedIndex = i;
        break;
      }
    }
    assertTrue(expectedIndex >= 0, "some value fails");
    List<Nir> checked = new ArrayList<>();
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                ForAll.check(
                    "no one born in 42",
                    2000,
                    seed,
                    Nirs.valid(),
                    nir -> {
                      checked.add(nir);
                      // a careless assertion that puts the value in its message
                      assertTrue(
                          nir.birthYear() != 42,
                          "born in 42: " + nir.compact() + " / " + nir.display());
                    }));
    Nir failing = checked.get(checked.size() - 1);
    assertEquals(values.get(expectedIndex), failing, "stopped at the first failure");
    String message = e.getMessage();
    assertTrue(message.contains("no one born in 42"), "property name");
    assertTrue(message.contains("case " + expectedIndex + " of 2000"), "case index");
    assertTrue(message.contains("seed " + seed), "seed");
    assertTrue(message.contains("-Dnirguard.seed=" + seed), "how to re-run");

    assertNotNull(e.getCause(), "the original failure is the cause");
    assertTrue(e.getCause().getMessage().contains("AssertionFailedError"), "its type is kept");
    assertTrue(e.getCause().getStackTrace().length > 0, "its stack trace is kept");

    StringWriter report = new StringWriter();
    e.printStackTrace(new PrintWriter(report));
    String all = report.toString();
    for (String form :
        List.of(
            failing.compact(), failing.display(), failing.body(), failing.compact().substring(5))) {
      assertFalse(all.contains(form), "the report shows no form of the value");
    }
  }

  @Test
  void namesAndRecordsDoNotLeakEither() {
    List<SyntheticRecord> failing = new ArrayList<>();
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                ForAll.check(
                    "records fail",
                    10,
                    5L,
                    Records.synthetic(),
                    r -> {
                      failing.add(r);
                      throw new IllegalStateException(
                          r.lastName() + " " + r.firstName() + " " + r.nir().compact(),
                          new RuntimeException("nested " + r.nir().display()));
                    }));
    SyntheticRecord r = failing.get(0);
    StringWriter report = new StringWriter();
    e.printStackTrace(new PrintWriter(report));
    String all = report.toString();
    assertTrue(all.contains("IllegalStateException"), "type kept");
    assertTrue(all.contains("RuntimeException"), "nested type kept");
    assertTrue(all.contains("case 0 of 10"), "case");
    assertFalse(all.contains(r.lastName()), "no last name");
    assertFalse(all.contains(r.nir().compact()), "no NIR");
    assertFalse(all.contains(r.nir().display()), "no display NIR");
  }

  @Test
  void generatorFailureIsReportedLikeAPropertyFailure() {
    Gen<Nir> broken =
        random -> {
          throw new IllegalStateException("boom");
        };
    AssertionError e =
        assertThrows(
            AssertionError.class, () -> ForAll.check("broken generator", 5, 3L, broken, nir -> {}));
    assertTrue(e.getMessage().contains("generator failed"), "generator named");
    assertTrue(e.getMessage().contains("seed 3"), "seed");
  }

  @Test
  void systemPropertiesGiveSizeAndSeed() {
    String size = System.getProperty(ForAll.SIZE_PROPERTY);
    String seed = System.getProperty(ForAll.SEED_PROPERTY);
    try {
      System.setProperty(ForAll.SIZE_PROPERTY, "17");
      System.setProperty(ForAll.SEED_PROPERTY, "-42");
      assertEquals(17, ForAll.size());
      assertEquals(-42L, ForAll.seed());
      AtomicInteger count = new AtomicInteger();
      ForAll.check("count", Nirs.valid(), nir -> count.incrementAndGet());
      assertEquals(17, count.get(), "size from the property");
      AssertionError e =
          assertThrows(
              AssertionError.class,
              () ->
                  ForAll.check(
                      "fails",
                      Nirs.valid(),
                      nir -> {
                        throw new AssertionError("no");
                      }));
      assertTrue(e.getMessage().contains("-Dnirguard.seed=-42"), "seed from the property");

      System.setProperty(ForAll.SIZE_PROPERTY, "zero");
      assertThrows(IllegalArgumentException.class, ForAll::size);
      System.setProperty(ForAll.SIZE_PROPERTY, "0");
      assertThrows(IllegalArgumentException.class, ForAll::size);
      System.setProperty(ForAll.SEED_PROPERTY, "abc");
      assertThrows(IllegalArgumentException.class, ForAll::seed);

      System.clearProperty(ForAll.SIZE_PROPERTY);
      System.clearProperty(ForAll.SEED_PROPERTY);
      assertEquals(ForAll.DEFAULT_SIZE, ForAll.size());
      assertTrue(ForAll.seed() != ForAll.seed() || ForAll.seed() != ForAll.seed(), "fresh seeds");
    } finally {
      restore(ForAll.SIZE_PROPERTY, size);
      restore(ForAll.SEED_PROPERTY, seed);
    }
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(
        IllegalArgumentException.class, () -> ForAll.check("p", 0, 1L, Nirs.valid(), n -> {}));
    assertThrows(
        NullPointerException.class, () -> ForAll.check(null, 1, 1L, Nirs.valid(), n -> {}));
    assertThrows(NullPointerException.class, () -> ForAll.check("p", 1, 1L, null, n -> {}));
    assertThrows(NullPointerException.class, () -> ForAll.check("p", 1, 1L, Nirs.valid(), null));
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
