package io.github.nirguard.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A seeded generator of values: the same random source state always gives the same value.
 *
 * <p>A generator draws everything it needs from the {@link SplittableRandom} it is given and keeps
 * no state of its own, so one instance can be shared between threads and tests, and a seed
 * reproduces a whole sequence: {@code gen.stream(seed)} yields value {@code i} as the {@code i}-th
 * draw from {@code new SplittableRandom(seed)}, which is exactly what {@link ForAll} runs as case
 * {@code i}.
 *
 * <pre>{@code
 * Gen<Nir> gen = Nirs.valid(Nirs.Category.OVERSEAS);
 * List<Nir> ten = gen.sample(42L, 10);                // the same ten on every run
 * Gen<String> compact = gen.map(Nir::compact);
 * Gen<Nir> women = gen.filter(nir -> nir.sexDigit() == 2);
 * }</pre>
 *
 * @param <T> the type of the values
 * @since 0.1.0
 */
@FunctionalInterface
public interface Gen<T> {

  /**
   * Draws one value.
   *
   * @param random the source of randomness; the only one the generator may use
   * @return the value
   */
  T next(SplittableRandom random);

  /**
   * Returns the infinite, ordered, sequential stream of the values drawn from one {@code new
   * SplittableRandom(seed)}; the same seed always gives the same stream.
   *
   * @param seed the seed
   * @return the values
   */
  default Stream<T> stream(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Iterator<T> values =
        new Iterator<T>() {
          @Override
          public boolean hasNext() {
            return true;
          }

          @Override
          public T next() {
            return Gen.this.next(random);
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(values, Spliterator.ORDERED), false);
  }

  /**
   * Returns the first {@code n} values of {@link #stream(long) stream(seed)}.
   *
   * @param seed the seed
   * @param n how many values, at least 0
   * @return an unmodifiable list of {@code n} values
   * @throws IllegalArgumentException if {@code n} is negative
   */
  default List<T> sample(long seed, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0");
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<T> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      values.add(next(random));
    }
    return Collections.unmodifiableList(values);
  }

  /**
   * Returns a generator of the values of this one transformed by a function.
   *
   * @param mapper the function
   * @param <R> the type of the new values
   * @return the new generator
   */
  default <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return random -> mapper.apply(next(random));
  }

  /**
   * Returns a generator of the values of this one that satisfy a predicate, drawing again when one
   * does not. Keep the predicate loose: after 10,000 rejections in a row the generator gives up.
   *
   * @param predicate the condition
   * @return the new generator
   * @throws IllegalStateException (from {@code next}) after 10,000 rejections in a row
   */
  default Gen<T> filter(Predicate<? super T> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return random -> {
      for (int attempt = 0; attempt < 10_000; attempt++) {
        T value = next(random);
        if (predicate.test(value)) {
          return value;
        }
      }
      throw new IllegalStateException("filter rejected 10000 values in a row");
    };
  }
}
