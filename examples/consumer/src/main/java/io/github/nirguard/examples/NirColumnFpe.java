package io.github.nirguard.examples;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.NirFpe;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * Format-preserving encryption of a NIR column, for a legacy system whose schema insists on
 * 15-character NIRs. In the default {@code MARKED} mode the output is NIR-shaped but always fails
 * validation, so it can never be mistaken for (or collide with) a real person's NIR.
 */
public final class NirColumnFpe {
  private final NirFpe fpe;

  /** Uses the primary {@code FPE} key of the purpose (e.g. {@code lab-export}). */
  public NirColumnFpe(KeyRing ring, String purpose) throws GeneralSecurityException {
    this.fpe = NirFpe.create(ring, purpose);
  }

  /** Encrypts a column of NIRs as typed (any accepted separators). */
  public List<String> encrypt(List<String> column) {
    List<String> out = new ArrayList<>(column.size());
    for (String cell : column) {
      out.add(fpe.encrypt(Nir.parse(cell)));
    }
    return out;
  }

  /** Decrypts a column back, for the holder of the key only. */
  public List<Nir> decrypt(List<String> column) throws GeneralSecurityException {
    List<Nir> out = new ArrayList<>(column.size());
    for (String cell : column) {
      out.add(fpe.decrypt(cell));
    }
    return out;
  }
}
