package dev.minewarden.host.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  @TempDir Path tmp;
  private AuditLog log;

  @BeforeEach
  void fill() throws Exception {
    log = new AuditLog(tmp.resolve("audit.log"));
    for (int i = 1; i <= 4; i++) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("run", "r1");
      e.put("id", "r1." + i);
      e.put("action", "remove-persistence");
      e.put("target", "/var/spool/cron/crontabs/root");
      e.put("message", "removed line " + i + " \"quoted\" \u001b[31m");
      log.append(e);
    }
  }

  private List<String> lines() throws Exception {
    return new ArrayList<>(Files.readAllLines(log.file(), StandardCharsets.UTF_8));
  }

  private void write(List<String> lines) throws Exception {
    Files.write(log.file(), lines, StandardCharsets.UTF_8);
  }

  @Test
  void verify_intactChain() throws Exception {
    AuditLog.Verification v = log.verify();

    assertThat(v.ok()).isTrue();
    assertThat(v.entries()).isEqualTo(4);
    List<Map<String, Object>> entries = log.entries();
    assertThat(entries.get(0)).containsEntry("seq", 1).containsEntry("prev", AuditLog.GENESIS);
    assertThat(entries.get(1).get("prev")).isEqualTo(entries.get(0).get("hash"));
    assertThat(v.head()).isEqualTo(entries.get(3).get("hash"));
  }

  @Test
  void verify_editedEntryDetected() throws Exception {
    List<String> lines = lines();
    lines.set(2, lines.get(2).replace("removed line 3", "removed line 9"));
    write(lines);

    AuditLog.Verification v = log.verify();

    assertThat(v.ok()).isFalse();
    assertThat(v.badLine()).isEqualTo(3);
    assertThat(v.reason()).contains("edited");
  }

  @Test
  void verify_editedEntryWithRecomputedOwnHashBreaksTheNextLink() throws Exception {
    // An editor who recomputes the edited line's own hash still breaks the next line's prev.
    List<String> lines = lines();
    String edited = lines.get(1).replace("removed line 2", "removed line 7");
    String prev = (String) log.entries().get(0).get("hash");
    int at = edited.lastIndexOf(",\"hash\":\"");
    String body = edited.substring(0, at) + "}";
    lines.set(1, body.substring(0, body.length() - 1) + ",\"hash\":\"" + Hashing.sha256(prev + "\n" + body) + "\"}");
    write(lines);

    AuditLog.Verification v = log.verify();

    assertThat(v.ok()).isFalse();
    assertThat(v.badLine()).isEqualTo(3);
    assertThat(v.reason()).contains("prev does not match");
  }

  @Test
  void verify_removedAndReorderedLinesDetected() throws Exception {
    List<String> lines = lines();
    lines.remove(1);
    write(lines);
    assertThat(log.verify().badLine()).isEqualTo(2);

    lines = lines();
    String first = lines.remove(0);
    lines.add(1, first);
    write(lines);
    assertThat(log.verify().ok()).isFalse();
    assertThat(log.verify().badLine()).isEqualTo(1);
  }

  @Test
  void undo_refusesABrokenLog() throws Exception {
    List<String> lines = lines();
    lines.set(0, lines.get(0).replace("crontabs/root", "crontabs/eve"));
    write(lines);

    assertThatThrownBy(() -> new Undo(log).undo("r1")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("line 1");
  }

  @Test
  void append_continuesTheChainAfterReopening() throws Exception {
    new AuditLog(log.file()).append(Map.of("run", "r2", "id", "r2.1", "action", "undo"));

    assertThat(log.verify().ok()).isTrue();
    assertThat(log.entries()).hasSize(5).last().satisfies(e -> assertThat(e).containsEntry("seq", 5));
  }
}
