/**
 * The NIR vocabulary: the {@link io.github.nirguard.core.Nir} value type, its parts, the mod-97
 * key, the validation profiles and the error codes. JDK only.
 *
 * <p>Exports the API, {@code io.github.nirguard.core}, and {@code io.github.nirguard.core.internal}
 * (the scanner's status word), which is not API: only nir-validate's bulk path reads it (an
 * architecture test keeps it so). The export is not qualified ({@code to
 * io.github.nirguard.validate}) on purpose: nir-validate is an automatic module, and wherever it
 * lands on the class path beside this module on the module path (a named application that requires
 * nir-crypto and uses nir-guard, or nir-crypto's own tests), a qualified export would make {@code
 * NirValidator.validate} fail with an {@link IllegalAccessError}.
 *
 * @since 0.1.0
 */
module io.github.nirguard.core {
  exports io.github.nirguard.core;
  exports io.github.nirguard.core.internal;
}
