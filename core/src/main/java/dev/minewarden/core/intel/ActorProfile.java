package dev.minewarden.core.intel;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What Minewarden knows about one group: names, the built-in rules that point to it, the
 * artefacts rivals use to find and evict it, and whose miners it evicts. Its indicators live in
 * the {@link IntelStore} with {@link Indicator#actor()} set to {@link #name()}.
 *
 * @param name the canonical name ({@code Kinsing}, {@code 8220}, ...)
 * @param aliases other names (vendor names, ATT&amp;CK ids)
 * @param summary one paragraph of tradecraft
 * @param behaviours rules whose alerts point to the group
 * @param artefacts names and paths by which the group's miners and persistence are known, as
 *     rivals' kill scripts name them
 * @param evicts the groups whose miners this one removes
 * @param ignore indicator values listed for the group that do not count, with the reason
 */
public record ActorProfile(
    String name,
    List<String> aliases,
    String summary,
    List<Behaviour> behaviours,
    List<String> artefacts,
    List<String> evicts,
    Map<String, String> ignore) {

  /** Checks the parts and copies the collections. */
  public ActorProfile {
    Objects.requireNonNull(name, "name");
    aliases = List.copyOf(aliases);
    summary = summary == null ? "" : summary;
    behaviours = List.copyOf(behaviours);
    artefacts = List.copyOf(artefacts);
    evicts = List.copyOf(evicts);
    ignore = Map.copyOf(ignore);
  }

  /** A profile with only a name and aliases (from an imported threat-actor object). */
  public static ActorProfile named(String name, List<String> aliases) {
    return new ActorProfile(name, aliases, "", List.of(), List.of(), List.of(), Map.of());
  }

  /** Whether {@code s} is this group's name or one of its aliases, ignoring case. */
  public boolean isCalled(String s) {
    String v = s.trim().toLowerCase(Locale.ROOT);
    if (name.toLowerCase(Locale.ROOT).equals(v)) {
      return true;
    }
    return aliases.stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(v));
  }

  /**
   * A rule whose alerts point to a group.
   *
   * @param ruleId the built-in rule's id
   * @param tokens text of which at least one must occur in the alert's command line, image or
   *     file (case-insensitive) for the behaviour to count; empty: any alert of the rule counts
   * @param weight 1 for tradecraft several groups share, up to 3 for what is characteristic
   * @param why the reason shown with an attribution
   */
  public record Behaviour(String ruleId, List<String> tokens, int weight, String why) {
    /** Copies the tokens. */
    public Behaviour {
      Objects.requireNonNull(ruleId, "ruleId");
      tokens = List.copyOf(tokens);
    }
  }
}
