package dev.minewarden.posture.model;

/**
 * An instance's metadata-service options ({@code MetadataOptions}).
 *
 * @param httpEndpoint {@code enabled} or {@code disabled}
 * @param httpTokens {@code optional} (IMDSv1 allowed) or {@code required}
 * @param hopLimit {@code HttpPutResponseHopLimit}, 1..64 (1 when unknown)
 */
public record ImdsOptions(String httpEndpoint, String httpTokens, int hopLimit) {

  /** True when the metadata endpoint answers IMDSv1 requests. */
  public boolean allowsV1() {
    return !"disabled".equalsIgnoreCase(httpEndpoint) && !"required".equalsIgnoreCase(httpTokens);
  }
}
