package io.github.nirguard.protect;

import io.github.nirguard.policy.Action;
import io.github.nirguard.policy.ColumnRule;
import io.github.nirguard.policy.PolicyException;
import io.github.nirguard.policy.ProtectionPolicy;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyedTokenizer;
import io.github.nirguard.crypto.NirFpe;
import io.github.nirguard.crypto.RecordSealer;
import io.github.nirguard.crypto.ReversibleTokenizer;
import io.github.nirguard.crypto.Token;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reverses what a policy made reversible, for key holders: FPE and reversible tokens back to NIRs,
 * sealed cells opened; keyed tokens, generalized and masked values stay as they are.
 *
 * <p>A revealed row is the original or nothing: every row is first checked against its row seal
 * (bound to the row's index in the file and every other cell of the row, so an edited, swapped,
 * copied, moved or deleted cell or row is refused), its export id must be the file's (rows of
 * another export are refused), FPE values are decrypted with the key that encrypted them (sealed
 * in the row, so a rotation changes nothing), and each decrypted NIR's keyed token is recomputed
 * and compared with the row's. One revealer per file: the first row fixes the export id.
 *
 * <pre>{@code
 * RowRevealer r = RowRevealer.bind(policy, protectedHeader, ring);
 * RowResult back = r.reveal(protectedRow, 1);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class RowRevealer {
  private final ProtectionPolicy policy;
  private final KeyRing ring;
  private final Layout layout;
  private final int[] inputIndexOfProtected; // protected column -> input column, or -1
  private final List<String> outputHeader;
  private final ReversibleTokenizer reversible;
  private final RecordSealer.Fields sealer;
  /** FPEs and keyed tokenizers by key id: the keys named in the rows, made once each. */
  private final Map<Integer, NirFpe> fpes = new ConcurrentHashMap<>();
  private final Map<Integer, KeyedTokenizer> tokenizers = new ConcurrentHashMap<>();
  private final AtomicReference<String> exportId = new AtomicReference<>();

  private RowRevealer(ProtectionPolicy policy, Layout layout, KeyRing ring) throws GeneralSecurityException {
    this.policy = policy;
    this.ring = ring;
    this.layout = layout;
    this.inputIndexOfProtected = new int[layout.protectedHeader.size()];
    java.util.Arrays.fill(inputIndexOfProtected, -1);
    boolean rev = false;
    boolean f = false;
    boolean token = false;
    for (int i = 0; i < layout.rules.length; i++) {
      if (layout.outputIndex[i] >= 0) {
        inputIndexOfProtected[layout.outputIndex[i]] = i;
      }
      Action a = layout.rules[i].action();
      rev |= a == Action.REVERSIBLE_TOKEN;
      f |= a == Action.FPE || a == Action.FPE_AND_TOKEN;
      token |= a == Action.FPE_AND_TOKEN;
    }
    List<String> out = new ArrayList<>(layout.protectedHeader);
    if (layout.sealedIndex >= 0) {
      out.remove(layout.sealedIndex);
    }
    this.outputHeader = List.copyOf(out);
    try {
      this.reversible = rev ? ReversibleTokenizer.prp(ring, policy.purpose()) : null;
      // fail at bind, not at the first row, when a keyset the reveal needs is missing
      if (f) {
        ring.keyCount(policy.purpose(), KeyKind.FPE);
      }
      if (token) {
        ring.keyCount(policy.purpose(), KeyKind.TOKEN);
      }
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
   * @return the revealed row, or a rejection: {@code ROW_SEAL_REFUSED} (the row or one of its cells
   *     was altered, moved or copied), {@code OTHER_EXPORT}, {@code FPE_KEY_UNKNOWN},
   *     {@code FPE_REFUSED}, {@code TOKEN_MISMATCH}, {@code NOT_A_TOKEN}, {@code TOKEN_REFUSED}
   */
  public RowResult reveal(String[] row, long index) {
    if (row.length != layout.protectedHeader.size()) {
      throw new IllegalArgumentException("expected " + layout.protectedHeader.size() + " cells, got " + row.length);
    }
    String[] out = row.clone();
    long fpeKey = RowSeal.NO_KEY;
    if (layout.sealedIndex >= 0) {
      List<String> values;
      try {
        values = sealer.open(layout.binding(row, index), row[layout.sealedIndex]);
      } catch (GeneralSecurityException e) {
        return RowResult.rejected(Layout.SEALED, "ROW_SEAL_REFUSED");
      }
      RowSeal seal = RowSeal.parse(values.get(0));
      if (seal == null) {
        return RowResult.rejected(Layout.SEALED, "ROW_SEAL_REFUSED");
      }
      String first = exportId.compareAndExchange(null, seal.exportId);
      if (first != null && !first.equals(seal.exportId)) {
        return RowResult.rejected(Layout.SEALED, "OTHER_EXPORT");
      }
      fpeKey = seal.fpeKeyId;
      for (int k = 0; k < layout.sealedColumns.length; k++) {
        out[layout.outputIndex[layout.sealedColumns[k]]] = values.get(k + 1);
      }
    }
    for (int p = 0; p < row.length; p++) {
      int i = inputIndexOfProtected[p];
      if (i < 0) {
        continue;
      }
      Action a = layout.rules[i].action();
      String column = layout.rules[i].field().name();
      if (a == Action.FPE || a == Action.FPE_AND_TOKEN) {
        String tokenCell = a == Action.FPE_AND_TOKEN ? row[layout.tokenIndex[i]] : "";
        if (row[p].isEmpty()) {
          if (!tokenCell.isEmpty()) {
            return RowResult.rejected(column, "TOKEN_MISMATCH");
          }
          continue;
        }
        if (fpeKey == RowSeal.NO_KEY) {
          return RowResult.rejected(column, "FPE_KEY_UNKNOWN");
        }
        Nir nir;
        try {
          nir = fpe((int) fpeKey).decrypt(row[p]);
        } catch (GeneralSecurityException e) {
          return RowResult.rejected(column, "FPE_REFUSED");
        }
        if (a == Action.FPE_AND_TOKEN && !tokenMatches(nir, tokenCell)) {
          return RowResult.rejected(column, "TOKEN_MISMATCH");
        }
        out[p] = nir.compact();
      } else if (a == Action.REVERSIBLE_TOKEN && !row[p].isEmpty()) {
        Optional<Token> t = Token.tryParse(row[p]);
        if (t.isEmpty()) {
          return RowResult.rejected(column, "NOT_A_TOKEN");
        }
        try {
          out[p] = reversible.reveal(t.get()).compact();
        } catch (GeneralSecurityException e) {
          return RowResult.rejected(column, "TOKEN_REFUSED");
        }
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

  /** The FPE of a key id named by a row seal; null-free: an unknown key is refused. */
  private NirFpe fpe(int keyId) throws GeneralSecurityException {
    NirFpe f = fpes.get(keyId);
    if (f == null) {
      f = NirFpe.forKey(ring, policy.purpose(), policy.fpeMode(), keyId);
      fpes.put(keyId, f);
    }
    return f;
  }

  /** Whether a token cell is the keyed token of a NIR, under the key the token names. */
  private boolean tokenMatches(Nir nir, String cell) {
    Optional<Token> t = Token.tryParse(cell);
    if (t.isEmpty() || t.get().scheme() != Token.Scheme.KEYED || t.get().keyId().isEmpty()) {
      return false;
    }
    int keyId = t.get().keyId().get();
    KeyedTokenizer k = tokenizers.get(keyId);
    if (k == null) {
      try {
        k = KeyedTokenizer.forKey(ring, policy.purpose(), keyId);
      } catch (GeneralSecurityException e) {
        return false;
      }
      tokenizers.put(keyId, k);
    }
    return k.matches(nir, t.get());
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
