package dev.minewarden.posture;

import dev.minewarden.core.rules.Severity;
import java.util.Objects;

/**
 * The risk of one asset: a score from 0 (nothing found) to 100, its worst finding and how many
 * findings touch it.
 *
 * @param assetId the asset's identifier (instance id, security group id, host name, file...)
 * @param assetType the kind of asset ({@code aws-ec2-instance}, {@code host}, ...)
 * @param score 0..100, higher is riskier
 * @param worst the highest severity among its findings
 * @param findings how many findings name this asset or list it as affected
 */
public record AssetRisk(String assetId, String assetType, int score, Severity worst, int findings) {

  /** Checks the parts. */
  public AssetRisk {
    Objects.requireNonNull(assetId, "assetId");
    Objects.requireNonNull(assetType, "assetType");
    Objects.requireNonNull(worst, "worst");
  }
}
