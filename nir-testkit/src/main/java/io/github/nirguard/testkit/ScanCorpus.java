package io.github.nirguard.testkit;

import io.github.nirguard.core.Nir;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Seeded French clinical and administrative sentences (results, prescriptions, letters, lab
 * comments, invoices) with NIRs planted in many spellings and numbers that are not NIRs (phones,
 * IBAN, SIRET, RPPS, bar codes, dates, amounts, order numbers…), every planted item labelled with
 * its kind and span: the corpus to measure a NIR scanner's recall and false positives on.
 *
 * <p><strong>{@link #sentences()} plants strictly valid NIRs, which may be real people's</strong>
 * (drawn per run from {@link Nirs#valid()}): keep the sentences inside tests, never print, log or
 * commit them. {@link #neverRealSentences()} plants only never-real NIRs (month 13–19) and is safe
 * to show.
 *
 * <pre>{@code
 * for (ScanCorpus.Sentence s : ScanCorpus.sentences().sample(seed, 200_000)) {
 *   for (ScanCorpus.Planted p : s.planted()) { ... p.start(), p.end(), p.spelling(), p.nir() }
 *   for (ScanCorpus.Decoy d : s.decoys()) { ... d.start(), d.end(), d.kind() }
 * }
 * }</pre>
 *
 * <p>Order and invoice numbers are always written after their label ({@code commande n°}, {@code
 * facture}), as documents write them; a bare 15-digit number with a valid structure and key is a
 * NIR for any scanner, so the corpus plants none.
 *
 * @since 0.4.0
 */
public final class ScanCorpus {

  /**
   * How a planted NIR is written.
   *
   * <pre>{@code
   * if (p.spelling().keyed()) { ... }   // 15 characters, key included
   * }</pre>
   *
   * @since 0.4.0
   */
  public enum Spelling {
    /** {@code 255081416802538}. */
    COMPACT,
    /** {@code 2 55 08 14 168 025 38} (overseas: {@code S YY MM DDD CC NNN KK}). */
    SPACED,
    /** Display groups joined by no-break spaces (U+00A0). */
    SPACED_NBSP,
    /** Display groups joined by narrow no-break spaces (U+202F), French typography. */
    SPACED_NARROW_NBSP,
    /** {@code 2.55.08.14.168.025.38}. */
    DOTTED,
    /** {@code 2-55-08-14-168-025-38}. */
    DASHED,
    /** The key after a slash: {@code 2550814168025/38}, {@code 2 55 08 14 168 025 / 38}. */
    KEY_SLASH,
    /** Compact body, a space, the key: {@code 2550814168025 38}. */
    KEY_SPACE,
    /** The key on the next line ({@code \n} or {@code \r\n}). */
    KEY_LINE_BREAK,
    /** A Corsica NIR, {@code 2A}/{@code 2B} in either case, compact or spaced. */
    CORSICA,
    /** Spaced or compact right after another number (a date or a phone): inside a longer run. */
    AFTER_NUMBER,
    /**
     * The 13-character body without key, right after a NIR label ({@code NIR :}, {@code n° SS}).
     */
    BODY_WITH_CONTEXT;

    /**
     * Returns whether this spelling carries the key (all but {@link #BODY_WITH_CONTEXT}).
     *
     * @return {@code true} for the 15-character spellings
     */
    public boolean keyed() {
      return this != BODY_WITH_CONTEXT;
    }
  }

  /**
   * The kinds of number planted that are not NIRs.
   *
   * <pre>{@code
   * falsePositives.merge(decoy.kind(), 1, Integer::sum);   // per kind
   * }</pre>
   *
   * @since 0.4.0
   */
  public enum Negative {
    /** French phone numbers, {@code 06 12 34 56 78}, dotted, dashed, compact. */
    PHONE,
    /** {@code +33 6 12 34 56 78}, {@code +33612345678}, {@code +33 (0)6…}, {@code 0033 6…}. */
    PHONE_INTERNATIONAL,
    /** {@code FR76 3000 6000 0112 3456 7890 189} (valid RIB key), spaced or compact. */
    IBAN,
    /** 14 digits, Luhn-valid, {@code 362 521 879 00034} or compact. */
    SIRET,
    /** 9 digits, Luhn-valid. */
    SIREN,
    /** 11 digits starting with {@code 10}, Luhn-valid. */
    RPPS,
    /** 9 digits. */
    ADELI,
    /** 9 digits, Luhn-valid. */
    FINESS,
    /** 13 digits with the GS1 check digit: CIP13 {@code 34009…} and other prefixes. */
    EAN13,
    /** {@code 14/08/2024}, {@code 14.08.2024}, {@code 2024-08-14}, {@code 14 août 2024}. */
    DATE,
    /** {@code 1 234,56 €}, thin-space thousands, {@code 1234.56 EUR}. */
    AMOUNT,
    /** {@code CMD-2024-0012345}, {@code 4500123456}, {@code 202408140012345} (after its label). */
    ORDER_NUMBER,
    /** {@code FA-2024-08-001234}, {@code 2024081412345} (after its label). */
    INVOICE_NUMBER
  }

  /**
   * A planted NIR: its span in the sentence, its spelling and the NIR it denotes. {@link
   * #toString()} shows neither the NIR nor the text.
   *
   * <pre>{@code
   * boolean found = m.start() == p.start() && m.end() == p.end() && m.nir().equals(p.nir());
   * }</pre>
   *
   * @param start index of its first character
   * @param end index past its last character
   * @param spelling how it is written
   * @param nir the NIR (the key computed for a body)
   * @since 0.4.0
   */
  public record Planted(int start, int end, Spelling spelling, Nir nir) {
    /**
     * Checks the parts.
     *
     * @param start the start
     * @param end the end
     * @param spelling the spelling
     * @param nir the NIR
     */
    public Planted {
      Objects.requireNonNull(spelling, "spelling");
      Objects.requireNonNull(nir, "nir");
    }

    /**
     * Returns span and spelling only, e.g. {@code Planted[12..33, SPACED]}.
     *
     * @return a description without the NIR
     */
    @Override
    public String toString() {
      return "Planted[" + start + ".." + end + ", " + spelling + "]";
    }
  }

  /**
   * A planted number that is not a NIR.
   *
   * <pre>{@code
   * boolean falsePositive = m.start() < d.end() && d.start() < m.end();
   * }</pre>
   *
   * @param start index of its first character
   * @param end index past its last character
   * @param kind what it is
   * @since 0.4.0
   */
  public record Decoy(int start, int end, Negative kind) {
    /**
     * Checks the kind.
     *
     * @param start the start
     * @param end the end
     * @param kind the kind
     */
    public Decoy {
      Objects.requireNonNull(kind, "kind");
    }
  }

  /**
   * One sentence and what was planted in it. {@link #toString()} shows the length and the counts
   * only.
   *
   * <pre>{@code
   * Sentence s = ScanCorpus.neverRealSentences().next(new SplittableRandom(1));
   * s.text();   // safe to show: never-real NIRs only
   * }</pre>
   *
   * @param text the sentence
   * @param planted the NIRs in it, in order
   * @param decoys the numbers that are not NIRs, in order
   * @since 0.4.0
   */
  public record Sentence(String text, List<Planted> planted, List<Decoy> decoys) {
    /**
     * Copies the lists.
     *
     * @param text the sentence
     * @param planted the NIRs
     * @param decoys the decoys
     */
    public Sentence {
      Objects.requireNonNull(text, "text");
      planted = List.copyOf(planted);
      decoys = List.copyOf(decoys);
    }

    /**
     * Returns e.g. {@code Sentence[118 chars, 1 NIR, 3 decoys]}.
     *
     * @return a description without the text
     */
    @Override
    public String toString() {
      return "Sentence["
          + text.length()
          + " chars, "
          + planted.size()
          + " NIR, "
          + decoys.size()
          + " decoys]";
    }
  }

  private static final Spelling[] SPELLINGS = Spelling.values();

  /** Templates with a NIR; {@code {LNIR}} is a NIR right after its label. */
  private static final String[] WITH_NIR = {
    "Patient(e) {NAME}, NIR {LNIR}, hospitalisé(e) le {DATE} en cardiologie.",
    "N° de sécurité sociale : {LNIR} ; mutuelle à jour, tiers payant accordé.",
    "Résultats du bilan du {DATE} pour {NAME} ({NIR}) : créatinine 82 µmol/L, DFG 88 mL/min.",
    "Ordonnance du Dr {NAME} (RPPS {RPPS}) pour l'assuré {NIR} : amoxicilline 1 g, 3 fois par"
        + " jour pendant 7 jours.",
    "Je vous adresse {NAME}, n° SS {LNIR}, pour avis orthopédique. Tél. {PHONE}.",
    "Commentaire labo : prélèvement hémolysé, identité vérifiée ({NIR}), à reprélever avant le"
        + " {DATE}.",
    "Feuille de soins : immatriculation {LNIR}, montant réglé {AMOUNT}, FINESS {FINESS}.",
    "{NAME} — {NIR} — consultation du {DATE} — facture n° {INVOICE_NUMBER}.",
    "Dossier transmis à la CPAM, NIR de l'assuré : {LNIR}, IBAN du remboursement {IBAN}.",
    "Identité vérifiée : {NAME}, {NIR}, adresse connue, joignable au {PHONE_INTERNATIONAL}.",
    "Le numéro INSEE {LNIR} figure sur l'attestation de droits jointe.",
    "Prise en charge à 100 % (ALD) pour {NIR} ; pharmacie SIRET {SIRET}, CIP13 {EAN13}.",
    "Vu en consultation ce jour, numéro de sécu {LNIR}, commande de matériel n° {ORDER_NUMBER}.",
    "Compte rendu : HbA1c 6,4 % le {DATE}, patient {NIR}, revoir dans 3 mois.",
    "Bon de transport pour {NAME}, n° d'immatriculation : {LNIR}, trajet aller-retour.",
    "Laboratoire {NAME} (FINESS {FINESS}) : NIR {LNIR}, TSH 2,1 mUI/L, T4 libre normale.",
  };

  /** Templates without a NIR. */
  private static final String[] WITHOUT_NIR = {
    "Rappeler le patient au {PHONE} ou au {PHONE_INTERNATIONAL} avant le {DATE}.",
    "Virement de {AMOUNT} reçu le {DATE} sur le compte IBAN {IBAN}.",
    "Laboratoire SIRET {SIRET} (SIREN {SIREN}), FINESS {FINESS}, tél. {PHONE}.",
    "Dr {NAME}, RPPS {RPPS}, ADELI {ADELI}, joignable au {PHONE}.",
    "Délivré le {DATE} : 2 boîtes, CIP13 {EAN13}, reste à charge {AMOUNT}.",
    "Commande n° {ORDER_NUMBER} du {DATE}, montant {AMOUNT}, facture {INVOICE_NUMBER}.",
    "Glycémie à jeun 5,4 mmol/L le {DATE} ; HbA1c 6,1 % ; contrôle dans 3 mois.",
    "Joignable au {PHONE} ; acompte {AMOUNT} ; réf. commande {ORDER_NUMBER}.",
    "Établissement {FINESS} — {SIRET} — {PHONE_INTERNATIONAL} — {SIREN}.",
    "Total TTC {AMOUNT} ({AMOUNT} HT), échéance {DATE}, facture n° {INVOICE_NUMBER}.",
    "Code-barres {EAN13} scanné le {DATE} à 14 h 32, lot 24B117.",
    "Réglé par virement {IBAN} le {DATE} ; facture {INVOICE_NUMBER} soldée.",
    "Le Dr {NAME} (RPPS {RPPS}) remplace du {DATE} au {DATE} ; standard {PHONE}.",
    "Culture positive à E. coli, 10^5 UFC/mL ; antibiogramme le {DATE} ; appeler le {PHONE}.",
  };

  private static final String[] NAMES = {
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "Nguyen", "Rousseau", "Benali"
  };

  private static final String[] MONTHS = {
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre"
  };

  private final Gen<Nir> nirs;
  private final Gen<Nir> corsicaNirs;
  private final boolean bodies;

  private ScanCorpus(Gen<Nir> nirs, Gen<Nir> corsicaNirs, boolean bodies) {
    this.nirs = nirs;
    this.corsicaNirs = corsicaNirs;
    this.bodies = bodies;
  }

  /**
   * Returns sentences with strictly valid NIRs planted in every {@link Spelling}, about half of
   * them with a NIR, and two to four decoys each.
   *
   * <p><strong>The planted NIRs may be real people's:</strong> keep the sentences inside tests.
   *
   * @return a generator of sentences
   */
  public static Gen<Sentence> sentences() {
    return new ScanCorpus(Nirs.valid(), Nirs.valid(Nirs.Category.CORSICA), true)::sentence;
  }

  /**
   * Returns the same sentences with never-real NIRs (month 13–19, key right) in every keyed
   * spelling: safe to show; a scanner finds them only when told to accept test NIRs.
   *
   * @return a generator of sentences
   */
  public static Gen<Sentence> neverRealSentences() {
    Gen<Nir> neverReal = Nirs.neverReal();
    return new ScanCorpus(neverReal, neverReal.filter(n -> n.corsicaLetter() != 0), false)
        ::sentence;
  }

  private Sentence sentence(SplittableRandom random) {
    Builder b = new Builder();
    boolean withNir = random.nextBoolean();
    if (!withNir) {
      b.fill(random, pick(random, WITHOUT_NIR), null);
      return b.build();
    }
    Spelling spelling = SPELLINGS[random.nextInt(bodies ? SPELLINGS.length : SPELLINGS.length - 1)];
    String template;
    do {
      template = pick(random, WITH_NIR);
    } while (spelling == Spelling.BODY_WITH_CONTEXT && !template.contains("{LNIR}"));
    b.fill(random, template, spelling);
    return b.build();
  }

  /** Assembles the text and its labels. */
  private final class Builder {
    final StringBuilder text = new StringBuilder(160);
    final List<Planted> planted = new ArrayList<>(1);
    final List<Decoy> decoys = new ArrayList<>(4);

    void fill(SplittableRandom random, String template, @Nullable Spelling spelling) {
      int i = 0;
      while (i < template.length()) {
        int open = template.indexOf('{', i);
        if (open < 0) {
          text.append(template, i, template.length());
          break;
        }
        text.append(template, i, open);
        int close = template.indexOf('}', open);
        String slot = template.substring(open + 1, close);
        i = close + 1;
        if (slot.equals("NIR") || slot.equals("LNIR")) {
          plant(random, Objects.requireNonNull(spelling));
        } else if (slot.equals("NAME")) {
          text.append(pick(random, NAMES));
        } else {
          decoy(random, Negative.valueOf(slot));
        }
      }
    }

    void plant(SplittableRandom random, Spelling spelling) {
      Nir nir = (spelling == Spelling.CORSICA ? corsicaNirs : nirs).next(random);
      if (spelling == Spelling.AFTER_NUMBER) {
        decoy(random, random.nextBoolean() ? Negative.DATE : Negative.PHONE);
        text.append(' ');
      }
      int start = text.length();
      text.append(spell(random, nir, spelling));
      planted.add(new Planted(start, text.length(), spelling, nir));
    }

    void decoy(SplittableRandom random, Negative kind) {
      int start = text.length();
      String value = negative(random, kind);
      text.append(value);
      int end = text.length();
      if (kind == Negative.AMOUNT) {
        end = start + value.lastIndexOf(',') + 3; // the number, not the currency
        if (value.indexOf(',') < 0) {
          end = start + value.indexOf(' ', value.indexOf('.'));
        }
      }
      decoys.add(new Decoy(start, end, kind));
    }

    Sentence build() {
      return new Sentence(
          text.toString(),
          Collections.unmodifiableList(planted),
          Collections.unmodifiableList(decoys));
    }
  }

  // ---- spellings ------------------------------------------------------------------------------

  private static String spell(SplittableRandom random, Nir nir, Spelling spelling) {
    String compact = nir.compact();
    String body = compact.substring(0, 13);
    String key = compact.substring(13);
    String display = nir.display();
    switch (spelling) {
      case COMPACT:
        return compact;
      case SPACED:
        return display;
      case SPACED_NBSP:
        return display.replace(' ', '\u00A0');
      case SPACED_NARROW_NBSP:
        return display.replace(' ', '\u202F');
      case DOTTED:
        return display.replace(' ', '.');
      case DASHED:
        return display.replace(' ', '-');
      case KEY_SLASH:
        switch (random.nextInt(3)) {
          case 0:
            return body + "/" + key;
          case 1:
            return body + " / " + key;
          default:
            return display.substring(0, display.length() - 3) + " / " + key;
        }
      case KEY_SPACE:
        return body + " " + key;
      case KEY_LINE_BREAK:
        return (random.nextBoolean() ? body : display.substring(0, display.length() - 3))
            + (random.nextBoolean() ? "\n" : "\r\n")
            + key;
      case CORSICA:
        String text = random.nextBoolean() ? compact : display;
        return random.nextBoolean() ? text.toLowerCase(Locale.ROOT) : text;
      case AFTER_NUMBER:
        return random.nextInt(4) == 0 ? compact : display;
      case BODY_WITH_CONTEXT:
        return random.nextBoolean() ? body : display.substring(0, display.length() - 3);
      default:
        throw new AssertionError(spelling);
    }
  }

  // ---- negatives ------------------------------------------------------------------------------

  private static String negative(SplittableRandom random, Negative kind) {
    switch (kind) {
      case PHONE:
        return phone(random);
      case PHONE_INTERNATIONAL:
        return phoneInternational(random);
      case IBAN:
        return iban(random);
      case SIRET:
        {
          String siren = luhn(digits(random, 8));
          String siret = luhn(siren + digits(random, 4));
          return random.nextBoolean()
              ? siret
              : siret.substring(0, 3)
                  + ' '
                  + siret.substring(3, 6)
                  + ' '
                  + siret.substring(6, 9)
                  + ' '
                  + siret.substring(9);
        }
      case SIREN:
        {
          String siren = luhn(digits(random, 8));
          return random.nextBoolean()
              ? siren
              : siren.substring(0, 3) + ' ' + siren.substring(3, 6) + ' ' + siren.substring(6);
        }
      case RPPS:
        return luhn("10" + digits(random, 8));
      case ADELI:
        return String.format(Locale.ROOT, "%02d", 1 + random.nextInt(95)) + digits(random, 7);
      case FINESS:
        return luhn(String.format(Locale.ROOT, "%02d", 1 + random.nextInt(95)) + digits(random, 6));
      case EAN13:
        return ean13(random);
      case DATE:
        return date(random);
      case AMOUNT:
        return amount(random);
      case ORDER_NUMBER:
        switch (random.nextInt(3)) {
          case 0:
            return "CMD-" + (2015 + random.nextInt(11)) + "-" + digits(random, 7);
          case 1:
            return "45" + digits(random, 8);
          default:
            return yyyymmdd(random) + digits(random, 7);
        }
      case INVOICE_NUMBER:
        switch (random.nextInt(3)) {
          case 0:
            return "FA-"
                + (2015 + random.nextInt(11))
                + "-"
                + String.format(Locale.ROOT, "%02d", 1 + random.nextInt(12))
                + "-"
                + digits(random, 6);
          case 1:
            return yyyymmdd(random) + digits(random, 5);
          default:
            return yyyymmdd(random) + "-" + digits(random, 4);
        }
      default:
        throw new AssertionError(kind);
    }
  }

  private static String phone(SplittableRandom random) {
    String d = "0" + "1234567996".charAt(random.nextInt(10)) + digits(random, 8);
    switch (random.nextInt(4)) {
      case 0:
        return d;
      case 1:
        return group2(d, ' ');
      case 2:
        return group2(d, '.');
      default:
        return group2(d, '-');
    }
  }

  private static String phoneInternational(SplittableRandom random) {
    String d = "1234567996".charAt(random.nextInt(10)) + digits(random, 8);
    String spaced = d.charAt(0) + " " + group2(d.substring(1), ' ');
    switch (random.nextInt(4)) {
      case 0:
        return "+33 " + spaced;
      case 1:
        return "+33" + d;
      case 2:
        return "+33 (0)" + spaced;
      default:
        return "0033 " + spaced;
    }
  }

  private static String group2(String d, char sep) {
    StringBuilder b = new StringBuilder(d.length() * 3 / 2);
    for (int i = 0; i < d.length(); i += 2) {
      if (i > 0) {
        b.append(sep);
      }
      b.append(d, i, Math.min(i + 2, d.length()));
    }
    return b.toString();
  }

  /** A French IBAN: bank, branch, account, RIB key; the check digits are then always 76. */
  private static String iban(SplittableRandom random) {
    String bank = digits(random, 5);
    String branch = digits(random, 5);
    String account = digits(random, 11);
    long rest =
        (89 * Long.parseLong(bank) + 15 * Long.parseLong(branch) + 3 * Long.parseLong(account))
            % 97;
    String bban = bank + branch + account + String.format(Locale.ROOT, "%02d", 97 - rest);
    String iban = "FR76" + bban;
    if (random.nextInt(3) == 0) {
      return iban;
    }
    StringBuilder b = new StringBuilder(34);
    for (int i = 0; i < iban.length(); i += 4) {
      if (i > 0) {
        b.append(' ');
      }
      b.append(iban, i, Math.min(i + 4, iban.length()));
    }
    return b.toString();
  }

  private static String ean13(SplittableRandom random) {
    String first12 =
        random.nextBoolean() ? "340093" + digits(random, 6) : digits(random, 12); // CIP13 or any
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (first12.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
    }
    return first12 + (10 - sum % 10) % 10;
  }

  private static String date(SplittableRandom random) {
    int day = 1 + random.nextInt(28);
    int month = 1 + random.nextInt(12);
    int year = 1930 + random.nextInt(96);
    switch (random.nextInt(4)) {
      case 0:
        return String.format(Locale.ROOT, "%02d/%02d/%d", day, month, year);
      case 1:
        return String.format(Locale.ROOT, "%02d.%02d.%d", day, month, year);
      case 2:
        return String.format(Locale.ROOT, "%d-%02d-%02d", year, month, day);
      default:
        return day + " " + MONTHS[month - 1] + " " + year;
    }
  }

  private static String amount(SplittableRandom random) {
    long euros = (long) Math.pow(10, random.nextInt(10)) + random.nextInt(1_000_000_000);
    int cents = random.nextInt(100);
    if (random.nextInt(4) == 0) {
      return euros + "." + String.format(Locale.ROOT, "%02d", cents) + " EUR";
    }
    char sep = random.nextBoolean() ? '\u202F' : ' ';
    String e = Long.toString(euros);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < e.length(); i++) {
      if (i > 0 && (e.length() - i) % 3 == 0) {
        b.append(sep);
      }
      b.append(e.charAt(i));
    }
    return b.append(',').append(String.format(Locale.ROOT, "%02d", cents)).append(" €").toString();
  }

  private static String yyyymmdd(SplittableRandom random) {
    return String.format(
        Locale.ROOT,
        "%d%02d%02d",
        2015 + random.nextInt(11),
        1 + random.nextInt(12),
        1 + random.nextInt(28));
  }

  private static String digits(SplittableRandom random, int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = (char) ('0' + random.nextInt(10));
    }
    return new String(c);
  }

  /** Appends the Luhn check digit. */
  private static String luhn(String payload) {
    int sum = 0;
    for (int i = payload.length() - 1, k = 0; i >= 0; i--, k++) {
      int d = payload.charAt(i) - '0';
      if (k % 2 == 0) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
    }
    return payload + (10 - sum % 10) % 10;
  }

  private static String pick(SplittableRandom random, String[] values) {
    return values[random.nextInt(values.length)];
  }
}
