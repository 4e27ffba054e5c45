package dev.minewarden.core.intel;

import java.util.Objects;

/**
 * Where intel came from and under which licence.
 *
 * @param key short key indicators refer to ({@code maltrail})
 * @param licence SPDX-like licence id ({@code MIT}, {@code DRL-1.1}), or {@code unknown}
 * @param attribution who to credit, as the licence asks; shown with matches
 */
public record IntelSource(String key, String licence, String attribution) {
  /** Checks the parts. */
  public IntelSource {
    Objects.requireNonNull(key, "key");
    licence = licence == null ? "unknown" : licence;
    attribution = attribution == null ? "" : attribution;
  }

  /**
   * Whether the licence asks that output showing a match names the authors (the Detection Rule
   * License: "messages based on matches with the Rules must retain ... identification of the
   * authors").
   */
  public boolean attributionWithMatches() {
    return licence.startsWith("DRL");
  }
}
