package io.github.nirguard.benchmarks;

import io.github.nirguard.core.NirProfile;
import io.github.nirguard.testkit.ScanCorpus;
import io.github.nirguard.validate.scan.NirMatch;
import io.github.nirguard.validate.scan.NirScanner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code NirScanner} over 1 MB of French clinical sentences beside a {@code java.util.regex}
 * scanner written for the same job: one pattern for the same spellings (compact, display groups
 * with any of the separators, overseas grouping, 2A/2B, the key after {@code /}, blanks or a line
 * break), word and number boundaries as look-arounds, then nir-core's strict check on each
 * candidate.
 *
 * <p>{@code text}: {@code few} — the corpus's number-dense sentences (about 39 % digits), one in a
 * hundred with a NIR; {@code none} — the never-real corpus, as many NIR-shaped numbers but no NIR
 * for the standard scanner (the 0 B/op case); {@code prose} — like {@code few}, but nine sentences
 * in ten lose their digits (about 4 % digits), closer to letters and comments. MB/s = the text's
 * UTF-8 size (printed at setup) / time per operation.
 *
 * <pre>{@code
 * java -cp 'benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*' \
 *     org.openjdk.jmh.Main ScanBenchmark -prof gc -f 1 -wi 2 -i 3
 * }</pre>
 *
 * @since 0.1.0
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScanBenchmark {
  private static final String SEP = "[ .\\-_\\u00A0\\u202F\\t]";

  /** The same spellings as the scanner, in one pattern. */
  static final Pattern PATTERN =
      Pattern.compile(
          "(?<![\\p{L}\\d+,])"
              + "[12]"
              + SEP
              + "?\\d{2}"
              + SEP
              + "?\\d{2}"
              + SEP
              + "?(?:(?:\\d{2}|2[ABab])"
              + SEP
              + "?\\d{3}|\\d{3}"
              + SEP
              + "?\\d{2})"
              + SEP
              + "?\\d{3}"
              + "(?:[ \\u00A0\\u202F\\t]{0,2}(?:/|\\r?\\n)?[ \\u00A0\\u202F\\t]{0,2}|"
              + SEP
              + ")?"
              + "\\d{2}"
              + "(?![\\p{L}\\d]|,\\d)");

  private static final int SIZE = 1_000_000;

  @Param({"few", "none", "prose"})
  String text;

  private String input;
  private final NirScanner scanner = NirScanner.standard();

  /** Builds about 1 MB of sentences. */
  @Setup(Level.Trial)
  public void setup() {
    SplittableRandom random = new SplittableRandom(2026);
    StringBuilder b = new StringBuilder(SIZE + 400);
    while (b.length() < SIZE) {
      ScanCorpus.Sentence s =
          text.equals("none")
              ? ScanCorpus.neverRealSentences().next(random)
              : ScanCorpus.sentences().next(random);
      if (!text.equals("none") && !s.planted().isEmpty() && random.nextInt(50) != 0) {
        continue; // one in a hundred sentences keeps its NIR
      }
      String sentence = s.text();
      if (text.equals("prose") && s.planted().isEmpty() && random.nextInt(10) != 0) {
        sentence = sentence.replaceAll("[0-9]", "");
      }
      b.append(sentence).append(random.nextInt(8) == 0 ? '\n' : ' ');
    }
    input = b.toString();
    System.err.printf(
        "%n%s: %d chars, %d UTF-8 bytes, %d NIRs (scanner), %d (regex)%n",
        text,
        input.length(),
        input.getBytes(StandardCharsets.UTF_8).length,
        scanner.count(input),
        regexCount(input));
  }

  /** nirguard: count the NIRs (allocation-free). */
  @Benchmark
  public int scannerCount() {
    return scanner.count(input);
  }

  /** nirguard: find them all, as matches with their NIRs. */
  @Benchmark
  public List<NirMatch> scannerFindAll() {
    return scanner.findAll(input);
  }

  /**
   * Control for {@code -prof gc}: reads every character once and allocates nothing. JMH divides the
   * bytes allocated by every thread of the benchmark JVM (its own threads too) by the operations,
   * so an operation that allocates nothing still shows some bytes, in proportion to its time: this
   * method shows how many.
   */
  @Benchmark
  public int controlReadAll() {
    String s = input;
    int sum = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      sum += s.charAt(i);
    }
    return sum;
  }

  /** Peer: the regular expression, then the strict check of each candidate. */
  @Benchmark
  public int regexCount() {
    return regexCount(input);
  }

  static int regexCount(String text) {
    Matcher m = PATTERN.matcher(text);
    int n = 0;
    StringBuilder compact = new StringBuilder(16);
    while (m.find()) {
      compact.setLength(0);
      for (int i = m.start(); i < m.end(); i++) {
        char c = text.charAt(i);
        if (Character.isLetterOrDigit(c)) {
          compact.append(c);
        }
      }
      if (NirProfile.STRICT.test(compact)) {
        n++;
      }
    }
    return n;
  }
}
