package io.github.nirguard.spark;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.NirFpe;
import io.github.nirguard.crypto.audit.AuditOperation;
import java.security.GeneralSecurityException;
import java.util.Optional;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.api.java.UDF4;
import org.jspecify.annotations.Nullable;

/**
 * The FPE functions {@code nir_fpe_encrypt}, {@code nir_fpe_decrypt} and {@code nir_fpe_key_id}. A
 * null, invalid or undecryptable value gives null; a null parameter gives null, an unknown one
 * fails the query ({@link Params}). So does a decryption without a key id once the purpose's FPE
 * keyset holds several keys: decrypting with a guessed key would silently give wrong NIRs. {@code
 * nir_fpe_decrypt} refuses without a {@link RevealAudit} and counts each NIR it returns for its
 * task's audit record ({@link RevealTally}).
 */
final class FpeUdfs {
  private FpeUdfs() {}

  /** Shared by encrypt and decrypt: the FPE of a purpose and mode. */
  abstract static class Fpe extends KeyedUdf {
    private static final long serialVersionUID = 1L;
    private transient volatile @Nullable Memo<NirFpe> memo;

    Fpe(ProtectedKeys keys) {
      super(keys);
    }

    final NirFpe fpe(String purpose, String mode) {
      Memo<NirFpe> m = memo;
      if (m == null || !m.matches(purpose, mode)) {
        m =
            new Memo<>(
                purpose, mode, resolve(engines(), Params.purpose(purpose), Params.mode(mode)));
        memo = m;
      }
      return m.value;
    }

    /** The FPE to use when no key id is given. */
    abstract NirFpe resolve(Engines engines, String purpose, NirFpe.Mode mode);
  }

  /** {@code nir_fpe_encrypt(text, purpose[, mode])}: null when not a strictly valid NIR. */
  static final class FpeEncrypt extends Fpe
      implements UDF2<String, String, String>, UDF3<String, String, String, String> {
    private static final long serialVersionUID = 1L;

    FpeEncrypt(ProtectedKeys keys) {
      super(keys);
    }

    @Override
    NirFpe resolve(Engines engines, String purpose, NirFpe.Mode mode) {
      return engines.fpe(purpose, mode); // the primary key: encrypt with the newest
    }

    @Override
    public @Nullable String call(@Nullable String text, @Nullable String purpose) {
      return call(text, purpose, "marked");
    }

    @Override
    public @Nullable String call(
        @Nullable String text, @Nullable String purpose, @Nullable String mode) {
      if (purpose == null || mode == null) {
        return null;
      }
      NirFpe fpe = fpe(purpose, mode);
      Optional<Nir> nir = strictNir(text);
      if (nir.isEmpty()) {
        return null;
      }
      try {
        return fpe.encrypt(nir.get());
      } catch (IllegalArgumentException e) {
        return null; // not in the FPE domain (cannot happen for a strictly valid NIR)
      }
    }
  }

  /**
   * {@code nir_fpe_decrypt(text, purpose[, mode[, key_id]])}: the compact NIR, null when not a
   * ciphertext. Without a key id, only a keyset of one key is used: after a rotation the query
   * fails and asks for the key id, instead of decrypting with a guessed key into wrong NIRs.
   */
  static final class FpeDecrypt extends Fpe
      implements UDF2<String, String, String>,
          UDF3<String, String, String, String>,
          UDF4<String, String, String, String, String> {
    private static final long serialVersionUID = 1L;
    private transient volatile @Nullable Memo<NirFpe> keyed;
    private final @Nullable RevealAudit audit;

    /** Without an audit, every call refuses ({@link RevealAudit}). */
    FpeDecrypt(ProtectedKeys keys, @Nullable RevealAudit audit) {
      super(keys);
      this.audit = audit;
    }

    @Override
    NirFpe resolve(Engines engines, String purpose, NirFpe.Mode mode) {
      return engines.fpeOnlyKey(purpose, mode);
    }

    @Override
    public @Nullable String call(@Nullable String text, @Nullable String purpose) {
      return call(text, purpose, "marked");
    }

    @Override
    public @Nullable String call(
        @Nullable String text, @Nullable String purpose, @Nullable String mode) {
      RevealAudit a = RevealAudit.required(audit, "nir_fpe_decrypt");
      if (purpose == null || mode == null) {
        return null;
      }
      return decrypt(a, purpose, fpe(purpose, mode), text);
    }

    @Override
    public @Nullable String call(
        @Nullable String text,
        @Nullable String purpose,
        @Nullable String mode,
        @Nullable String keyId) {
      RevealAudit a = RevealAudit.required(audit, "nir_fpe_decrypt");
      if (purpose == null || mode == null || keyId == null) {
        return null;
      }
      Memo<NirFpe> m = keyed;
      if (m == null || !m.matches(purpose, mode, keyId)) {
        m =
            new Memo<>(
                purpose,
                mode,
                keyId,
                engines().fpe(Params.purpose(purpose), Params.mode(mode), Params.keyId(keyId)));
        keyed = m;
      }
      return decrypt(a, purpose, m.value, text);
    }

    private static @Nullable String decrypt(
        RevealAudit audit, String purpose, NirFpe fpe, @Nullable String text) {
      if (text == null) {
        return null;
      }
      String nir;
      try {
        nir = fpe.decrypt(text).compact();
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        return null;
      }
      RevealTally.revealed(audit, AuditOperation.FPE_DECRYPT, purpose, fpe.keyId());
      return nir;
    }
  }

  /** {@code nir_fpe_key_id(purpose)}: the hex id of the key {@code nir_fpe_encrypt} uses now. */
  static final class FpeKeyId extends KeyedUdf implements UDF1<String, String> {
    private static final long serialVersionUID = 1L;
    private transient volatile @Nullable Memo<String> memo;

    FpeKeyId(ProtectedKeys keys) {
      super(keys);
    }

    @Override
    public @Nullable String call(@Nullable String purpose) {
      if (purpose == null) {
        return null;
      }
      Memo<String> m = memo;
      if (m == null || !m.matches(purpose, "")) {
        m =
            new Memo<>(
                purpose,
                "",
                Engines.keyIdHex(
                    engines().fpe(Params.purpose(purpose), NirFpe.Mode.MARKED).keyId()));
        memo = m;
      }
      return m.value;
    }
  }
}
