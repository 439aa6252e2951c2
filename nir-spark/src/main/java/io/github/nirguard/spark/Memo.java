package io.github.nirguard.spark;

/**
 * The last parameters a function saw and what they resolved to: the rows of a query share their
 * parameters, so the per-row cost is two string comparisons, no allocation.
 */
final class Memo<T> {
  final String first;
  final String second;
  final String third;
  final T value;

  Memo(String first, String second, T value) {
    this(first, second, "", value);
  }

  Memo(String first, String second, String third, T value) {
    this.first = first;
    this.second = second;
    this.third = third;
    this.value = value;
  }

  boolean matches(String a, String b) {
    return first.equals(a) && second.equals(b);
  }

  boolean matches(String a, String b, String c) {
    return first.equals(a) && second.equals(b) && third.equals(c);
  }
}
