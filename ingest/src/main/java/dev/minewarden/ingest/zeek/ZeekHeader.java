package dev.minewarden.ingest.zeek;

/**
 * The header of one tab-separated Zeek log: separators, the markers for unset and empty values, the
 * path, and the column names and types. Starts with Zeek's defaults so that a file cut after its
 * {@code #fields} line still reads. Not thread-safe; one per file.
 */
final class ZeekHeader {
  String separator = "\t";
  String setSeparator = ",";
  String emptyField = "(empty)";
  String unsetField = "-";
  String path;
  String[] fields;
  String[] types;

  /**
   * Takes one {@code #} line.
   *
   * @return a problem to report, or {@code null}
   */
  String directive(String line) {
    if (line.startsWith("#separator ")) {
      String value = ZeekValues.unescapeAll(line.substring("#separator ".length()).trim());
      if (value.isEmpty()) {
        return "empty #separator";
      }
      separator = value;
      return null;
    }
    int cut = line.indexOf(separator);
    if (cut < 0) {
      return null; // #open, #close and comments carry nothing we need
    }
    String name = line.substring(1, cut);
    String value = line.substring(cut + separator.length());
    switch (name) {
      case "set_separator" -> setSeparator = value.isEmpty() ? "," : value;
      case "empty_field" -> emptyField = value;
      case "unset_field" -> unsetField = value;
      case "path" -> path = value.isEmpty() ? null : value;
      case "fields" -> fields = ZeekValues.split(value, separator);
      case "types" -> types = ZeekValues.split(value, separator);
      default -> {
        // #open, #close and unknown directives are kept out of events
      }
    }
    return null;
  }

  /** The path named by {@code #path}, or one guessed from the columns. */
  String effectivePath() {
    if (path != null) {
      return path;
    }
    return fields == null ? null : ZeekTaxonomy.detectPath(java.util.Set.of(fields));
  }

  /** The declared type of column {@code i}, or {@code string} when {@code #types} is missing. */
  String type(int i) {
    return types != null && i < types.length ? types[i] : "string";
  }
}
