package dev.minewarden.core.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The field names docs/events.md documents, per section of that page, for checking that rules and
 * test events only use names the parsers promise.
 *
 * <p>Deliberately simple: every backticked token of a section counts as a documented name (values
 * such as {@code ssh_failed_password} get in too, which only makes the check a little looser). Sources
 * documented as keeping their own nested names (CloudTrail, Docker, Kubernetes, Zeek) are "open": a
 * field is accepted when its first dotted segment is one the section documents, and for CloudTrail
 * also when it is a top-level field of a CloudTrail record.
 */
final class EventFieldDictionary {
  /** Top-level fields of a CloudTrail record (AWS CloudTrail User Guide, "CloudTrail record contents"). */
  static final Set<String> CLOUDTRAIL_RECORD_FIELDS = Set.of(
      "eventVersion", "eventTime", "eventSource", "eventName", "awsRegion", "sourceIPAddress",
      "userAgent", "errorCode", "errorMessage", "requestParameters", "responseElements",
      "additionalEventData", "requestID", "eventID", "eventType", "apiVersion", "managementEvent",
      "readOnly", "resources", "recipientAccountId", "serviceEventDetails", "sharedEventID",
      "vpcEndpointId", "eventCategory", "tlsDetails", "sessionCredentialFromConsole",
      "userIdentity", "edgeDeviceDetails", "insightDetails");

  /** Names every event has besides its fields. */
  static final Set<String> COMMON = Set.of("host");

  // Fixed, anchored patterns over a trusted project file.
  private static final Pattern TICKED = Pattern.compile("`([^`\\n]{1,200})`");
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.]*");

  private final Map<String, Set<String>> sections = new LinkedHashMap<>();

  private EventFieldDictionary() {}

  /** Reads docs/events.md. */
  static EventFieldDictionary load(Path eventsMd) {
    try {
      return parse(Files.readAllLines(eventsMd, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static EventFieldDictionary parse(List<String> lines) {
    EventFieldDictionary d = new EventFieldDictionary();
    String heading = null;
    Set<String> names = null;
    for (String line : lines) {
      if (line.startsWith("## ")) {
        heading = line.substring(3);
        names = new HashSet<>();
        d.sections.put(heading, names);
      }
      if (names == null) {
        continue;
      }
      Matcher m = TICKED.matcher(line);
      while (m.find()) {
        String token = m.group(1).trim();
        // "Actor.Attributes.*" and "requestObject.spec..." document every name under a prefix
        if (token.endsWith(".*")) {
          token = token.substring(0, token.length() - 1);
        } else if (token.endsWith("...")) {
          token = token.substring(0, token.length() - 2);
        }
        if (NAME.matcher(token).matches()) {
          names.add(token);
        }
      }
    }
    return d;
  }

  /**
   * Whether {@code field} is documented for events of this logsource.
   *
   * @return a reason when it is not, {@code null} when it is
   */
  String check(String product, String category, String service, String field) {
    if (COMMON.contains(field)) {
      return null;
    }
    List<String> headings = sectionsFor(product, category, service);
    if (headings.isEmpty()) {
      return "no section of docs/events.md for logsource " + product + "/" + category + "/" + service;
    }
    for (String h : headings) {
      Set<String> names = sections.get(h);
      if (names.contains(field) || names.stream().anyMatch(n -> n.endsWith(".") && field.startsWith(n))) {
        return null;
      }
      if (isOpen(h) && openAccepts(h, names, field)) {
        return null;
      }
    }
    return "field '" + field + "' is not documented for " + headings;
  }

  private static boolean isOpen(String heading) {
    String h = heading.toLowerCase(Locale.ROOT);
    return h.contains("cloudtrail") || h.contains("docker") || h.contains("product: zeek");
  }

  private static boolean openAccepts(String heading, Set<String> names, String field) {
    String first = field.split("\\.", 2)[0];
    if (heading.contains("cloudtrail") && CLOUDTRAIL_RECORD_FIELDS.contains(first)) {
      return true;
    }
    return field.contains(".") && names.stream().anyMatch(n -> n.startsWith(first + "."));
  }

  /**
   * The sections that document this logsource: the one naming its category, else its service, else
   * its product; process_creation's section is added for auditd, whose raw record fields it lists.
   */
  List<String> sectionsFor(String product, String category, String service) {
    List<String> out = new ArrayList<>();
    for (String[] key : new String[][] {{"category", category}, {"service", service}, {"product", product}}) {
      if (key[1] == null) {
        continue;
      }
      Pattern p = Pattern.compile(key[0] + ": " + Pattern.quote(key[1]) + "(?![A-Za-z0-9_])");
      for (String h : sections.keySet()) {
        if (p.matcher(h).find()) {
          out.add(h);
        }
      }
      if (!out.isEmpty()) {
        break;
      }
    }
    if ("auditd".equals(service)) {
      out.addAll(sectionsFor(null, "process_creation", null));
    }
    return out;
  }
}
