package io.github.nirguard.spark;

import io.github.nirguard.crypto.audit.AuditOperation;
import io.github.nirguard.crypto.audit.Auditor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;
import org.jspecify.annotations.Nullable;

/**
 * The values a task revealed, counted per audit, operation and purpose, and written as one audit
 * record each when the task ends, on the JVM that revealed them. The audit's sink is checked before
 * the first value of each count is released; a value revealed outside a task (the driver folding a
 * constant) is recorded at once, count 1, before it is returned.
 */
final class RevealTally {
  /** Key: {@link TaskContext#taskAttemptId()}. */
  private static final ConcurrentHashMap<Long, RevealTally> BY_TASK = new ConcurrentHashMap<>();

  /** Key: {@link RevealAudit#id()}: one sink per JVM and audit. */
  private static final ConcurrentHashMap<String, Auditor> AUDITORS = new ConcurrentHashMap<>();

  private final Map<Key, Count> counts = new LinkedHashMap<>();

  private record Key(String audit, AuditOperation operation, String purpose) {}

  /** One count: values, and the key id if they all had the same one. */
  private static final class Count {
    final Key key;
    long values;
    @Nullable Integer keyId;
    boolean mixed;

    Count(Key key) {
      this.key = key;
    }

    void add(@Nullable Integer id) {
      if (values == 0) {
        keyId = id;
        mixed = id == null;
      } else if (!mixed && !Objects.equals(keyId, id)) {
        mixed = true;
      }
      values++;
    }
  }

  private RevealTally() {}

  /**
   * Counts one value about to be released, or refuses it: throws (no value message) if the audit
   * cannot take a record.
   */
  static void revealed(
      RevealAudit audit, AuditOperation operation, String purpose, @Nullable Integer keyId) {
    TaskContext task = TaskContext.get();
    if (task == null) {
      try {
        auditor(audit).record(operation, purpose, 1, keyId);
      } catch (IOException e) {
        throw failed(e);
      }
      return;
    }
    RevealTally t = BY_TASK.computeIfAbsent(task.taskAttemptId(), id -> forTask(task, id));
    t.add(audit, new Key(audit.id(), operation, purpose), keyId);
  }

  /** Checks, where it is called (the driver at registration), that the audit takes records. */
  static void check(RevealAudit audit) {
    try {
      RevealAudit.ready(auditor(audit));
    } catch (IOException | RuntimeException e) {
      throw failed(e);
    }
  }

  private static RevealTally forTask(TaskContext task, long id) {
    RevealTally t = new RevealTally();
    task.addTaskCompletionListener(
        (TaskCompletionListener)
            ended -> {
              BY_TASK.remove(id);
              t.write();
            });
    return t;
  }

  private synchronized void add(RevealAudit audit, Key key, @Nullable Integer keyId) {
    Count c = counts.get(key);
    if (c == null) {
      try {
        RevealAudit.ready(auditor(audit)); // no value before the log can take its record
      } catch (IOException e) {
        throw failed(e);
      }
      c = new Count(key);
      counts.put(key, c);
    }
    c.add(keyId);
  }

  /** Writes the task's records; the first failure fails the task, after every record was tried. */
  private void write() {
    List<Count> all;
    synchronized (this) {
      all = new ArrayList<>(counts.values());
    }
    IllegalStateException failure = null;
    for (Count c : all) {
      try {
        Auditor a = AUDITORS.get(c.key.audit());
        if (a == null) {
          throw new IOException("the audit sink is gone");
        }
        a.record(c.key.operation(), c.key.purpose(), c.values, c.mixed ? null : c.keyId);
      } catch (IOException | RuntimeException e) {
        if (failure == null) {
          failure =
              new IllegalStateException(
                  "nirguard: the reveal audit record could not be written, so the task fails"
                      + " (check the audit log with nir audit verify)",
                  e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static Auditor auditor(RevealAudit audit) throws IOException {
    Auditor a = AUDITORS.get(audit.id());
    if (a == null) {
      a = audit.open();
      Auditor before = AUDITORS.putIfAbsent(audit.id(), a);
      if (before != null) {
        a = before;
      }
    }
    return a;
  }

  private static IllegalStateException failed(Exception cause) {
    return new IllegalStateException(
        "nirguard: the reveal audit cannot take its record, so nothing is revealed"
            + " (check the audit log with nir audit verify)",
        cause);
  }
}
