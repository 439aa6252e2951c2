package io.github.nirguard.testkit;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A tiny property runner, usable from any test framework: runs a check on many generated values
 * and, on the first failure, reports the property, the case index and the seed, never the value.
 *
 * <p>The number of cases comes from the system property {@value #SIZE_PROPERTY} (default {@value
 * #DEFAULT_SIZE}); the seed from {@value #SEED_PROPERTY}, or else a fresh random one per call. Case
 * {@code i} checks the {@code i}-th value of {@link Gen#stream(long) gen.stream(seed)}.
 *
 * <p>A failure is reported as an {@link AssertionError} whose message names the property, the case
 * and the seed, and tells how to re-run ({@code -Dnirguard.seed=...}). Generated values are NIRs
 * and names, i.e. possibly personal data, so they must not reach test reports: the value is never
 * printed, and the original failure is attached as the cause with its type and stack trace but
 * <em>without its message</em>, because assertion libraries put the compared values there ({@code
 * expected: <...> but was: <...>}). To see the value, re-run with the seed on your own machine and
 * inspect {@code gen.stream(seed).skip(index).findFirst()} in a debugger.
 *
 * <pre>{@code
 * @Test
 * void strictAcceptsValidNirs() {
 *   ForAll.check("strict accepts valid NIRs", Nirs.valid(),
 *       nir -> assertTrue(NirProfile.STRICT.test(nir.compact())));
 * }
 * // on failure: property 'strict accepts valid NIRs' failed at case 17 of 2000 (seed 4242...);
 * //             re-run with -Dnirguard.seed=4242...
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ForAll {
  /** The system property giving the number of cases: {@value}. */
  public static final String SIZE_PROPERTY = "nirguard.properties.size";

  /** The system property giving the seed: {@value}. */
  public static final String SEED_PROPERTY = "nirguard.seed";

  /** The number of cases when {@value #SIZE_PROPERTY} is not set: {@value}. */
  public static final int DEFAULT_SIZE = 2000;

  private ForAll() {}

  /**
   * Checks a property on {@link #size()} values drawn from {@link #seed()}.
   *
   * @param property a short name of the property, shown on failure (must not contain data)
   * @param gen the generator
   * @param check throws (an {@link AssertionError} or any exception) when the property fails
   * @param <T> the type of the values
   * @throws AssertionError on the first failing case: property, case index and seed only
   */
  public static <T> void check(String property, Gen<T> gen, Consumer<? super T> check) {
    check(property, size(), seed(), gen, check);
  }

  /**
   * Checks a property on {@code size} values drawn from {@code seed}.
   *
   * @param property a short name of the property, shown on failure (must not contain data)
   * @param size the number of cases, at least 1
   * @param seed the seed
   * @param gen the generator
   * @param check throws (an {@link AssertionError} or any exception) when the property fails
   * @param <T> the type of the values
   * @throws AssertionError on the first failing case: property, case index and seed only
   * @throws IllegalArgumentException if {@code size} is less than 1
   */
  public static <T> void check(
      String property, int size, long seed, Gen<T> gen, Consumer<? super T> check) {
    Objects.requireNonNull(property, "property");
    Objects.requireNonNull(gen, "gen");
    Objects.requireNonNull(check, "check");
    if (size < 1) {
      throw new IllegalArgumentException("size must be >= 1");
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < size; i++) {
      T value;
      try {
        value = gen.next(random);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        throw failure(property, "the generator failed", i, size, seed, e);
      }
      try {
        check.accept(value);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        throw failure(property, "failed", i, size, seed, e);
      }
    }
  }

  /**
   * Returns the configured number of cases: {@value #SIZE_PROPERTY}, or {@value #DEFAULT_SIZE}.
   *
   * @return the number of cases
   * @throws IllegalArgumentException if the property is set but not a positive integer
   */
  public static int size() {
    String value = System.getProperty(SIZE_PROPERTY);
    if (value == null || value.isBlank()) {
      return DEFAULT_SIZE;
    }
    try {
      int size = Integer.parseInt(value.trim());
      if (size >= 1) {
        return size;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(SIZE_PROPERTY + " must be a positive integer");
  }

  /**
   * Returns the configured seed: {@value #SEED_PROPERTY}, or else a fresh random seed.
   *
   * @return the seed
   * @throws IllegalArgumentException if the property is set but not a long
   */
  public static long seed() {
    String value = System.getProperty(SEED_PROPERTY);
    if (value == null || value.isBlank()) {
      return new SplittableRandom().nextLong();
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(SEED_PROPERTY + " must be a long", e);
    }
  }

  private static AssertionError failure(
      String property, String what, int index, int size, long seed, Throwable cause) {
    String message =
        "property '"
            + property
            + "' "
            + what
            + " at case "
            + index
            + " of "
            + size
            + " (seed "
            + seed
            + "); re-run with -D"
            + SEED_PROPERTY
            + "="
            + seed
            + " (the generated value is withheld: it may be personal data)";
    return new AssertionError(message, Withheld.of(cause));
  }

  /** A copy of a failure with the message withheld: its type, stack trace and causes remain. */
  static final class Withheld extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final String description;

    private Withheld(Throwable original) {
      this(
          original.getClass().getName() + " (message withheld: it may contain the generated value)",
          original);
    }

    private Withheld(String description, Throwable original) {
      super(description);
      this.description = description;
      setStackTrace(original.getStackTrace());
    }

    static Withheld of(Throwable original) {
      return of(original, 0);
    }

    private static Withheld of(Throwable original, int depth) {
      Withheld copy = new Withheld(original);
      if (depth < 16) { // causes can form a cycle
        Throwable cause = original.getCause();
        if (cause != null && cause != original) {
          copy.initCause(of(cause, depth + 1));
        }
        for (Throwable suppressed : original.getSuppressed()) {
          copy.addSuppressed(of(suppressed, depth + 1));
        }
      }
      return copy;
    }

    @Override
    public String toString() {
      return description;
    }
  }
}
