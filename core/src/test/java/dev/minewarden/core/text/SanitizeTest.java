package dev.minewarden.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SanitizeTest {
  @Test
  void forTerminal_escapesAnsiAndLineBreaks() {
    String hostile = "kworker\u001b[2J\u001b]0;pwned\u0007\nfake row\r";
    String safe = Sanitize.forTerminal(hostile);
    assertThat(safe).doesNotContain("\u001b", "\u0007", "\n", "\r");
    assertThat(safe).isEqualTo("kworker\\x1b[2J\\x1b]0;pwned\\x07\\x0afake row\\x0d");
  }

  @Test
  void forTerminal_escapesBidiOverridesAndC1() {
    assertThat(Sanitize.forTerminal("a\u202eb\u009bc")).isEqualTo("a\\x{202e}b\\x9bc");
  }

  @Test
  void forTerminal_backslashCannotForgeAnEscape() {
    assertThat(Sanitize.forTerminal("\\x1b")).isEqualTo("\\\\x1b");
  }

  @Test
  void forTerminal_plainTextUnchanged() {
    String plain = "xmrig -o stratum+tcp://pool:3333 — naïve";
    assertThat(Sanitize.forTerminal(plain)).isSameAs(plain);
  }

  @Test
  void forTerminal_cutsLongText() {
    assertThat(Sanitize.forTerminal("abcdefgh", 5)).isEqualTo("abcd…");
  }

  @Test
  void forCsv_guardsFormulasAndQuotes() {
    assertThat(Sanitize.forCsv("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
    assertThat(Sanitize.forCsv("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(Sanitize.forCsv("a,b")).isEqualTo("\"a,b\"");
    assertThat(Sanitize.forCsv("plain")).isEqualTo("plain");
  }

  @Test
  void forHtml_escapesMarkup() {
    assertThat(Sanitize.forHtml("<script>alert('x')&\"</script>"))
        .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&amp;&quot;&lt;/script&gt;");
  }
}
