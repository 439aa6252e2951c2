/**
 * Keys, keyed and reversible tokens, FF1 and NIR format-preserving encryption, record and file
 * envelopes.
 *
 * <p>Exports the API, {@code io.github.nirguard.crypto}, and the standard FF1 of {@code
 * io.github.nirguard.crypto.fpe} and the audit trail of {@code io.github.nirguard.crypto.audit};
 * {@code io.github.nirguard.crypto.internal} is not exported. Requires Tink transitively: a {@code
 * Kek} is made from Tink's {@code Aead} or {@code KmsClient} on purpose. Tink is an automatic
 * module, so it declares none of its own dependencies: this module requires Gson, with which Tink
 * reads JSON keysets (KEK files). JSpecify ({@code @Nullable} in signatures) is needed at compile
 * time only. KMS keys are opened by {@code KmsProvider}s found with the {@code ServiceLoader}
 * (module {@code nir-kms} provides Google Cloud KMS and AWS KMS).
 *
 * <pre>{@code
 * module my.app {
 *   requires io.github.nirguard.crypto;
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@SuppressWarnings("requires-transitive-automatic")
module io.github.nirguard.crypto {
  requires transitive io.github.nirguard.core;
  requires transitive com.google.crypto.tink;
  requires com.google.gson;
  requires static transitive org.jspecify;
  requires static com.google.errorprone.annotations;

  exports io.github.nirguard.crypto;
  exports io.github.nirguard.crypto.fpe;
  exports io.github.nirguard.crypto.audit;

  uses io.github.nirguard.crypto.KmsProvider;
}
