package io.github.nirguard.policy;

import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.NirFpe;
import io.github.nirguard.crypto.RecordSealer;
import io.github.nirguard.crypto.ReversibleTokenizer;
import io.github.nirguard.crypto.Token;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reverses what a policy made reversible, for key holders: FPE and reversible tokens back to NIRs,
 * sealed cells opened; keyed tokens, generalized and masked values stay as they are.
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
  private final int[] inputIndexOfProtected; // protected column -> input column, or -1
  private final List<String> outputHeader;
  private final ReversibleTokenizer reversible;
  private final NirFpe fpe;
  private final RecordSealer.Fields sealer;

  private RowRevealer(ProtectionPolicy policy, Layout layout, KeyRing ring) throws GeneralSecurityException {
    this.layout = layout;
    this.inputIndexOfProtected = new int[layout.protectedHeader.size()];
    java.util.Arrays.fill(inputIndexOfProtected, -1);
    boolean rev = false;
    boolean f = false;
    for (int i = 0; i < layout.rules.length; i++) {
      if (layout.outputIndex[i] >= 0) {
        inputIndexOfProtected[layout.outputIndex[i]] = i;
      }
      rev |= layout.rules[i].action() == Action.REVERSIBLE_TOKEN;
      f |= layout.rules[i].action() == Action.FPE || layout.rules[i].action() == Action.FPE_AND_TOKEN;
    }
    List<String> out = new ArrayList<>(layout.protectedHeader);
    if (layout.sealedIndex >= 0) {
      out.remove(layout.sealedIndex);
    }
    this.outputHeader = List.copyOf(out);
    try {
      this.reversible = rev ? ReversibleTokenizer.prp(ring, policy.purpose()) : null;
      this.fpe = f ? NirFpe.create(ring, policy.purpose(), policy.fpeMode()) : null;
      this.sealer =
          layout.sealedIndex >= 0
              ? RecordSealer.create(ring, policy.purpose(), policy.schemaVersion()).forFields(layout.sealedNames)
              : null;
    } catch (IllegalArgumentException e) {
      throw new PolicyException(0, "the key ring lacks a keyset the policy needs: " + e.getMessage());
    }
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
  public static RowRevealer bind(ProtectionPolicy policy, List<String> protectedHeader, KeyRing ring)
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
   * @return the revealed row, or a rejection (a refused FPE value, token or sealed cell)
   */
  public RowResult reveal(String[] row, long index) {
    if (row.length != layout.protectedHeader.size()) {
      throw new IllegalArgumentException("expected " + layout.protectedHeader.size() + " cells, got " + row.length);
    }
    String[] out = row.clone();
    if (layout.sealedIndex >= 0) {
      List<String> values;
      try {
        values = sealer.open(layout.pseudonym(row, index), row[layout.sealedIndex]);
      } catch (GeneralSecurityException e) {
        return RowResult.rejected(Layout.SEALED, "SEAL_REFUSED");
      }
      for (int k = 0; k < layout.sealedColumns.length; k++) {
        out[layout.outputIndex[layout.sealedColumns[k]]] = values.get(k);
      }
    }
    for (int p = 0; p < row.length; p++) {
      int i = inputIndexOfProtected[p];
      if (i < 0 || row[p].isEmpty()) {
        continue;
      }
      Action a = layout.rules[i].action();
      try {
        if (a == Action.FPE || a == Action.FPE_AND_TOKEN) {
          out[p] = fpe.decrypt(row[p]).compact();
        } else if (a == Action.REVERSIBLE_TOKEN) {
          Optional<Token> t = Token.tryParse(row[p]);
          if (t.isEmpty()) {
            return RowResult.rejected(layout.rules[i].field().name(), "NOT_A_TOKEN");
          }
          out[p] = reversible.reveal(t.get()).compact();
        }
      } catch (GeneralSecurityException e) {
        return RowResult.rejected(layout.rules[i].field().name(), a == Action.REVERSIBLE_TOKEN ? "TOKEN_REFUSED" : "FPE_REFUSED");
      }
    }
    if (layout.sealedIndex < 0) {
      return RowResult.ok(out);
    }
    String[] trimmed = new String[out.length - 1];
    System.arraycopy(out, 0, trimmed, 0, layout.sealedIndex);
    System.arraycopy(out, layout.sealedIndex + 1, trimmed, layout.sealedIndex, out.length - layout.sealedIndex - 1);
    return RowResult.ok(trimmed);
  }

  @Override
  public String toString() {
    return "RowRevealer" + layout.protectedHeader;
  }
}
