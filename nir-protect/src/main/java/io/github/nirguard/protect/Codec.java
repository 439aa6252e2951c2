package io.github.nirguard.protect;

import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirError;
import io.github.nirguard.crypto.KeyedTokenizer;
import io.github.nirguard.crypto.Token;
import io.github.nirguard.policy.Action;
import io.github.nirguard.policy.ColumnRule;
import io.github.nirguard.policy.PolicyException;
import io.github.nirguard.record.FieldType;
import io.github.nirguard.record.Generalize;
import io.github.nirguard.record.Ladder;
import io.github.nirguard.record.Mask;
import io.github.nirguard.validate.ValidationResult;
import io.github.nirguard.validate.scan.NirScanner;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one column's action does, both ways: built once per file at bind time, shared by {@link
 * RowProtector} and {@link RowRevealer} — the one place that knows what an action writes and how it
 * is reversed. A method returns null on success, or the {@link Problem} that rejects the row (or
 * empties the value, under drop-value).
 */
abstract class Codec {
  /** Why a cell was refused: a reason, and the NIR error for an invalid NIR. */
  static final class Problem {
    final RowReason reason;
    final @Nullable NirError nirError;

    Problem(RowReason reason, @Nullable NirError nirError) {
      this.reason = reason;
      this.nirError = nirError;
    }
  }

  /**
   * What a row being revealed carries besides its cells: the FPE key its seal names, the sealed
   * values.
   */
  static final class Opened {
    final long fpeKey;
    final List<String> sealed;

    Opened(long fpeKey, List<String> sealed) {
      this.fpeKey = fpeKey;
      this.sealed = sealed;
    }
  }

  final String column;

  /** The column's index in the protected row. */
  final int at;

  /**
   * Whether the cell is written from clear text (keep, mask, generalize, scan), so that the
   * whole-file safety net looks for a NIR still in it; columns allowed in clear are not watched.
   */
  final boolean watched;

  Codec(ColumnRule rule, int at) {
    this(rule, at, false);
  }

  Codec(ColumnRule rule, int at, boolean watched) {
    this.column = rule.field().name();
    this.at = at;
    this.watched = watched;
  }

  /**
   * Block work before the rows (FPE through the FF1 batch path); returns the block's state or null.
   */
  @Nullable Object prepare(String[][] rows, int count, int in) {
    return null;
  }

  /**
   * Protects cell {@code v} into {@code out}; {@code block} and {@code k} as from {@link #prepare}.
   */
  abstract @Nullable Problem protect(String v, String[] out, @Nullable Object block, int k);

  /** Empties what {@link #protect} would have written (drop-value). */
  void blank(String[] out) {
    out[at] = "";
  }

  /**
   * Reveals the protected {@code row} into {@code out} (a copy of it); by default the cell stays.
   */
  @Nullable Problem reveal(String[] row, String[] out, Opened opened) {
    return null;
  }

  static Problem problem(RowReason reason) {
    return new Problem(reason, null);
  }

  /** The codec of an input column, or null for a dropped one. */
  static @Nullable Codec of(ColumnRule rule, Layout layout, int in, Engines engines) {
    int at = layout.outputIndex[in];
    if (at < 0) {
      return null;
    }
    switch (rule.action()) {
      case KEEP:
        return new Keep(rule, at, !engines.policy.clearIdentifiers().contains(rule.field().name()));
      case SCAN:
      case SCAN_MASK:
        return new Scanned(rule, at, engines);
      case SEAL:
        return new Sealed(rule, at, sealSlot(layout, in));
      case MASK:
        return new Masked(rule, at);
      case TOKEN:
        return new Tokenized(rule, at, engines);
      case REVERSIBLE_TOKEN:
        return new Reversible(rule, at, engines);
      case FPE:
      case FPE_AND_TOKEN:
        return new Fpe(rule, at, layout.tokenIndex[in], engines);
      case GENERALIZE_LEAST:
        throw new PolicyException(
            rule.line(),
            "column '"
                + rule.field().name()
                + "' is generalised to a rung chosen from the data ("
                + "generalize:"
                + java.util.Objects.requireNonNull(rule.range()).label()
                + "): plan it first (CsvProtector.plan, or ProtectionPolicy.withRungs)");
      default:
        return new Generalized(rule, at, engines);
    }
  }

  /** The position of a sealed column among the row seal's values (after the row's meta value). */
  private static int sealSlot(Layout layout, int in) {
    for (int j = 0; j < layout.sealedColumns.length; j++) {
      if (layout.sealedColumns[j] == in) {
        return j + 1;
      }
    }
    throw new IllegalStateException("not a sealed column");
  }

  /** {@code keep}: the value as it is. */
  static final class Keep extends Codec {
    Keep(ColumnRule rule, int at, boolean watched) {
      super(rule, at, watched);
    }

    @Override
    @Nullable Problem protect(String v, String[] out, @Nullable Object block, int k) {
      out[at] = v;
      return null;
    }
  }

  /** {@code seal}: an empty cell; the value travels in the row seal, and comes back from it. */
  static final class Sealed extends Codec {
    private final int slot;

    Sealed(ColumnRule rule, int at, int slot) {
      super(rule, at);
      this.slot = slot;
    }

    @Override
    @Nullable Problem protect(String v, String[] out, @Nullable Object block, int k) {
      out[at] = "";
      return null;
    }

    @Override
    @Nullable Problem reveal(String[] row, String[] out, Opened opened) {
      out[at] = opened.sealed.get(slot);
      return null;
    }
  }

  /**
   * {@code scan} and {@code scan:mask}: every NIR found in free text replaced by its keyed token or
   * its mask; text without a NIR is kept as it is, without allocating.
   */
  static final class Scanned extends Codec {
    private final Engines engines;
    private final boolean mask;

    Scanned(ColumnRule rule, int at, Engines engines) {
      super(rule, at, true);
      this.engines = engines;
      this.mask = rule.action() == Action.SCAN_MASK;
    }

    @Override
    @Nullable Problem protect(String v, String[] out, @Nullable Object block, int k) {
      NirScanner scanner = engines.scanner();
      if (scanner.count(v) == 0) {
        out[at] = v;
        return null;
      }
      out[at] =
          mask
              ? scanner.redact(v, nir -> Mask.mask(nir.compact(), FieldType.NIR))
              : scanner.redact(v, nir -> engines.primaryTokenizer().tokenize(nir).value());
      return null;
    }
  }

  /** {@code mask}: what {@link Mask} leaves. */
  static final class Masked extends Codec {
    private final FieldType type;

    Masked(ColumnRule rule, int at) {
      super(rule, at, true);
      this.type = rule.field().type();
    }

    @Override
    @Nullable Problem protect(String v, String[] out, @Nullable Object block, int k) {
      out[at] = Mask.mask(v, type);
      return null;
    }
  }

  /** {@code generalize:…}: what {@link Generalize} makes of a date, postcode or commune code. */
  static final class Generalized extends Codec {
    private final Action action;
    private final int rung; // on the type's ladder, or -1 (age-band)
    private final FieldType type;
    private final Engines engines;

    Generalized(ColumnRule rule, int at, Engines engines) {
      super(rule, at, true);
      this.action = rule.action();
      this.type = rule.field().type();
      this.engines = engines;
      int r = -1;
      Ladder ladder = Ladder.of(type).orElse(null);
      for (int i = 1; ladder != null && i <= ladder.top(); i++) {
        if (Action.forRung(ladder, i) == action) {
          r = i;
        }
      }
      this.rung = r;
    }

    @Override
    @Nullable Problem protect(String v, String[] out, @Nullable Object block, int k) {
      if (v.isEmpty()) {
        out[at] = ""; // missing is not invalid
        return null;
      }
      String g;
      switch (action) {
        case GENERALIZE_YEAR:
          g = Generalize.year(v);
          break;
        case GENERALIZE_YEAR_MONTH:
          g = Generalize.yearMonth(v);
          break;
        case GENERALIZE_AGE_BAND:
          g = Generalize.ageBand(v, engines.policy.ageBandReference());
          break;
        case GENERALIZE_DEPARTMENT:
          g = Generalize.department(v, type == FieldType.COMMUNE);
          break;
        default: // the other rungs of a ladder
          g = Ladder.of(type).orElseThrow().generalize(v, rung);
      }
      if (g == null) {
        return problem(
            type == FieldType.BIRTH_DATE
                ? RowReason.INVALID_DATE
                : type == FieldType.POSTCODE
                    ? RowReason.INVALID_POSTCODE
                    : type == FieldType.AGE
                        ? RowReason.INVALID_AGE
                        : RowReason.INVALID_COMMUNE_CODE);
      }
      out[at] = g;
      return null;
    }
  }

  /** The NIR actions: the cell is validated first, by the policy's profile. */
  abstract static class NirCodec extends Codec {
    final Engines engines;

    NirCodec(ColumnRule rule, int at, Engines engines) {
      super(rule, at);
      this.engines = engines;
    }

    ValidationResult validate(String v) {
      return engines.validator.validate(v);
    }

    static Problem invalid(ValidationResult r) {
      return new Problem(RowReason.INVALID_NIR, r.reason().orElseThrow());
    }

    /** What the column holds for a valid NIR (the token codecs; FPE overrides {@link #protect}). */
    String apply(Nir nir) {
      throw new UnsupportedOperationException();
    }

    @Override
    @Nullable Problem protect(String v, String[] out, @Nullable Object block, int k) {
      ValidationResult r = validate(v);
      if (!r.isValid()) {
        return invalid(r);
      }
      out[at] = apply(r.nir().orElseThrow());
      return null;
    }
  }

  /** {@code token}: the keyed token, to join on; not reversible. */
  static final class Tokenized extends NirCodec {
    Tokenized(ColumnRule rule, int at, Engines engines) {
      super(rule, at, engines);
    }

    @Override
    String apply(Nir nir) {
      return engines.primaryTokenizer().tokenize(nir).value();
    }
  }

  /** {@code reversible-token}: a PRP token, revealed by its key. */
  static final class Reversible extends NirCodec {
    Reversible(ColumnRule rule, int at, Engines engines) {
      super(rule, at, engines);
    }

    @Override
    String apply(Nir nir) {
      return engines.reversible().tokenize(nir).value();
    }

    @Override
    @Nullable Problem reveal(String[] row, String[] out, Opened opened) {
      if (row[at].isEmpty()) {
        return null;
      }
      Optional<Token> t = Token.tryParse(row[at]);
      if (t.isEmpty()) {
        return problem(RowReason.NOT_A_TOKEN);
      }
      try {
        out[at] = engines.reversible().reveal(t.get()).compact();
        return null;
      } catch (GeneralSecurityException e) {
        return problem(RowReason.TOKEN_REFUSED);
      }
    }
  }

  /**
   * {@code fpe} and {@code fpe+token}: the NIR encrypted with FF1 (a block of rows through the
   * batch path), and its keyed token in the next column; revealed with the key the row seal names,
   * the token recomputed and compared.
   */
  static final class Fpe extends NirCodec {
    /** The token column's index, or -1 for plain {@code fpe}. */
    private final int tokenAt;

    Fpe(ColumnRule rule, int at, int tokenAt, Engines engines) {
      super(rule, at, engines);
      this.tokenAt = tokenAt;
    }

    /** A block's validations and ciphertexts (null: outside the FPE domains). */
    private static final class Block {
      final ValidationResult[] checked;
      final String[] encrypted;

      Block(int count) {
        checked = new ValidationResult[count];
        encrypted = new String[count];
      }
    }

    @Override
    @Nullable Object prepare(String[][] rows, int count, int in) {
      Block b = new Block(count);
      Nir[] nirs = new Nir[count];
      for (int k = 0; k < count; k++) {
        b.checked[k] = validate(rows[k][in]);
        nirs[k] = b.checked[k].nir().orElse(null);
      }
      engines.primaryFpe().encryptAll(nirs, b.encrypted, count);
      return b;
    }

    @Override
    @Nullable Problem protect(String v, String[] out, @Nullable Object block, int k) {
      Block b = (Block) block;
      ValidationResult r = b != null ? b.checked[k] : validate(v);
      if (!r.isValid()) {
        return invalid(r);
      }
      Nir nir = r.nir().orElseThrow();
      String e = b != null ? b.encrypted[k] : encryptOrNull(nir);
      if (e == null) {
        return problem(RowReason.NOT_IN_FPE_DOMAIN); // lenient or checksum-only NIR
      }
      out[at] = e;
      if (tokenAt >= 0) {
        out[tokenAt] = engines.primaryTokenizer().tokenize(nir).value();
      }
      return null;
    }

    private @Nullable String encryptOrNull(Nir nir) {
      try {
        return engines.primaryFpe().encrypt(nir);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    @Override
    void blank(String[] out) {
      out[at] = "";
      if (tokenAt >= 0) {
        out[tokenAt] = "";
      }
    }

    @Override
    @Nullable Problem reveal(String[] row, String[] out, Opened opened) {
      String tokenCell = tokenAt >= 0 ? row[tokenAt] : "";
      if (row[at].isEmpty()) {
        return tokenCell.isEmpty() ? null : problem(RowReason.TOKEN_MISMATCH);
      }
      if (opened.fpeKey == RowSeal.NO_KEY) {
        return problem(
            RowReason.ROW_SEAL_REFUSED); // an FPE value in a row whose seal names no FPE key
      }
      Nir nir;
      try {
        nir = engines.fpe((int) opened.fpeKey).decrypt(row[at]);
      } catch (GeneralSecurityException e) {
        return problem(RowReason.FPE_REFUSED);
      }
      if (tokenAt >= 0 && !tokenMatches(nir, tokenCell)) {
        return problem(RowReason.TOKEN_MISMATCH);
      }
      out[at] = nir.compact();
      return null;
    }

    /** Whether a token cell is the keyed token of a NIR, under the key the token names. */
    private boolean tokenMatches(Nir nir, String cell) {
      Optional<Token> t = Token.tryParse(cell);
      if (t.isEmpty() || t.get().scheme() != Token.Scheme.KEYED || t.get().keyId().isEmpty()) {
        return false;
      }
      KeyedTokenizer k;
      try {
        k = engines.tokenizer(t.get().keyId().get());
      } catch (GeneralSecurityException e) {
        return false;
      }
      return k.matches(nir, t.get());
    }
  }
}
