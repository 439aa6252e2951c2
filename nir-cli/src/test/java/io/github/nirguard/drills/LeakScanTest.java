package io.github.nirguard.drills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.cli.NirCommand;
import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirProfile;
import io.github.nirguard.crypto.FileEnvelope;
import io.github.nirguard.crypto.Kek;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.crypto.KeyedTokenizer;
import io.github.nirguard.crypto.NirFpe;
import io.github.nirguard.crypto.RecordSealer;
import io.github.nirguard.crypto.ReversibleTokenizer;
import io.github.nirguard.crypto.Token;
import io.github.nirguard.crypto.audit.AuditLog;
import io.github.nirguard.crypto.audit.AuditOperation;
import io.github.nirguard.crypto.audit.AuditRecord;
import io.github.nirguard.crypto.audit.Auditor;
import io.github.nirguard.csv.CsvProtector;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.protect.RowProtector;
import io.github.nirguard.record.BeneficiaryRecord;
import io.github.nirguard.record.RecordSchema;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Records;
import io.github.nirguard.testkit.SyntheticRecord;
import io.github.nirguard.validate.CrossCheck;
import io.github.nirguard.validate.NirValidator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leak scan: drives every public entry point with generated identities — valid and invalid
 * inputs, error paths, the CLI — while recording every exception message, {@code toString()}, and
 * everything printed to stdout/stderr (where logs would go), then fails if any generated NIR
 * (compact, display or body form), name or key material appears in what was recorded, or in the
 * audit logs the library and the CLI wrote (issue 14).
 */
class LeakScanTest {
  @TempDir Path dir;

  private final List<String> recorded = new ArrayList<>();
  private final Set<String> secrets = new HashSet<>();

  private void record(Object o) {
    recorded.add(String.valueOf(o));
  }

  private void recordThrown(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException | AssertionError e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        recorded.add(String.valueOf(t.getMessage()));
        recorded.add(t.toString());
      }
    }
  }

  interface Risky {
    Object run() throws Exception;
  }

  private void attempt(Risky r) {
    try {
      record(r.run());
    } catch (Exception e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        recorded.add(String.valueOf(t.getMessage()));
        recorded.add(t.toString());
      }
    }
  }

  private void secret(Nir nir) {
    secrets.add(nir.compact());
    secrets.add(nir.display());
    secrets.add(nir.body());
  }

  @Test
  void noGeneratedIdentityOrKeyAppearsInAnyMessageToStringOrStderr() throws Exception {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    try {
      exercise();
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    recorded.add(console.toString(StandardCharsets.UTF_8));
    // the scanner itself must catch a leak, in clear or spaced out
    String sample = secrets.stream().filter(x -> x.length() == 15).findFirst().orElseThrow();
    assertTrue(leaks(List.of("error near " + sample)) > 0, "the scanner must see a compact NIR");
    assertTrue(
        leaks(List.of("error near " + sample.replaceAll("(.)", "$1 "))) > 0,
        "the scanner must see a spaced NIR");
    firstLeak = null;
    int leaks = leaks(recorded);
    System.out.printf(
        "leak scan: %,d outputs scanned against %,d secrets: %d leaks%n",
        recorded.size(), secrets.size(), leaks);
    assertEquals(0, leaks, firstLeak);
    assertTrue(recorded.size() > 1000);
  }

  private String firstLeak;

  private int leaks(List<String> outputs) {
    SecretIndex plain = new SecretIndex(secrets, 5);
    Set<String> squeezedSecrets = new HashSet<>();
    for (String x : secrets) {
      String sq = squeeze(x);
      if (sq.length() >= 13) {
        squeezedSecrets.add(sq);
      }
    }
    SecretIndex squeezed = new SecretIndex(squeezedSecrets, 13);
    int leaks = 0;
    for (String out : outputs) {
      int found = plain.count(out) + squeezed.count(squeeze(out));
      if (found > 0 && firstLeak == null) {
        firstLeak = found + " secret(s) in an output of length " + out.length();
      }
      leaks += found;
    }
    return leaks;
  }

  private static String squeeze(String s) {
    return SEPARATORS.matcher(s).replaceAll("");
  }

  private static final java.util.regex.Pattern SEPARATORS =
      java.util.regex.Pattern.compile("[\\s.\\-_/\u00A0\u202F]");

  /**
   * Finds secrets in a text in one pass: secrets are indexed by their first four characters, so the
   * cost is the text's length, not text × secrets (the drill profile scans ~10⁵ outputs against
   * ~10⁵ secrets).
   */
  static final class SecretIndex {
    private final java.util.Map<Long, List<String>> byPrefix = new java.util.HashMap<>();

    SecretIndex(Set<String> secrets, int minLength) {
      for (String x : secrets) {
        if (x.length() < minLength) {
          throw new IllegalArgumentException(
              "secrets shorter than " + minLength + " would match everywhere");
        }
        byPrefix.computeIfAbsent(prefix(x, 0), k -> new ArrayList<>()).add(x);
      }
    }

    private static long prefix(String s, int at) {
      return (long) s.charAt(at) << 48
          | (long) s.charAt(at + 1) << 32
          | (long) s.charAt(at + 2) << 16
          | s.charAt(at + 3);
    }

    /** How many (position, secret) occurrences the text holds. */
    int count(String text) {
      int n = 0;
      for (int i = 0; i + 4 <= text.length(); i++) {
        List<String> candidates = byPrefix.get(prefix(text, i));
        if (candidates != null) {
          for (String c : candidates) {
            if (text.startsWith(c, i)) {
              n++;
            }
          }
        }
      }
      return n;
    }
  }

  private void exercise() throws Exception {
    long seed = ForAll.seed();
    List<SyntheticRecord> people =
        Records.synthetic().sample(seed, Math.max(200, ForAll.size() / 10));
    for (SyntheticRecord p : people) {
      secret(p.nir());
      if (p.lastName().length() >= 5) {
        secrets.add(p.lastName());
      }
      if (p.firstName().length() >= 6) {
        secrets.add(p.firstName());
      }
    }
    Path kekFile = dir.resolve("kek.json");
    Kek kek = Kek.insecureCreateCleartextFile(kekFile);
    String kekJson = Files.readString(kekFile);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"value\"\\s*:\\s*\"([^\"]+)\"").matcher(kekJson);
    while (m.find()) {
      secrets.add(m.group(1));
    }
    final KeyRing ring = KeyRingManager.empty().add("scan", KeyKind.values()).ring();
    Path ringFile = dir.resolve("keys.ring");
    ring.write(ringFile, kek);
    record(kek);
    record(ring);
    ring.describe().forEach(this::record);

    KeyedTokenizer keyed = KeyedTokenizer.create(ring, "scan");
    ReversibleTokenizer prp = ReversibleTokenizer.prp(ring, "scan");
    ReversibleTokenizer siv = ReversibleTokenizer.siv(ring, "scan");
    NirFpe fpe = NirFpe.create(ring, "scan");
    RecordSealer sealer = RecordSealer.create(ring, "scan");
    FileEnvelope envelope = FileEnvelope.create(ring, "scan");
    record(keyed);
    record(prp);
    record(siv);
    record(fpe);
    record(sealer);
    record(sealer.forFields(List.of("last_name", "first_name")));
    record(envelope);
    attempt(() -> KeyRing.fromBytes(ring.toBytes(kek), Kek.insecureEphemeral())); // wrong KEK
    attempt(() -> KeyRing.fromBytes(Files.readAllBytes(kekFile), kek)); // a KEK file is not a ring
    SplittableRandomHolder r = new SplittableRandomHolder(seed);
    // the audit trail: an audited tokenizer's records go to a file scanned below with the CLI's
    Auditor auditor = Auditor.of(AuditLog.at(dir.resolve("library.audit")), "leak-scan", "drill");
    ReversibleTokenizer audited = auditor.tokenizer(prp, "scan");
    record(auditor);
    int auditedReveals = 0;
    for (SyntheticRecord p : people) {
      Nir nir = p.nir();
      if (auditedReveals++ < 50) {
        attempt(() -> audited.reveal(prp.tokenize(nir)));
        attempt(
            () ->
                AuditRecord.of(
                    AuditOperation.DETOKENIZE,
                    "scan",
                    1,
                    "x",
                    "for " + nir.display(),
                    Instant.now()));
        attempt(() -> Auditor.of(auditor.sink(), p.lastName() + " " + nir.compact(), "why"));
      }
      record(p);
      record(nir);
      record(nir.birthPlace());
      record(nir.birthMonth());
      record(NirValidator.strict().validate(nir.display()));
      record(CrossCheck.of(nir, p.sex(), p.birthDate()));
      record(keyed.tokenize(nir));
      record(prp.tokenize(nir));
      record(siv.tokenize(nir));
      record(
          BeneficiaryRecord.of(
              RecordSchema.beneficiary(),
              List.of(
                  nir.compact(),
                  p.lastName(),
                  p.firstName(),
                  p.birthDate().toString(),
                  "1",
                  "1",
                  "0",
                  "0")));
      String broken = FuzzDrillTest.mutate(nir.compact(), r.random);
      record(NirValidator.strict().validate(broken));
      recordThrown(() -> Nir.parse(broken));
      recordThrown(() -> Nir.parse(nir.compact() + "0"));
      recordThrown(() -> Nir.fromBody(nir.body() + "1"));
      recordThrown(() -> Token.parse(nir.compact()));
      recordThrown(() -> Token.parse("nt1." + nir.compact() + p.lastName()));
      attempt(() -> prp.reveal(Token.parse("np1.00000000.aaaaaaaaaaaaaaaaaaaaaaaaaa")));
      attempt(() -> fpe.decrypt(nir.compact()));
      attempt(
          () ->
              sealer.open(
                  keyed.tokenize(nir).value(), List.of("last_name"), "ne1." + p.lastName()));
      attempt(() -> NirProfile.LENIENT.parse(p.lastName()));
      attempt(
          () ->
              KeyRing.fromBytes(
                  ("nirguard-keyring 1\n" + p.lastName() + " token " + nir.compact() + "\n")
                      .getBytes(StandardCharsets.UTF_8),
                  kek));
      attempt(
          () ->
              sealer
                  .forFields(List.of("last_name"))
                  .seal(nir.compact(), p.lastName(), p.firstName()));
    }
    // policy and CSV paths, including every failure the CLI reports
    StringBuilder csv = new StringBuilder("nir;last_name;first_name;birth_date\n");
    for (SyntheticRecord p : people) {
      csv.append(
              r.random.nextInt(10) == 0
                  ? FuzzDrillTest.mutate(p.nir().compact(), r.random)
                      .replaceAll("[;\"\r\n\u0000]", " ")
                  : p.nir().compact())
          .append(';')
          .append(p.lastName())
          .append(';')
          .append(p.firstName())
          .append(';')
          .append(p.birthDate())
          .append('\n');
    }
    Path in = dir.resolve("in.csv");
    Files.write(in, csv.toString().getBytes(StandardCharsets.UTF_8));
    Path policyFile = dir.resolve("scan.policy");
    Files.writeString(
        policyFile,
        "nirguard-policy 1\npurpose scan\ncolumn nir nir fpe+token\ncolumn last_name name seal\ncolumn first_name name mask\ncolumn birth_date birth-date generalize:year\n");
    ProtectionPolicy policy = ProtectionPolicy.read(policyFile);
    RowProtector rows =
        RowProtector.bind(policy, List.of("nir", "last_name", "first_name", "birth_date"), ring);
    record(rows);
    for (SyntheticRecord p : people) {
      record(
          rows.protect(
              new String[] {
                FuzzDrillTest.mutate(p.nir().compact(), r.random),
                p.lastName(),
                p.firstName(),
                "bad"
              },
              1));
    }
    attempt(
        () ->
            CsvProtector.create(policy, ring)
                .protect(in, dir.resolve("out.csv"), dir.resolve("report.csv")));
    assertTrue(Files.exists(dir.resolve("out.csv")), "the scan's own CSV must protect");
    recorded.add(Files.readString(dir.resolve("report.csv")));
    Path ragged = dir.resolve("ragged.csv");
    Files.write(
        ragged,
        csv.toString()
            .replaceFirst("\n([^\n]*)\n", "\n$1;extra\n")
            .getBytes(StandardCharsets.UTF_8));
    attempt(() -> CsvProtector.create(policy, ring).protect(ragged, dir.resolve("out2.csv")));
    Path quotes = dir.resolve("quotes.csv");
    Files.write(quotes, csv.toString().replaceFirst("\n", "\n\"").getBytes(StandardCharsets.UTF_8));
    attempt(() -> CsvProtector.create(policy, ring).protect(quotes, dir.resolve("out3.csv")));

    // the CLI: stderr of every command, on good and bad input (stdout of validate too: it masks)
    Path nirs = dir.resolve("nirs.txt");
    StringBuilder lines = new StringBuilder();
    for (SyntheticRecord p : people) {
      lines
          .append(p.nir().display())
          .append('\n')
          .append(FuzzDrillTest.mutate(p.nir().compact(), r.random).replace('\n', ' '))
          .append('\n');
    }
    Files.write(nirs, lines.toString().getBytes(StandardCharsets.UTF_8));
    String k = ringFile.toString();
    String f = kekFile.toString();
    NirCommand.run("validate", nirs.toString());
    NirCommand.run("validate", "--format", "json", nirs.toString());
    cli("tokenize", "--keys", k, "--insecure-kek-file", f, "--purpose", "scan", nirs.toString());
    cli(
        "fpe",
        "encrypt",
        "--keys",
        k,
        "--insecure-kek-file",
        f,
        "--purpose",
        "scan",
        nirs.toString());
    cli(
        "detokenize",
        "--reason",
        "test",
        "--keys",
        k,
        "--insecure-kek-file",
        f,
        "--purpose",
        "scan",
        nirs.toString());
    cli(
        "fpe",
        "decrypt",
        "--reason",
        "test",
        "--keys",
        k,
        "--insecure-kek-file",
        f,
        "--purpose",
        "scan",
        nirs.toString());
    cli(
        "protect",
        "--policy",
        policyFile.toString(),
        "--keys",
        k,
        "--insecure-kek-file",
        f,
        "--report",
        dir.resolve("r.csv").toString(),
        in.toString(),
        dir.resolve("p.csv").toString());
    cli(
        "protect",
        "--policy",
        policyFile.toString(),
        "--keys",
        k,
        "--insecure-kek-file",
        f,
        ragged.toString(),
        dir.resolve("p2.csv").toString());
    cli(
        "protect",
        "--policy",
        policyFile.toString(),
        "--keys",
        k,
        "--insecure-kek-file",
        f,
        "--encrypt",
        in.toString(),
        dir.resolve("p.nirg").toString());
    // headerless files and headers whose cells hold values (issue 12): POLICY_MISMATCH names
    // columns by position, never by such a "name"
    Path headerless = dir.resolve("headerless.csv");
    Files.write(headerless, csv.substring(csv.indexOf("\n") + 1).getBytes(StandardCharsets.UTF_8));
    cli(
        "protect",
        "--policy",
        policyFile.toString(),
        "--keys",
        k,
        "--insecure-kek-file",
        f,
        headerless.toString(),
        dir.resolve("h1.csv").toString());
    String firstNir = people.get(0).nir().compact();
    for (String extra : List.of(";" + firstNir, ";" + firstNir + ";" + firstNir)) {
      Path valued = dir.resolve("valued-header.csv");
      Files.write(
          valued,
          csv.toString()
              .replaceFirst("\n", extra + "\n")
              .replace("\n", extra + "\n")
              .getBytes(StandardCharsets.UTF_8));
      cli(
          "protect",
          "--policy",
          policyFile.toString(),
          "--keys",
          k,
          "--insecure-kek-file",
          f,
          valued.toString(),
          dir.resolve("h2.csv").toString());
      cli(
          "reveal",
          "--reason",
          "test",
          "--policy",
          policyFile.toString(),
          "--keys",
          k,
          "--insecure-kek-file",
          f,
          valued.toString(),
          dir.resolve("h3.csv").toString());
    }
    Path tampered = dir.resolve("t.nirg");
    byte[] bytes = Files.readAllBytes(dir.resolve("p.nirg"));
    bytes[bytes.length - 3] ^= 4;
    Files.write(tampered, bytes);
    cli(
        "reveal",
        "--reason",
        "test",
        "--policy",
        policyFile.toString(),
        "--keys",
        k,
        "--insecure-kek-file",
        f,
        tampered.toString(),
        dir.resolve("rv.csv").toString());
    cli(
        "decrypt",
        "--keys",
        k,
        "--insecure-kek-file",
        f,
        "--purpose",
        "scan",
        tampered.toString(),
        dir.resolve("d.csv").toString());
    cli("keys", "list", "--keys", k, "--insecure-kek-file", f);
    cli("keys", "list", "--keys", in.toString(), "--insecure-kek-file", f);
    String someNir = people.get(1).nir().display();
    cli(
        "detokenize",
        "--reason",
        "about " + someNir,
        "--keys",
        k,
        "--insecure-kek-file",
        f,
        "--purpose",
        "scan",
        nirs.toString());
    cli(
        "fpe",
        "decrypt",
        "--reason",
        "ok",
        "--actor",
        someNir,
        "--keys",
        k,
        "--insecure-kek-file",
        f,
        "--purpose",
        "scan",
        nirs.toString());
    cli("audit", "verify", dir.resolve("library.audit").toString());
    cli("audit", "head", ringFile + ".audit");
    // every audit log written above (the library's and the CLI's default beside the ring) is output
    try (java.util.stream.Stream<Path> logs = Files.list(dir)) {
      for (Path log :
          (Iterable<Path>) logs.filter(x -> x.toString().endsWith(".audit"))::iterator) {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(text.lines().count() >= 3, log.getFileName() + " holds records");
        recorded.add(text);
      }
    }
    cli(
        "tokenize",
        "--keys",
        k,
        "--insecure-kek-file",
        in.toString(),
        "--purpose",
        "scan",
        nirs.toString());
  }

  /**
   * Runs the CLI in-process with stdout discarded (its data is protected output) and stderr
   * recorded.
   */
  private void cli(String... args) {
    PrintStream out = System.out;
    try {
      System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
      NirCommand.run(args);
    } finally {
      System.setOut(out);
    }
  }

  static final class SplittableRandomHolder {
    final java.util.SplittableRandom random;

    SplittableRandomHolder(long seed) {
      random = new java.util.SplittableRandom(seed);
    }
  }
}
