/**
 * The NIR vocabulary: the {@link io.github.nirguard.core.Nir} value type, its parts, the mod-97
 * key, the validation profiles and the error codes. JDK only.
 *
 * <p>Exports {@code io.github.nirguard.core}; {@code io.github.nirguard.core.internal} (the
 * scanner's status word) only to nir-validate, whose bulk path reads it. nir-validate is an
 * automatic module, which the compiler of this module does not see: hence {@code "module"}.
 *
 * @since 0.1.0
 */
@SuppressWarnings("module")
module io.github.nirguard.core {
  exports io.github.nirguard.core;
  exports io.github.nirguard.core.internal to
      io.github.nirguard.validate;
}
