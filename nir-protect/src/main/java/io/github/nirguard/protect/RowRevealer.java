package io.github.nirguard.protect;

import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.policy.Action;
import io.github.nirguard.policy.ColumnRule;
import io.github.nirguard.policy.PolicyException;
import io.github.nirguard.policy.ProtectionPolicy;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reverses what a policy made reversible, for key holders: FPE and reversible tokens back to NIRs,
 * sealed cells opened; keyed tokens, generalized and masked values stay as they are.
 *
 * <p>A revealed row is the original or nothing: every row is first checked against its row seal
 * (bound to the row's index in the file and every other cell of the row, so an edited, swapped,
 * copied, moved or deleted cell or row is refused), its export id must be the file's (rows of
 * another export are refused), FPE values are decrypted with the key that encrypted them (sealed in
 * the row, so a rotation changes nothing), and each decrypted NIR's keyed token is recomputed and
 * compared with the row's. One revealer per file: the first row fixes the export id.
 *
 * <pre>{@code
 * RowRevealer r = RowRevealer.bind(policy, protectedHeader, ring);
 * RowResult back = r.reveal(protectedRow, 1);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class RowRevealer {
  private final Layout layout;
  private final Engines engines;

  /** The codecs of the kept columns, in input order. */
  private final Codec[] codecs;

  private final List<String> outputHeader;
  private final AtomicReference<String> exportId = new AtomicReference<>();

  private RowRevealer(ProtectionPolicy policy, Layout layout, KeyRing ring)
      throws GeneralSecurityException {
    this.layout = layout;
    this.engines = new Engines(policy, layout, ring, false);
    List<Codec> kept = new ArrayList<>();
    for (int i = 0; i < layout.rules.length; i++) {
      Codec c = Codec.of(layout.rules[i], layout, i, engines);
      if (c != null) {
        kept.add(c);
      }
    }
    this.codecs = kept.toArray(new Codec[0]);
    List<String> out = new ArrayList<>(layout.protectedHeader);
    if (layout.sealedIndex >= 0) {
      out.remove(layout.sealedIndex);
    }
    this.outputHeader = List.copyOf(out);
  }

  /**
   * Returns the kinds of keyset of the policy's purpose that a reveal with this policy needs, so
   * that a caller can check a key ring before reading any data.
   *
   * <pre>{@code
   * Set<KeyKind> kinds = RowRevealer.keyKindsNeeded(policy);   // e.g. [token, fpe, record]
   * }</pre>
   *
   * @param policy the policy
   * @return the key kinds, unmodifiable
   * @since 0.1.0
   */
  public static java.util.Set<io.github.nirguard.crypto.KeyKind> keyKindsNeeded(
      ProtectionPolicy policy) {
    return KeyNeeds.of(policy, false);
  }

  /**
   * Binds a policy to the header of a file it protected.
   *
   * @param policy the policy the file was protected with
   * @param protectedHeader the protected file's header
   * @param ring the key ring
   * @return the revealer
   * @throws PolicyException if the header is not what this policy produces
   * @throws GeneralSecurityException if a keyset cannot be used
   */
  public static RowRevealer bind(
      ProtectionPolicy policy, List<String> protectedHeader, KeyRing ring)
      throws GeneralSecurityException {
    // the original column order is the protected one with derived columns removed, dropped ones
    // unknown: rebuild the input header from the policy's rules in protected order
    List<String> input = new ArrayList<>();
    for (String h : protectedHeader) {
      if (h.equals(Layout.SEALED)) {
        continue;
      }
      if (h.endsWith(Layout.TOKEN_SUFFIX)) {
        String base = h.substring(0, h.length() - Layout.TOKEN_SUFFIX.length());
        Optional<ColumnRule> r = policy.rule(base);
        if (r.isPresent() && r.get().action() == Action.FPE_AND_TOKEN && policy.rule(h).isEmpty()) {
          continue;
        }
      }
      input.add(h);
    }
    for (ColumnRule r : policy.rules()) {
      if (r.action() == Action.DROP) {
        input.add(r.field().name());
      }
    }
    Layout layout = new Layout(policy, input);
    if (!layout.protectedHeader.equals(protectedHeader)) {
      throw new PolicyException(0, "the input's header is not the one this policy produces");
    }
    return new RowRevealer(policy, layout, ring);
  }

  /**
   * Returns the revealed header: the protected one without {@code _sealed}.
   *
   * @return the header
   */
  public List<String> outputHeader() {
    return outputHeader;
  }

  /**
   * Reveals one protected row.
   *
   * @param row the protected cells
   * @param index the row's 1-based index in the protected file
   * @return the revealed row, or a rejection: {@link RowReason#ROW_SEAL_REFUSED} (the row or one of
   *     its cells was altered, moved or copied), {@link RowReason#OTHER_EXPORT}, {@link
   *     RowReason#FPE_REFUSED}, {@link RowReason#TOKEN_MISMATCH}, {@link RowReason#NOT_A_TOKEN},
   *     {@link RowReason#TOKEN_REFUSED}
   */
  public RowResult reveal(String[] row, long index) {
    if (row.length != layout.protectedHeader.size()) {
      throw new IllegalArgumentException(
          "expected " + layout.protectedHeader.size() + " cells, got " + row.length);
    }
    Codec.Opened opened = new Codec.Opened(RowSeal.NO_KEY, List.of());
    if (layout.sealedIndex >= 0) {
      List<String> values;
      try {
        values = engines.sealer().open(layout.binding(row, index), row[layout.sealedIndex]);
      } catch (GeneralSecurityException e) {
        return RowResult.rejected(Layout.SEALED, RowReason.ROW_SEAL_REFUSED);
      }
      RowSeal seal = RowSeal.parse(values.get(0));
      if (seal == null) {
        return RowResult.rejected(Layout.SEALED, RowReason.ROW_SEAL_REFUSED);
      }
      String first = exportId.compareAndExchange(null, seal.exportId);
      if (first != null && !first.equals(seal.exportId)) {
        return RowResult.rejected(Layout.SEALED, RowReason.OTHER_EXPORT);
      }
      opened = new Codec.Opened(seal.fpeKeyId, values);
    }
    String[] out = row.clone();
    for (Codec c : codecs) {
      Codec.Problem p = c.reveal(row, out, opened);
      if (p != null) {
        return RowResult.rejected(c.column, p.reason, p.nirError);
      }
    }
    if (layout.sealedIndex < 0) {
      return RowResult.ok(out, null);
    }
    String[] trimmed = new String[out.length - 1];
    System.arraycopy(out, 0, trimmed, 0, layout.sealedIndex);
    System.arraycopy(
        out,
        layout.sealedIndex + 1,
        trimmed,
        layout.sealedIndex,
        out.length - layout.sealedIndex - 1);
    return RowResult.ok(trimmed, null);
  }

  /**
   * Returns the id of the export the revealed rows belong to, once a row was revealed.
   *
   * @return the export id, or empty before the first sealed row
   * @since 0.1.0
   */
  public Optional<String> exportId() {
    return Optional.ofNullable(exportId.get());
  }

  @Override
  public String toString() {
    return "RowRevealer[" + layout.protectedHeader.size() + " columns]";
  }
}
