package io.github.nirguard.guard.postgres;

import io.github.nirguard.guard.GuardStore;
import io.github.nirguard.guard.InMemoryGuardStore;

/** The guard's store suite on the in-memory store (one instance's store, shared in-process). */
class InMemoryStoreSuiteTest extends GuardStoreSuite {
  @Override
  GuardStore newStore() {
    return InMemoryGuardStore.create();
  }
}
