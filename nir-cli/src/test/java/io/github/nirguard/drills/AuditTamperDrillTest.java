package io.github.nirguard.drills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.cli.CliRun;
import io.github.nirguard.cli.ExitCodes;
import io.github.nirguard.crypto.audit.AuditAnchor;
import io.github.nirguard.crypto.audit.AuditLog;
import io.github.nirguard.crypto.audit.AuditOperation;
import io.github.nirguard.crypto.audit.AuditRecord;
import io.github.nirguard.crypto.audit.AuditVerification;
import io.github.nirguard.testkit.ForAll;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit tamper drill: an audit log of 20 records is altered 12,000 times — a byte changed, a
 * record deleted, two records swapped, one copied, one from another log inserted, the file cut at
 * any byte, a record edited and the chain rewritten after it — and each result is verified against
 * the anchor taken before: <b>0 accepted</b>. Every 1,000th mutation also goes through {@code nir
 * audit verify --anchor} (exit 5, the line, no record text on stderr).
 */
class AuditTamperDrillTest {
  @TempDir Path dir;

  enum Mutation {
    BYTE,
    DELETE,
    SWAP,
    DUPLICATE,
    FOREIGN,
    TRUNCATE,
    REWRITE
  }

  private static byte[] log(Path file, int records, long seed) throws Exception {
    SplittableRandom r = new SplittableRandom(seed);
    AuditLog log = AuditLog.at(file);
    AuditOperation[] ops = AuditOperation.values();
    for (int i = 1; i <= records; i++) {
      AuditRecord rec =
          AuditRecord.of(
              ops[r.nextInt(ops.length)],
              "lab-export",
              r.nextInt(100_000),
              r.nextBoolean() ? "alice" : "bob.martin",
              r.nextBoolean() ? "ticket " + r.nextInt(10_000) : "",
              Instant.parse("2026-12-05T10:00:00Z").plusMillis(r.nextLong(1L << 36)));
      log.append(r.nextBoolean() ? rec.withKeyId(r.nextInt()) : rec);
    }
    return Files.readAllBytes(file);
  }

  @Test
  void noAlteredLogVerifiesAgainstItsAnchor() throws Exception {
    long seed = ForAll.seed();
    byte[] original = log(dir.resolve("a.audit"), 20, seed);
    byte[] foreign = log(dir.resolve("b.audit"), 5, seed + 1);
    AuditAnchor anchor = AuditLog.verify(original, null).head().orElseThrow();
    assertTrue(AuditLog.verify(original, anchor).ok(), "the original verifies");
    List<String> lines = lines(original);
    List<String> foreignLines = lines(foreign);
    SplittableRandom r = new SplittableRandom(seed);
    Mutation[] kinds = Mutation.values();
    Map<Mutation, Integer> tried = new EnumMap<>(Mutation.class);
    Map<AuditVerification.Problem, Integer> found = new EnumMap<>(AuditVerification.Problem.class);
    int accepted = 0;
    int mutations = 12_000;
    for (int i = 0; i < mutations; i++) {
      Mutation m = kinds[i % kinds.length];
      byte[] altered = mutate(m, original, lines, foreignLines, r);
      if (Arrays.equals(altered, original)) {
        throw new AssertionError("mutation " + m + " changed nothing (seed " + seed + ")");
      }
      tried.merge(m, 1, Integer::sum);
      AuditVerification v = AuditLog.verify(altered, anchor);
      if (v.ok()) {
        accepted++;
        continue;
      }
      found.merge(v.problem().orElseThrow(), 1, Integer::sum);
      if (i % 1000 == 0) {
        Path f = dir.resolve("m" + i + ".audit");
        Files.write(f, altered);
        CliRun.Result c =
            CliRun.run("audit", "verify", "--anchor", anchor.toString(), f.toString());
        assertEquals(ExitCodes.CRYPTO, c.code(), m + ": " + c.err());
        assertTrue(
            c.err().contains(": line " + v.line() + ": " + v.problem().orElseThrow()), c.err());
        assertTrue(!c.err().contains("ticket") && !c.err().contains("alice"), "no record text");
      }
    }
    System.out.println(
        "audit tamper drill: "
            + mutations
            + " mutations "
            + tried
            + ", accepted "
            + accepted
            + ", found "
            + found
            + " (seed "
            + seed
            + ")");
    assertEquals(0, accepted, "altered logs accepted (seed " + seed + ")");
    Path ok = dir.resolve("ok.audit");
    Files.write(ok, original);
    CliRun.Result c = CliRun.run("audit", "verify", "--anchor", anchor.toString(), ok.toString());
    assertEquals(ExitCodes.OK, c.code(), c.err());
    assertEquals("intact: 20 records, head " + anchor + ", anchor found\n", c.out());
  }

  private static List<String> lines(byte[] b) {
    return new ArrayList<>(List.of(new String(b, StandardCharsets.UTF_8).split("\n")));
  }

  private static byte[] join(List<String> lines) {
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] mutate(
      Mutation m, byte[] original, List<String> lines, List<String> foreign, SplittableRandom r) {
    int n = lines.size(); // header + records
    List<String> l = new ArrayList<>(lines);
    switch (m) {
      case BYTE:
        {
          byte[] b = original.clone();
          b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
          return b;
        }
      case DELETE:
        l.remove(r.nextInt(n));
        return join(l);
      case SWAP:
        {
          int a = r.nextInt(n);
          int c = (a + 1 + r.nextInt(n - 1)) % n;
          String t = l.get(a);
          l.set(a, l.get(c));
          l.set(c, t);
          return join(l);
        }
      case DUPLICATE:
        {
          int a = 1 + r.nextInt(n - 1);
          l.add(1 + r.nextInt(n), l.get(a));
          return join(l);
        }
      case FOREIGN:
        l.add(1 + r.nextInt(n), foreign.get(1 + r.nextInt(foreign.size() - 1)));
        return join(l);
      case TRUNCATE:
        return Arrays.copyOf(original, r.nextInt(original.length));
      case REWRITE:
        {
          int from = 1 + r.nextInt(n - 1);
          String prev = from == 1 ? AuditLogHash.of(l.get(0)) : l.get(from - 1).split("\t")[9];
          for (int i = from; i < n; i++) {
            String[] f = l.get(i).split("\t", -1);
            if (i == from) {
              f[5] = Long.toString(Long.parseLong(f[5]) + 1 + r.nextInt(1000));
            }
            f[8] = prev;
            String body = String.join("\t", Arrays.asList(f).subList(0, 9));
            prev = AuditLogHash.of(body);
            l.set(i, body + "\t" + prev);
          }
          return join(l);
        }
    }
    throw new AssertionError(m);
  }

  /** The chain's hash, as the log computes it (SHA-256 of the UTF-8 text, lowercase hex). */
  static final class AuditLogHash {
    private AuditLogHash() {}

    static String of(String text) {
      try {
        return java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
