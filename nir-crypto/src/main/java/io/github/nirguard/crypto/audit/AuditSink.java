package io.github.nirguard.crypto.audit;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where audit records go: an {@link AuditLog} file, a SIEM through a logger, or several at once.
 *
 * <p>A sink that cannot take a record throws, and the audited operation then fails: nothing is
 * revealed without its record (fail closed). Sinks receive records, which never hold a value.
 *
 * <pre>{@code
 * System.Logger siem = System.getLogger("nirguard.audit");
 * AuditSink sink = AuditLog.at(Path.of("keys.ring.audit")).and(AuditSink.logger(siem));
 * }</pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface AuditSink {

  /**
   * Takes one record, durably if the sink is durable.
   *
   * @param record the record
   * @throws IOException if the record could not be kept: the caller must not go on
   */
  void append(AuditRecord record) throws IOException;

  /**
   * Returns a sink that writes this sink's records, then {@code other}'s; if this one fails, {@code
   * other} is not called.
   *
   * @param other the second sink
   * @return both
   */
  default AuditSink and(AuditSink other) {
    Objects.requireNonNull(other, "other");
    return r -> {
      append(r);
      other.append(r);
    };
  }

  /**
   * Returns a sink that hands each record to a consumer as one line of text, e.g. a logging
   * framework's {@code info} method (SLF4J: {@code AuditSink.lines(log::info)}), with no dependency
   * on it. The line: {@code nirguard-audit operation=fpe-decrypt purpose=lab-export key=1a2b3c4d
   * count=120 actor="alice" reason="ticket 4521" time=2026-01-02T03:04:05.123Z}.
   *
   * @param lines the consumer (it must not throw for a kept line)
   * @return the sink
   */
  static AuditSink lines(Consumer<String> lines) {
    Objects.requireNonNull(lines, "lines");
    return r -> lines.accept(describe(r));
  }

  /**
   * Returns a sink that logs each record at {@code INFO} on a {@code System.Logger} (which
   * java.util.logging, Log4j and SLF4J bridges serve), as {@link #lines} formats it.
   *
   * @param logger the logger
   * @return the sink
   */
  static AuditSink logger(System.Logger logger) {
    Objects.requireNonNull(logger, "logger");
    return lines(line -> logger.log(System.Logger.Level.INFO, line));
  }

  /**
   * Formats one record as one line of {@code key=value} pairs, free text quoted.
   *
   * @param r the record
   * @return the line, without a line break
   */
  static String describe(AuditRecord r) {
    return "nirguard-audit operation="
        + r.operation().label()
        + " purpose="
        + r.purpose()
        + " key="
        + r.keyIdText()
        + " count="
        + r.count()
        + " actor="
        + quote(r.actor())
        + " reason="
        + quote(r.reason())
        + " time="
        + r.time();
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
