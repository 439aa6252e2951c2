package io.github.nirguard.protect;

import io.github.nirguard.policy.Action;
import io.github.nirguard.policy.ColumnRule;
import io.github.nirguard.policy.OnInvalid;
import io.github.nirguard.policy.PolicyException;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.record.Generalize;
import io.github.nirguard.record.Mask;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyedTokenizer;
import io.github.nirguard.crypto.NirFpe;
import io.github.nirguard.crypto.RecordSealer;
import io.github.nirguard.crypto.ReversibleTokenizer;
import io.github.nirguard.validate.NirValidator;
import io.github.nirguard.validate.ValidationResult;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;

/**
 * Applies a policy to rows of a given header. Thread-safe; built once per file.
 *
 * <p>{@link #bind} checks everything that can be checked before the first row: every input column
 * has a rule, every rule's column exists, every action fits its column's type, and the key ring has
 * the keysets the actions need.
 *
 * <pre>{@code
 * RowProtector p = RowProtector.bind(policy, List.of("nir", "last_name", "birth_date"), ring);
 * p.outputHeader();                                      // [nir, nir_token, last_name, birth_date, _sealed]
 * // _sealed, the row seal: the sealed fields, the export id and the FPE key id, bound to the
 * // row's index and every other cell (see RowRevealer)
 * RowResult r = p.protect(new String[] {"255081416802538", "Durand", "1955-08-14"}, 1);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class RowProtector {
  private final ProtectionPolicy policy;
  private final Layout layout;
  private final NirValidator validator;
  private final KeyedTokenizer tokenizer;
  private final ReversibleTokenizer reversible;
  private final NirFpe fpe;
  private final RecordSealer.Fields sealer;
  /** The first sealed value of every row: this export's id and the FPE key id. */
  private final String rowMeta;
  private final String exportId;

  private RowProtector(ProtectionPolicy policy, Layout layout, KeyRing ring) throws GeneralSecurityException {
    this.policy = policy;
    this.layout = layout;
    this.validator = NirValidator.named(policy.nirProfile());
    String purpose = policy.purpose();
    boolean token = false;
    boolean rev = false;
    boolean f = false;
    for (ColumnRule r : layout.rules) {
      token |= r.action() == Action.TOKEN || r.action() == Action.FPE_AND_TOKEN;
      rev |= r.action() == Action.REVERSIBLE_TOKEN;
      f |= r.action() == Action.FPE || r.action() == Action.FPE_AND_TOKEN;
    }
    try {
      this.tokenizer = token ? KeyedTokenizer.create(ring, purpose) : null;
      this.reversible = rev ? ReversibleTokenizer.prp(ring, purpose) : null;
      this.fpe = f ? NirFpe.create(ring, purpose, policy.fpeMode()) : null;
      this.sealer =
          layout.sealedIndex >= 0 ? RecordSealer.create(ring, purpose, policy.schemaVersion()).forFields(layout.sealedNames) : null;
    } catch (IllegalArgumentException e) {
      throw new PolicyException(0, "the key ring lacks a keyset the policy needs: " + e.getMessage());
    }
    this.exportId = RowSeal.newExportId();
    this.rowMeta = RowSeal.encode(exportId, fpe == null ? RowSeal.NO_KEY : Integer.toUnsignedLong(fpe.keyId()));
  }

  /**
   * Returns the kinds of keyset of the policy's purpose that a protect with this policy needs, so
   * that a caller can check a key ring before reading any data.
   *
   * <pre>{@code
   * Set<KeyKind> kinds = RowProtector.keyKindsNeeded(policy);   // e.g. [token, fpe, record]
   * }</pre>
   *
   * @param policy the policy
   * @return the key kinds, unmodifiable
   * @since 0.1.0
   */
  public static java.util.Set<io.github.nirguard.crypto.KeyKind> keyKindsNeeded(ProtectionPolicy policy) {
    return KeyNeeds.of(policy, true);
  }

  /**
   * Binds a policy to an input header and a key ring.
   *
   * @param policy the policy
   * @param header the input's column names
   * @param ring the key ring holding the policy purpose's keysets
   * @return the protector
   * @throws PolicyException if the policy does not fit the header or the ring
   * @throws GeneralSecurityException if a keyset cannot be used
   */
  public static RowProtector bind(ProtectionPolicy policy, List<String> header, KeyRing ring) throws GeneralSecurityException {
    return new RowProtector(policy, new Layout(policy, header), ring);
  }

  /**
   * Returns the protected header: dropped columns removed, {@code <nir>_token} after each
   * {@code fpe+token} column, {@code _sealed} last when any column is sealed.
   *
   * @return the header
   */
  public List<String> outputHeader() {
    return layout.protectedHeader;
  }

  /**
   * Returns the random id of this export, sealed into every row: a reveal refuses rows of another
   * export mixed into a file. Not a secret, and never derived from the data.
   *
   * @return the export id (22 base64url characters)
   * @since 0.1.0
   */
  public String exportId() {
    return exportId;
  }

  /**
   * Returns the policy.
   *
   * @return the policy
   */
  public ProtectionPolicy policy() {
    return policy;
  }

  /**
   * Protects one row.
   *
   * @param row the input cells, one per header column
   * @param outputIndex the 1-based index this row will have among the output rows (bound to the
   *     row seal: a reveal refuses the row anywhere else)
   * @return the protected row, or a rejection (column and reason) under the reject and stop
   *     strategies
   * @throws IllegalArgumentException if the row has the wrong number of cells
   */
  public RowResult protect(String[] row, long outputIndex) {
    checkCells(row);
    return protectRow(row, outputIndex, null, null, 0);
  }

  /**
   * Protects a block of rows: {@code results[k]} is what {@link #protect(String[], long)} returns
   * for {@code rows[k]} when the rows are protected one after the other and only the rows not
   * rejected get an output index ({@code firstOutputIndex}, then one more per row kept). The
   * NIRs to encrypt with FPE are encrypted together, through the FF1 batch path.
   *
   * <pre>{@code
   * RowResult[] results = protector.protectAll(block, n, written + 1);
   * }</pre>
   *
   * @param rows the input rows, {@code rows[0..count)}, each one cell per header column
   * @param count how many rows to protect
   * @param firstOutputIndex the 1-based output index the first row kept will have
   * @return one result per row, in order
   * @throws IllegalArgumentException if a row has the wrong number of cells (before any row is
   *     protected)
   * @throws IndexOutOfBoundsException if {@code count} is negative or exceeds the array
   */
  public RowResult[] protectAll(String[][] rows, int count, long firstOutputIndex) {
    Objects.checkFromIndexSize(0, count, rows.length);
    for (int k = 0; k < count; k++) {
      checkCells(rows[k]);
    }
    ColumnRule[] rules = layout.rules;
    ValidationResult[][] checked = null;
    String[][] encrypted = null;
    for (int i = 0; i < rules.length; i++) {
      Action a = rules[i].action();
      if (layout.outputIndex[i] < 0 || (a != Action.FPE && a != Action.FPE_AND_TOKEN)) {
        continue;
      }
      if (checked == null) {
        checked = new ValidationResult[rules.length][];
        encrypted = new String[rules.length][];
      }
      ValidationResult[] c = new ValidationResult[count];
      Nir[] nirs = new Nir[count];
      for (int k = 0; k < count; k++) {
        c[k] = validator.validate(rows[k][i]);
        nirs[k] = c[k].nir().orElse(null);
      }
      checked[i] = c;
      encrypted[i] = new String[count];
      fpe.encryptAll(nirs, encrypted[i], count);
    }
    RowResult[] results = new RowResult[count];
    long index = firstOutputIndex;
    for (int k = 0; k < count; k++) {
      results[k] = protectRow(rows[k], index, checked, encrypted, k);
      if (!results[k].isRejected()) {
        index++;
      }
    }
    return results;
  }

  private void checkCells(String[] row) {
    if (row.length != layout.rules.length) {
      throw new IllegalArgumentException("expected " + layout.rules.length + " cells, got " + row.length);
    }
  }

  /**
   * Protects one row whose length was checked. {@code checked[i][k]} and {@code encrypted[i][k]},
   * where present, are the validation and the FPE (null: outside the FPE domains) of the row's
   * cell {@code i}, computed in a batch; otherwise they are computed here.
   */
  private RowResult protectRow(String[] row, long outputIndex, ValidationResult[][] checked, String[][] encrypted, int k) {
    ColumnRule[] rules = layout.rules;
    String[] out = new String[layout.protectedHeader.size()];
    boolean blank = policy.onInvalid() == OnInvalid.DROP_VALUE;
    List<RowResult.Dropped> dropped = null;
    for (int i = 0; i < rules.length; i++) {
      int at = layout.outputIndex[i];
      if (at < 0) {
        continue;
      }
      String v = row[i];
      Action a = rules[i].action();
      String column = rules[i].field().name();
      switch (a) {
        case KEEP:
          out[at] = v;
          break;
        case SEAL:
          out[at] = "";
          break;
        case MASK:
          out[at] = Mask.mask(v, rules[i].field().type());
          break;
        case TOKEN:
        case REVERSIBLE_TOKEN:
        case FPE:
        case FPE_AND_TOKEN:
          ValidationResult r = checked != null && checked[i] != null ? checked[i][k] : validator.validate(v);
          if (!r.isValid()) {
            if (!blank) {
              return RowResult.rejected(column, r.reason().orElseThrow().name());
            }
            dropped = drop(dropped, column, r.reason().orElseThrow().name());
            out[at] = "";
            if (layout.tokenIndex[i] >= 0) {
              out[layout.tokenIndex[i]] = "";
            }
            break;
          }
          Nir nir = r.nir().orElseThrow();
          if (a == Action.TOKEN) {
            out[at] = tokenizer.tokenize(nir).value();
          } else if (a == Action.REVERSIBLE_TOKEN) {
            out[at] = reversible.tokenize(nir).value();
          } else {
            String e = encrypted != null && encrypted[i] != null ? encrypted[i][k] : encryptOrNull(nir);
            if (e != null) {
              out[at] = e;
            } else {
              // a lenient or checksum-only NIR outside the FPE domains
              if (!blank) {
                return RowResult.rejected(column, "NOT_IN_FPE_DOMAIN");
              }
              dropped = drop(dropped, column, "NOT_IN_FPE_DOMAIN");
              out[at] = "";
              if (layout.tokenIndex[i] >= 0) {
                out[layout.tokenIndex[i]] = "";
              }
              break;
            }
            if (a == Action.FPE_AND_TOKEN) {
              out[layout.tokenIndex[i]] = tokenizer.tokenize(nir).value();
            }
          }
          break;
        default:
          String g = v.isEmpty() ? "" : generalize(a, v, rules[i]);
          if (g == null) {
            if (!blank) {
              return RowResult.rejected(column, invalidReason(rules[i]));
            }
            dropped = drop(dropped, column, invalidReason(rules[i]));
            g = "";
          }
          out[at] = g;
      }
    }
    if (layout.sealedIndex >= 0) {
      // the row seal: export id, FPE key id and the sealed values, bound to the row's index and
      // every other cell of the row
      String[] values = new String[layout.sealedColumns.length + 1];
      values[0] = rowMeta;
      for (int j = 1; j < values.length; j++) {
        values[j] = row[layout.sealedColumns[j - 1]];
      }
      try {
        out[layout.sealedIndex] = sealer.seal(layout.binding(out, outputIndex), values);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("sealing failed", e);
      }
    }
    return RowResult.ok(out, dropped);
  }

  private static List<RowResult.Dropped> drop(List<RowResult.Dropped> dropped, String column, String reason) {
    List<RowResult.Dropped> d = dropped == null ? new java.util.ArrayList<>(2) : dropped;
    d.add(new RowResult.Dropped(column, reason));
    return d;
  }

  /** The FPE of a NIR, or null if it is outside the FPE domains (lenient or checksum-only). */
  private String encryptOrNull(Nir nir) {
    try {
      return fpe.encrypt(nir);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private String generalize(Action a, String v, ColumnRule rule) {
    switch (a) {
      case GENERALIZE_YEAR:
        return Generalize.year(v);
      case GENERALIZE_YEAR_MONTH:
        return Generalize.yearMonth(v);
      case GENERALIZE_AGE_BAND:
        return Generalize.ageBand(v, policy.ageBandReference());
      case GENERALIZE_DEPARTMENT:
        return Generalize.department(v, rule.field().type() == io.github.nirguard.record.FieldType.COMMUNE);
      default:
        throw new IllegalStateException("unexpected action");
    }
  }

  private static String invalidReason(ColumnRule rule) {
    switch (rule.field().type()) {
      case BIRTH_DATE:
        return "INVALID_DATE";
      case POSTCODE:
        return "INVALID_POSTCODE";
      default:
        return "INVALID_COMMUNE_CODE";
    }
  }

  @Override
  public String toString() {
    return "RowProtector[" + policy + "]";
  }
}
