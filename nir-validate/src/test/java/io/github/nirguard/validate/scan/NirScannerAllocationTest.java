package io.github.nirguard.validate.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Gen;
import io.github.nirguard.testkit.ScanCorpus;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link NirScanner#count} and {@link NirScanner#findAll} on text without a NIR allocate nothing,
 * counted by the JVM's own per-thread allocation counter (exact to the byte: it adds the current
 * TLAB's use), around many calls on this thread only. JMH's {@code -prof gc} cannot show it: it
 * divides the allocations of every thread of the benchmark JVM by the operations (see docs/scan.md,
 * Speed).
 */
class NirScannerAllocationTest {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private static final int CALLS = 200;

  /**
   * About {@code chars} characters of corpus sentences in which the scanner finds nothing: the
   * never-real corpus (a NIR-shaped number in every other sentence, none a NIR for the standard
   * scanner), or the real one without the sentences the scanner finds a NIR in (its planted ones).
   */
  private static String textWithoutNir(Gen<ScanCorpus.Sentence> gen, long seed, int chars) {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder b = new StringBuilder(chars + 400);
    while (b.length() < chars) {
      String sentence = gen.next(random).text() + (random.nextInt(8) == 0 ? '\n' : ' ');
      if (NirScanner.standard().count(sentence) == 0) {
        b.append(sentence);
      }
    }
    return b.toString();
  }

  private static long allocatedByThisThread() {
    return THREADS.getCurrentThreadAllocatedBytes();
  }

  /** Bytes this thread allocates over {@link #CALLS} calls of count and findAll, after warm-up. */
  private static long allocatedByScans(String text) {
    NirScanner scanner = NirScanner.standard();
    long sink = 0;
    for (int i = 0; i < CALLS; i++) {
      sink += scanner.count(text) + scanner.findAll(text).size();
    }
    allocatedByThisThread();
    long before = allocatedByThisThread();
    for (int i = 0; i < CALLS; i++) {
      sink += scanner.count(text) + scanner.findAll(text).size();
    }
    long used = allocatedByThisThread() - before;
    assertEquals(0, sink, "no NIR in the text");
    return used;
  }

  @Test
  void countAndFindAllAllocateNothingOnTextWithoutANir() {
    assumeTrue(
        THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled());
    long seed = ForAll.seed();
    String where = " (seed " + seed + ", re-run with -Dnirguard.seed=" + seed + ")";
    String neverReal = textWithoutNir(ScanCorpus.neverRealSentences(), seed, 50_000);
    assertEquals(0, allocatedByScans(neverReal), "bytes allocated, never-real corpus" + where);
    String numbers = textWithoutNir(ScanCorpus.sentences(), seed, 50_000);
    assertEquals(0, allocatedByScans(numbers), "bytes allocated, corpus without NIRs" + where);
  }

  @Test
  void theCounterSeesTheAllocationsOfAMatch() {
    assumeTrue(
        THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled());
    String text = "Assuré : 2 55 08 14 168 025 38, vu ce jour. ";
    NirScanner scanner = NirScanner.standard();
    scanner.findAll(text);
    allocatedByThisThread();
    long before = allocatedByThisThread();
    int found = scanner.findAll(text).size();
    long used = allocatedByThisThread() - before;
    assertEquals(1, found);
    assertTrue(used > 0, "a match, its NIR and the list are allocated: " + used + " bytes");
  }
}
