package io.github.nirguard.spark;

import io.github.nirguard.core.Nir;
import java.io.Serializable;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Base of the Spark functions that need keys. Serializable, it carries only the {@link
 * ProtectedKeys}; the decrypted ring is looked up per JVM ({@link Engines}) and held in transient
 * fields only.
 */
abstract class KeyedUdf implements Serializable {
  private static final long serialVersionUID = 1L;
  final ProtectedKeys keys;
  private transient volatile @Nullable Engines engines;

  KeyedUdf(ProtectedKeys keys) {
    this.keys = keys;
  }

  final Engines engines() {
    Engines e = engines;
    if (e == null || e.expired(keys)) {
      e = Engines.of(keys);
      engines = e;
    }
    return e;
  }

  /** The NIR of a text if it is strictly valid, as the token and FPE functions take them. */
  static Optional<Nir> strictNir(@Nullable String text) {
    return text == null ? Optional.empty() : Nir.tryParse(text);
  }
}
