package dev.minewarden.core.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The stages of an intrusion, in kill-chain order, from the ATT&amp;CK tactic tags of rules. */
public enum KillChainStage {
  /** Getting in: exposed services, brute force. */
  INITIAL_ACCESS("initial access", "attack.initial-access"),
  /** Running the intruder's code. */
  EXECUTION("execution", "attack.execution"),
  /** Staying: cron, systemd, keys, preload. */
  PERSISTENCE("persistence", "attack.persistence"),
  /** Becoming root. */
  PRIVILEGE_ESCALATION("privilege escalation", "attack.privilege-escalation"),
  /** Hiding and disarming defences (ATT&amp;CK's old defense-evasion and its successors). */
  DEFENCE_EVASION("defence evasion", "attack.defense-evasion", "attack.stealth",
      "attack.defense-impairment"),
  /** Taking credentials. */
  CREDENTIAL_ACCESS("credential access", "attack.credential-access"),
  /** Looking around. */
  DISCOVERY("discovery", "attack.discovery", "attack.reconnaissance"),
  /** Moving on to other hosts. */
  LATERAL_MOVEMENT("lateral movement", "attack.lateral-movement"),
  /** Talking to the outside. */
  COMMAND_AND_CONTROL("command and control", "attack.command-and-control"),
  /** The goal: mining, and whatever it breaks. */
  IMPACT("impact", "attack.impact");

  private final String label;
  private final List<String> tags;

  KillChainStage(String label, String... tags) {
    this.label = label;
    this.tags = List.of(tags);
  }

  /** The stage in words. */
  public String label() {
    return label;
  }

  /** The stages a rule's tags name, in kill-chain order. */
  public static List<KillChainStage> of(List<String> ruleTags) {
    List<KillChainStage> out = new ArrayList<>();
    for (KillChainStage s : values()) {
      for (String t : ruleTags) {
        if (s.tags.contains(t.toLowerCase(Locale.ROOT))) {
          out.add(s);
          break;
        }
      }
    }
    return out;
  }
}
