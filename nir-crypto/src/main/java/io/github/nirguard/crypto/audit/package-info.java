/**
 * An audit trail of re-identifications and key operations: who, what, why and when, never a value.
 *
 * <p>An {@link io.github.nirguard.crypto.audit.AuditRecord} says who (an actor the caller names),
 * what (operation, purpose, key id, how many values), why (a reason) and when; it never holds a
 * NIR, a token or a cell. An {@link io.github.nirguard.crypto.audit.AuditSink} receives records:
 * {@link io.github.nirguard.crypto.audit.AuditLog}, a hash-chained file safe under concurrent
 * writers, or a line consumer such as a {@code System.Logger} for a SIEM. {@link
 * io.github.nirguard.crypto.audit.AuditLog#verify} finds any edited, deleted, reordered or (against
 * an {@link io.github.nirguard.crypto.audit.AuditAnchor}) truncated record.
 *
 * <pre>{@code
 * Auditor auditor = Auditor.of(AuditLog.open(Path.of("keys.ring.audit")), "alice", "ticket 4521");
 * ReversibleTokenizer t = auditor.tokenizer(ReversibleTokenizer.prp(ring, "lab-export"), "lab-export");
 * Nir nir = t.reveal(token);   // one record appended first; no record, no NIR
 * }</pre>
 *
 * @since 0.1.0
 */
package io.github.nirguard.crypto.audit;
