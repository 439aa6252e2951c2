package io.github.nirguard.guard;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** A store that delegates to an in-memory one and shows each record right after every mutation. */
final class SpyStore implements GuardStore {
  private final GuardStore inner;
  private final Consumer<GuardRecord> afterMutation;

  SpyStore(GuardStore inner, Consumer<GuardRecord> afterMutation) {
    this.inner = inner;
    this.afterMutation = afterMutation;
  }

  @Override
  public <C> boolean update(
      long key, boolean create, C context, BiConsumer<? super GuardRecord, ? super C> mutation) {
    return inner.update(
        key,
        create,
        context,
        (r, c) -> {
          mutation.accept(r, c);
          afterMutation.accept(r);
        });
  }

  @Override
  public int touchTarget(long targetKey, int principalTag, long epochSecond, long windowSeconds) {
    return inner.touchTarget(targetKey, principalTag, epochSecond, windowSeconds);
  }

  @Override
  public boolean remove(long key) {
    return inner.remove(key);
  }

  @Override
  public long size() {
    return inner.size();
  }
}
