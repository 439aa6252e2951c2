package io.github.nirguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.cli.NirLauncherIT.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nir keys} disable, enable, destroy, promote, upgrade and export, the version anchors and
 * the development KEK file's rules, through the real launcher: help, output and exit codes.
 */
class KeysLifecycleIT {
  @TempDir Path dir;

  Result nir(String... args) throws Exception {
    return NirLauncherIT.nir("", args);
  }

  String[] with(Path ring, Path kek, String... rest) {
    List<String> all = new ArrayList<>(List.of(rest));
    all.addAll(List.of("--keys", ring.toString(), "--insecure-kek-file", kek.toString()));
    return all.toArray(String[]::new);
  }

  /** The id of a key in {@code nir keys list}'s output: its row's third column. */
  static Optional<String> id(String list, String purposeKind, boolean primary) {
    return list.lines()
        .filter(l -> l.startsWith(purposeKind.replace(' ', '\t') + "\t"))
        .filter(l -> l.endsWith("\tyes") == primary)
        .map(l -> l.split("\t")[2])
        .findFirst();
  }

  static String status(String list, String id) {
    return list.lines()
        .filter(l -> l.contains("\t" + id + "\t"))
        .findFirst()
        .orElseThrow()
        .split("\t")[3];
  }

  @Test
  void everyKeysCommandHasHelp() throws Exception {
    for (String sub :
        List.of("disable", "enable", "destroy", "promote", "upgrade", "export", "list", "create")) {
      Result h = nir("keys", sub, "--help");
      assertEquals(ExitCodes.OK, h.code(), sub);
      assertTrue(h.out().contains("--keys"), sub);
      assertTrue(h.out().contains("--insecure-kek-file"), sub);
      assertFalse(h.out().contains("--kek-file"), "the old name is hidden: " + sub);
    }
    assertTrue(nir("keys", "export", "--help").out().contains("--to"));
    assertEquals(ExitCodes.USAGE, nir("keys", "disable", "--keys", "x.ring").code(), "no --key");
  }

  @Test
  void lifecycleThroughTheLauncher() throws Exception {
    Path kekDir = Files.createDirectories(dir.resolve("kek"));
    Path kek = kekDir.resolve("dev.json");
    Path ring = dir.resolve("keys.ring");
    Path anchor = kekDir.resolve("keys.version");
    assertEquals(ExitCodes.OK, nir("keys", "kek", "--out", kek.toString()).code());
    Result c =
        nir(
            with(
                ring,
                kek,
                "keys",
                "create",
                "--purpose",
                "lab",
                "--kind",
                "prp-token",
                "--version-file",
                anchor.toString()));
    assertEquals(ExitCodes.OK, c.code(), c.err());
    assertEquals("created lab prp-token\n", c.out());
    assertFalse(c.err().contains("warning"), "the KEK is not in the ring's directory: " + c.err());
    Path nirs = dir.resolve("nirs.txt");
    Files.writeString(nirs, "255081416802538\n");
    Result token =
        nir(with(ring, kek, "tokenize", "--purpose", "lab", "--scheme", "prp", nirs.toString()));
    assertEquals(ExitCodes.OK, token.code(), token.err());
    Path tokens = dir.resolve("tokens.txt");
    Files.writeString(tokens, token.out());
    String[] rotate = with(ring, kek, "keys", "rotate", "--purpose", "lab", "--kind", "prp-token");
    assertEquals(ExitCodes.OK, nir(rotate).code());
    Result list = nir(with(ring, kek, "keys", "list"));
    assertEquals(ExitCodes.OK, list.code(), list.err());
    assertTrue(list.out().startsWith("purpose\tkind\tkey\tstatus\tcreated\tprimary\n"));
    assertTrue(list.err().contains("key ring version 2"), list.err());
    String old = id(list.out(), "lab prp-token", false).orElseThrow();
    String primary = id(list.out(), "lab prp-token", true).orElseThrow();
    String[] detok =
        with(ring, kek, "detokenize", "--reason", "test", "--purpose", "lab", tokens.toString());

    // disable: the old token no longer reveals; the primary key cannot be disabled
    Result d = nir(with(ring, kek, "keys", "disable", "--key", old));
    assertEquals(ExitCodes.OK, d.code(), d.err());
    assertEquals("disabled " + old + " (lab prp-token)\n", d.out());
    assertEquals("DISABLED", status(nir(with(ring, kek, "keys", "list")).out(), old));
    Result refusedLine = nir(detok);
    assertEquals(ExitCodes.INVALID, refusedLine.code(), "the token's line is refused");
    assertFalse(refusedLine.out().contains("255081416802538"), "nothing revealed");
    Result p = nir(with(ring, kek, "keys", "disable", "--key", primary));
    assertEquals(ExitCodes.CRYPTO, p.code());
    assertTrue(p.err().contains("primary key cannot be disabled"), p.err());
    // enable: it reveals again
    assertEquals(ExitCodes.OK, nir(with(ring, kek, "keys", "enable", "--key", old)).code());
    Result back = nir(detok);
    assertEquals(ExitCodes.OK, back.code(), back.err());
    assertTrue(back.out().startsWith("255081416802538"), "revealed");
    // promote: the old key is primary again
    assertEquals(ExitCodes.OK, nir(with(ring, kek, "keys", "promote", "--key", old)).code());
    assertEquals(old, id(nir(with(ring, kek, "keys", "list")).out(), "lab prp-token", true).get());
    // destroy the other one, for good
    Result x = nir(with(ring, kek, "keys", "destroy", "--key", primary));
    assertEquals(ExitCodes.OK, x.code(), x.err());
    assertEquals("DESTROYED", status(nir(with(ring, kek, "keys", "list")).out(), primary));
    assertEquals(ExitCodes.CRYPTO, nir(with(ring, kek, "keys", "enable", "--key", primary)).code());
    // unknown and malformed ids
    assertEquals(ExitCodes.CRYPTO, nir(with(ring, kek, "keys", "disable", "--key", "0")).code());
    Result bad = nir(with(ring, kek, "keys", "disable", "--key", "not-hex"));
    assertEquals(ExitCodes.CRYPTO, bad.code());
    assertTrue(bad.err().contains("not a key id"), bad.err());
    // every change of the ring left one audit record, and the log verifies
    Path log = dir.resolve("keys.ring.audit");
    Result verified = nir("audit", "verify", log.toString());
    assertEquals(ExitCodes.OK, verified.code(), verified.err());
    String records = Files.readString(log);
    for (String op :
        List.of(
            "key-create",
            "key-rotate",
            "key-disable",
            "key-enable",
            "key-promote",
            "key-destroy")) {
      assertTrue(records.contains("\t" + op + "\t"), op);
    }

    // the version anchor is raised by the 'nir keys' changes that are given it
    assertEquals("1", Files.readString(anchor).strip(), "only 'create' was given it so far");
    Path older = dir.resolve("older.ring");
    Files.copy(ring, older); // version 6
    List<String> anchored = new ArrayList<>(List.of(rotate));
    anchored.addAll(List.of("--version-file", anchor.toString()));
    assertEquals(ExitCodes.OK, nir(anchored.toArray(String[]::new)).code());
    assertEquals("7", Files.readString(anchor).strip());
    String[] listAnchored = with(ring, kek, "keys", "list", "--version-file", anchor.toString());
    assertEquals(ExitCodes.OK, nir(listAnchored).code());
    Files.copy(older, ring, java.nio.file.StandardCopyOption.REPLACE_EXISTING); // rolled back
    Result rolled = nir(listAnchored);
    assertEquals(ExitCodes.CRYPTO, rolled.code());
    assertTrue(rolled.err().contains("older than the minimum 7"), rolled.err());
    Result rolledMin = nir(with(ring, kek, "keys", "list", "--min-version", "7"));
    assertEquals(ExitCodes.CRYPTO, rolledMin.code());
    assertEquals(ExitCodes.OK, nir(with(ring, kek, "keys", "list", "--min-version", "6")).code());
  }

  @Test
  void exportWritesOnlyWhatTheRecipientMayUseUnderItsKek() throws Exception {
    Path kekDir = Files.createDirectories(dir.resolve("kek"));
    Path kek = kekDir.resolve("dev.json");
    Path theirs = kekDir.resolve("lab.json");
    Path ring = dir.resolve("keys.ring");
    nir("keys", "kek", "--out", kek.toString());
    nir("keys", "kek", "--out", theirs.toString());
    for (String kind : List.of("token", "file", "fingerprint")) {
      nir(with(ring, kek, "keys", "create", "--purpose", "lab", "--kind", kind));
    }
    Path out = dir.resolve("lab.ring");
    Result e =
        nir(
            with(
                ring,
                kek,
                "keys",
                "export",
                "--purpose",
                "lab",
                "--kind",
                "file",
                "--to",
                theirs.toString(),
                "--out",
                out.toString()));
    assertEquals(ExitCodes.OK, e.code(), e.err());
    assertTrue(e.out().startsWith("exported lab file (1 keys, version 3)"), e.out());
    Path log = dir.resolve("keys.ring.audit");
    List<String[]> records = auditRecords(log);
    String[] exported = records.get(records.size() - 1);
    assertEquals(
        List.of("key-export", "lab", "-", "1"),
        List.of(exported[2], exported[3], exported[4], exported[5]),
        "the keys that left, recorded before the recipient's ring was written");
    Result mine = nir(with(out, kek, "keys", "list"));
    assertEquals(ExitCodes.CRYPTO, mine.code(), "not readable with the issuer's KEK");
    Result list = nir(with(out, theirs, "keys", "list"));
    assertEquals(ExitCodes.OK, list.code(), list.err());
    assertEquals(2, list.out().lines().count(), list.out());
    assertTrue(list.out().contains("lab\tfile\t"));
    // never overwritten; an unknown kind or purpose is refused
    String[] again =
        with(
            ring,
            kek,
            "keys",
            "export",
            "--purpose",
            "lab",
            "--kind",
            "file",
            "--to",
            theirs.toString(),
            "--out",
            out.toString());
    assertEquals(ExitCodes.UNWRITABLE, nir(again).code());
    String[] absent =
        with(
            ring,
            kek,
            "keys",
            "export",
            "--purpose",
            "lab",
            "--kind",
            "fpe",
            "--to",
            theirs.toString(),
            "--out",
            dir.resolve("x.ring").toString());
    assertEquals(ExitCodes.CRYPTO, nir(absent).code());
    assertFalse(Files.exists(dir.resolve("x.ring")));
    assertEquals(records.size(), auditRecords(log).size(), "a refused export leaves no record");
    assertEquals(ExitCodes.OK, nir("audit", "verify", log.toString()).code());
  }

  /** The audit log's records, split into fields (seq, time, operation, purpose, key, count…). */
  static List<String[]> auditRecords(Path log) throws java.io.IOException {
    return Files.readAllLines(log).stream().skip(1).map(l -> l.split("\t", -1)).toList();
  }

  @Test
  void theDevelopmentKekFileRules() throws Exception {
    Path kek = dir.resolve("dev.json"); // beside the ring: warned by 'nir keys'
    Path ring = dir.resolve("keys.ring");
    nir("keys", "kek", "--out", kek.toString());
    Result c = nir(with(ring, kek, "keys", "create", "--purpose", "lab", "--kind", "token"));
    assertEquals(ExitCodes.OK, c.code(), c.err());
    assertTrue(c.err().contains("warning: the cleartext KEK sits in the key ring's directory"));
    // the old option name still works, and says so
    Result old = nir("keys", "list", "--keys", ring.toString(), "--kek-file", kek.toString());
    assertEquals(ExitCodes.OK, old.code(), old.err());
    assertTrue(old.err().contains("--kek-file is now --insecure-kek-file"), old.err());
    // a KEK file that group or others may read is refused
    if (Files.getFileStore(kek).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(kek, PosixFilePermissions.fromString("rw-r--r--"));
      Result open = nir(with(ring, kek, "keys", "list"));
      assertEquals(ExitCodes.CRYPTO, open.code());
      assertTrue(open.err().contains("readable or writable by group or others"), open.err());
      Path nirs = dir.resolve("nirs.txt");
      Files.writeString(nirs, "255081416802538\n");
      Result t = nir(with(ring, kek, "tokenize", "--purpose", "lab", nirs.toString()));
      assertEquals(ExitCodes.CRYPTO, t.code(), t.err());
      assertTrue(t.err().contains("chmod 600"), t.err());
    }
  }

  @Test
  void aFormat1RingIsRefusedUntilUpgraded() throws Exception {
    Path kekDir = Files.createDirectories(dir.resolve("kek"));
    Path kek = kekDir.resolve("test-only.json");
    Path ring = dir.resolve("old.ring");
    Path res = Path.of("..", "nir-crypto", "src", "test", "resources", "vectors");
    Files.copy(res.resolve("TEST-ONLY-never-production-kek.json"), kek);
    Files.setPosixFilePermissions(kek, PosixFilePermissions.fromString("rw-------"));
    Files.copy(res.resolve("TEST-ONLY-never-production-v1.ring"), ring);
    Result refused = nir(with(ring, kek, "keys", "list"));
    assertEquals(ExitCodes.CRYPTO, refused.code());
    assertTrue(refused.err().contains("nir keys upgrade"), refused.err());
    Result up = nir(with(ring, kek, "keys", "upgrade"));
    assertEquals(ExitCodes.OK, up.code(), up.err());
    assertTrue(up.out().contains("to format 2 (version 1)"), up.out());
    List<String[]> upgraded = auditRecords(dir.resolve("old.ring.audit"));
    assertEquals(
        List.of("key-upgrade"),
        upgraded.stream().map(r -> r[2]).distinct().toList(),
        "one record per purpose");
    assertEquals(6, upgraded.stream().mapToInt(r -> Integer.parseInt(r[5])).sum(), "the six keys");
    Result list = nir(with(ring, kek, "keys", "list"));
    assertEquals(ExitCodes.OK, list.code(), list.err());
    assertEquals(7, list.out().lines().count(), "header and the six format-1 keys");
    assertTrue(list.out().contains("\t-\tyes"), "creation time unknown");
    assertTrue(nir(with(ring, kek, "keys", "upgrade")).out().startsWith("already format 2"));
    assertEquals(
        upgraded.size(),
        auditRecords(dir.resolve("old.ring.audit")).size(),
        "nothing rewritten, nothing recorded");
  }
}
