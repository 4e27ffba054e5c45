package dev.minewarden.core.sigma;

import static dev.minewarden.core.sigma.SigmaTestSupport.detection;
import static dev.minewarden.core.sigma.SigmaTestSupport.errors;
import static dev.minewarden.core.sigma.SigmaTestSupport.event;
import static dev.minewarden.core.sigma.SigmaTestSupport.matches;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every value modifier of the Sigma modifiers appendix. */
class ModifiersTest {

  @Test
  void contains_caseInsensitiveAnywhere() {
    CompiledRules r = detection("sel:\n  CommandLine|contains: 'XMRig'\ncondition: sel");
    assertThat(matches(r, event("CommandLine", "/tmp/xmrig --donate-level 1"))).isTrue();
    assertThat(matches(r, event("CommandLine", "/usr/bin/XMRIG"))).isTrue();
    assertThat(matches(r, event("CommandLine", "/usr/bin/xmr"))).isFalse();
    assertThat(matches(r, event("Other", "xmrig"))).isFalse();
  }

  @Test
  void startswith_endswith() {
    CompiledRules r =
        detection(
            "sel:\n  Image|startswith: '/tmp/'\n  Image|endswith: '.sh'\ncondition: sel");
    assertThat(matches(r, event("Image", "/TMP/x.SH"))).isTrue();
    assertThat(matches(r, event("Image", "/var/tmp/x.sh"))).isFalse();
    assertThat(matches(r, event("Image", "/tmp/x.shx"))).isFalse();
  }

  @Test
  void plainValue_isWholeValueEquality() {
    CompiledRules r = detection("sel:\n  User: root\ncondition: sel");
    assertThat(matches(r, event("User", "ROOT"))).isTrue();
    assertThat(matches(r, event("User", "root2"))).isFalse();
    assertThat(matches(r, event("User", "xroot"))).isFalse();
  }

  @Test
  void listOfValues_isOr_andAllModifier_isAnd() {
    CompiledRules any = detection("sel:\n  CommandLine|contains:\n    - pool\n    - stratum\ncondition: sel");
    CompiledRules all =
        detection("sel:\n  CommandLine|contains|all:\n    - pool\n    - stratum\ncondition: sel");
    assertThat(matches(any, event("CommandLine", "stratum+tcp://x"))).isTrue();
    assertThat(matches(all, event("CommandLine", "stratum+tcp://x"))).isFalse();
    assertThat(matches(all, event("CommandLine", "-o stratum+tcp://pool.x"))).isTrue();
  }

  @Test
  void all_onListField_eachValueSomeElement() {
    CompiledRules r = detection("sel:\n  args|contains|all:\n    - '-o'\n    - pool\ncondition: sel");
    assertThat(matches(r, event("args", List.of("xmrig", "-o", "pool.example")))).isTrue();
    assertThat(matches(r, event("args", List.of("xmrig", "-o")))).isFalse();
  }

  @Test
  void re_caseSensitiveByDefault_withFlags() {
    CompiledRules plain = detection("sel:\n  CommandLine|re: 'curl .*\\| *sh'\ncondition: sel");
    CompiledRules i = detection("sel:\n  CommandLine|re|i: '^CURL'\ncondition: sel");
    CompiledRules m = detection("sel:\n  Payload|re|m: '^evil$'\ncondition: sel");
    CompiledRules s = detection("sel:\n  Payload|re|s: 'a.b'\ncondition: sel");
    assertThat(matches(plain, event("CommandLine", "curl http://x | sh"))).isTrue();
    assertThat(matches(plain, event("CommandLine", "CURL http://x | sh"))).isFalse();
    assertThat(matches(i, event("CommandLine", "CuRl x"))).isTrue();
    assertThat(matches(m, event("Payload", "good\nevil\nmore"))).isTrue();
    assertThat(matches(detection("sel:\n  Payload|re: '^evil$'\ncondition: sel"), event("Payload", "good\nevil\nmore"))).isFalse();
    assertThat(matches(s, event("Payload", "a\nb"))).isTrue();
    assertThat(matches(detection("sel:\n  Payload|re: 'a.b'\ncondition: sel"), event("Payload", "a\nb"))).isFalse();
  }

  @Test
  void re_unsupportedByRe2_isLoadError() {
    assertThat(errors("sel:\n  CommandLine|re: '(a)\\1'\ncondition: sel"))
        .singleElement()
        .asString()
        .contains("regular expression");
  }

  @Test
  void base64_encodesValue() {
    String enc = Base64.getEncoder().encodeToString("evil".getBytes(StandardCharsets.UTF_8));
    CompiledRules r = detection("sel:\n  Data|base64: evil\ncondition: sel");
    assertThat(matches(r, event("Data", enc))).isTrue();
    assertThat(matches(r, event("Data", "evil"))).isFalse();
  }

  @Test
  void base64offset_findsValueAtAnyOffset() {
    CompiledRules r = detection("sel:\n  CommandLine|base64offset|contains: 'xmrig'\ncondition: sel");
    for (String prefix : List.of("", "a", "ab", "abc")) {
      String enc =
          Base64.getEncoder().encodeToString((prefix + "xmrig --url x").getBytes(StandardCharsets.UTF_8));
      assertThat(matches(r, event("CommandLine", "bash -c " + enc))).as("prefix " + prefix).isTrue();
    }
    String other = Base64.getEncoder().encodeToString("hello world".getBytes(StandardCharsets.UTF_8));
    assertThat(matches(r, event("CommandLine", other))).isFalse();
  }

  @Test
  void utf16_thenBase64_likePowerShellEncodedCommand() {
    String enc = Base64.getEncoder().encodeToString("iex calc".getBytes(StandardCharsets.UTF_16LE));
    CompiledRules wide = detection("sel:\n  CommandLine|wide|base64offset|contains: 'iex'\ncondition: sel");
    CompiledRules le = detection("sel:\n  CommandLine|utf16le|base64offset|contains: 'iex'\ncondition: sel");
    assertThat(matches(wide, event("CommandLine", "powershell -enc " + enc))).isTrue();
    assertThat(matches(le, event("CommandLine", "powershell -enc " + enc))).isTrue();
  }

  @Test
  void utf16be_andUtf16WithBom() {
    String be = Base64.getEncoder().encodeToString("cmd".getBytes(StandardCharsets.UTF_16BE));
    byte[] le = "cmd".getBytes(StandardCharsets.UTF_16LE);
    byte[] bom = new byte[le.length + 2];
    bom[0] = (byte) 0xFF;
    bom[1] = (byte) 0xFE;
    System.arraycopy(le, 0, bom, 2, le.length);
    CompiledRules rBe = detection("sel:\n  Data|utf16be|base64: 'cmd'\ncondition: sel");
    CompiledRules rBom = detection("sel:\n  Data|utf16|base64: 'cmd'\ncondition: sel");
    assertThat(matches(rBe, event("Data", be))).isTrue();
    assertThat(matches(rBom, event("Data", Base64.getEncoder().encodeToString(bom)))).isTrue();
    assertThat(matches(rBom, event("Data", be))).isFalse();
  }

  @Test
  void windash_allDashVariants() {
    CompiledRules r = detection("sel:\n  CommandLine|windash|contains: ' -enc '\ncondition: sel");
    for (String dash : List.of("-", "/", "\u2013", "\u2014", "\u2015")) {
      assertThat(matches(r, event("CommandLine", "powershell " + dash + "enc AAA"))).as(dash).isTrue();
    }
    assertThat(matches(r, event("CommandLine", "powershell +enc AAA"))).isFalse();
  }

  @Test
  void cidr_ipv4AndIpv6() {
    CompiledRules r =
        detection("sel:\n  DestinationIp|cidr:\n    - 10.0.0.0/8\n    - 'fd00::/8'\ncondition: sel");
    assertThat(matches(r, event("DestinationIp", "10.200.3.4"))).isTrue();
    assertThat(matches(r, event("DestinationIp", "11.0.0.1"))).isFalse();
    assertThat(matches(r, event("DestinationIp", "fd12:3456::1"))).isTrue();
    assertThat(matches(r, event("DestinationIp", "fe80::1"))).isFalse();
    assertThat(matches(r, event("DestinationIp", "::ffff:10.1.1.1"))).isTrue();
    assertThat(matches(r, event("DestinationIp", "not-an-ip.example"))).isFalse();
  }

  @Test
  void cidr_manyNetworksOnOneField_anyMatches() {
    CompiledRules r = detection("sel:\n  DestinationIp|cidr:\n    - 10.0.0.0/8\n"
        + "    - 172.16.0.0/12\n    - 192.168.0.0/16\n    - 0.0.0.0/32\n    - '::1/128'\n"
        + "condition: sel");
    assertThat(matches(r, event("DestinationIp", "172.31.255.255"))).isTrue();
    assertThat(matches(r, event("DestinationIp", "172.32.0.1"))).isFalse();
    assertThat(matches(r, event("DestinationIp", "192.168.0.1"))).isTrue();
    assertThat(matches(r, event("DestinationIp", "0.0.0.0"))).isTrue();
    assertThat(matches(r, event("DestinationIp", "0.0.0.1"))).isFalse();
    assertThat(matches(r, event("DestinationIp", "::1"))).isTrue();
    assertThat(matches(r, event("DestinationIp", "::2"))).isFalse();
    assertThat(matches(r, event("DestinationIp", List.of("8.8.8.8", "10.1.2.3")))).isTrue();
    CompiledRules v6only = detection("sel:\n  DestinationIp|cidr:\n    - '::/0'\n"
        + "    - 'fc00::/7'\ncondition: sel");
    // A dotted quad is not an IPv6 address, even against ::/0.
    assertThat(matches(v6only, event("DestinationIp", "10.1.2.3"))).isFalse();
    assertThat(matches(v6only, event("DestinationIp", "2001:db8::1"))).isTrue();
  }

  @Test
  void equality_onNumbers_comparesTheirDecimalText() {
    CompiledRules r = detection("sel:\n  DestinationPort:\n    - 3333\n    - '0443'\n"
        + "    - -1\n    - 9223372036854775807\ncondition: sel");
    assertThat(matches(r, event("DestinationPort", 3333L))).isTrue();
    assertThat(matches(r, event("DestinationPort", "3333"))).isTrue();
    assertThat(matches(r, event("DestinationPort", 443L))).isFalse();
    assertThat(matches(r, event("DestinationPort", "0443"))).isTrue();
    assertThat(matches(r, event("DestinationPort", -1L))).isTrue();
    assertThat(matches(r, event("DestinationPort", Long.MAX_VALUE))).isTrue();
    assertThat(matches(r, event("DestinationPort", 3334L))).isFalse();
    assertThat(matches(r, event("DestinationPort", List.of(80L, 3333L)))).isTrue();
  }

  @Test
  void cidr_invalidNetwork_isLoadError() {
    assertThat(errors("sel:\n  DestinationIp|cidr: 10.0.0.0/40\ncondition: sel"))
        .singleElement()
        .asString()
        .contains("CIDR");
  }

  @Test
  void exists_trueAndFalse() {
    CompiledRules yes = detection("sel:\n  Token|exists: true\ncondition: sel");
    CompiledRules no = detection("sel:\n  Token|exists: false\ncondition: sel");
    assertThat(matches(yes, event("Token", null))).isTrue();
    assertThat(matches(yes, event("Other", "x"))).isFalse();
    assertThat(matches(no, event("Other", "x"))).isTrue();
    assertThat(matches(no, event("Token", ""))).isFalse();
  }

  @Test
  void numericComparisons() {
    String d = "sel:\n  DestinationPort|%s: 1024\ncondition: sel";
    assertThat(matches(detection(String.format(d, "lt")), event("DestinationPort", 1023L))).isTrue();
    assertThat(matches(detection(String.format(d, "lt")), event("DestinationPort", 1024L))).isFalse();
    assertThat(matches(detection(String.format(d, "lte")), event("DestinationPort", 1024L))).isTrue();
    assertThat(matches(detection(String.format(d, "gt")), event("DestinationPort", "3333"))).isTrue();
    assertThat(matches(detection(String.format(d, "gt")), event("DestinationPort", 1024L))).isFalse();
    assertThat(matches(detection(String.format(d, "gte")), event("DestinationPort", 1024.0))).isTrue();
    assertThat(matches(detection(String.format(d, "gte")), event("DestinationPort", "high"))).isFalse();
  }

  @Test
  void neq_valueDiffers() {
    CompiledRules r = detection("sel:\n  User|neq: root\ncondition: sel");
    assertThat(matches(r, event("User", "alice"))).isTrue();
    assertThat(matches(r, event("User", "Root"))).isFalse();
  }

  @Test
  void fieldref_comparesTwoFields() {
    CompiledRules eq = detection("sel:\n  User|fieldref: ParentUser\ncondition: sel");
    CompiledRules sw = detection("sel:\n  Path|fieldref|startswith: Home\ncondition: sel");
    assertThat(matches(eq, event("User", "Bob", "ParentUser", "bob"))).isTrue();
    assertThat(matches(eq, event("User", "bob", "ParentUser", "root"))).isFalse();
    assertThat(matches(eq, event("User", "bob"))).isFalse();
    assertThat(matches(sw, event("Path", "/home/bob/.ssh", "Home", "/home/bob"))).isTrue();
  }

  @Test
  void cased_isCaseSensitive() {
    CompiledRules r = detection("sel:\n  CommandLine|contains|cased: 'XMRig'\ncondition: sel");
    assertThat(matches(r, event("CommandLine", "run XMRig now"))).isTrue();
    assertThat(matches(r, event("CommandLine", "run xmrig now"))).isFalse();
  }

  @Test
  void timeModifiers_takePartOfDate() {
    CompiledRules hour = detection("sel:\n  EventTime|hour|gte: 22\ncondition: sel");
    CompiledRules month = detection("sel:\n  EventTime|month: 12\ncondition: sel");
    assertThat(matches(hour, event("EventTime", "2025-12-01T23:10:00Z"))).isTrue();
    assertThat(matches(hour, event("EventTime", "2025-12-01 08:10:00"))).isFalse();
    assertThat(matches(month, event("EventTime", "2025-12-01T23:10:00Z"))).isTrue();
    assertThat(matches(month, event("EventTime", "not a date"))).isFalse();
    assertThat(matches(detection("sel:\n  T|year: 2025\ncondition: sel"), event("T", 1735689600000L))).isTrue();
  }

  @Test
  void unknownModifier_isLoadError() {
    assertThat(errors("sel:\n  Image|sortof: x\ncondition: sel"))
        .singleElement()
        .asString()
        .contains("unknown value modifier 'sortof'");
  }
}
