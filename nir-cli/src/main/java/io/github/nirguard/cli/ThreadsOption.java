package io.github.nirguard.cli;

import io.github.nirguard.csv.CsvProtector;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The {@code --threads} option of {@code nir protect} and {@code nir reveal}: how many worker
 * threads protect or reveal blocks of rows (default: the available cores).
 */
final class ThreadsOption {
  @Option(
      names = "--threads",
      paramLabel = "N",
      description = {
        "Worker threads for the rows (default: the number of available cores).",
        "The output, the report and the errors are the same whatever N."
      })
  @Nullable Integer threads;

  /** The number of worker threads; a value out of range is a usage error. */
  int count(CommandLine cl) {
    if (threads == null) {
      return Math.min(Runtime.getRuntime().availableProcessors(), CsvProtector.MAX_THREADS);
    }
    if (threads < 1 || threads > CsvProtector.MAX_THREADS) {
      throw new CommandLine.ParameterException(
          cl, "--threads must be between 1 and " + CsvProtector.MAX_THREADS);
    }
    return threads;
  }
}
