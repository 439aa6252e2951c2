package io.github.nirguard.crypto.audit;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.NirFpe;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The decrypting side of a {@link NirFpe}, audited: every NIR it gives back has its {@link
 * AuditOperation#FPE_DECRYPT} record appended first, with the FPE key id; if the sink fails, no NIR
 * is returned. Made by {@link Auditor#fpe}.
 *
 * <pre>{@code
 * AuditedFpe fpe = auditor.fpe(NirFpe.forKey(ring, "lab-export", NirFpe.Mode.MARKED, keyId), "lab-export");
 * Nir one = fpe.decrypt(cell);                      // one record (count 1), then the NIR
 * List<Nir> all = fpe.decryptAll(cells);            // every cell decrypted, one record, then the NIRs
 * }</pre>
 *
 * <p>A ciphertext refused by {@link NirFpe#decrypt} reveals nothing and writes nothing; a batch
 * with one refused ciphertext is refused whole. Encryption is not a reveal: use the {@link NirFpe}.
 *
 * @since 0.1.0
 */
public final class AuditedFpe {
  private final Auditor auditor;
  private final NirFpe fpe;
  private final String purpose;

  AuditedFpe(Auditor auditor, NirFpe fpe, String purpose) {
    this.auditor = auditor;
    this.fpe = fpe;
    this.purpose = purpose;
  }

  /**
   * Decrypts one ciphertext, as {@link NirFpe#decrypt(CharSequence)} does, after its record.
   *
   * @param ciphertext the 15-character string
   * @return the NIR
   * @throws GeneralSecurityException if it is not a ciphertext of this FPE (nothing recorded)
   * @throws AuditException if the record could not be written (no NIR returned)
   */
  public Nir decrypt(CharSequence ciphertext) throws GeneralSecurityException, AuditException {
    return decrypt(ciphertext, null);
  }

  /**
   * Decrypts one ciphertext made with a record tweak, after its record.
   *
   * @param ciphertext the 15-character string
   * @param recordTweak the record tweak used to encrypt, or null
   * @return the NIR
   * @throws GeneralSecurityException if it is not a ciphertext of this FPE (nothing recorded)
   * @throws AuditException if the record could not be written (no NIR returned)
   */
  public Nir decrypt(CharSequence ciphertext, byte @Nullable [] recordTweak)
      throws GeneralSecurityException, AuditException {
    Nir nir = fpe.decrypt(ciphertext, recordTweak);
    auditor.record(AuditOperation.FPE_DECRYPT, purpose, 1, fpe.keyId());
    return nir;
  }

  /**
   * Decrypts a batch: all of it, or nothing. One record counts the batch (an empty batch writes
   * none).
   *
   * @param ciphertexts the ciphertexts, in order
   * @return the NIRs in the same order, unmodifiable
   * @throws GeneralSecurityException if any is not a ciphertext of this FPE (nothing recorded,
   *     nothing returned)
   * @throws AuditException if the record could not be written (no NIR returned)
   */
  public List<Nir> decryptAll(List<? extends CharSequence> ciphertexts)
      throws GeneralSecurityException, AuditException {
    List<Nir> out = new ArrayList<>(ciphertexts.size());
    for (CharSequence c : ciphertexts) {
      out.add(fpe.decrypt(Objects.requireNonNull(c, "ciphertext")));
    }
    if (!out.isEmpty()) {
      auditor.record(AuditOperation.FPE_DECRYPT, purpose, out.size(), fpe.keyId());
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Returns the FPE key id written in the records.
   *
   * @return the key id
   */
  public int keyId() {
    return fpe.keyId();
  }

  /**
   * Describes it without a key or a value.
   *
   * @return e.g. {@code AuditedFpe[NirFpe[…], lab-export, Auditor[alice to …]]}
   */
  @Override
  public String toString() {
    return "AuditedFpe[" + fpe + ", " + purpose + ", " + auditor + "]";
  }
}
