package io.github.nirguard.testkit;

import io.github.nirguard.core.Nir;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
 * @since 0.1.0
 */
public final class ScanCorpus {

  /**
   * How a planted NIR is written.
   *
   * <pre>{@code
   * if (p.spelling().keyed()) { ... }   // 15 characters, key included
   * }</pre>
   *
   * @since 0.1.0
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
   * @since 0.1.0
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
   * @since 0.1.0
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
   * @since 0.1.0
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
   * @since 0.1.0
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
      text.append(CorpusText.spell(random, nir, spelling));
      planted.add(new Planted(start, text.length(), spelling, nir));
    }

    void decoy(SplittableRandom random, Negative kind) {
      int start = text.length();
      String value = CorpusText.negative(random, kind);
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

  static String pick(SplittableRandom random, String[] values) {
    return values[random.nextInt(values.length)];
  }
}
