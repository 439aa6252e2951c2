package io.github.nirguard.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How a policy maps an input header to the protected header: shared by {@link RowProtector} and
 * {@link RowRevealer}, so both agree by construction.
 */
final class Layout {
  static final String TOKEN_SUFFIX = "_token";
  static final String SEALED = "_sealed";

  /** Rule of each input column. */
  final ColumnRule[] rules;
  /** The protected header. */
  final List<String> protectedHeader;
  /** For each input column, its index in the protected row, or -1 if dropped. */
  final int[] outputIndex;
  /** For FPE_AND_TOKEN columns, the index of their token column, else -1. */
  final int[] tokenIndex;
  /** Index of the sealed column in the protected row, or -1. */
  final int sealedIndex;
  /** Input index of the column whose protected value is the record's pseudonym, or -1. */
  final int pseudonymColumn;
  /** Input indexes of the sealed columns, in order, and their names. */
  final int[] sealedColumns;
  final List<String> sealedNames;

  Layout(ProtectionPolicy policy, List<String> header) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i);
      if (!seen.add(h)) {
        throw new PolicyException(0, "the input has two columns named '" + h + "' (column " + (i + 1) + ")");
      }
      if (h.equals(SEALED) || h.endsWith(TOKEN_SUFFIX) && policy.rule(h.substring(0, h.length() - TOKEN_SUFFIX.length())).isPresent()) {
        throw new PolicyException(0, "the input column '" + h + "' (column " + (i + 1) + ") uses a name reserved for the output");
      }
    }
    for (ColumnRule r : policy.rules()) {
      if (!seen.contains(r.field().name())) {
        throw new PolicyException(r.line(), "column '" + r.field().name() + "' is not in the input");
      }
    }
    rules = new ColumnRule[header.size()];
    outputIndex = new int[header.size()];
    tokenIndex = new int[header.size()];
    List<String> out = new ArrayList<>();
    List<Integer> sealed = new ArrayList<>();
    List<String> sealedN = new ArrayList<>();
    int pseudo = -1;
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i);
      ColumnRule r =
          policy
              .rule(h)
              .orElseThrow(() -> new PolicyException(0, "the input column '" + h + "' has no rule in the policy (fail closed)"));
      rules[i] = r;
      tokenIndex[i] = -1;
      if (r.action() == Action.DROP) {
        outputIndex[i] = -1;
        continue;
      }
      outputIndex[i] = out.size();
      out.add(h);
      if (r.action() == Action.FPE_AND_TOKEN) {
        tokenIndex[i] = out.size();
        out.add(h + TOKEN_SUFFIX);
      }
      if (r.action() == Action.SEAL) {
        sealed.add(i);
        sealedN.add(h);
      }
      if (pseudo < 0
          && (r.action() == Action.TOKEN
              || r.action() == Action.FPE_AND_TOKEN
              || r.action() == Action.FPE
              || r.action() == Action.REVERSIBLE_TOKEN)) {
        pseudo = i;
      }
    }
    if (!sealed.isEmpty()) {
      sealedIndex = out.size();
      out.add(SEALED);
    } else {
      sealedIndex = -1;
    }
    pseudonymColumn = pseudo;
    sealedColumns = sealed.stream().mapToInt(Integer::intValue).toArray();
    sealedNames = List.copyOf(sealedN);
    protectedHeader = List.copyOf(out);
  }

  /** Returns the pseudonym of a protected row: its token/FPE cell, or the row index if empty. */
  String pseudonym(String[] protectedRow, long index) {
    if (pseudonymColumn >= 0) {
      int at = tokenIndex[pseudonymColumn] >= 0 ? tokenIndex[pseudonymColumn] : outputIndex[pseudonymColumn];
      String p = protectedRow[at];
      if (!p.isEmpty()) {
        return p;
      }
    }
    return "row:" + index;
  }
}
