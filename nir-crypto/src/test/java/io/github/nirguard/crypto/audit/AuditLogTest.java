package io.github.nirguard.crypto.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.crypto.ReversibleTokenizer;
import io.github.nirguard.crypto.Token;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Nirs;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  @TempDir Path dir;

  static AuditRecord record(int i) {
    return AuditRecord.of(
            i % 2 == 0 ? AuditOperation.FPE_DECRYPT : AuditOperation.KEY_ROTATE,
            "lab-export",
            i,
            "alice",
            "ticket " + i + " « accents » ok",
            Instant.parse("2026-12-05T10:00:00.123Z").plusSeconds(i))
        .withKeyId(0x1a2b3c4d + i);
  }

  @Test
  void appendsVerifiesAndAnchorsTheHead() throws IOException {
    Path file = dir.resolve("a.audit");
    AuditLog log = AuditLog.at(file);
    AuditAnchor last = null;
    for (int i = 1; i <= 5; i++) {
      last = log.appendRecord(record(i));
      assertEquals(i, last.sequence());
    }
    AuditVerification v = AuditLog.verify(file, null);
    assertTrue(v.ok(), v.toString());
    assertEquals(5, v.records());
    assertEquals(last, v.head().orElseThrow());
    assertEquals(last, log.head());
    assertTrue(AuditLog.verify(file, last).ok());
    assertTrue(AuditLog.verify(file, AuditAnchor.parse(last.toString())).ok());
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertEquals(6, lines.size());
    assertTrue(lines.get(0).startsWith("nirguard-audit 1 "), lines.get(0));
    String[] f = lines.get(2).split("\t", -1);
    assertEquals(
        List.of(
            "2",
            "2026-12-05T10:00:02.123Z",
            "fpe-decrypt",
            "lab-export",
            "1a2b3c4f",
            "2",
            "alice",
            "ticket 2 « accents » ok"),
        Arrays.asList(f).subList(0, 8));
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), "owner");
  }

  @Test
  void freeTextHoldingANirOrATokenOrAControlCharacterIsRefusedWithoutRepeatingIt()
      throws GeneralSecurityException {
    Token token =
        ReversibleTokenizer.prp(KeyRingManager.empty().add("p", KeyKind.PRP_TOKEN).ring(), "p")
            .tokenize(Nirs.valid().next(new java.util.SplittableRandom(1)));
    ForAll.check(
        "a NIR in an audit reason is refused",
        Nirs.valid(),
        nir -> {
          for (String text :
              List.of(
                  "ticket for " + nir.compact(),
                  nir.display() + " asked",
                  "x" + nir.body() + "y",
                  nir.compact().replaceAll("(.)", "$1.").toLowerCase(java.util.Locale.ROOT))) {
            IllegalArgumentException e =
                assertThrows(
                    IllegalArgumentException.class,
                    () ->
                        AuditRecord.of(
                            AuditOperation.DETOKENIZE, "p", 1, "bob", text, Instant.now()));
            assertFalse(e.getMessage().contains(nir.body()), "the message never repeats it");
            assertThrows(IllegalArgumentException.class, () -> Auditor.of(r -> {}, text, "why"));
          }
        });
    for (String bad : List.of("see " + token.value(), "tab\there", "line\nbreak", "nul\0")) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> AuditRecord.of(AuditOperation.DETOKENIZE, "p", 1, "bob", bad, Instant.now()));
      assertFalse(e.getMessage().contains(bad), e.getMessage());
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> AuditRecord.of(AuditOperation.DETOKENIZE, "p", 1, " ", "why", Instant.now()));
    assertThrows(
        IllegalArgumentException.class,
        () -> AuditRecord.of(AuditOperation.DETOKENIZE, "p", -1, "bob", "why", Instant.now()));
    assertThrows(
        IllegalArgumentException.class,
        () -> AuditRecord.of(AuditOperation.DETOKENIZE, "P Q", 1, "bob", "why", Instant.now()));
    // ordinary reasons with numbers pass: ticket numbers, dates, phone-length runs
    AuditRecord.of(
        AuditOperation.DETOKENIZE, "p", 1, "bob", "INC-2026-004521 call 0612345678", Instant.now());
  }

  @Test
  void aPlainChainCannotShowACutTailOrARewrittenChainButAnAnchorDoes() throws IOException {
    Path file = dir.resolve("b.audit");
    AuditLog log = AuditLog.at(file);
    for (int i = 1; i <= 4; i++) {
      log.append(record(i));
    }
    AuditAnchor head = log.head();
    byte[] all = Files.readAllBytes(file);
    String text = new String(all, StandardCharsets.UTF_8);
    byte[] cut =
        text.substring(0, text.lastIndexOf('\n', text.length() - 2) + 1)
            .getBytes(StandardCharsets.UTF_8);
    assertTrue(AuditLog.verify(cut, null).ok(), "the known limit: a whole record cut at the end");
    AuditVerification t = AuditLog.verify(cut, head);
    assertEquals(AuditVerification.Problem.TRUNCATED, t.problem().orElseThrow());
    assertEquals(5, t.line());

    // rewrite: edit record 2's count and recompute every hash from there on
    List<String> lines = new ArrayList<>(List.of(text.split("\n")));
    String prev = lines.get(1).split("\t")[9];
    for (int i = 2; i < lines.size(); i++) {
      String[] f = lines.get(i).split("\t", -1);
      if (i == 2) {
        f[5] = "999";
      }
      f[8] = prev;
      String body = String.join("\t", Arrays.asList(f).subList(0, 9));
      prev = LogLines.sha256(body);
      lines.set(i, body + "\t" + prev);
    }
    byte[] forged = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    assertTrue(AuditLog.verify(forged, null).ok(), "the known limit: a chain rewritten whole");
    AuditVerification f = AuditLog.verify(forged, head);
    assertEquals(AuditVerification.Problem.ANCHOR_MISMATCH, f.problem().orElseThrow());
  }

  @Test
  void neverAppendsAfterABrokenTailAndLeavesTheFileAsItWas() throws IOException {
    Path file = dir.resolve("c.audit");
    AuditLog log = AuditLog.at(file);
    log.append(record(1));
    log.append(record(2));
    byte[] intact = Files.readAllBytes(file);
    byte[] partial = Arrays.copyOf(intact, intact.length - 7);
    Files.write(file, partial);
    AuditException e = assertThrows(AuditException.class, () -> log.append(record(3)));
    assertTrue(e.getMessage().contains("nir audit verify"), e.getMessage());
    assertEquals(
        List.of(AuditVerification.Problem.INCOMPLETE),
        AuditLog.verify(file, null).problem().stream().toList());
    assertTrue(Arrays.equals(partial, Files.readAllBytes(file)), "unchanged");

    byte[] edited = intact.clone();
    edited[edited.length - 20] ^= 1; // in the last record's hash
    Files.write(file, edited);
    assertThrows(AuditException.class, () -> log.append(record(3)));
    Files.writeString(file, "purpose kind\n");
    assertThrows(AuditException.class, () -> log.append(record(3)));
    assertEquals(
        AuditVerification.Problem.NOT_AN_AUDIT_LOG,
        AuditLog.verify(file, null).problem().orElseThrow());
  }

  @Test
  void sinksTakeRecordsInOrderAndAFailingSinkStopsTheReveal() throws Exception {
    List<String> seen = new ArrayList<>();
    AuditSink lines = AuditSink.lines(seen::add);
    AuditLog log = AuditLog.at(dir.resolve("d.audit")).withMirror(seen::add);
    AuditSink both = log.and(lines);
    both.append(record(1));
    assertEquals(2, seen.size());
    assertTrue(seen.get(0).startsWith("1\t"), "the mirror gets the chained line first");
    assertEquals(
        "nirguard-audit operation=key-rotate purpose=lab-export key=1a2b3c4e count=1"
            + " actor=\"alice\" reason=\"ticket 1 « accents » ok\" time=2026-12-05T10:00:01.123Z",
        seen.get(1));
    AuditSink failing =
        r -> {
          throw new IOException("disk full");
        };
    AuditSink failingFirst = failing.and(lines);
    assertThrows(IOException.class, () -> failingFirst.append(record(2)));
    assertEquals(2, seen.size(), "the second sink is not called after the first failed");

    KeyRing ring = KeyRingManager.empty().add("lab-export", KeyKind.PRP_TOKEN).ring();
    ReversibleTokenizer plain = ReversibleTokenizer.prp(ring, "lab-export");
    Nir nir = Nirs.valid().next(new java.util.SplittableRandom(7));
    Token token = plain.tokenize(nir);
    Auditor auditor = Auditor.of(log, "bob", "ticket 9");
    ReversibleTokenizer audited = auditor.tokenizer(plain, "lab-export");
    assertEquals(nir, audited.reveal(token));
    assertEquals(2, AuditLog.verify(log.file(), null).records());
    assertThrows(
        GeneralSecurityException.class,
        () -> audited.reveal(Token.parse("np1.00000000.aaaaaaaaaaaaaaaaaaaaaaaaaa")));
    assertEquals(2, AuditLog.verify(log.file(), null).records(), "a refused token: no record");
    ReversibleTokenizer unaudited = Auditor.of(failing, "bob", "ticket 9").tokenizer(plain, "p");
    UncheckedIOException u =
        assertThrows(UncheckedIOException.class, () -> unaudited.reveal(token));
    assertTrue(u.getCause() instanceof AuditException);
    String described = AuditLog.verify(log.file(), null) + " " + auditor + " " + record(1);
    assertFalse(described.contains(nir.body()) || described.contains(token.value()), described);
  }

  @Test
  void threadsAndTwoOtherProcessesAppendingAtOnceKeepOneIntactChain() throws Exception {
    Path file = dir.resolve("e.audit");
    int perWriter = 120;
    String javaCmd =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(System.getProperty("java.home") + "/bin/java");
    String cp =
        String.join(
            File.pathSeparator,
            Path.of(AuditLogTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString(),
            System.getProperty("java.class.path", ""),
            System.getProperty("jdk.module.path", ""));
    List<Process> children = new ArrayList<>();
    for (int p = 0; p < 2; p++) {
      children.add(
          new ProcessBuilder(
                  javaCmd, "-cp", cp, AppendMain.class.getName(), file.toString(), "" + perWriter)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("child" + p + ".txt").toFile())
              .start());
    }
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int t = 0; t < 2; t++) {
      Thread th =
          new Thread(
              () -> {
                try {
                  AppendMain.appendAll(AuditLog.at(file), perWriter);
                } catch (IOException | RuntimeException e) {
                  failures.add(e);
                }
              });
      th.start();
      threads.add(th);
    }
    for (Thread th : threads) {
      th.join();
    }
    for (int p = 0; p < children.size(); p++) {
      Process c = children.get(p);
      assertTrue(c.waitFor(120, TimeUnit.SECONDS), "child timed out");
      assertEquals(0, c.exitValue(), Files.readString(dir.resolve("child" + p + ".txt")));
    }
    assertEquals(List.of(), failures);
    AuditVerification v = AuditLog.verify(file, null);
    assertTrue(v.ok(), v.toString());
    assertEquals(4L * perWriter, v.records());
  }

  /** A writer process of the concurrency test. */
  public static final class AppendMain {
    private AppendMain() {}

    static void appendAll(AuditLog log, int n) throws IOException {
      for (int i = 0; i < n; i++) {
        log.append(
            AuditRecord.of(
                AuditOperation.DETOKENIZE,
                "lab-export",
                i,
                "writer-" + ProcessHandle.current().pid(),
                "concurrency",
                Instant.now()));
      }
    }

    /**
     * Appends records.
     *
     * @param args the log file and the number of records
     * @throws IOException if one cannot be appended
     */
    public static void main(String[] args) throws IOException {
      appendAll(AuditLog.at(Path.of(args[0])), Integer.parseInt(args[1]));
    }
  }
}
