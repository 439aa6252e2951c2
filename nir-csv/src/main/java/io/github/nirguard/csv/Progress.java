package io.github.nirguard.csv;

/**
 * Receives progress while a file is processed (called every few thousand rows, from the working
 * thread).
 *
 * <pre>{@code
 * Progress p = (rows, bytes) -> System.err.printf("\r%d rows", rows);
 * }</pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Progress {
  /** Ignores progress. */
  Progress NONE = (rows, bytes) -> {};

  /**
   * Reports progress.
   *
   * @param rows data rows done
   * @param bytesRead input bytes read so far
   */
  void update(long rows, long bytesRead);
}
