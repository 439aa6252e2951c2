package io.github.nirguard.testkit;

import io.github.nirguard.core.NirError;
import io.github.nirguard.core.NirFormatException;
import io.github.nirguard.core.NirProfile;

/** Why a profile rejects a text, through the public API: the reason and position of the throw. */
final class Rejection {
  final NirError reason;
  final int position;

  private Rejection(NirError reason, int position) {
    this.reason = reason;
    this.position = position;
  }

  /** The rejection of {@code text} by {@code profile}; fails if the profile accepts it. */
  static Rejection of(NirProfile profile, CharSequence text) {
    try {
      profile.parse(text);
    } catch (NirFormatException e) {
      return new Rejection(e.reason(), e.position());
    }
    throw new AssertionError("accepted by " + profile.name());
  }

  static NirError reasonOf(NirProfile profile, CharSequence text) {
    return of(profile, text).reason;
  }
}
