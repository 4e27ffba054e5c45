package dev.minewarden.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One CrowdSec hub test folder copied under {@code src/test/resources/crowdsec-hub/.tests}: its
 * log file and the {@code s01-parse} expectations of its {@code parser.assert}, per result index.
 */
public final class CrowdSecSuite {
  // Trusted test resource, fixed shape; no nested quantifiers.
  private static final Pattern ASSERT = Pattern.compile(
      "^results\\[\"s01-parse\"\\]\\[\"([^\"]+)\"\\]\\[(\\d+)\\]\\."
          + "(?:Success == (true|false)|Evt\\.(Meta|Parsed|Unmarshaled\\[\"auditd\"\\])\\[\"([^\"]+)\"\\] == \"(.*)\")$");

  /** What parser.assert says about one result of the s01-parse stage. */
  public static final class Expectation {
    public final int index;
    public Boolean success;
    public final Map<String, String> meta = new TreeMap<>();
    public final Map<String, String> parsed = new TreeMap<>();
    /** {@code Evt.Unmarshaled["auditd"][...]}: the auditd record's fields. */
    public final Map<String, String> auditd = new TreeMap<>();

    Expectation(int index) {
      this.index = index;
    }
  }

  public final String name;
  public final String logFile;
  public final List<String> logLines;
  public final Map<Integer, Expectation> expectations = new TreeMap<>();

  private CrowdSecSuite(String name) {
    this.name = name;
    String dir = "crowdsec-hub/.tests/" + name + "/";
    String file = null;
    for (String line : CollectingSink.lines(dir + "config.yaml")) {
      if (line.startsWith("log_file:")) {
        file = line.substring("log_file:".length()).trim();
      }
    }
    this.logFile = dir + file;
    this.logLines = CollectingSink.lines(logFile);
    if (getClass().getResource("/" + dir + "parser.assert") != null) {
      readAsserts(CollectingSink.lines(dir + "parser.assert"));
    }
  }

  /** Loads a suite by folder name. */
  public static CrowdSecSuite load(String name) {
    return new CrowdSecSuite(name);
  }

  /** The s01-parse expectations in index order. */
  public List<Expectation> parsed() {
    return new ArrayList<>(expectations.values());
  }

  private void readAsserts(List<String> lines) {
    for (String line : lines) {
      Matcher m = ASSERT.matcher(line);
      if (!m.matches()) {
        continue;
      }
      Expectation e = expectations.computeIfAbsent(Integer.parseInt(m.group(2)), Expectation::new);
      if (m.group(3) != null) {
        e.success = Boolean.valueOf(m.group(3));
      } else {
        String value = m.group(6).replace("\\\"", "\"").replace("\\\\", "\\");
        Map<String, String> target = switch (m.group(4)) {
          case "Meta" -> e.meta;
          case "Parsed" -> e.parsed;
          default -> e.auditd;
        };
        target.put(m.group(5), value);
      }
    }
  }
}
