package dev.minewarden.core.intel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Loads the intel bundled under {@code dev/minewarden/intel/}. */
final class BundledIntel {
  private static final String DIR = "/dev/minewarden/intel/";
  private static final String SHARED = "Shared-mining-infrastructure";
  /** A year in a note or source name ("(May 2021)", "..._2021-06-09.csv"); our own fixed data. */
  private static final Pattern YEAR = Pattern.compile("(?<![0-9])(20[0-2][0-9])(?![0-9])");
  /** Placeholders in patterns of actor-iocs.json: {@code <IPv4>}, {@code <HOME>}, {@code ...}. */
  private static final Pattern PLACEHOLDER = Pattern.compile("<[^<>]{1,20}>|\\.\\.\\.");
  private static final Pattern WALLET = Pattern.compile("[48][0-9AB][1-9A-HJ-NP-Za-km-z]{93}");
  /** Shared entries too generic to count as indicators, with the reason. */
  private static final Map<String, String> SHARED_IGNORE = Map.of(
      " -o pool.", "matches 'kubectl ... -o pool.yaml'; the miner rules cover it",
      "config.json", "every other program has a config.json",
      "kdevtmpfsi", "Kinsing's own artefact: listed under Kinsing, and used to recognise its eviction");

  private BundledIntel() {}

  static IntelStore load() {
    IntelStore.Builder b = IntelStore.builder();
    Properties p = new Properties();
    try (InputStream in = open("intel.properties")) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    b.version(p.getProperty("version", "unknown"));
    for (String[] row : tsv("sources.tsv")) {
      b.addSource(new IntelSource(row[0], row[2], row.length > 3 ? row[3] : ""));
    }
    loadActors(b);
    loadPools(b);
    loadPorts(b);
    loadActorIocs(b);
    return b.build();
  }

  private static void loadPools(IntelStore.Builder b) {
    for (String[] row : tsv("pool-domains.tsv")) {
      String d = Domains.normalise(row[0]);
      String problem = Domains.problem(d);
      if (problem != null) {
        b.problem("pool-domains.tsv: " + row[0] + ": " + problem);
        continue;
      }
      List<String> src = List.of(row[1].split(","));
      b.add(new Indicator(IndicatorType.DOMAIN, d, null, "pool", "", src,
          Indicator.UNBOUNDED_START, Indicator.UNBOUNDED_END));
    }
  }

  private static void loadPorts(IntelStore.Builder b) {
    for (String[] row : tsv("pool-ports.tsv")) {
      b.addPort(new PoolPort(Integer.parseInt(row[0]), row[1], row[2], row[3]));
    }
  }

  private static void loadActors(IntelStore.Builder b) {
    JsonNode root = json("actors.json");
    for (JsonNode a : root.path("actors")) {
      List<ActorProfile.Behaviour> behaviours = new ArrayList<>();
      for (JsonNode x : a.path("behaviours")) {
        behaviours.add(new ActorProfile.Behaviour(x.path("rule").asText(), strings(x.path("tokens")),
            x.path("weight").asInt(1), x.path("why").asText()));
      }
      Map<String, String> ignore = new LinkedHashMap<>();
      a.path("ignore").fields().forEachRemaining(e -> ignore.put(e.getKey(), e.getValue().asText()));
      b.addActor(new ActorProfile(a.path("name").asText(), strings(a.path("aliases")),
          a.path("summary").asText(), behaviours, strings(a.path("artefacts")),
          strings(a.path("evicts")), ignore));
    }
  }

  private static void loadActorIocs(IntelStore.Builder b) {
    JsonNode root = json("actor-iocs.json");
    Iterator<Map.Entry<String, JsonNode>> it = root.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> group = it.next();
      String actor = SHARED.equals(group.getKey()) ? null : group.getKey();
      Map<String, String> ignore =
          actor == null ? SHARED_IGNORE : b.actor(actor).map(ActorProfile::ignore).orElse(Map.of());
      for (JsonNode e : group.getValue()) {
        String value = e.path("value").asText();
        String where = "actor-iocs.json: " + group.getKey() + " " + value + ": ";
        if (ignore.containsKey(value)) {
          b.problem(where + "not counted: " + ignore.get(value));
          continue;
        }
        try {
          b.add(indicator(actor, e));
        } catch (IllegalArgumentException ex) {
          b.problem(where + ex.getMessage());
        }
      }
    }
  }

  private static Indicator indicator(String actor, JsonNode e) {
    String rawType = e.path("type").asText();
    String value = e.path("value").asText();
    String note = e.path("note").asText();
    String source = e.path("source").asText();
    IndicatorType type = switch (rawType) {
      case "filename" -> IndicatorType.FILE_NAME;
      case "path" -> IndicatorType.FILE_PATH;
      case "process" -> IndicatorType.PROCESS_NAME;
      case "cmdline-pattern", "cron-pattern" -> IndicatorType.COMMAND_LINE;
      default -> IndicatorType.fromId(rawType);
    };
    if (type == IndicatorType.COMMAND_LINE) {
      value = literalPart(value);
    }
    String v = Indicators.normalise(type, value);
    long first = Indicator.UNBOUNDED_START;
    long last = Indicator.UNBOUNDED_END;
    // Only infrastructure is dated: artefacts outlive the report that named them.
    if (actor != null && (type == IndicatorType.IP || type == IndicatorType.DOMAIN)) {
      int year = year(note, source);
      if (year > 0) {
        first = LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        last = LocalDate.of(year + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - 1;
      }
    }
    String kind = kind(actor, type, v);
    List<String> src = List.of("minewarden");
    return new Indicator(type, v, actor, kind, note + (source.isEmpty() ? "" : " [" + source + "]"),
        src, first, last);
  }

  private static String kind(String actor, IndicatorType type, String v) {
    if (type == IndicatorType.COMMAND_LINE && WALLET.matcher(v).matches()) {
      return "wallet";
    }
    if (actor == null) {
      return type == IndicatorType.DOMAIN ? "pool" : "miner";
    }
    return switch (type) {
      case DOMAIN, IP, CIDR, URL, PORT -> "infrastructure";
      case HASH -> "payload";
      default -> "artefact";
    };
  }

  /**
   * The literal run of a pattern with placeholders ({@code <IPv4>}, {@code ...}) to match: the
   * one after the last placeholder (where the payload's name usually is) when it is long enough,
   * else the longest.
   */
  static String literalPart(String pattern) {
    if (!PLACEHOLDER.matcher(pattern).find()) {
      return pattern;
    }
    String[] parts = PLACEHOLDER.split(pattern);
    String last = parts.length == 0 ? "" : parts[parts.length - 1].trim();
    if (last.length() >= 12) {
      return last;
    }
    String best = "";
    for (String part : parts) {
      String t = part.trim();
      if (t.length() > best.length()) {
        best = t;
      }
    }
    if (best.length() < 12) {
      throw new IllegalArgumentException("no literal part of 12 characters or more between placeholders");
    }
    return best;
  }

  private static int year(String note, String source) {
    for (String s : new String[] {note, source}) {
      Matcher m = YEAR.matcher(s);
      int y = 0;
      while (m.find()) {
        y = Math.max(y, Integer.parseInt(m.group(1)));
      }
      if (y > 0) {
        return y;
      }
    }
    return 0;
  }

  private static List<String> strings(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String[]> tsv(String name) {
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(open(name), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank() && !line.startsWith("#")) {
          rows.add(line.split("\t"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  private static JsonNode json(String name) {
    try (InputStream in = open(name)) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(String name) {
    InputStream in = BundledIntel.class.getResourceAsStream(DIR + name);
    if (in == null) {
      throw new IllegalStateException("bundled intel file missing: " + DIR + name);
    }
    return in;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
