package dev.minewarden.posture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs are recognised by content; bad ones are reported, never thrown. */
class InputDetectionTest {

  @Test
  void detect_byContentNotName(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.txt"), "{\"SecurityGroups\": []}");
    Files.writeString(dir.resolve("b.json"), "bind 0.0.0.0\nprotected-mode no\nappendonly yes\n");
    Files.writeString(dir.resolve("c.conf"), "PasswordAuthentication no\nKbdInteractiveAuthentication no\n");
    Files.writeString(dir.resolve("notes.md"), "# Notes\nThis folder holds exports.\n");
    Assessment a = PostureScan.builder().path(dir).build().run();
    assertThat(a.inputs()).anyMatch(i -> i.contains("a.txt (aws SecurityGroups)"))
        .anyMatch(i -> i.contains("b.json (redis)")).anyMatch(i -> i.contains("c.conf (sshd)"));
    assertThat(a.problems()).singleElement().satisfies(p -> {
      assertThat(p.fatal()).isFalse();
      assertThat(p.reason()).contains("1 file(s)");
    });
  }

  @Test
  void explicit_unrecognisedOrMalformedIsFatal() {
    Assessment a = Scans.of("notes.md", "just some words\nand more words\n",
        "broken.json", "{\"Reservations\": [\n{\"Instances\": [}\n",
        "blob.bin", "\u0000\u0001binary");
    assertThat(a.problems()).hasSize(3).allMatch(InputProblem::fatal);
    assertThat(a.problems()).anySatisfy(p -> {
      assertThat(p.source()).isEqualTo("broken.json");
      assertThat(p.line()).isEqualTo(2);
    });
    assertThat(a.hasFatalProblems()).isTrue();
  }

  @Test
  void missingFile_isFatalProblem(@TempDir Path dir) {
    Assessment a = PostureScan.builder().path(dir.resolve("absent.json")).build().run();
    assertThat(a.problems()).singleElement().satisfies(p -> assertThat(p.fatal()).isTrue());
  }

  @Test
  void recordsWithoutIds_areSkippedAndReported() {
    Assessment a = Scans.of("g.json", "{\"SecurityGroups\": [{\"GroupName\": \"no-id\"}, {\"GroupId\": \"sg-1\"}]}");
    assertThat(a.inventory()).containsEntry("securityGroups", 1);
    assertThat(a.problems()).singleElement().satisfies(p -> assertThat(p.fatal()).isFalse());
  }

  @Test
  void yaml_aliasBombIsNotExpanded() {
    StringBuilder y = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\na0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 60; i++) {
      y.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a").append(i - 1).append("]\n");
    }
    Assessment a = Scans.of("bomb.yaml", y.toString());
    // Jackson's YAML parser never expands aliases, so 2^60 nodes are never built.
    assertThat(a.problems()).isEmpty();
    assertThat(a.inputs()).singleElement().satisfies(i -> assertThat(i).contains("bomb.yaml"));
  }

  @Test
  void deeplyNestedJson_isReportedNotThrown() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    Assessment a = Scans.of("deep.json", deep);
    assertThat(a.problems()).singleElement().satisfies(p -> assertThat(p.fatal()).isTrue());
  }

  @Test
  void dpkgAndRpmLists_areRecognised() {
    Assessment a = Scans.of("status", "Package: activemq\nStatus: install ok installed\nVersion: 5.17.2+dfsg-2\n",
        "rpms", "openfire\t0:4.7.4-1\nbash\t5.1.8-6.el9\n");
    assertThat(a.inventory()).containsEntry("packages", 3);
    assertThat(a.findings()).extracting(Finding::cves).containsExactlyInAnyOrder(
        java.util.List.of("CVE-2023-46604"), java.util.List.of("CVE-2023-32315"));
  }

  @Test
  void bytesOfEveryInputKind_neverThrow() {
    String[] samples = {"{", "[]", "{}", "null", "apiVersion: v1\nkind: List\nitems: 5\n", "Package: x\n",
        "{\"Reservations\": 5}", "{\"resource_changes\": [{\"change\": {\"after\": 3}}]}", "{\"hosts\": \"tcp://x\"}",
        new String(new byte[] {(byte) 0xff, (byte) 0xfe, 0x41}, StandardCharsets.ISO_8859_1)};
    for (String s : samples) {
      Assessment a = Scans.of("x", s);
      assertThat(a).isNotNull();
    }
  }
}
