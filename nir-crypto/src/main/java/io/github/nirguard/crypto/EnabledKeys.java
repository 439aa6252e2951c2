package io.github.nirguard.crypto;

import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.RegistryConfiguration;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;

/**
 * The keys of a keyset one by one: a file names the key that made it, so the envelopes hold one
 * Tink primitive per enabled key, by id, rather than the keyset's primitive.
 */
final class EnabledKeys {
  private EnabledKeys() {}

  /**
   * One primitive per enabled key of a keyset, by key id; disabled and destroyed keys are left out.
   */
  static <P> Map<Integer, P> primitives(KeysetHandle keyset, Class<P> type)
      throws GeneralSecurityException {
    Map<Integer, P> byId = new HashMap<>();
    for (int i = 0; i < keyset.size(); i++) {
      KeysetHandle.Entry e = keyset.getAt(i);
      if (!e.getStatus().equals(KeyStatus.ENABLED)) {
        continue;
      }
      byId.put(e.getId(), alone(e).getPrimitive(RegistryConfiguration.get(), type));
    }
    return Map.copyOf(byId);
  }

  /** The parameters of each enabled key of a keyset, by key id. */
  static Map<Integer, Parameters> parameters(KeysetHandle keyset) {
    Map<Integer, Parameters> byId = new HashMap<>();
    for (int i = 0; i < keyset.size(); i++) {
      KeysetHandle.Entry e = keyset.getAt(i);
      if (e.getStatus().equals(KeyStatus.ENABLED)) {
        byId.put(e.getId(), e.getKey().getParameters());
      }
    }
    return Map.copyOf(byId);
  }

  /** A keyset of this one key, with its id, as the primary. */
  static KeysetHandle alone(KeysetHandle.Entry e) throws GeneralSecurityException {
    return KeysetHandle.newBuilder()
        .addEntry(KeysetHandle.importKey(e.getKey()).withFixedId(e.getId()).makePrimary())
        .build();
  }
}
