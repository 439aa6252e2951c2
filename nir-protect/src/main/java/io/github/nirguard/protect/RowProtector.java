package io.github.nirguard.protect;

import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.policy.OnInvalid;
import io.github.nirguard.policy.ProtectionPolicy;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
  private final Engines engines;

  /** The codec of each input column, null for a dropped one. */
  private final Codec[] codecs;

  /** The first sealed value of every row: this export's id and the FPE key id. */
  private final String rowMeta;

  private final String exportId;

  private RowProtector(ProtectionPolicy policy, Layout layout, KeyRing ring)
      throws GeneralSecurityException {
    this.policy = policy;
    this.layout = layout;
    this.engines = new Engines(policy, layout, ring, true);
    this.codecs = new Codec[layout.rules.length];
    for (int i = 0; i < codecs.length; i++) {
      codecs[i] = Codec.of(layout.rules[i], layout, i, engines);
    }
    this.exportId = RowSeal.newExportId();
    this.rowMeta =
        RowSeal.encode(
            exportId,
            !engines.hasFpe()
                ? RowSeal.NO_KEY
                : Integer.toUnsignedLong(engines.primaryFpe().keyId()));
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
  public static java.util.Set<io.github.nirguard.crypto.KeyKind> keyKindsNeeded(
      ProtectionPolicy policy) {
    return KeyNeeds.of(policy, true);
  }

  /**
   * Binds a policy to an input header and a key ring.
   *
   * @param policy the policy
   * @param header the input's column names
   * @param ring the key ring holding the policy purpose's keysets
   * @return the protector
   * @throws io.github.nirguard.policy.PolicyException if the policy does not fit the header or the
   *     ring
   * @throws GeneralSecurityException if a keyset cannot be used
   */
  public static RowProtector bind(ProtectionPolicy policy, List<String> header, KeyRing ring)
      throws GeneralSecurityException {
    return new RowProtector(policy, new Layout(policy, header), ring);
  }

  /**
   * Returns the protected header: dropped columns removed, {@code <nir>_token} after each {@code
   * fpe+token} column, {@code _sealed} last when any column is sealed.
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
   * @param outputIndex the 1-based index this row will have among the output rows (bound to the row
   *     seal: a reveal refuses the row anywhere else)
   * @return the protected row, or a rejection (column and reason) under the reject and stop
   *     strategies
   * @throws IllegalArgumentException if the row has the wrong number of cells
   */
  public RowResult protect(String[] row, long outputIndex) {
    checkCells(row);
    return protectRow(row, outputIndex);
  }

  /**
   * Protects a block of rows: {@code results[k]} is what {@link #protect(String[], long)} returns
   * for {@code rows[k]} when the rows are protected one after the other and only the rows not
   * rejected get an output index ({@code firstOutputIndex}, then one more per row kept). The NIRs
   * to encrypt with FPE are encrypted together, through the FF1 batch path.
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
    return protectUnsealed(rows, count).seal(firstOutputIndex);
  }

  /**
   * Protects a block of rows in two steps, for callers that protect several blocks at once: this
   * step does everything but the row seal, which binds each row to its output index, not known
   * until the blocks before are done; {@link Unsealed#seal} then finishes the rows. {@code
   * protectUnsealed(rows, count).seal(first)} is {@link #protectAll protectAll(rows, count,
   * first)}. Both steps may run on any thread.
   *
   * <pre>{@code
   * RowProtector.Unsealed u = protector.protectUnsealed(block, n);   // on a worker thread
   * long next = first + u.kept();                                    // the next block's first index
   * RowResult[] results = u.seal(first);
   * }</pre>
   *
   * @param rows the input rows, {@code rows[0..count)}, each one cell per header column
   * @param count how many rows to protect
   * @return the block, protected but for the row seal
   * @throws IllegalArgumentException if a row has the wrong number of cells (before any row is
   *     protected)
   * @throws IndexOutOfBoundsException if {@code count} is negative or exceeds the array
   * @since 0.1.0
   */
  public Unsealed protectUnsealed(String[][] rows, int count) {
    Objects.checkFromIndexSize(0, count, rows.length);
    for (int k = 0; k < count; k++) {
      checkCells(rows[k]);
    }
    Object[] blocks = new Object[codecs.length];
    for (int i = 0; i < codecs.length; i++) {
      if (codecs[i] != null) {
        blocks[i] = codecs[i].prepare(rows, count, i);
      }
    }
    String[][] in = Arrays.copyOf(rows, count);
    RowResult[] results = new RowResult[count];
    int kept = 0;
    for (int k = 0; k < count; k++) {
      results[k] = protectCells(in[k], blocks, k);
      if (!results[k].isRejected()) {
        kept++;
      }
    }
    return new Unsealed(this, in, results, kept);
  }

  /**
   * A block of rows protected but for the row seal, from {@link #protectUnsealed}; {@link #seal}
   * finishes it once the output index of its first kept row is known.
   *
   * <pre>{@code
   * RowResult[] results = protector.protectUnsealed(block, n).seal(written + 1);
   * }</pre>
   *
   * @since 0.1.0
   */
  public static final class Unsealed {
    private final RowProtector protector;
    private final String[][] rows;
    private final RowResult[] results;
    private int kept;

    private Unsealed(RowProtector protector, String[][] rows, RowResult[] results, int kept) {
      this.protector = protector;
      this.rows = rows;
      this.results = results;
      this.kept = kept;
    }

    /**
     * Returns how many rows of the block are kept (not rejected): the output indexes it uses.
     *
     * @return the number of rows that get an output index
     */
    public int kept() {
      return kept;
    }

    /**
     * Leaves out the kept rows a test marks as outliers (a {@code suppress-outliers} plan): each
     * becomes a rejected result with reason {@link RowReason#RISK_SUPPRESSED}. Call before {@link
     * #kept()} and {@link #seal}, since it changes what they count.
     *
     * <pre>{@code
     * RowProtector.Unsealed u = protector.protectUnsealed(block, n).suppress(plan.outliers(header), "birth_date+sex");
     * }</pre>
     *
     * @param outlier tests a kept row's output cells (seal cell still empty)
     * @param column what the report names as the row's column, e.g. the quasi-identifiers
     * @return this block
     * @since 0.1.0
     */
    @com.google.errorprone.annotations.CanIgnoreReturnValue
    public Unsealed suppress(java.util.function.Predicate<String[]> outlier, String column) {
      for (int k = 0; k < results.length; k++) {
        if (!results[k].isRejected() && outlier.test(results[k].row().orElseThrow())) {
          results[k] = RowResult.rejected(column, RowReason.RISK_SUPPRESSED);
          kept--;
        }
      }
      return this;
    }

    /**
     * Returns the results without sealing: kept rows with their row seal cell (if any) empty, for a
     * pass that measures the rows and writes nothing. Call instead of {@link #seal}.
     *
     * @return one result per row, in order
     * @since 0.1.0
     */
    public RowResult[] withoutSeal() {
      return results;
    }

    /**
     * Seals the kept rows, the first one with output index {@code firstOutputIndex}, then one more
     * per row kept; rejected rows stay rejected. Call once.
     *
     * @param firstOutputIndex the 1-based output index of the block's first kept row
     * @return one result per row, in order
     */
    public RowResult[] seal(long firstOutputIndex) {
      long index = firstOutputIndex;
      for (int k = 0; k < results.length; k++) {
        if (!results[k].isRejected()) {
          results[k] = protector.sealRow(rows[k], results[k], index++);
        }
      }
      return results;
    }

    @Override
    public String toString() {
      return "RowProtector.Unsealed[" + results.length + " rows, " + kept + " kept]";
    }
  }

  private void checkCells(String[] row) {
    if (row.length != codecs.length) {
      throw new IllegalArgumentException("expected " + codecs.length + " cells, got " + row.length);
    }
  }

  /** Protects one row whose length was checked, row seal included. */
  private RowResult protectRow(String[] row, long outputIndex) {
    RowResult r = protectCells(row, null, 0);
    return r.isRejected() ? r : sealRow(row, r, outputIndex);
  }

  /**
   * Protects the cells of one row whose length was checked, all but the row seal; {@code
   * blocks[i]}, if any, from codec i's prepare. A kept row's result holds the output row with its
   * seal cell (if any) still empty.
   */
  private RowResult protectCells(String[] row, @Nullable Object @Nullable [] blocks, int k) {
    String[] out = new String[layout.protectedHeader.size()];
    boolean drop = policy.onInvalid() == OnInvalid.DROP_VALUE;
    List<RowResult.Dropped> dropped = null;
    for (int i = 0; i < codecs.length; i++) {
      Codec c = codecs[i];
      if (c == null) {
        continue;
      }
      Codec.Problem p = c.protect(row[i], out, blocks == null ? null : blocks[i], k);
      if (p == null && c.watched && engines.leaks(out[c.at])) {
        return RowResult.rejected(c.column, RowReason.NIR_IN_CLEAR); // never written, whatever
      }
      if (p != null) {
        if (!drop) {
          return RowResult.rejected(c.column, p.reason, p.nirError);
        }
        if (dropped == null) {
          dropped = new ArrayList<>(2);
        }
        dropped.add(new RowResult.Dropped(c.column, p.reason, p.nirError));
        c.blank(out);
      }
    }
    return RowResult.ok(out, dropped);
  }

  /** Fills the row seal of a kept row's result (the same result when nothing is sealed). */
  private RowResult sealRow(String[] row, RowResult cells, long outputIndex) {
    if (layout.sealedIndex < 0) {
      return cells;
    }
    // the row seal: export id, FPE key id and the sealed values, bound to the row's index and
    // every other cell of the row
    String[] out = cells.row().orElseThrow();
    String[] values = new String[layout.sealedColumns.length + 1];
    values[0] = rowMeta;
    for (int j = 1; j < values.length; j++) {
      values[j] = row[layout.sealedColumns[j - 1]];
    }
    try {
      out[layout.sealedIndex] = engines.sealer().seal(layout.binding(out, outputIndex), values);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("sealing failed", e);
    }
    return cells;
  }

  @Override
  public String toString() {
    return "RowProtector[" + policy + "]";
  }
}
