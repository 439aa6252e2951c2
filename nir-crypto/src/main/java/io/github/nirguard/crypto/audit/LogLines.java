package io.github.nirguard.crypto.audit;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The lines of an {@link AuditLog} file: the header line, a record's line and its hash (the SHA-256
 * of the line before its last tab), and the check of one record line against the record before it.
 * Appending and verifying both read and write lines through here.
 */
final class LogLines {
  static final String HEADER = "nirguard-audit 1";
  static final Pattern HEADER_LINE = Pattern.compile("nirguard-audit 1 [0-9a-f]{32}");
  private static final Pattern NUMBER = Pattern.compile("0|[1-9][0-9]{0,17}");
  private static final int FIELDS = 10;
  private static final Pattern KEY = Pattern.compile("-|[0-9a-f]{8}");

  private LogLines() {}

  /** A record's line before its hash: its fields, then the previous record's hash. */
  static String recordLine(long sequence, AuditRecord record, String previousHash) {
    return String.join(
        "\t",
        Long.toString(sequence),
        record.time().toString(),
        record.operation().label(),
        record.purpose(),
        record.keyIdText(),
        Long.toString(record.count()),
        record.actor(),
        record.reason(),
        previousHash);
  }

  /**
   * The anchor of a record line whose fields are counted, sequence number read and hash matched;
   * null if it is not one (what an append needs of the last line, not a full check).
   */
  static @Nullable AuditAnchor anchorOfRecord(String line) {
    String[] f = line.split("\t", -1);
    if (f.length != FIELDS
        || !NUMBER.matcher(f[0]).matches()
        || !hex64(f[FIELDS - 1])
        || !sha256(line.substring(0, line.lastIndexOf('\t'))).equals(f[FIELDS - 1])) {
      return null;
    }
    return AuditAnchor.of(Long.parseLong(f[0]), f[FIELDS - 1]);
  }

  /** Checks one record line against the previous record; null if intact. */
  static AuditVerification.@Nullable Problem check(String line, AuditAnchor previous) {
    String[] f = line.split("\t", -1);
    if (f.length != FIELDS || !NUMBER.matcher(f[0]).matches()) {
      return AuditVerification.Problem.MALFORMED;
    }
    if (Long.parseLong(f[0]) != previous.sequence() + 1) {
      return AuditVerification.Problem.SEQUENCE;
    }
    if (!hex64(f[8]) || !hex64(f[9])) {
      return AuditVerification.Problem.MALFORMED;
    }
    if (!f[8].equals(previous.hash())) {
      return AuditVerification.Problem.CHAIN;
    }
    if (!sha256(line.substring(0, line.lastIndexOf('\t'))).equals(f[9])) {
      return AuditVerification.Problem.HASH;
    }
    try {
      Instant t = Instant.parse(f[1]);
      AuditRecord r =
          AuditRecord.of(AuditOperation.named(f[2]), f[3], Long.parseLong(f[5]), f[6], f[7], t);
      if (!t.toString().equals(f[1])
          || !r.operation().label().equals(f[2])
          || !KEY.matcher(f[4]).matches()
          || !NUMBER.matcher(f[5]).matches()) {
        return AuditVerification.Problem.MALFORMED;
      }
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return AuditVerification.Problem.MALFORMED;
    }
    return null;
  }

  private static boolean hex64(String s) {
    if (s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** Strict UTF-8 of {@code b[from, to)}. */
  static String decode(byte[] b, int from, int to) throws CharacterCodingException {
    return DECODER.get().reset().decode(ByteBuffer.wrap(b, from, to - from)).toString();
  }

  /** One strict decoder and one digest per thread: verifying reads many short lines. */
  private static final ThreadLocal<CharsetDecoder> DECODER =
      ThreadLocal.withInitial(
          () ->
              StandardCharsets.UTF_8
                  .newDecoder()
                  .onMalformedInput(CodingErrorAction.REPORT)
                  .onUnmappableCharacter(CodingErrorAction.REPORT));

  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
          });

  static String sha256(String text) {
    MessageDigest d = SHA256.get();
    d.reset();
    return HexFormat.of().formatHex(d.digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
