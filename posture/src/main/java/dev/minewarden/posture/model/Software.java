package dev.minewarden.posture.model;

import dev.minewarden.posture.Reachability;
import java.util.Objects;

/**
 * An installed package or a container image with its version.
 *
 * @param assetId the host or workload it runs on
 * @param assetType the kind of that asset
 * @param name the package name ({@code jenkins}, {@code libc6}) or image repository
 *     ({@code jenkins/jenkins})
 * @param version the version as written (a dpkg/rpm version or an image tag)
 * @param ecosystem {@code deb}, {@code rpm} or {@code image}
 * @param reachability how reachable the asset is, as far as known
 * @param source the input it came from
 */
public record Software(
    String assetId,
    String assetType,
    String name,
    String version,
    String ecosystem,
    Reachability reachability,
    String source) {

  /** Checks the parts. */
  public Software {
    Objects.requireNonNull(assetId, "assetId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(ecosystem, "ecosystem");
    Objects.requireNonNull(reachability, "reachability");
  }
}
