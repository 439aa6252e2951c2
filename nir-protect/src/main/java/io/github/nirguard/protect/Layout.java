package io.github.nirguard.protect;

import io.github.nirguard.policy.Action;
import io.github.nirguard.policy.ColumnRule;
import io.github.nirguard.policy.PolicyException;
import io.github.nirguard.policy.ProtectionPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a policy maps an input header to the protected header: shared by {@link RowProtector} and
 * {@link RowRevealer}, so both agree by construction.
 */
final class Layout {
  static final String TOKEN_SUFFIX = "_token";
  static final String SEALED = "_sealed";

  /** The first value of every row seal: the export's id and the FPE key id, see {@link RowSeal}. */
  static final String ROW_FIELD = "_row";

  /** Rule of each input column. */
  final ColumnRule[] rules;

  /** The protected header. */
  final List<String> protectedHeader;

  /** For each input column, its index in the protected row, or -1 if dropped. */
  final int[] outputIndex;

  /** For FPE_AND_TOKEN columns, the index of their token column, else -1. */
  final int[] tokenIndex;

  /**
   * Index of the row seal ({@code _sealed}) in the protected row, or -1: present whenever the
   * policy makes anything reversible (seal, fpe, fpe+token, reversible-token).
   */
  final int sealedIndex;

  /** Input indexes of the sealed columns, in order. */
  final int[] sealedColumns;

  /** The names the row seal binds: {@link #ROW_FIELD}, then the sealed columns' names. */
  final List<String> sealedNames;

  Layout(ProtectionPolicy policy, List<String> header) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i);
      Integer before = seen.putIfAbsent(h, i);
      if (before != null) {
        throw new PolicyException(
            0,
            "the input's " + column(h, before) + " and column " + (i + 1) + " have the same name");
      }
      if (h.equals(SEALED)
          || (h.endsWith(TOKEN_SUFFIX)
              && policy.rule(h.substring(0, h.length() - TOKEN_SUFFIX.length())).isPresent())) {
        throw new PolicyException(
            0, "the input " + column(h, i) + " uses a name reserved for the output");
      }
    }
    for (ColumnRule r : policy.rules()) {
      if (!seen.containsKey(r.field().name())) {
        throw new PolicyException(
            r.line(), "column '" + r.field().name() + "' is not in the input");
      }
    }
    rules = new ColumnRule[header.size()];
    outputIndex = new int[header.size()];
    tokenIndex = new int[header.size()];
    List<String> out = new ArrayList<>();
    List<Integer> sealed = new ArrayList<>();
    List<String> sealedN = new ArrayList<>();
    boolean reversible = false;
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i);
      int at = i;
      ColumnRule r =
          policy
              .rule(h)
              .orElseThrow(
                  () ->
                      new PolicyException(
                          0,
                          "the input "
                              + column(h, at)
                              + " has no rule in the policy (fail closed)"));
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
      reversible |= KeyNeeds.sealsRow(r.action());
    }
    if (reversible) {
      sealedIndex = out.size();
      out.add(SEALED);
    } else {
      sealedIndex = -1;
    }
    sealedColumns = sealed.stream().mapToInt(Integer::intValue).toArray();
    List<String> names = new ArrayList<>();
    names.add(ROW_FIELD);
    names.addAll(sealedN);
    sealedNames = List.copyOf(names);
    protectedHeader = List.copyOf(out);
  }

  /**
   * Names an input column for a message: by position, and by name only when the name is a short
   * identifier with few digits — a header cell may hold a value (a headerless file), and a NIR must
   * never reach an error message.
   */
  static String column(String name, int index) {
    return "column " + (index + 1) + (isSafeName(name) ? " ('" + name + "')" : "");
  }

  private static boolean isSafeName(String name) {
    if (name.isEmpty() || name.length() > 40) {
      return false;
    }
    int digits = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || c == '_'
              || c == '-'
              || c == '.'
              || c == ' ';
      if (c >= '0' && c <= '9') {
        digits++;
        ok = true;
      }
      if (!ok) {
        return false;
      }
    }
    return digits <= 4;
  }

  /**
   * What the row seal binds besides its sealed values: the row's 1-based index in the protected
   * file and every other protected cell of the row, each length-prefixed. An edited, swapped, moved
   * or copied cell, a reordered or deleted row: the seal no longer opens.
   */
  String binding(String[] protectedRow, long index) {
    StringBuilder b = new StringBuilder(160).append("row ").append(index);
    for (int i = 0; i < protectedRow.length; i++) {
      if (i != sealedIndex) {
        String c = protectedRow[i];
        b.append('\n').append(c.length()).append(':').append(c);
      }
    }
    return b.toString();
  }
}
