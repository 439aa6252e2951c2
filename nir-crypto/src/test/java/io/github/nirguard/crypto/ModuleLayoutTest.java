package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Surefire runs these tests on the module path: the module exports the API, FF1 and the audit
 * trail, not internal.
 */
class ModuleLayoutTest {
  @Test
  void exportsTheApiFf1AndAuditButNotInternal() {
    Module m = KeyRing.class.getModule();
    assertTrue(m.isNamed(), "tests run on the module path");
    ModuleDescriptor d = m.getDescriptor();
    assertEquals("io.github.nirguard.crypto", d.name());
    Set<String> exported =
        d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    assertEquals(
        Set.of(
            "io.github.nirguard.crypto",
            "io.github.nirguard.crypto.fpe",
            "io.github.nirguard.crypto.audit"),
        exported);
    assertTrue(d.packages().contains("io.github.nirguard.crypto.internal"));
  }
}
