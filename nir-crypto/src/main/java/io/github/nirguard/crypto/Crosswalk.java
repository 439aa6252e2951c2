package io.github.nirguard.crypto;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Links between a person's successive pseudonyms — a child on a parent's NIR, then on their own —
 * made by the producer, who knows both identities, and readable by whoever holds the crosswalk,
 * without a NIR in it. Fictitious pseudonyms are never linked.
 *
 * <p>The crosswalk also finds what the twin rank would have told apart: a {@link
 * BeneficiaryPseudonym.Kind#BENEFICIARY} pseudonym without a rank that links to two or more persons
 * is one pseudonym shared by same-sex twins ({@link #collisions()}).
 *
 * <pre>{@code
 * Crosswalk.Builder b = Crosswalk.builder();
 * b.link(producer.beneficiary(asChild), producer.person(ownNir));   // false if fictitious
 * Crosswalk xw = b.build();
 * Crosswalk forRecipient = xw.rekeyed(ttp);        // the third party maps both sides
 * Set<String> same = forRecipient.linked(cell);    // every pseudonym of that person
 * }</pre>
 *
 * <p>Immutable; {@link #toString()} gives counts only.
 *
 * @since 0.1.0
 */
public final class Crosswalk {

  /**
   * One link: the earlier pseudonym and the later one of the same person.
   *
   * <pre>{@code
   * for (Crosswalk.Link l : xw.links()) write(l.from().value(), l.to().value());
   * }</pre>
   *
   * @param from the earlier pseudonym (usually a beneficiary's)
   * @param to the later pseudonym (usually the person's own)
   * @since 0.1.0
   */
  public record Link(BeneficiaryPseudonym from, BeneficiaryPseudonym to) {
    /**
     * Checks that neither side is fictitious.
     *
     * @param from the earlier pseudonym
     * @param to the later pseudonym
     */
    public Link {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      if (!from.linkable() || !to.linkable()) {
        throw new IllegalArgumentException("a fictitious pseudonym is never linked");
      }
    }

    /**
     * Returns the two sides masked.
     *
     * @return a description without the pseudonyms' values
     */
    @Override
    public String toString() {
      return "Link[" + from + " -> " + to + "]";
    }
  }

  /**
   * Collects links.
   *
   * <pre>{@code
   * Crosswalk.Builder b = Crosswalk.builder();
   * b.link(asChild, asAdult);
   * Crosswalk xw = b.build();
   * }</pre>
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final List<Link> links = new ArrayList<>();
    private long refused;

    private Builder() {}

    /**
     * Adds a link unless either side is fictitious.
     *
     * @param from the earlier pseudonym
     * @param to the later pseudonym
     * @return {@code false} (and nothing added) if either side is fictitious
     */
    public boolean link(BeneficiaryPseudonym from, BeneficiaryPseudonym to) {
      if (!from.linkable() || !to.linkable()) {
        refused++;
        return false;
      }
      links.add(new Link(from, to));
      return true;
    }

    /**
     * Builds the crosswalk.
     *
     * @return the crosswalk
     */
    public Crosswalk build() {
      return new Crosswalk(List.copyOf(links), refused);
    }
  }

  private final List<Link> links;
  private final long refusedFictitious;
  private final Map<String, List<String>> neighbours = new HashMap<>();

  private Crosswalk(List<Link> links, long refusedFictitious) {
    this.links = links;
    this.refusedFictitious = refusedFictitious;
    for (Link l : links) {
      neighbours.computeIfAbsent(l.from().value(), k -> new ArrayList<>()).add(l.to().value());
      neighbours.computeIfAbsent(l.to().value(), k -> new ArrayList<>()).add(l.from().value());
    }
  }

  /**
   * Returns a new, empty builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the links, in the order they were added.
   *
   * @return an unmodifiable list
   */
  public List<Link> links() {
    return links;
  }

  /**
   * Returns how many links were refused because a side was fictitious.
   *
   * @return the count
   */
  public long refusedFictitious() {
    return refusedFictitious;
  }

  /**
   * Returns every pseudonym linked to one, directly or through others, itself included.
   *
   * @param pseudonym a pseudonym's value
   * @return the values, the given one first; just the given one if it has no link
   */
  public Set<String> linked(String pseudonym) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    seen.add(pseudonym);
    todo.add(pseudonym);
    while (!todo.isEmpty()) {
      for (String n : neighbours.getOrDefault(todo.poll(), List.of())) {
        if (seen.add(n)) {
          todo.add(n);
        }
      }
    }
    return Collections.unmodifiableSet(seen);
  }

  /**
   * Returns the beneficiary pseudonyms made without a twin rank that link to two or more persons:
   * twins of the same sex sharing one pseudonym, which the data cannot tell apart.
   *
   * @return the values of the shared pseudonyms
   */
  public Set<String> collisions() {
    Map<String, Set<String>> persons = new HashMap<>();
    for (Link l : links) {
      BeneficiaryPseudonym b = l.from();
      if (b.kind() == BeneficiaryPseudonym.Kind.BENEFICIARY
          && !b.twinRankGiven()
          && l.to().kind() == BeneficiaryPseudonym.Kind.PERSON) {
        persons.computeIfAbsent(b.value(), k -> new LinkedHashSet<>()).add(l.to().value());
      }
    }
    Set<String> out = new LinkedHashSet<>();
    persons.forEach(
        (b, p) -> {
          if (p.size() > 1) {
            out.add(b);
          }
        });
    return Collections.unmodifiableSet(out);
  }

  /**
   * Returns this crosswalk in a recipient's pseudonyms: both sides of every link mapped by the
   * third party's stage.
   *
   * @param stage the recipient's stage
   * @return the recipient's crosswalk
   */
  public Crosswalk rekeyed(RecipientStage stage) {
    List<Link> out = new ArrayList<>(links.size());
    for (Link l : links) {
      out.add(new Link(stage.apply(l.from()), stage.apply(l.to())));
    }
    return new Crosswalk(List.copyOf(out), refusedFictitious);
  }

  /**
   * Returns counts only.
   *
   * @return e.g. {@code Crosswalk[12 links, 1 refused fictitious]}
   */
  @Override
  public String toString() {
    return "Crosswalk[" + links.size() + " links, " + refusedFictitious + " refused fictitious]";
  }
}
