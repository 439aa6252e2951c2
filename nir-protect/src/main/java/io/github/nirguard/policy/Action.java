package io.github.nirguard.policy;

import io.github.nirguard.record.FieldType;
import io.github.nirguard.record.Generalize;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a policy does to one field.
 *
 * <pre>{@code
 * Action.named("generalize:year-month").fits(FieldType.BIRTH_DATE);   // true
 * }</pre>
 *
 * @since 0.1.0
 */
public enum Action {
  /** Keep the value as is. */
  KEEP("keep", null),
  /** Remove the column. */
  DROP("drop", null),
  /** Replace a NIR by its keyed, irreversible token. */
  TOKEN("token", EnumSet.of(FieldType.NIR)),
  /** Replace a NIR by a reversible PRP token. */
  REVERSIBLE_TOKEN("reversible-token", EnumSet.of(FieldType.NIR)),
  /**
   * Replace a NIR by its format-preserving encryption (marked mode unless the policy says
   * otherwise).
   */
  FPE("fpe", EnumSet.of(FieldType.NIR)),
  /** Replace a NIR by its FPE and add a {@code <column>_token} column with its keyed token. */
  FPE_AND_TOKEN("fpe+token", EnumSet.of(FieldType.NIR)),
  /**
   * Move the value into the row's record envelope ({@code _sealed} column); the cell is emptied.
   */
  SEAL("seal", null),
  /** Birth date to its year. */
  GENERALIZE_YEAR(
      "generalize:" + Generalize.Granularity.YEAR.label(), EnumSet.of(FieldType.BIRTH_DATE)),
  /** Birth date to year and month. */
  GENERALIZE_YEAR_MONTH(
      "generalize:" + Generalize.Granularity.YEAR_MONTH.label(), EnumSet.of(FieldType.BIRTH_DATE)),
  /** Birth date to a 10-year age band at the policy's reference date. */
  GENERALIZE_AGE_BAND(
      "generalize:" + Generalize.Granularity.AGE_BAND.label(), EnumSet.of(FieldType.BIRTH_DATE)),
  /**
   * Birth date to a five-year band of birth years ({@code 1955-1959}).
   *
   * @since 0.1.0
   */
  GENERALIZE_5_YEAR("generalize:5-year", EnumSet.of(FieldType.BIRTH_DATE)),
  /**
   * Postcode or commune code to its region (INSEE 2016 code, see {@link Generalize#region}).
   *
   * @since 0.1.0
   */
  GENERALIZE_REGION("generalize:region", EnumSet.of(FieldType.POSTCODE, FieldType.COMMUNE)),
  /**
   * Age to a ten-year band ({@code 60-69}, {@code 90+}).
   *
   * @since 0.1.0
   */
  GENERALIZE_10_YEAR("generalize:10-year", EnumSet.of(FieldType.AGE)),
  /**
   * Age to a twenty-year band ({@code 60-79}, {@code 80+}).
   *
   * @since 0.1.0
   */
  GENERALIZE_20_YEAR("generalize:20-year", EnumSet.of(FieldType.AGE)),
  /**
   * The least rung of the column's {@link io.github.nirguard.record.Ladder} (within the rule's
   * {@link ColumnRule#range() range}) that, with the other columns' rungs, reaches the policy's
   * {@code require k}: chosen from the data by a first pass over the file ({@code generalize:auto},
   * or {@code generalize:FROM..TO} in a policy file).
   *
   * @since 0.1.0
   */
  GENERALIZE_LEAST(
      "generalize:auto",
      EnumSet.of(FieldType.BIRTH_DATE, FieldType.POSTCODE, FieldType.COMMUNE, FieldType.AGE)),
  /** Postcode or commune code to its department. */
  GENERALIZE_DEPARTMENT(
      "generalize:" + Generalize.Granularity.DEPARTMENT.label(),
      EnumSet.of(FieldType.POSTCODE, FieldType.COMMUNE)),
  /** Mask most of the value (names, phones, e-mails, NIRs, text). */
  MASK(
      "mask",
      EnumSet.of(
          FieldType.NAME,
          FieldType.PHONE,
          FieldType.EMAIL,
          FieldType.NIR,
          FieldType.TEXT,
          FieldType.ADDRESS)),
  /**
   * Free text: every NIR found in it (see {@code NirScanner}) replaced by its keyed token; the rest
   * of the text stays.
   *
   * @since 0.1.0
   */
  SCAN("scan", EnumSet.of(FieldType.TEXT, FieldType.HEALTH)),
  /**
   * Free text: every NIR found in it replaced by its mask ({@code 2 55 08 •• ••• ••• ••}).
   *
   * @since 0.1.0
   */
  SCAN_MASK("scan:mask", EnumSet.of(FieldType.TEXT, FieldType.HEALTH)),
  /**
   * Free text: every NIR found in it replaced by a reversible span token ({@code [nr1.…]}, AES-SIV
   * over the NIR as it was written), so that reveal restores the text byte for byte; see {@code
   * ReversibleRedactor}.
   *
   * @since 0.1.0
   */
  SCAN_REVERSIBLE("scan:reversible", EnumSet.of(FieldType.TEXT, FieldType.HEALTH));

  private final String label;
  private final @Nullable Set<FieldType> fits;

  Action(String label, @Nullable Set<FieldType> fits) {
    this.label = label;
    this.fits = fits;
  }

  /**
   * Returns the label used in policy files, e.g. {@code fpe+token}.
   *
   * @return the label
   */
  public String label() {
    return label;
  }

  /**
   * Returns whether this action applies to fields of a type.
   *
   * @param type the type
   * @return {@code true} if it fits
   */
  public boolean fits(FieldType type) {
    return fits == null || fits.contains(type);
  }

  /**
   * Returns whether {@code reveal} can restore the original value.
   *
   * @return {@code true} for keep, reversible token, FPE, seal and {@code scan:reversible}
   */
  public boolean reversible() {
    return this == KEEP
        || this == REVERSIBLE_TOKEN
        || this == SCAN_REVERSIBLE
        || this == FPE
        || this == FPE_AND_TOKEN
        || this == SEAL;
  }

  /**
   * Returns the action of a label.
   *
   * @param label e.g. {@code seal}
   * @return the action
   * @throws IllegalArgumentException for an unknown label
   */
  public static Action named(String label) {
    String l = label.trim().toLowerCase(Locale.ROOT);
    for (Action a : values()) {
      if (a.label.equals(l)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown action '" + label + "'");
  }

  /**
   * Returns the action that writes a rung of a ladder.
   *
   * <pre>{@code
   * Action.forRung(Ladder.BIRTH_DATE, 2);   // GENERALIZE_YEAR
   * }</pre>
   *
   * @param ladder the ladder
   * @param rung the rung (0: {@link #KEEP})
   * @return the action
   * @since 0.1.0
   */
  public static Action forRung(io.github.nirguard.record.Ladder ladder, int rung) {
    java.util.Objects.checkIndex(rung, ladder.rungs().size());
    if (rung == 0) {
      return KEEP;
    }
    switch (ladder.type()) {
      case BIRTH_DATE:
        return rung == 1 ? GENERALIZE_YEAR_MONTH : rung == 2 ? GENERALIZE_YEAR : GENERALIZE_5_YEAR;
      case AGE:
        return rung == 1 ? GENERALIZE_10_YEAR : GENERALIZE_20_YEAR;
      default:
        return rung == 1 ? GENERALIZE_DEPARTMENT : GENERALIZE_REGION;
    }
  }

  /**
   * Returns the default action for a field type: NIR to FPE and keyed token, names and free text
   * sealed, phone, e-mail and address dropped, birth date to year-month, postcode and commune to
   * department, the rest kept.
   *
   * @param type the type
   * @return the default action
   */
  public static Action defaultFor(FieldType type) {
    switch (type) {
      case NIR:
        return FPE_AND_TOKEN;
      case NAME:
      case TEXT:
        return SEAL;
      case PHONE:
      case EMAIL:
      case ADDRESS:
        return DROP;
      case BIRTH_DATE:
        return GENERALIZE_YEAR_MONTH;
      case POSTCODE:
      case COMMUNE:
        return GENERALIZE_DEPARTMENT;
      default:
        return KEEP;
    }
  }
}
