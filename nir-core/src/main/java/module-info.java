/**
 * The NIR vocabulary: the {@link io.github.nirguard.core.Nir} value type, its parts, the mod-97
 * key, the validation profiles and the error codes. JDK only.
 *
 * @since 0.1.0
 */
module io.github.nirguard.core {
  exports io.github.nirguard.core;
}
