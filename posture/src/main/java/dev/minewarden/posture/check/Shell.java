package dev.minewarden.posture.check;

/** Quotes words taken from input for the commands that remediations print. */
final class Shell {
  private Shell() {}

  /**
   * The word itself when it is made only of safe characters, else single-quoted with embedded
   * quotes escaped, so a pasted command never runs anything hidden in an identifier.
   */
  static String quote(String word) {
    if (!word.isEmpty() && word.chars().allMatch(Shell::safe)) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  private static boolean safe(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '_' || c == '.' || c == '/' || c == ':' || c == '=' || c == '@' || c == ',';
  }
}
