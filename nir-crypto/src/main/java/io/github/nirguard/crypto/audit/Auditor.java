package io.github.nirguard.crypto.audit;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.NirFpe;
import io.github.nirguard.crypto.Purpose;
import io.github.nirguard.crypto.ReversibleTokenizer;
import io.github.nirguard.crypto.Token;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who is working and why, bound to a sink: writes the records of what they do, and audits library
 * reveals.
 *
 * <pre>{@code
 * Auditor auditor = Auditor.of(AuditLog.at(Path.of("keys.ring.audit")), "alice", "ticket 4521");
 * ReversibleTokenizer t = auditor.tokenizer(ReversibleTokenizer.prp(ring, "lab-export"), "lab-export");
 * Nir nir = t.reveal(token);                        // a record first, or no NIR
 * auditor.record(AuditOperation.KEY_ROTATE, "lab-export", 1, newKeyId);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Auditor {
  private final AuditSink sink;
  private final String actor;
  private final String reason;

  private Auditor(AuditSink sink, String actor, String reason) {
    this.sink = sink;
    this.actor = actor;
    this.reason = reason;
  }

  /**
   * Returns an auditor.
   *
   * @param sink where records go
   * @param actor who, as {@link AuditRecord#of} checks it
   * @param reason why, as {@link AuditRecord#of} checks it (may be empty)
   * @return the auditor
   * @throws IllegalArgumentException if the actor or reason breaks a rule (never repeated)
   */
  public static Auditor of(AuditSink sink, String actor, String reason) {
    Objects.requireNonNull(sink, "sink");
    AuditRecord.checkText("actor", actor, 1, AuditRecord.MAX_ACTOR);
    AuditRecord.checkText("reason", reason, 0, AuditRecord.MAX_REASON);
    return new Auditor(sink, actor, reason);
  }

  /**
   * Appends the record of an operation, now.
   *
   * @param operation what was done
   * @param purpose the purpose of the keys used
   * @param count how many values
   * @param keyId the key used, or null if not one key
   * @return the record appended
   * @throws AuditException if the sink could not keep it (the cause says why)
   */
  public AuditRecord record(
      AuditOperation operation, String purpose, long count, @Nullable Integer keyId)
      throws AuditException {
    AuditRecord r = AuditRecord.of(operation, purpose, count, actor, reason, Instant.now());
    if (keyId != null) {
      r = r.withKeyId(keyId);
    }
    try {
      sink.append(r);
    } catch (AuditException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new AuditException("the audit record could not be written", e);
    }
    return r;
  }

  /**
   * Returns a tokenizer that appends one {@link AuditOperation#DETOKENIZE} record (count 1, the
   * token's key id) for every NIR it reveals, before returning it: if the sink fails, the NIR is
   * not returned ({@link UncheckedIOException}). Tokenizing is not audited. A reveal per record:
   * for many tokens, reveal them with the plain tokenizer and {@linkplain #record record} the
   * batch.
   *
   * @param tokenizer the tokenizer
   * @param purpose its purpose, for the records
   * @return the audited tokenizer
   */
  public ReversibleTokenizer tokenizer(ReversibleTokenizer tokenizer, String purpose) {
    Objects.requireNonNull(tokenizer, "tokenizer");
    Purpose.check(purpose);
    return new ReversibleTokenizer() {
      @Override
      public Token tokenize(Nir nir) {
        return tokenizer.tokenize(nir);
      }

      @Override
      public Nir reveal(Token token) throws GeneralSecurityException {
        Nir nir = tokenizer.reveal(token);
        try {
          record(AuditOperation.DETOKENIZE, purpose, 1, token.keyId().orElse(null));
        } catch (IOException e) {
          throw new UncheckedIOException("the audit record could not be written", e);
        }
        return nir;
      }

      @Override
      public String toString() {
        return "Audited" + tokenizer;
      }
    };
  }

  /**
   * Returns the decrypting side of an FPE, audited: one {@link AuditOperation#FPE_DECRYPT} record
   * (with the FPE's key id) before each NIR or batch of NIRs it gives back.
   *
   * @param fpe the FPE
   * @param purpose its purpose, for the records
   * @return the audited decryption
   */
  public AuditedFpe fpe(NirFpe fpe, String purpose) {
    Objects.requireNonNull(fpe, "fpe");
    Purpose.check(purpose);
    return new AuditedFpe(this, fpe, purpose);
  }

  /**
   * Returns the sink.
   *
   * @return the sink
   */
  public AuditSink sink() {
    return sink;
  }

  /**
   * Returns who.
   *
   * @return the actor
   */
  public String actor() {
    return actor;
  }

  /**
   * Returns why.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }

  @Override
  public String toString() {
    return "Auditor[" + actor + " to " + sink + "]";
  }
}
