package io.github.nirguard.crypto;

import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.daead.DeterministicAeadConfig;
import com.google.crypto.tink.hybrid.HybridConfig;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import java.security.GeneralSecurityException;

/** Registers the Tink key managers nirguard uses, once per JVM. */
final class TinkSetup {
  private TinkSetup() {}

  static {
    try {
      AeadConfig.register();
      DeterministicAeadConfig.register();
      HybridConfig.register();
      PrfConfig.register();
      StreamingAeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Makes sure the static initialiser ran. */
  static void ensure() {
    // the class initialiser does the work
  }
}
