package io.github.nirguard.guard;

import static io.github.nirguard.guard.TestNirs.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** No NIR and no principal name in what the guard prints, throws, logs or stores. */
class NoLeakTest {
  static final Nir NIR = Nir.parse("2 55 08 14 168 025 38");
  static final String ACCOUNT = "rpps-10001234567";
  static final String CLIENT = "session-8c1f2e";
  static final String TENANT = "pharmacy-chain-7741";
  static final String DEVICE = "device-cert-3f9a61";

  static void assertClean(String text) {
    for (String secret :
        new String[] {
          NIR.compact(), NIR.body(), NIR.display(), "1680", ACCOUNT, "10001234567", CLIENT
        }) {
      assertFalse(text.contains(secret), () -> "leaks a secret: " + text.replace(secret, "<here>"));
    }
  }

  @Test
  void descriptionsHoldCodesAndCountsOnly() {
    EnumerationGuard g =
        SignalsTest.guard(GuardSettings.defaults().withFailedLookups(Limit.denyAt(2)));
    Principal who = g.principal(ACCOUNT, CLIENT);
    List<Decision> decisions = new ArrayList<>();
    decisions.add(g.check(who, NIR, T0));
    decisions.add(g.check(who, NIR.compact() + "0", T0));
    decisions.add(g.recordUnknown(who, NIR, T0));
    decisions.add(g.check(who, NIR, T0));
    assertEquals(Verdict.DENY, decisions.get(decisions.size() - 1).verdict());
    for (Decision d : decisions) {
      assertClean(d.toString());
    }
    assertClean(who.toString());
    assertClean(g.toString());
    assertClean(g.store().toString());
    assertClean(EnumerationGuard.builder().toString());
    assertClean(g.snapshot(who, T0).orElseThrow().toString());
    assertClean(g.snapshot(ACCOUNT, T0).orElseThrow().toString());
  }

  @Test
  void exceptionMessagesNameTheArgumentNotItsValue() {
    EnumerationGuard g = EnumerationGuard.builder().build();
    EnumerationGuard other = EnumerationGuard.builder().build();
    List<Exception> errors = new ArrayList<>();
    errors.add(
        assertThrows(
            IllegalArgumentException.class,
            () -> g.check(other.principal(ACCOUNT, CLIENT), NIR, T0)));
    errors.add(assertThrows(IllegalArgumentException.class, () -> g.principal(ACCOUNT, "")));
    errors.add(assertThrows(NullPointerException.class, () -> g.principal(ACCOUNT, null)));
    errors.add(assertThrows(NullPointerException.class, () -> g.check(ACCOUNT, NIR, null)));
    errors.add(
        assertThrows(
            IllegalArgumentException.class,
            () -> GuardRecord.fromBytes(NIR.compact().getBytes(StandardCharsets.US_ASCII))));
    for (Exception e : errors) {
      assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
      assertClean(e.getMessage());
    }
  }

  @Test
  void aFailingStoreIsLoggedWithoutItsMessageAndFailsClosed() throws Exception {
    GuardStore broken =
        new GuardStore() {
          @Override
          public <C> boolean update(
              long key,
              boolean create,
              C context,
              BiConsumer<? super GuardRecord, ? super C> mutation) {
            throw new IllegalStateException(
                "connection lost while writing " + NIR.compact() + " for " + ACCOUNT);
          }

          @Override
          public int touchTarget(long t, int p, long e, long w) {
            throw new IllegalStateException(NIR.compact());
          }

          @Override
          public boolean remove(long key) {
            return false;
          }

          @Override
          public long size() {
            return 0;
          }
        };
    List<String> logged = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            logged.add(new java.util.logging.SimpleFormatter().formatMessage(r));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger logger = Logger.getLogger(EnumerationGuard.class.getName());
    boolean parents = logger.getUseParentHandlers();
    logger.setUseParentHandlers(false); // keep the build output quiet
    logger.addHandler(capture);
    try {
      EnumerationGuard closed =
          EnumerationGuard.builder().keys(TestNirs.ring(), "guard").store(broken).build();
      Decision d = closed.check(ACCOUNT, NIR, T0);
      assertEquals(Verdict.DENY, d.verdict());
      assertTrue(d.has(Reason.STORE_UNAVAILABLE));
      EnumerationGuard open =
          EnumerationGuard.builder()
              .keys(TestNirs.ring(), "guard")
              .store(broken)
              .settings(GuardSettings.defaults().withFailOpen(true))
              .build();
      Decision o = open.check(ACCOUNT, NIR, T0);
      assertEquals(Verdict.ALLOW, o.verdict());
      assertTrue(o.has(Reason.STORE_UNAVAILABLE));
    } finally {
      logger.removeHandler(capture);
      logger.setUseParentHandlers(parents);
    }
    assertEquals(2, logged.size());
    for (String line : logged) {
      assertTrue(line.contains("IllegalStateException"), line);
      assertClean(line);
    }
  }

  @Test
  void storedRecordsHoldNoNirAndNoName() throws Exception {
    List<byte[]> written = new ArrayList<>();
    InMemoryGuardStore inner = InMemoryGuardStore.create(10, 16);
    GuardStore spy = new SpyStore(inner, r -> written.add(r.toBytes()));
    EnumerationGuard g =
        EnumerationGuard.builder().keys(TestNirs.ring(), "guard").store(spy).build();
    Principal who = g.principal(ACCOUNT, CLIENT).inTenant(TENANT).withClientFingerprint(DEVICE);
    g.check(who, NIR, T0);
    g.recordUnknown(who, NIR, T0);
    assertEquals(5, written.size()); // account and client, twice, and the tenant's record once
    assertTrue(inner.toString().contains("size=3"), "account, client and tenant: " + inner);
    for (byte[] b : written) {
      for (String secret :
          new String[] {NIR.compact(), NIR.body(), ACCOUNT, CLIENT, TENANT, DEVICE}) {
        for (java.nio.charset.Charset cs :
            new java.nio.charset.Charset[] {
              StandardCharsets.US_ASCII, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE
            }) {
          assertFalse(contains(b, secret.getBytes(cs)), "record bytes contain a secret");
        }
      }
      // nor the body as a number
      assertFalse(contains(b, java.nio.ByteBuffer.allocate(8).putLong(NIR.numericBody()).array()));
    }
  }

  static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
